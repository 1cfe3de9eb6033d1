"""A family's checklist: one checklist per person of the case, and who each document is of.

Pure: the checklist is a function of (persons, documents, rules, check date). The rules are
data HR can edit (`family.toml`, with its source and date). A case with the candidate alone
gets exactly the candidate's checklist of before (`rules.REQUIREMENTS`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from classifiers.people import name_key
from classifiers.types import Kind
from mailbot.checklist.rules import (
    REQUIREMENTS,
    Checklist,
    DocumentFact,
    PassportFacts,
    PassportRequirement,
    Requirement,
    SignedFormRequirement,
    TbDeclarationRequirement,
    evaluate,
    with_review,
)
from mailbot.checklist.tb_exempt import TbExemptList
from mailbot.errors import ConfigError

BUNDLED = Path(__file__).with_name("family.toml")

CANDIDATE = "candidate"
SPOUSE = "spouse"
PARTNER = "partner"
CHILD = "child"
RELATIONS = (CANDIDATE, SPOUSE, PARTNER, CHILD)
DEPENDANT_RELATIONS = (SPOUSE, PARTNER, CHILD)
PARTNERSHIPS = ("marriage", "registered", "unmarried")
# The partnership a spouse or partner has when HR did not say.
DEFAULT_PARTNERSHIP = {SPOUSE: "marriage", PARTNER: "unmarried"}
FAMILY_KINDS = (Kind.MARRIAGE_CERTIFICATE, Kind.PARTNERSHIP_CERTIFICATE, Kind.BIRTH_CERTIFICATE,
                Kind.UNMARRIED_STATUS, Kind.RELATIONSHIP_DECLARATION, Kind.PARENTAL_CONSENT)


@dataclass(frozen=True)
class RelationDocumentRule:
    relations: tuple[str, ...]
    item: Kind
    holder: str                            # "dependant" or "candidate": whose document it is
    description: str
    partnerships: tuple[str, ...] = ()     # empty: any
    accepts: tuple[Kind, ...] = ()         # other kinds that meet the item
    when: str = ""                         # a flag of the dependant: "other_parent_stays"

    def applies_to(self, person: PersonFacts) -> bool:
        if person.relation not in self.relations or not person.confirmed:
            return False
        if self.partnerships and person.partnership_or_default not in self.partnerships:
            return False
        return not (self.when == "other_parent_stays" and not person.other_parent_stays)


@dataclass(frozen=True)
class FamilyRules:
    antecedents_from_age: int
    adult_from_age: int
    relation_documents: tuple[RelationDocumentRule, ...]
    source: str = ""
    as_of: str = ""


def load_family_rules(path: Path | None = None) -> FamilyRules:
    path = path or BUNDLED
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rules = tuple(
            RelationDocumentRule(
                relations=tuple(_one_of(r, RELATIONS) for r in row["relations"]),
                item=Kind(row["item"]), holder=_one_of(row["holder"], ("dependant", CANDIDATE)),
                description=str(row["description"]),
                partnerships=tuple(_one_of(p, PARTNERSHIPS) for p in row.get("partnerships", [])),
                accepts=tuple(Kind(kind) for kind in row.get("accepts", [])),
                when=_one_of(row.get("when", ""), ("", "other_parent_stays")),
            )
            for row in data.get("relation_documents", [])
        )
        return FamilyRules(antecedents_from_age=int(data["antecedents_from_age"]),
                           adult_from_age=int(data["adult_from_age"]), relation_documents=rules,
                           source=str(data.get("source", "")), as_of=str(data.get("as_of", "")))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"MAILBOT_FAMILY_RULES_FILE: cannot use {path}: {exc}") from exc


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(repr(a) for a in allowed)}")
    return value


@dataclass(frozen=True)
class PersonFacts:
    """One person of the case as the rules see it (the store's `Person` row)."""

    person_id: int | None
    relation: str | None          # None: proposed by a passport, HR has not said yet
    name: str = ""
    birth_date: date | None = None      # declared by HR
    nationality: str | None = None      # declared by HR
    other_parent_stays: bool = False
    partnership: str | None = None
    confirmed: bool = True

    @property
    def is_candidate(self) -> bool:
        return self.relation == CANDIDATE

    @property
    def partnership_or_default(self) -> str | None:
        return self.partnership or DEFAULT_PARTNERSHIP.get(self.relation or "")


def age_on(birth_date: date, day: date) -> int:
    """Completed years on `day` (a birthday on the day counts)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month,
                                                                    birth_date.day))


@dataclass(frozen=True)
class PersonChecklist:
    person: PersonFacts
    checklist: Checklist
    birth_date: date | None       # the passport's, else the declared one
    age: int | None               # on the check date
    name: str                     # the declared name, else the passport's
    sex: str = ""                 # the passport's: F, M or ""
    tb_signed_by_parent: bool = False   # a minor: a parent completes the TB declaration

    @property
    def complete(self) -> bool:
        return self.checklist.complete


@dataclass(frozen=True)
class FamilyChecklist:
    persons: tuple[PersonChecklist, ...]
    # Files whose person could not be told: HR says whose (`review accept --person`).
    unplaced: tuple[DocumentFact, ...] = ()

    @property
    def candidate(self) -> PersonChecklist:
        return next(p for p in self.persons if p.person.is_candidate)

    @property
    def dependants(self) -> tuple[PersonChecklist, ...]:
        return tuple(p for p in self.persons if not p.person.is_candidate)

    @property
    def complete(self) -> bool:
        """Every confirmed person complete; a proposed one waits for HR to say who it is."""
        return not self.unplaced and all(p.complete for p in self.persons
                                         if p.person.confirmed)

    @property
    def has_dependants(self) -> bool:
        return bool(self.dependants)

    @property
    def missing(self) -> list[Kind]:
        """The candidate's own (the case row and the scripts of before read these)."""
        return self.candidate.checklist.missing

    @property
    def in_review(self) -> list[Kind]:
        return self.candidate.checklist.in_review

    @property
    def reviewing(self) -> tuple[DocumentFact, ...]:
        """Every file HR is checking by hand, of any person."""
        return (*self.unplaced,
                *(doc for p in self.persons for doc in p.checklist.reviewing))

    @property
    def standing(self) -> tuple[object, ...]:
        """What the candidate was told about the family's application (see
        `Checklist.standing`): each person's, and who is confirmed."""
        return (tuple(doc.document_id for doc in self.unplaced),
                *((p.person.person_id, p.person.relation, p.person.confirmed,
                   p.checklist.standing) for p in self.persons))


def unplaced(documents: list[DocumentFact], persons: list[PersonFacts]) -> list[DocumentFact]:
    """In a family, the files whose person could not be told, waiting for HR to say."""
    if all(person.is_candidate for person in persons):
        return []
    return [doc for doc in documents if doc.person_id is None and doc.waits_for_review]


def documents_of_person(documents: list[DocumentFact], person: PersonFacts,
                        persons: list[PersonFacts]) -> list[DocumentFact]:
    """A person's documents; those of no person told are the candidate's (a case of the
    candidate alone never tells), except a family's files waiting for HR to say whose."""
    if person.is_candidate:
        waiting = {id(doc) for doc in unplaced(documents, persons)}
        return [doc for doc in documents if id(doc) not in waiting
                and (doc.person_id is None or doc.person_id == person.person_id)]
    return [doc for doc in documents if doc.person_id == person.person_id]


def requirements_for(person: PersonFacts, family: list[PersonFacts], age: int | None,
                     rules: FamilyRules) -> tuple[Requirement, ...]:
    relation_items = _relation_items(person, family, rules)
    if person.is_candidate:
        return (*REQUIREMENTS, *relation_items)
    if age is not None:
        antecedents: bool | None = age >= rules.antecedents_from_age
    else:  # an adult relation is above 12; a child or a proposed person: not known yet
        antecedents = True if person.relation in (SPOUSE, PARTNER) else None
    return (
        PassportRequirement(),
        SignedFormRequirement(
            Kind.ANTECEDENTS,
            f"the antecedents certificate, filled in and signed (everyone aged "
            f"{rules.antecedents_from_age} or older fills one in)", needed=antecedents),
        TbDeclarationRequirement(),
        *relation_items,
    )


def _relation_items(person: PersonFacts, family: list[PersonFacts],
                    rules: FamilyRules) -> tuple[Requirement, ...]:
    if person.is_candidate:
        wanted = [rule for rule in rules.relation_documents if rule.holder == CANDIDATE
                  and any(rule.applies_to(other) for other in family)]
    else:
        wanted = [rule for rule in rules.relation_documents
                  if rule.holder == "dependant" and rule.applies_to(person)]
    items: dict[Kind, Requirement] = {}
    for rule in wanted:  # one item per kind, even with two partners' rules asking for it
        items.setdefault(rule.item, SignedFormRequirement(rule.item, rule.description,
                                                          accepts=rule.accepts))
    return tuple(items.values())


def evaluate_family(persons: list[PersonFacts], documents: list[DocumentFact],
                    tb_list: TbExemptList, rules: FamilyRules, today: date,
                    ) -> FamilyChecklist:
    if not any(person.is_candidate for person in persons):
        persons = [PersonFacts(None, CANDIDATE), *persons]
    waiting = tuple(unplaced(documents, persons))
    owned = [documents_of_person(documents, person, persons) for person in persons]
    passports = [_newest_passport(own) for own in owned]
    known_as = [[name for name in (person.name, passport.full_name if passport else "") if name]
                for person, passport in zip(persons, passports, strict=True)]
    results = []
    for person, own, passport, names in zip(persons, owned, passports, known_as, strict=True):
        birth = (passport.birth_date if passport and passport.birth_date else
                 person.birth_date)
        age = age_on(birth, today) if birth else None
        checklist = evaluate(own, tb_list, requirements_for(person, persons, age, rules),
                             declared_nationality=person.nationality)
        # A file HR has yet to place may be this person's: their item is being checked, not
        # missing (the reply names the file and says a colleague decides whose it is).
        maybe = tuple(doc for doc in waiting if _may_be_of(doc, names, known_as))
        checklist = replace(checklist, items=tuple(with_review(item, maybe)
                                                   for item in checklist.items))
        name = person.name or (passport.full_name if passport else "")
        results.append(PersonChecklist(
            person=person, checklist=checklist, birth_date=birth, age=age, name=name,
            sex=passport.sex if passport else "",
            tb_signed_by_parent=age is not None and age < rules.adult_from_age))
    return FamilyChecklist(tuple(results), waiting)


def _may_be_of(doc: DocumentFact, own: list[str], everyone: list[list[str]]) -> bool:
    """Whether an unplaced file could be this person's (`own`: the names they are known by):
    it names them, or nobody of the family (a form filled in for the daughter is not the
    father's)."""
    if any(names_match(written, known) for written in doc.named for known in own):
        return True
    return not any(names_match(written, known) for written in doc.named
                   for names in everyone for known in names)


def _newest_passport(documents: list[DocumentFact]) -> PassportFacts | None:
    readable = [doc.passport for doc in sorted(documents, key=lambda d: d.received_at)
                if doc.kind == Kind.PASSPORT and doc.passport is not None
                and doc.passport.checks_ok and not doc.held and doc.rejected_reason is None]
    return readable[-1] if readable else None


# ---------------------------------------------------------------- who is who


@dataclass(frozen=True)
class Identity:
    """What is known of who a person is: the names and birth dates from their passports and
    from what HR declared."""

    person_id: int | None
    relation: str | None
    names: tuple[str, ...] = ()
    birth_dates: tuple[date, ...] = ()
    has_passport: bool = False


@dataclass(frozen=True)
class Assignment:
    person_id: int | None = None      # whose document it is
    propose: bool = False             # a passport of someone new: open a proposed dependant
    undecided: bool = False           # cannot be told: HR decides, it counts for no one
    reason: str = ""


def names_match(one: str, other: str) -> bool:
    """The same name, allowing for one being the shorter form of the other ("ANA" for
    "ANA MARIA SANTOS" as HR may type a child's name)."""
    first, second = name_key(one), name_key(other)
    return bool(first and second) and (first <= second or second <= first)


def _is(identity: Identity, name: str, birth_date: date | None) -> bool:
    if birth_date is not None and identity.birth_dates and birth_date not in identity.birth_dates:
        return False
    return any(names_match(known, name) for known in identity.names)


def _by_birth_and_a_name(family: list[Identity], name: str,
                         birth_date: date | None) -> list[Identity]:
    """A spouse declared by her married name whose passport bears her birth name: the same
    birth date and a name in common, when that fits exactly one person."""
    if birth_date is None:
        return []
    found = [who for who in family if birth_date in who.birth_dates
             and any(name_key(known) & name_key(name) for known in who.names)]
    return found if len(found) == 1 else []


@dataclass(frozen=True)
class Mention:
    """A person a document names (classifiers `PersonMention`): name, role, birth date."""

    name: str
    role: str
    birth_date: date | None = None


# Whom of the persons a document names is the one it is of, by the role it names them in.
_SUBJECT_ROLES: dict[Kind, tuple[str, ...]] = {
    Kind.ANTECEDENTS: ("holder",),
    Kind.TB_DECLARATION: ("holder",),
    Kind.UNMARRIED_STATUS: ("holder",),
    Kind.BIRTH_CERTIFICATE: ("child", "holder"),
    Kind.PARENTAL_CONSENT: ("child",),
    Kind.MARRIAGE_CERTIFICATE: ("spouse", "partner"),
    Kind.PARTNERSHIP_CERTIFICATE: ("spouse", "partner"),
    Kind.RELATIONSHIP_DECLARATION: ("spouse", "partner"),
}


def _by_mentions(kind: Kind, mentions: tuple[Mention, ...],
                 family: list[Identity]) -> Assignment | None:
    """The person the document names in its subject's role; None: it names nobody so."""
    named = [m for m in mentions if m.role in _SUBJECT_ROLES.get(kind, ())]
    if not named:
        return None
    matching = {who.person_id: who for m in named for who in family
                if _is(who, m.name, m.birth_date)}
    if kind in (Kind.MARRIAGE_CERTIFICATE, Kind.PARTNERSHIP_CERTIFICATE,
                Kind.RELATIONSHIP_DECLARATION):  # of the dependant party, not the candidate
        matching = {pid: who for pid, who in matching.items() if who.relation != CANDIDATE}
    if kind == Kind.BIRTH_CERTIFICATE:
        parents = [m for m in mentions if m.role == "parent"]
        adults = [who for who in family if who.relation in (CANDIDATE, SPOUSE, PARTNER)]
        if parents and not any(_is(who, m.name, m.birth_date) for m in parents
                               for who in adults):
            return Assignment(undecided=True, reason="the birth certificate names neither the "
                                                     "candidate nor the partner as a parent")
    if len(matching) == 1:
        (who,) = matching.values()
        return Assignment(who.person_id, reason="the name written on it")
    if not matching:
        return Assignment(undecided=True, reason="the name written on it is no person's of "
                                                 "the case (or not as their passport has it)")
    return Assignment(undecided=True, reason="the name written on it fits more than one")


def assign(kind: Kind, passport_name: str, passport_birth: date | None,
           family: list[Identity], mentions: tuple[Mention, ...] = (),
           today: date | None = None, adult_from_age: int = 18) -> Assignment:
    """Whose document it is, by evidence, never by order.

    A passport by its MRZ name and birth date; one of nobody known opens a proposed
    dependant, except the first passport of a candidate without one (the case of before),
    unless it is a minor's on `today` (a child is never the candidate). A
    form or certificate in a case of the candidate alone is the candidate's; in a family by
    the name (and birth date) written on it where the reader found one (`mentions`), else
    only where one person can be meant (a marriage certificate with one spouse); otherwise
    HR decides.
    """
    candidate = next((who for who in family if who.relation == CANDIDATE), None)
    dependants = [who for who in family if who.relation != CANDIDATE]
    candidate_id = candidate.person_id if candidate else None
    if kind == Kind.PASSPORT:
        if not passport_name:  # unread: no evidence of whose it is
            if not dependants:
                return Assignment(candidate_id, reason="the candidate's: no dependants")
            return Assignment(undecided=True, reason="passport unread: whose cannot be told")
        matching = [who for who in family if _is(who, passport_name, passport_birth)]
        if not matching:
            matching = _by_birth_and_a_name(family, passport_name, passport_birth)
        if len(matching) > 1:  # prefer who is known by the birth date too
            by_birth = [who for who in matching
                        if passport_birth is not None and passport_birth in who.birth_dates]
            matching = by_birth if len(by_birth) == 1 else matching
        if len(matching) == 1:
            return Assignment(matching[0].person_id, reason="name and birth date match")
        if matching:
            return Assignment(undecided=True, reason="the name fits more than one person")
        # The highly skilled migrant is an adult: a minor's passport is a child's, also when
        # it is the first passport of the case (a child's sent before the candidate's own).
        minor = (today is not None and passport_birth is not None
                 and age_on(passport_birth, today) < adult_from_age)
        if not minor and (candidate is None or (not candidate.has_passport and (
                not dependants or not candidate.names
                or any(name_key(known) & name_key(passport_name)
                       for known in candidate.names)))):
            # The case of before: the first passport is the candidate's. In a family, only
            # when it does not plainly name someone else than the candidate's known name.
            return Assignment(candidate_id, reason="the candidate's first passport")
        return Assignment(propose=True, reason="a passport of someone not yet of the case")
    if kind == Kind.OTHER or not dependants:
        return Assignment(candidate_id, reason="the candidate's: no dependants")
    # A form by the name and birth date written on it, a certificate by the names it
    # contains; a mismatch with the person's passport goes to HR, never to someone else.
    found = _by_mentions(kind, mentions, family)
    if found is not None:
        return found
    holders = [who for who in dependants if who.relation in _HOLDERS.get(kind, ())]
    if len(holders) == 1:
        return Assignment(holders[0].person_id, reason=f"the only {holders[0].relation}")
    return Assignment(undecided=True, reason="which person of the family cannot be told")


# Which dependant a relation document can be of (the unmarried status may also be the
# candidate's own: never told by the kind alone).
_HOLDERS: dict[Kind, tuple[str, ...]] = {
    Kind.MARRIAGE_CERTIFICATE: (SPOUSE, PARTNER),
    Kind.PARTNERSHIP_CERTIFICATE: (SPOUSE, PARTNER),
    Kind.RELATIONSHIP_DECLARATION: (SPOUSE, PARTNER),
    Kind.BIRTH_CERTIFICATE: (CHILD,),
    Kind.PARENTAL_CONSENT: (CHILD,),
}
