"""Read-only views of cases for the CLI and (later) the HR dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from classifiers.types import mask_document_number
from mailbot.cases import family_of
from mailbot.checklist.family import FamilyChecklist, FamilyRules, load_family_rules
from mailbot.checklist.tb_exempt import TbExemptList, load_tb_exempt_list
from mailbot.config import Settings
from mailbot.store import repo
from mailbot.store.models import Case, Document, utcnow


@dataclass(frozen=True)
class Rules:
    """What a view evaluates each person's checklist with (the settings' files, or the
    bundled ones) and on which day."""

    tb_list: TbExemptList = field(default_factory=load_tb_exempt_list)
    family: FamilyRules = field(default_factory=load_family_rules)
    today: date = field(default_factory=lambda: utcnow().date())


def review_state(document: Document) -> dict[str, Any] | None:
    """None when no one doubted the verdict; else pending, or HR's decision next to it."""
    if not document.review and document.decision is None:
        return None
    return {
        "state": document.decision or "pending",
        "classifier_unsure": document.review,
        "kind": document.decided_kind,
        "by": document.decided_by,
        "at": document.decided_at.isoformat() if document.decided_at else None,
        "reason": document.decision_reason,
        "nationality": document.decided_nationality,
        "expires": document.decided_expiry.isoformat() if document.decided_expiry else None,
    }


def masked_reasons(document: Document) -> list[str]:
    """Reasons HR reads may quote the MRZ: the document number never appears whole."""
    number = (document.passport or {}).get("document_number") or ""
    if len(number) < 5:
        return list(document.reasons)
    return [reason.replace(number, mask_document_number(number)) for reason in document.reasons]


def _document_view(document: Document, *, detail: bool) -> dict[str, Any]:
    view: dict[str, Any] = {
        "kind": document.kind,
        "filename": document.filename,
        "received_at": document.received_at.isoformat(),
        "review": review_state(document),
    }
    if detail:
        passport = dict(document.passport) if document.passport else None
        if passport and passport.get("document_number"):
            passport["document_number"] = mask_document_number(passport["document_number"])
        view.update(
            document=document.id,
            confidence=round(document.confidence, 3),
            filled=document.filled,
            held=document.held,
            error=document.error,
            error_detail=document.error_detail,
            reasons=masked_reasons(document),
            pages=document.pages,
            passport=passport,
            detected_type=document.detected_type,
            mail=document.inbound_id,
        )
    return view


def rules_of(settings: Settings) -> Rules:
    """The rules as the installation configures them (HR's TB list and family rules)."""
    return Rules(load_tb_exempt_list(settings.tb_exempt_file),
                 load_family_rules(settings.family_rules_file))


def persons_view(family: FamilyChecklist, documents: list[Document], *,
                 detail: bool) -> list[dict[str, Any]]:
    """Each person of the case with their own checklist (the candidate first)."""
    by_id = {doc.id: doc for doc in documents}
    unplaced = {doc.document_id for doc in family.unplaced}
    found = []
    for person in family.persons:
        checklist = person.checklist
        facts = checklist.facts
        own = [by_id[doc_id] for doc_id in by_id if doc_id not in unplaced and (
            by_id[doc_id].person_id == person.person.person_id
            or (person.person.is_candidate and by_id[doc_id].person_id is None))]
        found.append({
            "id": person.person.person_id,
            "relation": person.person.relation,
            "name": person.name,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "age": person.age,
            "nationality": facts.nationality,
            "tb_exempt": facts.tb_exempt,
            "received": [_document_view(doc, detail=detail) for doc in own
                         if detail or not doc.held],
            "missing": [kind.value for kind in checklist.missing],
            "in_review": [kind.value for kind in checklist.in_review],
            "problems": checklist.problem_codes,
            "complete": checklist.complete,
            "confirmed": person.person.confirmed,
        })
    return found


def case_view(session: Session, case: Case, *, detail: bool = False,
              rules: Rules | None = None) -> dict[str, Any]:
    assert case.id is not None
    rules = rules or Rules()
    documents = repo.documents_of(session, case.id)
    family = family_of(session, case.id, rules.tb_list, rules.family, rules.today)
    view: dict[str, Any] = {
        "case_id": case.reference,
        "email": case.email,
        "name": case.name,
        "status": case.status,
        "nationality": case.nationality,
        "tb_exempt": case.tb_exempt,
        "passport_expiry": case.passport_expiry.isoformat() if case.passport_expiry else None,
        "received": [_document_view(doc, detail=detail) for doc in documents
                     if detail or not doc.held],
        "missing": case.missing,
        "in_review": case.in_review,
        "problems": case.problems,
        "needs_human": case.needs_human,
        "closed": case.closed,
        # Reminders: HR's pause, the last bounce, and the mark for HR after unanswered ones.
        "reminders_paused": case.reminders_paused,
        "bounced_at": case.bounced_at.isoformat() if case.bounced_at else None,
        "escalated": ({"at": case.escalated_at.isoformat(), "after_reminders":
                       case.escalated_after} if case.escalated_at else None),
        "last_activity": case.last_activity_at.isoformat(),
        "aliases": sorted(repo.addresses_of(session, case) - {case.email}),
        # The family: each person's own checklist; `missing` above stays the candidate's.
        "persons": persons_view(family, documents, detail=detail),
        "unplaced": [doc.filename for doc in family.unplaced],
    }
    if detail:
        mails = repo.mails_of(session, case.id)
        view["mails"] = [
            {"mail": m.id, "subject": m.subject, "sender": m.sender, "state": m.state,
             "sent_at": m.sent_at.isoformat() if m.sent_at else None, "note": m.note,
             "error": m.error}
            for m in mails
        ]
    return view


def all_cases(engine: Engine, rules: Rules | None = None) -> list[dict[str, Any]]:
    rules = rules or Rules()
    with Session(engine) as session:
        return [case_view(session, case, rules=rules) for case in repo.all_cases(session)]


def one_case(engine: Engine, key: str, rules: Rules | None = None) -> dict[str, Any] | None:
    with Session(engine) as session:
        case = repo.case_by_reference_or_email(session, key)
        return case_view(session, case, detail=True, rules=rules) if case else None


def review_queue(engine: Engine) -> list[dict[str, Any]]:
    """What waits for HR, oldest first: enough to decide without opening the database."""
    with Session(engine) as session:
        rows = []
        for doc in repo.review_queue(session):
            case = session.get(Case, doc.case_id)
            rows.append({
                "document": doc.id,
                "case_id": case.reference if case else None,
                "email": case.email if case else None,
                "filename": doc.filename,
                "kind": doc.kind,
                "confidence": round(doc.confidence, 3),
                "reasons": masked_reasons(doc),
                "received_at": doc.received_at.isoformat(),
                "held": doc.held,
                "mail": doc.inbound_id,
            })
        return rows
