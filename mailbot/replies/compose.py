"""Turn a case's checklist into the words the candidate reads. Pure: data in, text out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from classifiers.types import Kind
from mailbot.checklist.family import (
    CANDIDATE,
    CHILD,
    FamilyChecklist,
    PersonChecklist,
)
from mailbot.checklist.rules import (
    Checklist,
    DocumentFact,
    ItemStatus,
    PassportRequirement,
    Problem,
)

TEMPLATES = Path(__file__).with_name("templates")

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

TITLES = {
    Kind.PASSPORT: "Passport",
    Kind.ANTECEDENTS: "Antecedents certificate",
    Kind.TB_DECLARATION: "TB test declaration",
    Kind.MARRIAGE_CERTIFICATE: "Marriage or registered partnership certificate",
    Kind.PARTNERSHIP_CERTIFICATE: "Registered partnership certificate",
    Kind.BIRTH_CERTIFICATE: "Birth certificate",
    Kind.UNMARRIED_STATUS: "Declaration of unmarried status",
    Kind.RELATIONSHIP_DECLARATION: "Declaration of a long-term and exclusive relationship",
    Kind.PARENTAL_CONSENT: "Consent of the other parent",
}

HOW_TO_SEND = {
    Kind.PASSPORT: "Send a clear scan or photo of the page with your photo and the two lines of "
              "<<< characters at the bottom; it must be valid for at least 1 more year.",
    Kind.ANTECEDENTS: "Send the IND form 'Appendix Antecedents certificate', filled in and signed. "
                 "Everyone above the age of 12 fills one in.",
    Kind.TB_DECLARATION: "Send the IND form 'Appendix Declaration of intent to undergo a TB test', "
                    "filled in and signed.",
    Kind.MARRIAGE_CERTIFICATE: "Send the (legalised) marriage certificate or certificate of "
                               "registered partnership.",
    Kind.BIRTH_CERTIFICATE: "Send the birth certificate that names the parents.",
    Kind.UNMARRIED_STATUS: "Send a legalised declaration of unmarried status from the country "
                           "of origin.",
    Kind.RELATIONSHIP_DECLARATION: "Send the IND declaration of a long-term and exclusive "
                                   "relationship, filled in and signed by both partners.",
    Kind.PARENTAL_CONSENT: "Send the formal consent of the other parent, who stays behind, for "
                           "the child to come to the Netherlands.",
}

PROBLEM_SENTENCES = {
    "passport_expired": "your passport expired on {detail}; please send a valid passport.",
    "passport_expires_within_12_months": "your passport is valid until {detail}, which is less "
        "than 12 months away; we need a passport that is valid for at least 1 more year.",
    "passport_unreadable": "we could not read the two lines of <<< characters at the bottom of "
        "your passport page; please send a sharper, straight photo or scan of the whole page.",
    "passport_nationality_unconfirmed": "we could not read your passport well enough to be "
        "sure of your nationality, so we ask for the TB declaration unless your nationality is "
        "exempt; please send a clearer photo or scan of the passport page.",
    "antecedents_blank": "the antecedents certificate you sent is empty; please fill it in, "
        "sign it and send it again.",
    "tb_declaration_blank": "the TB test declaration you sent is empty; please fill it in, "
        "sign it and send it again.",
}


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    name: str
    email: str


@dataclass(frozen=True)
class ReplyContext:
    case: CaseSummary
    checklist: Checklist
    received: tuple[DocumentFact, ...]     # documents in the mails this reply answers
    asked_question: bool = False
    held_files: tuple[str, ...] = ()       # sent from another address: waiting for HR
    company: str = "ITSync"
    reviewed: tuple[DocumentFact, ...] = ()  # files HR has just decided on by hand
    reminder: int = 0   # a reminder (its number), not an answer: nothing new was received
    # The family's checklists: with dependants the reply is per person (`reply_family`).
    family: FamilyChecklist | None = None


@dataclass(frozen=True)
class ComposedText:
    text: str
    html: str

    @classmethod
    def rendered(cls, template: str, values: dict[str, object]) -> ComposedText:
        """The plain-text and HTML versions of one mail: `<template>.txt` and `.html`."""
        return cls(text=environment.get_template(f"{template}.txt").render(values),
                   html=environment.get_template(f"{template}.html").render(values))


@dataclass(frozen=True)
class Line:
    title: str
    detail: str = ""


_HR_LOOKS = ("a colleague from HR is checking it by hand. You do not need to send it again; we "
             "will write to you as soon as HR has looked at it.")
IN_REVIEW_SENTENCE = f"we could not tell for sure what this file is, so {_HR_LOOKS}"
# A passport whose code lines we read all but a character or two of: our reading, not the photo.
PASSPORT_IN_REVIEW_SENTENCE = (
    "our reader could not make out every character of the two lines of <<< characters at the "
    f"bottom of the photo page, so {_HR_LOOKS}")


def describe_received(doc: DocumentFact, checklist: Checklist) -> Line:
    """One line on one received file, in words a candidate understands."""
    name = doc.filename
    if doc.waits_for_review:  # never a guess the candidate might act on
        if doc.kind == Kind.PASSPORT and doc.passport is not None and not doc.passport.checks_ok:
            return Line(f"Passport ({name})", PASSPORT_IN_REVIEW_SENTENCE)
        return Line(name, IN_REVIEW_SENTENCE)
    if doc.accepted_by_hr or doc.rejected_reason is not None:
        return describe_reviewed(doc)
    if doc.error is not None:
        reason = doc.error_detail or "it could not be opened"
        return Line(name, f"we could not read this file: {reason}. Please send it again as a "
                          "PDF or a clear photo.")
    if doc.kind == Kind.PASSPORT:
        data = doc.passport
        if data is None or not data.expiry_decidable:
            return Line(f"Passport ({name})", PROBLEM_SENTENCES["passport_unreadable"])
        who = f"Passport of {data.full_name}" if data.full_name else "Passport"
        until = data.expiry_date.isoformat() if data.expiry_date else "an unknown date"
        if PassportRequirement.acceptable(doc):
            if not data.nationality_known:
                return Line(f"{who}, valid until {until}",
                            PROBLEM_SENTENCES["passport_nationality_unconfirmed"])
            return Line(f"{who}, valid until {until}")
        problem = PassportRequirement.why_not(doc)
        return Line(f"{who}, valid until {until}", problem_sentence(problem))
    if doc.kind in (Kind.ANTECEDENTS, Kind.TB_DECLARATION):
        title = f"{TITLES[doc.kind]} ({name})"
        if doc.filled is False:
            return Line(title, PROBLEM_SENTENCES[f"{doc.kind}_blank"])
        if doc.kind == Kind.TB_DECLARATION and checklist.item(Kind.TB_DECLARATION).needed is False:
            return Line(title, "thank you; with your nationality it is not even needed.")
        return Line(title)
    if any(item.requirement == doc.kind or doc.kind in _accepted(item) for item in checklist.items):
        return Line(f"{TITLES[doc.kind]} ({name})")  # a relation document this person needs
    return Line(name, "not one of the documents we ask for; we keep it with your file.")


def _accepted(item: ItemStatus) -> tuple[Kind, ...]:
    """Kinds that meet an item besides its own (a partnership certificate, the marriage one)."""
    return (Kind.PARTNERSHIP_CERTIFICATE,) if item.requirement == Kind.MARRIAGE_CERTIFICATE else ()


def describe_reviewed(doc: DocumentFact) -> Line:
    """A file a colleague from HR has checked by hand: what they decided, and why if not."""
    name = doc.filename
    if doc.rejected_reason is not None:
        return Line(name, "a colleague from HR checked this file by hand and could not accept "
                          f"it: {doc.rejected_reason.rstrip('.')}.")
    if doc.kind in TITLES:
        return Line(f"{TITLES[doc.kind]} ({name})",
                    "a colleague from HR checked this file by hand: it counts.")
    return Line(name, "a colleague from HR checked this file by hand: it is not one of the "
                      "documents we ask for; we keep it with your file.")


def describe_in_review(item: ItemStatus) -> Line:
    files = ", ".join(doc.filename for doc in item.reviewing)
    return Line(TITLES[item.requirement], f"a colleague from HR is checking {files} by hand. "
                                          "You do not need to send it again.")


def problem_sentence(problem: Problem) -> str:
    template = PROBLEM_SENTENCES.get(problem.code)
    if template is None:
        return problem.detail or problem.code.replace("_", " ")
    return template.format(detail=problem.detail)


def describe_missing(item: ItemStatus) -> Line:
    how = HOW_TO_SEND[item.requirement]
    if item.requirement == Kind.TB_DECLARATION and item.needed is None:
        how += " Not needed if your nationality is on the TB-exemption list; we will know " \
               "once we have read your passport."
    if item.problems:
        why = problem_sentence(item.problems[0])
        how = f"{why[:1].upper()}{why[1:]} {how}"
    return Line(TITLES[item.requirement], how)


def compose_reply(context: ReplyContext) -> ComposedText:
    if context.family is not None and context.family.has_dependants:
        return compose_family_reply(context, context.family)
    checklist = context.checklist
    values = {
        "name": context.case.name,
        "reference": context.case.reference,
        "company": context.company,
        "received": [describe_received(doc, checklist) for doc in context.received],
        "missing": [describe_missing(item) for item in checklist.items if item.missing],
        "in_review": [describe_in_review(item) for item in checklist.items if item.in_review],
        # Files HR is checking that are not the best guess for any open item: one of them may
        # still be a document listed as missing, so the candidate hears about them too.
        "other_review_files": [doc.filename for doc in checklist.reviewing
                               if not any(doc in item.reviewing for item in checklist.items
                                          if item.in_review)],
        "reviewed": [describe_reviewed(doc) for doc in context.reviewed],
        "complete": checklist.complete,
        "asked_question": context.asked_question,
        "held_files": list(context.held_files),
        "reminder": context.reminder,
    }
    return ComposedText.rendered("reply", values)


@dataclass(frozen=True)
class PersonSection:
    heading: str
    received: list[Line]
    in_review: list[Line]
    missing: list[Line]
    complete: bool
    proposed: bool = False


def person_heading(person: PersonChecklist) -> str:
    """"For you", "For your spouse MARIA SANTOS", "For your daughter ANA (14)"."""
    relation = person.person.relation
    if relation == CANDIDATE:
        return "For you"
    name = person.name.upper()
    if relation == CHILD:
        word = {"F": "daughter", "M": "son"}.get(person.sex, "child")
        first = name.split()[0] if name.split() else ""
        age = f" ({person.age})" if person.age is not None else ""
        return f"For your {word} {first}{age}".rstrip()
    return f"For your {relation} {name}".rstrip()


def describe_dependant_missing(item: ItemStatus, person: PersonChecklist,
                               antecedents_from_age: int = 12) -> Line:
    line = describe_missing(item)
    detail = line.detail.replace("your nationality", "their nationality").replace(
        "your passport", "their passport")
    if item.requirement == Kind.ANTECEDENTS and item.needed is None:
        detail += (f" Needed only if they are {antecedents_from_age} or older; we will know "
                   "once we have read their passport.")
    if item.requirement == Kind.TB_DECLARATION and person.tb_signed_by_parent:
        detail += (" For a child under 18 a parent fills in and signs it, and adds a copy of "
                   "their own passport or ID.")
    return Line(line.title, detail)


def person_section(person: PersonChecklist, received: tuple[DocumentFact, ...]) -> PersonSection:
    checklist = person.checklist
    mine = [doc for doc in received if _of(doc, person)]
    lines = [describe_received(doc, checklist) for doc in mine]
    if not person.person.confirmed:
        return PersonSection(person.name.upper() or "Someone new", lines, [], [], False,
                             proposed=True)
    candidate = person.person.relation == CANDIDATE
    missing = [describe_missing(item) if candidate else describe_dependant_missing(item, person)
               for item in checklist.items if item.missing]
    return PersonSection(person_heading(person), lines,
                         [describe_in_review(item) for item in checklist.items if item.in_review],
                         missing, checklist.complete)


def _of(doc: DocumentFact, person: PersonChecklist) -> bool:
    if person.person.relation == CANDIDATE:
        return doc.person_id is None or doc.person_id == person.person.person_id
    return doc.person_id == person.person.person_id


def compose_family_reply(context: ReplyContext, family: FamilyChecklist) -> ComposedText:
    """One reply for the family: per person what arrived and what is still missing."""
    unplaced_ids = {doc.document_id for doc in family.unplaced}
    received = tuple(doc for doc in context.received if doc.document_id not in unplaced_ids)
    sections = [person_section(person, received) for person in family.persons]
    values = {
        "name": context.case.name,
        "reference": context.case.reference,
        "company": context.company,
        "received": bool(context.received),
        "sections": [section for section in sections if not section.proposed],
        "proposed": [section for section in sections if section.proposed],
        "unplaced_files": [doc.filename for doc in family.unplaced],
        "reviewed": [describe_reviewed(doc) for doc in context.reviewed],
        "complete": family.complete,
        "anything_missing": any(section.missing for section in sections),
        "asked_question": context.asked_question,
        "held_files": list(context.held_files),
        "reminder": context.reminder,
    }
    return ComposedText.rendered("reply_family", values)


_SUBJECT_NOISE = re.compile(r"^\s*((re|fw|fwd|aw|wg|antw)\s*:\s*)+", re.IGNORECASE)
_REFERENCE_TAG = re.compile(r"\s*\[HSM-\d+\]\s*")


def reply_subject(original: str, reference: str) -> str:
    """`Re: <original without earlier Re:/Fwd: and tags> [HSM-0042]`."""
    core = _REFERENCE_TAG.sub(" ", _SUBJECT_NOISE.sub("", original)).strip()
    core = core or "Your HSM visa documents"
    return f"Re: {core} [{reference}]"


REFERENCE_IN_SUBJECT = re.compile(r"\[(HSM-\d{4,})\]")


def reference_in(subject: str) -> str | None:
    match = REFERENCE_IN_SUBJECT.search(subject)
    return match.group(1) if match else None


# A bounded scheme keeps this linear: `\S+://` backtracks quadratically on a long line.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}://\S*")
_OWN_WORDS_CHARS = 20_000  # a question sits in the first lines, not in a pasted megabyte
_QUOTE_START = re.compile(
    r"^(>|On .{0,200} wrote:$|Op .{0,200} schreef .*:$|-{2,} ?(Original|Forwarded) Message|"
    r"From: |Van: |_{5,})",
    re.IGNORECASE,
)


def asks_question(body: str) -> bool:
    """A question mark in the candidate's own words (not in the quoted history) needs a human."""
    for line in body[:_OWN_WORDS_CHARS].splitlines():
        stripped = line.strip()
        if _QUOTE_START.match(stripped):
            break
        if "?" in _URL.sub("", stripped):
            return True
    return False
