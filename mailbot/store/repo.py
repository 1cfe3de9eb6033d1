"""Repository functions: the only place that writes SQL-shaped questions.

Loading one row by its primary key (`session.get`) is the ORM's, and is done where the row is
used; every query that selects, filters or deletes is here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, String, func
from sqlmodel import Session, col, delete, select, update

from mailbot.store.db import session_scope
from mailbot.store.models import (
    AuditEntry,
    Case,
    CaseAlias,
    ComponentHealth,
    Document,
    InboundMessage,
    InboundState,
    Incident,
    OutboundKind,
    OutboundMail,
    OutboundState,
    Person,
    Relation,
    Reminder,
    ServiceState,
    WebUser,
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


def same_mail(session: Session, raw_sha256: str, message_id: str) -> InboundMessage | None:
    """A stored mail with the same bytes or the same Message-ID: the new one is a duplicate."""
    return session.exec(
        select(InboundMessage).where(
            (InboundMessage.raw_sha256 == raw_sha256)
            | (InboundMessage.message_id == message_id)
        )
    ).first()


def waiting_to_process(session: Session) -> list[int]:
    """Mails stored but not processed yet, in the order they were sent (undated ones first)."""
    found = session.exec(
        select(InboundMessage.id)
        .where(InboundMessage.state == InboundState.FETCHED)
        .order_by(col(InboundMessage.sent_at).is_(None).desc(),
                  col(InboundMessage.sent_at), col(InboundMessage.id))
    ).all()
    return [inbound_id for inbound_id in found if inbound_id is not None]


def unfiled_done(session: Session) -> list[InboundMessage]:
    """Mails the worker is done with that still sit in the mailbox's inbox folder."""
    return list(session.exec(
        select(InboundMessage).where(
            col(InboundMessage.filed).is_(False),
            InboundMessage.state != InboundState.FETCHED,
        ).order_by(col(InboundMessage.id))
    ).all())


def mark_filed(session: Session, inbound_id: int | None) -> None:
    row = session.get(InboundMessage, inbound_id)
    assert row is not None
    row.filed = True


def cases_awaiting_reply(session: Session) -> list[int]:
    found = session.exec(
        select(InboundMessage.case_id).where(col(InboundMessage.reply_pending)).distinct()
    ).all()
    return [case_id for case_id in found if case_id is not None]


def mails_awaiting_reply(session: Session, case_id: int) -> list[InboundMessage]:
    return list(session.exec(
        select(InboundMessage)
        .where(InboundMessage.case_id == case_id, col(InboundMessage.reply_pending))
        .order_by(col(InboundMessage.sent_at), col(InboundMessage.id))
    ).all())


def inbound_for_update(session: Session, inbound_id: int) -> InboundMessage | None:
    return session.get(InboundMessage, inbound_id, with_for_update=True)


def claim_inbound(session: Session, inbound_id: int) -> InboundMessage | None:
    """The mail, locked until the transaction ends; None when another worker holds it."""
    return session.get(InboundMessage, inbound_id, with_for_update={"skip_locked": True})


def open_case(session: Session, email: str, name: str, *, when: datetime) -> Case:
    """A new case; its short reference derives from the id, known only after the insert."""
    case = Case(reference=f"new-{email}"[:200], email=email.lower(), name=name[:200],
                created_at=when, last_activity_at=when)
    session.add(case)
    session.flush()
    case.reference = f"HSM-{case.id:04d}"
    session.add(Person(case_id=case.id, relation=Relation.CANDIDATE, name=case.name,
                       created_at=when))
    return case


def persons_of(session: Session, case_id: int) -> list[Person]:
    """The persons of a case, the candidate first, then in the order they were added."""
    found = session.exec(select(Person).where(Person.case_id == case_id)
                         .order_by(col(Person.id))).all()
    return sorted(found, key=lambda person: person.relation != Relation.CANDIDATE)


def all_dependants(session: Session) -> list[Person]:
    """Every person of any case who is not its candidate (the digest's family lines)."""
    return list(session.exec(select(Person).where(
        (Person.relation != Relation.CANDIDATE) | col(Person.relation).is_(None))
        .order_by(col(Person.case_id), col(Person.id))).all())


def candidate_of(session: Session, case: Case) -> Person:
    """The case's candidate person; a case made without one (before persons existed, or by
    a test's hand) gets it here, in the caller's transaction."""
    assert case.id is not None
    found = session.exec(select(Person).where(Person.case_id == case.id,
                                              Person.relation == Relation.CANDIDATE)).first()
    if found is None:
        found = Person(case_id=case.id, relation=Relation.CANDIDATE, name=case.name,
                       created_at=case.created_at)
        session.add(found)
        session.flush()
    return found


def add_person(session: Session, person: Person) -> Person:
    session.add(person)
    session.flush()
    return person


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


def review_queue(session: Session) -> list[Document]:
    """Documents waiting for HR, oldest first (held ones wait for HR anyway, in their mail)."""
    return list(session.exec(
        select(Document).where(col(Document.review), col(Document.decision).is_(None),
                               col(Document.case_id).is_not(None))
        .order_by(col(Document.received_at), col(Document.id))
    ).all())


def waiting_twins(session: Session, document: Document) -> list[Document]:
    """Other copies of the same bytes in the same case that wait for HR: one decision."""
    return list(session.exec(
        select(Document).where(Document.case_id == document.case_id,
                               Document.sha256 == document.sha256, Document.id != document.id,
                               col(Document.review), col(Document.decision).is_(None))
        .with_for_update()
    ).all())


def document_for_update(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id, with_for_update=True)


def case_for_update(session: Session, case_id: int) -> Case | None:
    return session.get(Case, case_id, with_for_update=True)


def inbound_of(session: Session, document: Document) -> InboundMessage | None:
    return session.get(InboundMessage, document.inbound_id)


def record_audit(session: Session, entry: AuditEntry) -> None:
    session.add(entry)


def known_classification(session: Session, sha256: str) -> Document | None:
    """An earlier document with the same bytes: its verdict is reused, never computed twice."""
    return session.exec(
        select(Document).where(Document.sha256 == sha256, col(Document.error).is_(None))
        .order_by(col(Document.decision).is_(None), col(Document.id))  # HR's word first
    ).first()


# What the per-address daily cap counts: every mail to a candidate.
_TO_CANDIDATE = (OutboundKind.REPLY, OutboundKind.REMINDER)


def replies_since(session: Session, address: str, since: datetime) -> int:
    rows = session.exec(
        select(OutboundMail.recipients).where(
            col(OutboundMail.kind).in_(_TO_CANDIDATE), OutboundMail.created_at >= since
        )
    ).all()
    return sum(1 for recipients in rows if address in recipients)


def due_outbound(session: Session, now: datetime, limit: int = 50) -> list[OutboundMail]:
    return list(session.exec(
        select(OutboundMail).where(
            OutboundMail.state == OutboundState.QUEUED, OutboundMail.next_attempt_at <= now
        ).order_by(col(OutboundMail.id)).limit(limit)
    ).all())


def claim_outbound(session: Session, outbound_id: int, claimant: str) -> bool:
    """`queued` -> `sending` for this worker, in one UPDATE; False when another worker (or
    an earlier attempt) already moved the row on."""
    result = session.exec(  # type: ignore[call-overload]
        update(OutboundMail)
        .where(col(OutboundMail.id) == outbound_id, OutboundMail.state == OutboundState.QUEUED)
        .values(state=OutboundState.SENDING, attempts=col(OutboundMail.attempts) + 1,
                claimed_by=claimant)
    )
    return bool(result.rowcount == 1)


def outbound_being_sent(session: Session) -> list[OutboundMail]:
    """Rows a crash (or a send in doubt) left in `sending`."""
    return list(session.exec(
        select(OutboundMail).where(OutboundMail.state == OutboundState.SENDING)
    ).all())


def service_state(session: Session, key: str) -> ServiceState | None:
    return session.get(ServiceState, key)


def service_state_for_update(session: Session, key: str) -> ServiceState | None:
    return session.get(ServiceState, key, with_for_update=True)


def set_service_state(session: Session, key: str, value: str, *,
                      existing: ServiceState | None = None) -> None:
    """Write one `ServiceState` value; `existing`: the row already read (and locked)."""
    row = existing if existing is not None else session.get(ServiceState, key)
    if row is None:
        session.add(ServiceState(key=key, value=value))
    else:
        row.value = value


def all_cases(session: Session) -> list[Case]:
    return list(session.exec(select(Case).order_by(col(Case.id))).all())


def mails_of(session: Session, case_id: int | None) -> list[InboundMessage]:
    return list(session.exec(
        select(InboundMessage).where(InboundMessage.case_id == case_id)
        .order_by(col(InboundMessage.sent_at), col(InboundMessage.id))
    ).all())


def mail_ids_of(session: Session, case_id: int | None) -> list[int | None]:
    return list(session.exec(
        select(InboundMessage.id).where(InboundMessage.case_id == case_id)).all())


def held_mails_from(session: Session, case_id: int | None, sender: str) -> list[InboundMessage]:
    return list(session.exec(select(InboundMessage).where(
        InboundMessage.case_id == case_id, InboundMessage.sender == sender,
        InboundMessage.state == InboundState.HELD)).all())


def documents_of_mail(session: Session, inbound_id: int | None) -> list[Document]:
    return list(session.exec(select(Document).where(Document.inbound_id == inbound_id)).all())


def documents_received(session: Session, since: datetime, until: datetime) -> list[Document]:
    return list(session.exec(
        select(Document).where(Document.received_at > since, Document.received_at <= until)
        .order_by(col(Document.id))
    ).all())


def mails_for_hr_since(session: Session, since: datetime) -> list[InboundMessage]:
    """Mails set aside or held (they wait for HR) that arrived after `since`."""
    return list(session.exec(select(InboundMessage).where(
        col(InboundMessage.state).in_([InboundState.NEEDS_REVIEW, InboundState.HELD]),
        InboundMessage.fetched_at > since,
    )).all())


def outbound_not_delivered(session: Session) -> list[OutboundMail]:
    """Mail that will not go out by itself: refused for good, or in doubt after a crash."""
    return list(session.exec(select(OutboundMail).where(
        col(OutboundMail.state).in_([OutboundState.UNCONFIRMED, OutboundState.FAILED])
    )).all())


def closed_idle_cases(session: Session, cutoff: datetime) -> list[Case]:
    return list(session.exec(select(Case).where(
        col(Case.closed), Case.last_activity_at < cutoff)).all())


def delete_case_contents(session: Session, case_id: int | None) -> None:
    """Everything stored for a case except its row: audit trail, documents, mail, aliases."""
    session.exec(delete(AuditEntry).where(col(AuditEntry.case_id) == case_id))
    session.exec(delete(Reminder).where(col(Reminder.case_id) == case_id))
    session.exec(delete(Document).where(col(Document.case_id) == case_id))
    session.exec(delete(Person).where(col(Person.case_id) == case_id,
                                      Person.relation != Relation.CANDIDATE))
    session.exec(delete(OutboundMail).where(col(OutboundMail.case_id) == case_id))
    session.exec(delete(InboundMessage).where(col(InboundMessage.case_id) == case_id))
    session.exec(delete(CaseAlias).where(col(CaseAlias.case_id) == case_id))


# ---------------------------------------------------------------- health and incidents


def components(session: Session) -> list[ComponentHealth]:
    return list(session.exec(select(ComponentHealth).order_by(col(ComponentHealth.role),
                                                              col(ComponentHealth.key))).all())


def component_for_update(session: Session, key: str) -> ComponentHealth | None:
    return session.get(ComponentHealth, key, with_for_update=True)


def save_component(session: Session, row: ComponentHealth) -> None:
    session.add(row)


def forget_components(session: Session, role: str, keep: str) -> None:
    """The worker polls one mailbox and sends through one server: what an earlier setting
    polled is no longer this installation's (it would look stale for ever)."""
    session.exec(delete(ComponentHealth).where(col(ComponentHealth.role) == role,
                                               col(ComponentHealth.key) != keep))


def incidents(session: Session) -> list[Incident]:
    return list(session.exec(select(Incident).order_by(col(Incident.key))).all())


def incidents_for_update(session: Session) -> list[Incident]:
    return list(session.exec(select(Incident).order_by(col(Incident.key))
                             .with_for_update()).all())


def add_incident(session: Session, incident: Incident) -> None:
    session.add(incident)


def _count(session: Session, query: object) -> int:
    return int(session.exec(query).one())  # type: ignore[call-overload]


def queue_counts(session: Session) -> dict[str, object]:
    """What waits, for `mailbot status`, the alerts and the queue-depth metrics."""
    def inbound_in(*states: InboundState) -> int:
        return _count(session, select(func.count()).select_from(InboundMessage)
                      .where(col(InboundMessage.state).in_(states)))

    def outbound_in(*states: OutboundState, kinds: tuple[OutboundKind, ...] = ()) -> int:
        query = (select(func.count()).select_from(OutboundMail)
                 .where(col(OutboundMail.state).in_(states)))
        if kinds:
            query = query.where(col(OutboundMail.kind).in_(kinds))
        return _count(session, query)

    oldest = session.exec(select(func.min(InboundMessage.fetched_at))
                          .where(InboundMessage.state == InboundState.FETCHED)).one()
    waiting_for_operator = _count(session, select(func.count()).select_from(InboundMessage).where(
        InboundMessage.state == InboundState.FETCHED,
        col(InboundMessage.error).startswith("waiting for the operator: ")))
    in_review = _count(session, select(func.count()).select_from(Document).where(
        col(Document.review), col(Document.decision).is_(None),
        col(Document.case_id).is_not(None)))
    return {
        "mails_waiting": inbound_in(InboundState.FETCHED),
        "oldest_unprocessed": _as_utc(oldest),
        "waiting_for_operator": waiting_for_operator,
        "mails_set_aside": inbound_in(InboundState.NEEDS_REVIEW),
        "mails_held": inbound_in(InboundState.HELD),
        "documents_in_review": in_review,
        "outbox_queued": outbound_in(OutboundState.QUEUED, OutboundState.SENDING),
        "unconfirmed_sends": outbound_in(OutboundState.UNCONFIRMED),
        "failed_sends": outbound_in(OutboundState.FAILED),
        "alerts_queued": outbound_in(OutboundState.QUEUED, OutboundState.SENDING,
                                     kinds=(OutboundKind.ALERT, OutboundKind.RECOVERED)),
    }


def _as_utc(value: object) -> datetime | None:
    """An aggregate (MIN) comes back without the column's type: a naive or string timestamp."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def reminder_candidates(session: Session) -> list[int]:
    """Open cases a reminder may concern: incomplete ones, and any still marked for HR."""
    found = session.exec(
        select(Case.id).where(col(Case.closed).is_(False),
                              (Case.status != "complete") | col(Case.escalated_at).is_not(None))
        .order_by(col(Case.id))
    ).all()
    return [case_id for case_id in found if case_id is not None]


def last_reply(session: Session, case_id: int) -> OutboundMail | None:
    """Our newest reply to the candidate (reminders follow up on it, in its thread)."""
    return session.exec(
        select(OutboundMail).where(OutboundMail.case_id == case_id,
                                   OutboundMail.kind == OutboundKind.REPLY)
        .order_by(col(OutboundMail.created_at).desc(), col(OutboundMail.id).desc())
    ).first()


def awaits_reply(session: Session, case_id: int) -> bool:
    found = session.exec(
        select(InboundMessage.id).where(InboundMessage.case_id == case_id,
                                        col(InboundMessage.reply_pending))
    ).first()
    return found is not None


def reminders_of(session: Session, case_id: int) -> list[Reminder]:
    return list(session.exec(
        select(Reminder).where(Reminder.case_id == case_id)
        .order_by(col(Reminder.at), col(Reminder.id))
    ).all())


def record_reminder(session: Session, reminder: Reminder) -> None:
    """Insert and flush at once: a second worker's copy of the same reminder fails here
    (IntegrityError on the unique key), before anything else of its transaction is written."""
    session.add(reminder)
    session.flush()


def day_ago(now: datetime) -> datetime:
    return now - timedelta(days=1)


def web_user(session: Session, email: str) -> WebUser | None:
    return session.exec(select(WebUser).where(WebUser.email == email)).first()


def web_users(session: Session) -> list[WebUser]:
    return list(session.exec(select(WebUser).order_by(col(WebUser.email))).all())


def remove_web_user(session: Session, email: str) -> bool:
    user = web_user(session, email)
    if user is None:
        return False
    session.delete(user)
    return True


CASE_FILTERS = ("all", "incomplete", "complete", "needs_human", "in_review", "waiting")
CASE_SORTS = {"reference": col(Case.reference), "name": col(Case.name),
              "email": col(Case.email), "status": col(Case.status),
              "activity": col(Case.last_activity_at)}


def search_cases(session: Session, *, text: str = "", show: str = "all",
                 waiting_since: datetime | None = None, sort: str = "activity",
                 descending: bool = True, offset: int = 0, limit: int = 50,
                 ) -> tuple[list[Case], int]:
    """One page of the dashboard's case list and how many match, all in SQL (indexes on
    reference and email; 10,000 cases stay well under the dashboard's 100 ms)."""
    query = select(Case)
    if text.strip():
        pattern = f"%{text.strip().lower()}%"
        query = query.where(func.lower(Case.name).like(pattern)
                            | func.lower(Case.email).like(pattern)
                            | func.lower(Case.reference).like(pattern))
    if show == "incomplete":
        query = query.where(Case.status == "incomplete", col(Case.closed).is_(False))
    elif show == "complete":
        query = query.where(Case.status == "complete")
    elif show == "needs_human":
        query = query.where(col(Case.needs_human) | col(Case.escalated_at).is_not(None)
                            | col(Case.bounced_at).is_not(None))
    elif show == "in_review":
        # The JSON list as stored: "[]" when nothing waits (SQLite text, PostgreSQL json).
        query = query.where(func.cast(Case.in_review, String) != "[]")
    elif show == "waiting" and waiting_since is not None:
        query = query.where(Case.status == "incomplete", col(Case.closed).is_(False),
                            col(Case.last_activity_at) < waiting_since)
    total = _count(session, select(func.count()).select_from(query.subquery()))
    order = CASE_SORTS.get(sort, CASE_SORTS["activity"])
    query = query.order_by(order.desc() if descending else order.asc(), col(Case.id))
    return list(session.exec(query.offset(offset).limit(limit)).all()), total


def outbound_of_case(session: Session, case_id: int) -> list[OutboundMail]:
    return list(session.exec(select(OutboundMail).where(OutboundMail.case_id == case_id)
                             .order_by(col(OutboundMail.created_at))).all())


def document_of_case(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def inbound_of_case(session: Session, case_id: int, inbound_id: int) -> InboundMessage | None:
    return session.exec(select(InboundMessage).where(InboundMessage.id == inbound_id,
                                                     InboundMessage.case_id == case_id)).first()


def outbound_of_case_by_id(session: Session, case_id: int,
                           outbound_id: int) -> OutboundMail | None:
    return session.exec(select(OutboundMail).where(OutboundMail.id == outbound_id,
                                                   OutboundMail.case_id == case_id)).first()
