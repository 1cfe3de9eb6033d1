"""What HR does by hand: open a case, link an address, close, purge."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from mailbot.errors import ConfigError, UnknownCase  # UnknownCase: importable from here too
from mailbot.services import Services
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import (
    AuditEntry,
    Case,
    CaseAlias,
    InboundState,
    OutboundState,
    utcnow,
)


def _case(session: Session, key: str) -> Case:
    case = repo.case_by_reference_or_email(session, key)
    if case is None:
        raise UnknownCase(f"no case {key!r}; `mailbot cases` lists them")
    return case


def _audit(session: Session, case: Case, by: str | None, action: str,
           **detail: object) -> None:
    """HR's change in the audit trail, in the change's own transaction; `by` None: a command
    run without a name to record (the CLI's), as before the dashboard."""
    if by:
        repo.record_audit(session, AuditEntry(at=utcnow(), actor=by[:200], action=action,
                                              case_id=case.id, detail=dict(detail)))


def add_case(engine: Engine, email: str, name: str) -> str:
    email = email.strip().lower()
    with session_scope(engine) as session:
        existing = repo.case_for_address(session, email)
        if existing is not None:
            return existing.reference
        return repo.open_case(session, email, name, when=utcnow()).reference


def link_address(services: Services, key: str, address: str, *, by: str | None = None) -> int:
    """Add an alias; documents held because they came from it now count. Returns how many."""
    address = address.strip().lower()
    with session_scope(services.engine) as session:
        case = _case(session, key)
        other = repo.case_for_address(session, address)
        if other is not None and other.id != case.id:
            raise ConfigError(f"{address} already belongs to {other.reference}")
        if other is None:
            session.add(CaseAlias(address=address, case_id=case.id))
        released = []
        for inbound in repo.held_mails_from(session, case.id, address):
            inbound.state = InboundState.PROCESSED
            inbound.note = f"released by HR: {address} linked to {case.reference}"
            for document in repo.documents_of_mail(session, inbound.id):
                document.held = False
                released.append(document)
        session.flush()
        services.cases.place(session, case, released)  # now they count: for whom
        services.cases.refresh(session, case, utcnow())
        _audit(session, case, by, "case.link", address=address, released=len(released))
        return len(released)


def resolve_case(engine: Engine, key: str, now: datetime | None = None, *,
                 by: str | None = None) -> None:
    """HR answered the candidate: no longer waiting for a human, nor marked after unanswered
    reminders. After a question, reminders count from HR's answer (now); a series that ended
    unanswered stays ended (the next counts from the candidate's next mail)."""
    with session_scope(engine) as session:
        case = _case(session, key)
        if case.needs_human:
            case.reminders_resumed_at = now or utcnow()
        case.needs_human = False
        case.escalated_at = case.escalated_after = None
        _audit(session, case, by, "case.resolve")


def pause_reminders(engine: Engine, key: str) -> None:
    with session_scope(engine) as session:
        _case(session, key).reminders_paused = True


def resume_reminders(engine: Engine, key: str, now: datetime | None = None) -> None:
    """Reminders go on, as a new series counted from now: an earlier bounce or mark for HR
    no longer stops them."""
    with session_scope(engine) as session:
        case = _case(session, key)
        case.reminders_paused = False
        case.reminders_resumed_at = now or utcnow()
        case.escalated_at = case.escalated_after = None


def resend_last_reply(services: Services, key: str, *, by: str | None = None) -> str:
    """Queue our newest reply to the candidate once more (they say it never arrived), to the
    case's own address. Refused while that reply has not gone out yet: the copy would be a
    second mail for one click. Returns what HR reads."""
    with session_scope(services.engine) as session:
        case = _case(session, key)
        assert case.id is not None
        reply = repo.last_reply(session, case.id)
        if reply is None:
            raise ConfigError(f"{case.reference} has no reply to resend yet")
        if reply.state in (OutboundState.QUEUED, OutboundState.SENDING):
            raise ConfigError(f"the last reply to {case.reference} has not been sent yet; it "
                              "goes out with the next send, so there is nothing to resend")
        if case.bounced_at is not None:
            raise ConfigError(f"mail to {case.email} bounced; link a working address and "
                              f"`case resume {case.reference}` first")
        message_id = services.outbox.resend(session, case, reply)
        _audit(session, case, by, "case.resend", original=reply.message_id, copy=message_id)
        return f"the last reply to {case.reference} goes out again to {case.email}"


def close_case(engine: Engine, key: str, *, by: str | None = None) -> None:
    with session_scope(engine) as session:
        case = _case(session, key)
        case.closed = True
        _audit(session, case, by, "case.close")


def reopen_case(engine: Engine, key: str, *, by: str | None = None) -> None:
    """A closed case is open again (its reminders and purge follow the open case's rules)."""
    with session_scope(engine) as session:
        case = _case(session, key)
        case.closed = False
        _audit(session, case, by, "case.reopen")


def purge_closed(engine: Engine, older_than_days: int, *, dry_run: bool = False) -> list[str]:
    """Delete documents, mails and replies of closed cases idle for longer than the given days.

    The case row stays, anonymised, so references in old HR mails still resolve to "purged".
    """
    cutoff = utcnow() - timedelta(days=older_than_days)
    report: list[str] = []
    with session_scope(engine) as session:
        for case in repo.closed_idle_cases(session, cutoff):
            assert case.id is not None
            documents = repo.documents_of(session, case.id)
            mails = repo.mail_ids_of(session, case.id)
            if not documents and not mails and case.email.endswith(".invalid"):
                continue
            report.append(f"{case.reference}: {len(documents)} document(s), {len(mails)} mail(s)"
                          f"{' would be' if dry_run else ''} deleted")
            if dry_run:
                continue
            repo.delete_case_contents(session, case.id)
            case.email = f"purged-{case.reference.lower()}@purged.invalid"
            case.name = ""
            case.nationality = None
            case.passport_expiry = None
    return report or ["nothing to purge"]
