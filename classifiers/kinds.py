"""Which (topic, paper) makes which kind: data, so a new kind is a row plus its examples.

The learned model judges separately what a page is ABOUT (its topic) and what KIND OF PAPER it
is; a kind is one pair. Everything else (a TB leaflet, a referral form, a certificate of conduct,
an ID card, a letter about the passport) is `other`, whatever it mentions.

The kinds come in two stages, each its own learned model. The first kinds (passport, antecedents,
TB declaration) are decided as before by `model/kinds.json`; the family documents a dependant
needs (issue 13) by a second, small model (`model/family.json`) that is consulted only for a file
the first stage calls `other` with confidence, so that adding a family kind can never move a
verdict on the first kinds (`classifiers.classify.verdict`).
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.types import Kind


@dataclass(frozen=True, slots=True)
class KindRule:
    kind: Kind
    topic: str
    paper: str
    description: str
    form: bool  # a form the person fills in and signs: blank ones never count
    # A subject concept (classifiers.features.CONCEPTS) the page must name to be this kind: a
    # form with no word about tuberculosis at all is not placed as the TB declaration. Several,
    # separated by "|": any one of them will do.
    needs: str = ""
    stage: str = "first"  # which model decides it: "first" or "family"


KIND_RULES: tuple[KindRule, ...] = (
    KindRule(Kind.PASSPORT, "identity", "passport_page",
             "the data page of a passport (a validated TD3 MRZ is decisive)", form=False),
    KindRule(Kind.ANTECEDENTS, "antecedents", "form",
             "the antecedents form: questions on criminal history, filled in and signed",
             form=True, needs="c:crime"),
    KindRule(Kind.TB_DECLARATION, "tb", "form",
             "the TB declaration: a signed statement of intent to undergo a TB test", form=True,
             needs="c:tb"),
    KindRule(Kind.MARRIAGE_CERTIFICATE, "marriage", "certificate",
             "a marriage certificate: a civil-registry or church record, extract or certified "
             "copy (also a multilingual extract, apostilled or translated) of two people's "
             "marriage", form=False, needs="c:marriage|c:registry", stage="family"),
    KindRule(Kind.PARTNERSHIP_CERTIFICATE, "partnership", "certificate",
             "a certificate of registered partnership or civil union, issued by a registry",
             form=False, needs="c:partnership|c:relation|c:registry",
             stage="family"),
    KindRule(Kind.BIRTH_CERTIFICATE, "birth", "certificate",
             "a birth certificate: the registry's record of a child's birth naming the parents",
             form=False, needs="c:birth|c:parent|c:child|c:registry",
             stage="family"),
    KindRule(Kind.UNMARRIED_STATUS, "civil_status", "certificate",
             "proof of unmarried status: an issued certificate that a person is single, not "
             "married and not a registered partner (no impediment to marry)", form=False,
             needs="c:unmarried|c:not_marriage|c:marriage|c:registry",
             stage="family"),
    KindRule(Kind.RELATIONSHIP_DECLARATION, "relationship", "form",
             "the declaration of a long-term and exclusive relationship, filled in and signed "
             "by the partners", form=True,
             needs="c:relation|c:partnership|c:unmarried|c:marriage",
             stage="family"),
    KindRule(Kind.PARENTAL_CONSENT, "parental_consent", "form",
             "the consent of the parent who stays behind for a child to live in the "
             "Netherlands, filled in and signed", form=True, needs="c:consent|c:parent|c:child",
             stage="family"),
)
STAGES: tuple[str, ...] = ("first", "family")

# How HR reads a topic or a paper in a reason.
TOPIC_NAMES: dict[str, str] = {
    "tb": "about tuberculosis", "antecedents": "about criminal antecedents",
    "identity": "an identity document", "other": "about something else",
    "marriage": "about a marriage", "partnership": "about a registered partnership",
    "birth": "about a birth", "civil_status": "about being unmarried (civil status)",
    "relationship": "about a relationship between partners",
    "parental_consent": "about a parent's consent for a child",
}
PAPER_NAMES: dict[str, str] = {
    "form": "a form to fill in and sign", "referral": "a referral form",
    "leaflet": "an information leaflet or web page", "invitation": "an invitation or appointment",
    "certificate": "an issued certificate", "letter": "a letter or e-mail",
    "passport_page": "a passport data page", "id_card": "an ID card, permit or visa",
    "other_doc": "another kind of paper",
}

FORM_KINDS: tuple[Kind, ...] = tuple(rule.kind for rule in KIND_RULES if rule.form)
WANTED: tuple[Kind, ...] = tuple(rule.kind for rule in KIND_RULES)


def stage_rules(stage: str) -> tuple[KindRule, ...]:
    return tuple(rule for rule in KIND_RULES if rule.stage == stage)


FIRST_KINDS: tuple[Kind, ...] = tuple(rule.kind for rule in stage_rules("first"))
FAMILY_KINDS: tuple[Kind, ...] = tuple(rule.kind for rule in stage_rules("family"))


def supported(rule: KindRule, concepts: frozenset[str]) -> bool:
    """Does a page naming `concepts` name what the rule needs?"""
    return not rule.needs or any(need in concepts for need in rule.needs.split("|"))


def rule_for(kind: Kind) -> KindRule | None:
    return next((rule for rule in KIND_RULES if rule.kind is kind), None)


__all__ = ["FAMILY_KINDS", "FIRST_KINDS", "FORM_KINDS", "KIND_RULES", "PAPER_NAMES", "STAGES",
           "TOPIC_NAMES", "WANTED", "KindRule", "rule_for", "stage_rules", "supported"]
