"""The HSM checklist as tiny pure rules (one class per requirement, Mailman style).

A rule sees every document of the case, oldest first, and decides whether its requirement is met,
by which document, and what is wrong. Adding a requirement (a dependant's passport, a contract)
means adding one class to `REQUIREMENTS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

from classifiers.types import Kind
from mailbot.checklist.tb_exempt import TbExemptList


@dataclass(frozen=True)
class PassportFacts:
    surname: str
    given_names: str
    nationality: str
    expiry_date: date | None
    checks_ok: bool
    # The reader's word that the reading can be decided on (classifiers PassportData.confirmed).
    # None: not recorded (documents read before the reader said so): the check digits decide.
    confirmed: bool | None = None
    birth_date: date | None = None   # whose passport it is (with the name) and how old they are
    sex: str = ""                    # as the MRZ prints it: F, M or <
    # The reader's verdict per field (classifiers PassportData.trust); None: not recorded, the
    # reading's `confirmed` decides. A number the check digits cannot settle (O or 0) leaves
    # the nationality and the expiry trusted when their own evidence confirms them.
    nationality_trusted: bool | None = None
    expiry_trusted: bool | None = None
    # Why fields no rule decides on (the document number, the names) are not trusted: for HR,
    # never for the candidate, never holding the value itself.
    hr_notes: tuple[str, ...] = ()

    @property
    def nationality_known(self) -> bool:
        """Never decide on a guess: the nationality counts only from a trusted reading."""
        if self.nationality_trusted is not None:
            return self.nationality_trusted
        return self.checks_ok and self.confirmed is not False

    @property
    def expiry_known(self) -> bool:
        """The expiry counts only when its own check digit and the composite confirm it."""
        return self.expiry_date is not None and self.expiry_trusted is not False

    @property
    def expiry_decidable(self) -> bool:
        """The 12 months' validity can be decided on this reading: every check passes, or the
        reader trusts the expiry on its own evidence though another field's check failed (a
        misread document number says nothing about the expiry's digits)."""
        return self.expiry_known and (self.checks_ok or self.expiry_trusted is True)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surname) if part)


@dataclass(frozen=True)
class DocumentFact:
    """What the rules see of one stored document."""

    kind: Kind  # what it counts as: HR's word when HR accepted it, else the classifier's
    filename: str
    received_at: datetime
    confidence: float = 1.0
    filled: bool | None = None
    error: str | None = None
    error_detail: str = ""
    passport: PassportFacts | None = None
    held: bool = False
    document_id: int | None = None   # the stored document this fact describes
    review: bool = False             # the classifier was unsure and HR has not decided yet
    accepted_by_hr: bool = False     # HR checked it by hand: it counts as `kind`
    rejected_reason: str | None = None  # HR checked it by hand and it does not count: why
    person_id: int | None = None     # whose it is; None: not told (the candidate's)
    named: tuple[str, ...] = ()      # the names written on it (classifiers.people)

    @property
    def waits_for_review(self) -> bool:
        return self.review and not self.held and self.error is None


@dataclass(frozen=True)
class Problem:
    code: str          # stable machine code, e.g. passport_expired
    detail: str = ""   # the specific fact, e.g. the expiry date or the filename
    filename: str = ""


@dataclass(frozen=True)
class ItemStatus:
    requirement: Kind                # the kind of document that meets it
    needed: bool | None              # None: not known yet (TB before the nationality is known)
    satisfied_by: DocumentFact | None = None
    problems: tuple[Problem, ...] = ()
    # Documents HR is checking by hand whose best guess is this requirement.
    reviewing: tuple[DocumentFact, ...] = ()

    @property
    def satisfied(self) -> bool:
        return self.satisfied_by is not None

    @property
    def in_review(self) -> bool:
        """Only a document waiting for HR could meet it: neither missing nor met yet."""
        return self.needed is not False and not self.satisfied and bool(self.reviewing)

    @property
    def missing(self) -> bool:
        return self.needed is not False and not self.satisfied and not self.reviewing


@dataclass(frozen=True)
class CaseFacts:
    """Facts the rules share, derived once from the documents."""

    nationality: str | None
    tb_exempt: bool | None
    passport: PassportFacts | None


@dataclass(frozen=True)
class Checklist:
    items: tuple[ItemStatus, ...]
    facts: CaseFacts
    unreadable: tuple[Problem, ...] = field(default=())
    # Every document HR is checking by hand, also those whose best guess is no requirement.
    reviewing: tuple[DocumentFact, ...] = field(default=())
    rejected: tuple[Problem, ...] = field(default=())  # files HR checked and did not accept

    @property
    def complete(self) -> bool:
        """Never while HR is still checking a file: its outcome may change the answer."""
        return not self.reviewing and not any(item.missing for item in self.items)

    @property
    def missing(self) -> list[Kind]:
        return [item.requirement for item in self.items if item.missing]

    @property
    def in_review(self) -> list[Kind]:
        return [item.requirement for item in self.items if item.in_review]

    @property
    def standing(self) -> tuple[object, ...]:
        """What the candidate was told about their application: when it changes (an HR
        decision), they are told again; when it does not, they are not bothered."""
        return (
            self.complete, tuple(self.missing), tuple(self.in_review),
            tuple((problem.code, problem.filename) for problem in self.problems),
            tuple(doc.document_id for doc in self.reviewing),
        )

    @property
    def problems(self) -> list[Problem]:
        found = [problem for item in self.items for problem in item.problems]
        if not self.complete:
            found.extend(self.unreadable)
            found.extend(self.rejected)
        return found

    @property
    def problem_codes(self) -> list[str]:
        return list(dict.fromkeys(problem.code for problem in self.problems))

    def item(self, requirement: Kind) -> ItemStatus:
        return next(item for item in self.items if item.requirement == requirement)


class Requirement(Protocol):
    name: Kind
    description: str

    def check(self, documents: list[DocumentFact], facts: CaseFacts) -> ItemStatus:
        ...


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _counted(documents: list[DocumentFact], *kinds: Kind) -> list[DocumentFact]:
    return [doc for doc in documents
            if doc.kind in kinds and not doc.held and doc.error is None and not doc.review
            and doc.rejected_reason is None]


class PassportRequirement:
    name = Kind.PASSPORT
    description = "a passport whose machine readable zone reads correctly and that is valid for " \
                  "at least 12 months after we receive it"

    def check(self, documents: list[DocumentFact], facts: CaseFacts) -> ItemStatus:
        passports = _counted(documents, Kind.PASSPORT)
        for doc in reversed(passports):  # the newest acceptable version wins
            if self.acceptable(doc):
                problems = () if facts.nationality is not None else (
                    NationalityUnconfirmed.problem(doc),)
                return ItemStatus(Kind.PASSPORT, needed=True, satisfied_by=doc, problems=problems)
        if not passports:
            return ItemStatus(Kind.PASSPORT, needed=True)
        return ItemStatus(Kind.PASSPORT, needed=True, problems=(self.why_not(passports[-1]),))

    @staticmethod
    def acceptable(doc: DocumentFact) -> bool:
        if doc.accepted_by_hr:  # HR looked at the passport itself
            return True
        data = doc.passport
        return bool(
            data and data.expiry_decidable and data.expiry_date
            and data.expiry_date >= add_years(doc.received_at.date(), 1)
        )

    @staticmethod
    def why_not(doc: DocumentFact) -> Problem:
        data = doc.passport
        if data is None or data.expiry_date is None or not data.expiry_decidable:
            return Problem("passport_unreadable", filename=doc.filename)
        if data.expiry_date < doc.received_at.date():
            return Problem("passport_expired", data.expiry_date.isoformat(), doc.filename)
        return Problem("passport_expires_within_12_months", data.expiry_date.isoformat(),
                       doc.filename)


class NationalityUnconfirmed:
    """A passport that counts, read too unsurely to decide on its nationality (TB exemption).

    The MRZ validated but a repair its check digits cannot cover was not confirmed by the
    printed page, or the two disagree, or a check outside the expiry failed and the printed
    page does not show the nationality (the passport counts on its trusted expiry): the
    nationality stays unknown, TB is asked "unless
    your nationality is exempt", and the candidate is asked for a clearer photo.
    """

    code = "passport_nationality_unconfirmed"

    @classmethod
    def problem(cls, doc: DocumentFact) -> Problem:
        return Problem(cls.code, filename=doc.filename)


class SignedFormRequirement:
    """A form that counts only when filled in; a blank download sent back does not."""

    def __init__(self, name: Kind, description: str, *, accepts: tuple[Kind, ...] = (),
                 needed: bool | None = True) -> None:
        self.name = name
        self.description = description
        # Other kinds that meet it too (a partnership certificate meets the marriage item).
        self.accepts = (name, *accepts)
        self._needed = needed  # None: not known yet (a child's antecedents, age unknown)

    def needed(self, facts: CaseFacts) -> bool | None:
        return self._needed

    def check(self, documents: list[DocumentFact], facts: CaseFacts) -> ItemStatus:
        needed = self.needed(facts)
        forms = _counted(documents, *self.accepts)
        for doc in reversed(forms):
            if doc.filled is not False or doc.accepted_by_hr:
                return ItemStatus(self.name, needed=needed, satisfied_by=doc)
        if forms and needed is not False:
            blank = Problem(f"{self.name}_blank", filename=forms[-1].filename)
            return ItemStatus(self.name, needed=needed, problems=(blank,))
        return ItemStatus(self.name, needed=needed)


class TbDeclarationRequirement(SignedFormRequirement):
    def __init__(self) -> None:
        super().__init__(
            Kind.TB_DECLARATION,
            "a signed declaration that you will take a TB test after arrival, unless your "
            "nationality is on the TB-exemption list",
        )

    def needed(self, facts: CaseFacts) -> bool | None:
        if facts.tb_exempt is None:
            return None
        return not facts.tb_exempt


REQUIREMENTS: tuple[Requirement, ...] = (
    PassportRequirement(),
    SignedFormRequirement(
        Kind.ANTECEDENTS,
        "the antecedents certificate, filled in and signed (everyone above 12 fills one in)",
    ),
    TbDeclarationRequirement(),
)


def case_facts(documents: list[DocumentFact], tb_list: TbExemptList) -> CaseFacts:
    """Nationality comes from the newest passport whose MRZ validated and whose reading is
    trusted (never a guess), even an expiring one."""
    readable = [
        doc.passport for doc in _counted(documents, Kind.PASSPORT)
        if doc.passport is not None and doc.passport.nationality_known
    ]
    if not readable:
        return CaseFacts(nationality=None, tb_exempt=None, passport=None)
    passport = readable[-1]
    nationality = tb_list.normalise(passport.nationality)
    return CaseFacts(nationality=nationality, tb_exempt=tb_list.is_exempt(nationality),
                     passport=passport)


def with_review(item: ItemStatus, reviewing: tuple[DocumentFact, ...]) -> ItemStatus:
    """An unmet item whose best-guess document waits for HR: in review, with no problem to
    report yet (the earlier problem may be exactly what the new file fixes)."""
    if item.satisfied or item.needed is False:
        return item
    waiting = tuple(doc for doc in reviewing if doc.kind == item.requirement)
    if not waiting:
        return item
    return replace(item, reviewing=waiting, problems=())


def rejections(documents: list[DocumentFact]) -> tuple[Problem, ...]:
    return tuple(Problem("rejected_by_hr", doc.rejected_reason, doc.filename)
                 for doc in documents if doc.rejected_reason is not None and not doc.held)


def evaluate(
    documents: list[DocumentFact],
    tb_list: TbExemptList,
    requirements: tuple[Requirement, ...] = REQUIREMENTS,
    declared_nationality: str | None = None,
) -> Checklist:
    """`declared_nationality`: HR's word on a person's nationality, which decides on the TB
    declaration until a passport is read."""
    ordered = sorted(documents, key=lambda doc: doc.received_at)
    facts = case_facts(ordered, tb_list)
    if facts.nationality is None and declared_nationality:
        code = tb_list.normalise(declared_nationality)
        facts = CaseFacts(nationality=code, tb_exempt=tb_list.is_exempt(code), passport=None)
    reviewing = tuple(doc for doc in ordered if doc.waits_for_review)
    items = tuple(with_review(rule.check(ordered, facts), reviewing) for rule in requirements)
    unreadable = tuple(
        Problem("unreadable_attachment", doc.error_detail or doc.error or "", doc.filename)
        for doc in ordered if doc.error is not None and not doc.held
    )
    return Checklist(items=items, facts=facts, unreadable=unreadable, reviewing=reviewing,
                     rejected=rejections(ordered))
