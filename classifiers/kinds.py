"""Which (topic, paper) makes which kind: data, so a new kind is a row plus its examples.

The learned model judges separately what a page is ABOUT (its topic) and what KIND OF PAPER it
is; a kind is one pair. Everything else (a TB leaflet, a referral form, a certificate of conduct,
an ID card, a letter about the passport) is `other`, whatever it mentions.
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
    # form with no word about tuberculosis at all is not placed as the TB declaration.
    needs: str = ""


KIND_RULES: tuple[KindRule, ...] = (
    KindRule(Kind.PASSPORT, "identity", "passport_page",
             "the data page of a passport (a validated TD3 MRZ is decisive)", form=False),
    KindRule(Kind.ANTECEDENTS, "antecedents", "form",
             "the antecedents form: questions on criminal history, filled in and signed",
             form=True, needs="c:crime"),
    KindRule(Kind.TB_DECLARATION, "tb", "form",
             "the TB declaration: a signed statement of intent to undergo a TB test", form=True,
             needs="c:tb"),
)

# How HR reads a topic or a paper in a reason.
TOPIC_NAMES: dict[str, str] = {
    "tb": "about tuberculosis", "antecedents": "about criminal antecedents",
    "identity": "an identity document", "other": "about something else",
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


def rule_for(kind: Kind) -> KindRule | None:
    return next((rule for rule in KIND_RULES if rule.kind is kind), None)


__all__ = ["FORM_KINDS", "KIND_RULES", "PAPER_NAMES", "TOPIC_NAMES", "WANTED", "KindRule",
           "rule_for"]
