"""Turn a case's checklist into the words the candidate reads. Pure: data in, text out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from classifiers.types import Kind
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
}

HOW_TO_SEND = {
    Kind.PASSPORT: "Send a clear scan or photo of the page with your photo and the two lines of "
              "<<< characters at the bottom; it must be valid for at least 1 more year.",
    Kind.ANTECEDENTS: "Send the IND form 'Appendix Antecedents certificate', filled in and signed. "
                 "Everyone above the age of 12 fills one in.",
    Kind.TB_DECLARATION: "Send the IND form 'Appendix Declaration of intent to undergo a TB test', "
                    "filled in and signed.",
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
    return Line(name, "not one of the documents we ask for; we keep it with your file.")


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
