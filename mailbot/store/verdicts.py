"""A file's verdict on its way from the classifier to the checklist, typed at every hop.

    classifiers.Classification ── DocumentVerdict.of_classification ─┐
    an earlier row of the same bytes ── DocumentVerdict.of_row ───────┼→ DocumentVerdict
    an attachment that could not be unpacked ── DocumentVerdict.unreadable ┘
    DocumentVerdict ── document_row ──→ models.Document ── document_fact ──→ checklist.DocumentFact

Pure mappings, no queries: each column is named where it is written and where it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from classifiers.types import Classification, Kind, PageVerdict, PassportData, PersonMention
from mailbot.checklist.rules import DocumentFact, PassportFacts
from mailbot.mime.types import Attachment
from mailbot.store.models import Document, ReviewDecision


@dataclass(frozen=True, slots=True)
class HrDecision:
    """What HR decided on a file by hand (`mailbot review`)."""

    decision: ReviewDecision
    kind: Kind | None           # accepted: what it counts as; rejected: what it is, if HR said
    by: str | None
    at: datetime | None
    reason: str | None
    case_id: int | None         # the case it was decided in: HR's reasons are about one person
    # Accepting a passport the bot could not read fully, what HR read on the page.
    nationality: str | None = None
    expiry: date | None = None


@dataclass(frozen=True, slots=True)
class DocumentVerdict:
    """What is known about one file's bytes: the classifier's verdict, and HR's decision."""

    kind: Kind
    confidence: float = 0.0
    detected_type: str | None = None
    filled: bool | None = None
    error: str | None = None    # a classifiers ReadError or mime AttachmentError code
    error_detail: str | None = None
    reasons: tuple[str, ...] = ()
    pages: tuple[PageVerdict, ...] = ()
    passport: PassportData | None = None
    review: bool = False        # the classifier was not sure: HR checks the file by hand
    hr: HrDecision | None = None
    people: tuple[PersonMention, ...] = ()   # whom the document names (a form's holder, ...)

    @classmethod
    def of_classification(cls, classification: Classification) -> DocumentVerdict:
        error = classification.error
        return cls(
            kind=classification.kind, confidence=classification.confidence,
            detected_type=classification.detected_type, filled=classification.filled,
            error=error.value if error else None,
            error_detail=error.describe() if error else None,
            reasons=classification.reasons, pages=classification.pages,
            passport=classification.passport, review=classification.review,
            people=classification.people,
        )

    @classmethod
    def of_row(cls, document: Document) -> DocumentVerdict:
        """The verdict an earlier copy of the same bytes got, HR's decision on it included:
        the same bytes are never read twice, and HR is asked once."""
        hr = None
        if document.decision is not None:
            hr = HrDecision(decision=document.decision, kind=document.decided_kind,
                            by=document.decided_by, at=document.decided_at,
                            reason=document.decision_reason, case_id=document.case_id,
                            nationality=document.decided_nationality,
                            expiry=document.decided_expiry)
        return cls(
            kind=document.kind, confidence=document.confidence,
            detected_type=document.detected_type, filled=document.filled,
            error=document.error, error_detail=document.error_detail,
            reasons=tuple(document.reasons),
            pages=tuple(PageVerdict.from_json(page) for page in document.pages),
            passport=PassportData.from_json(document.passport) if document.passport else None,
            review=document.review, hr=hr,
            people=tuple(PersonMention.from_json(person) for person in document.people),
        )

    @classmethod
    def unreadable(cls, attachment: Attachment) -> DocumentVerdict:
        """A part the mail parser could not unpack (a refused zip bomb, a broken archive)."""
        return cls(kind=Kind.OTHER, error=attachment.error or "unreadable",
                   error_detail=attachment.error_detail or "the attachment could not be unpacked")


def document_row(attachment: Attachment, verdict: DocumentVerdict, *, case_id: int | None,
                 inbound_id: int, received_at: datetime, held: bool) -> Document:
    """The row for one attachment of a mail, with its verdict."""
    # HR's decision is about one candidate: in another case the file is asked about anew.
    hr = verdict.hr if verdict.hr is not None and verdict.hr.case_id == case_id else None
    return Document(
        case_id=case_id, inbound_id=inbound_id, filename=attachment.display_name,
        sha256=attachment.sha256, size=len(attachment.data),
        content_type=attachment.content_type, held=held, received_at=received_at,
        detected_type=verdict.detected_type, kind=verdict.kind, confidence=verdict.confidence,
        filled=verdict.filled, error=verdict.error, error_detail=verdict.error_detail,
        reasons=list(verdict.reasons), pages=[page.to_json() for page in verdict.pages],
        passport=verdict.passport.to_json() if verdict.passport else None,
        review=verdict.review,
        people=[person.to_json() for person in verdict.people],
        decision=hr.decision if hr else None, decided_kind=hr.kind if hr else None,
        decided_by=hr.by if hr else None, decided_at=hr.at if hr else None,
        decision_reason=hr.reason if hr else None,
        decided_nationality=hr.nationality if hr else None,
        decided_expiry=hr.expiry if hr else None,
    )


def document_fact(document: Document) -> DocumentFact:
    """What the checklist rules see of a stored document."""
    accepted = document.decision == ReviewDecision.ACCEPTED
    rejected = document.decision == ReviewDecision.REJECTED
    passport = passport_facts(document.passport) if document.passport else None
    if accepted and (document.decided_nationality or document.decided_expiry):
        passport = hr_read_passport(passport, document.decided_nationality,
                                    document.decided_expiry)
    return DocumentFact(
        # HR's word replaces the classifier's for what the file counts as.
        kind=(document.decided_kind or document.kind) if accepted else document.kind,
        filename=document.filename,
        received_at=document.received_at,
        confidence=1.0 if accepted else document.confidence,
        filled=document.filled,
        # HR read the file, so a read error of ours no longer stands in the way.
        error=None if accepted else document.error,
        error_detail="" if accepted else document.error_detail or "",
        passport=passport,
        held=document.held,
        document_id=document.id,
        review=document.waits_for_review,
        accepted_by_hr=accepted,
        rejected_reason=(document.decision_reason or "no reason given") if rejected else None,
        person_id=document.person_id,
        named=tuple(str(person.get("name") or "") for person in document.people or ()),
    )


def passport_facts(stored: Mapping[str, Any]) -> PassportFacts:
    reading = PassportData.from_json(stored)
    return PassportFacts(
        surname=reading.surname, given_names=reading.given_names,
        nationality=reading.nationality, expiry_date=reading.expiry_date,
        checks_ok=reading.checks_ok,
        # A row written before the reader said whether a reading can be decided on has no
        # `confirmed`: for it the check digits decide (PassportFacts.confirmed None).
        confirmed=reading.confirmed if "confirmed" in stored else None,
        birth_date=reading.birth_date, sex=reading.sex,
        nationality_trusted=reading.trusted("nationality"),
        expiry_trusted=reading.trusted("expiry_date"),
        hr_notes=tuple(f"{t.field.replace('_', ' ')}: {t.reason}" for t in reading.trust
                       if not t.trusted and t.field in ("document_number", "names")),
    )


def hr_read_passport(read: PassportFacts | None, nationality: str | None,
                     expiry: date | None) -> PassportFacts:
    """A passport as HR read it off the page: what HR said replaces the reader's fields. HR's
    nationality is trusted (HR's eyes, not a guess); without it, a reading whose check digits
    failed still gives no nationality."""
    read = read or PassportFacts("", "", "", None, checks_ok=False, confirmed=False)
    if nationality:
        return replace(read, nationality=nationality, expiry_date=expiry or read.expiry_date,
                       checks_ok=True, confirmed=True, nationality_trusted=True,
                       expiry_trusted=True if expiry else read.expiry_trusted)
    return replace(read, expiry_date=expiry, expiry_trusted=True if expiry else None)
