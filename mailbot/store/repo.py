"""Repository functions: the only place that writes SQL-shaped questions."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from mailbot.checklist.rules import DocumentFact, PassportFacts
from mailbot.store.db import session_scope
from mailbot.store.models import (
    Case,
    CaseAlias,
    Document,
    InboundMessage,
    OutboundKind,
    OutboundMail,
    OutboundState,
    ServiceState,
)


class DbSourceState:
    """`SourceState` backed by the `servicestate` and `inboundmessage` tables."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, key: str) -> str | None:
        with Session(self.engine) as session:
            row = session.get(ServiceState, key)
            return row.value if row else None

    def set(self, key: str, value: str) -> None:
        with session_scope(self.engine) as session:
            row = session.get(ServiceState, key)
            if row is None:
                session.add(ServiceState(key=key, value=value))
            else:
                row.value = value

    def is_known(self, source_key: str) -> bool:
        with Session(self.engine) as session:
            return is_known(session, source_key)


def is_known(session: Session, source_key: str) -> bool:
    found = session.exec(
        select(InboundMessage.id).where(InboundMessage.source_key == source_key)
    ).first()
    return found is not None


def open_case(session: Session, email: str, name: str, *, when: datetime) -> Case:
    """A new case; its short reference derives from the id, known only after the insert."""
    case = Case(reference=f"new-{email}"[:200], email=email.lower(), name=name[:200],
                created_at=when, last_activity_at=when)
    session.add(case)
    session.flush()
    case.reference = f"HSM-{case.id:04d}"
    return case


def case_for_address(session: Session, address: str) -> Case | None:
    address = address.lower()
    case = session.exec(select(Case).where(Case.email == address)).first()
    if case is not None:
        return case
    alias = session.get(CaseAlias, address)
    return session.get(Case, alias.case_id) if alias else None


def case_by_reference_or_email(session: Session, key: str) -> Case | None:
    key = key.strip()
    if key.upper().startswith("HSM-"):
        return session.exec(select(Case).where(Case.reference == key.upper())).first()
    if key.isdigit():
        return session.get(Case, int(key))
    return case_for_address(session, key)


def addresses_of(session: Session, case: Case) -> set[str]:
    aliases = session.exec(select(CaseAlias.address).where(CaseAlias.case_id == case.id)).all()
    return {case.email, *aliases}


def documents_of(session: Session, case_id: int) -> list[Document]:
    return list(session.exec(
        select(Document).where(Document.case_id == case_id)
        .order_by(col(Document.received_at), col(Document.id))
    ).all())


def as_fact(document: Document) -> DocumentFact:
    passport = None
    if document.passport:
        data = document.passport
        expiry = data.get("expiry_date")
        passport = PassportFacts(
            surname=data.get("surname", ""),
            given_names=data.get("given_names", ""),
            nationality=data.get("nationality", ""),
            expiry_date=datetime.fromisoformat(expiry).date() if expiry else None,
            checks_ok=bool(data.get("checks_ok")),
            confirmed=data.get("confirmed"),
        )
    return DocumentFact(
        kind=document.kind,
        filename=document.filename,
        received_at=document.received_at,
        confidence=document.confidence,
        filled=document.filled,
        error=document.error,
        error_detail=document.error_detail or "",
        passport=passport,
        held=document.held,
        document_id=document.id,
    )


def known_classification(session: Session, sha256: str) -> Document | None:
    """An earlier document with the same bytes: its verdict is reused, never computed twice."""
    return session.exec(
        select(Document).where(Document.sha256 == sha256, col(Document.error).is_(None))
        .order_by(col(Document.id))
    ).first()


def replies_since(session: Session, address: str, since: datetime) -> int:
    rows = session.exec(
        select(OutboundMail.recipients).where(
            OutboundMail.kind == OutboundKind.REPLY, OutboundMail.created_at >= since
        )
    ).all()
    return sum(1 for recipients in rows if address in recipients)


def due_outbound(session: Session, now: datetime, limit: int = 50) -> list[OutboundMail]:
    return list(session.exec(
        select(OutboundMail).where(
            OutboundMail.state == OutboundState.QUEUED, OutboundMail.next_attempt_at <= now
        ).order_by(col(OutboundMail.id)).limit(limit)
    ).all())


def day_ago(now: datetime) -> datetime:
    return now - timedelta(days=1)
