"""The tables. Plain SQLModel classes: no behaviour beyond small derived properties."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from classifiers.types import Kind
from mailbot.store.types import EnumText, UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class InboundState(StrEnum):
    FETCHED = "fetched"            # raw bytes stored, not yet processed
    PROCESSED = "processed"        # results, checklist and reply intent stored
    IGNORED = "ignored"            # machine mail (bounce, auto-reply, list): stored, no reply
    HELD = "held"                  # needs HR before anything is counted (e.g. stranger's address)
    NEEDS_REVIEW = "needs_review"  # kept failing; set aside for HR


class OutboundState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"            # an attempt started; a crash here is resolved on restart
    SENT = "sent"
    UNCONFIRMED = "unconfirmed"    # the server may have accepted it; never re-sent, HR told
    FAILED = "failed"              # rejected permanently


class ReviewDecision(StrEnum):
    ACCEPTED = "accepted"    # counts as `decided_kind`
    REJECTED = "rejected"    # does not count; `decision_reason` tells the candidate why


class OutboundKind(StrEnum):
    REPLY = "reply"
    HR_COMPLETE = "hr_complete"
    HR_REVIEW = "hr_review"
    DIGEST = "digest"
    ALERT = "alert"                # to the operators: something kept failing
    RECOVERED = "recovered"        # to the operators: it cleared
    REMINDER = "reminder"   # to the candidate: something is still missing (mailbot/reminders.py)


class Case(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(index=True, unique=True)         # HSM-0042
    email: str = Field(index=True, unique=True)             # the candidate's own address
    name: str = ""
    status: str = "incomplete"                               # complete | incomplete
    nationality: str | None = None                           # ISO 3166-1 alpha-3
    tb_exempt: bool | None = None
    passport_expiry: date | None = None
    missing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Items whose only candidate document waits for HR: neither missing nor counted yet.
    in_review: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    problems: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    needs_human: bool = False
    closed: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Indexed: the dashboard's case list sorts by it and filters "waiting for N days" on it.
    last_activity_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Reminders (mailbot/reminders.py): HR's pause, HR's resume (a new series counts from
    # it), the last bounce of a mail to the candidate, and the mark for HR after a series of
    # reminders went unanswered (cleared when a new series starts or by `case resolve`).
    reminders_paused: bool = False
    reminders_resumed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    bounced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    escalated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    escalated_after: int | None = None       # how many reminders went unanswered


class Relation(StrEnum):
    """Who a person of a case is to the candidate."""

    CANDIDATE = "candidate"
    SPOUSE = "spouse"
    PARTNER = "partner"
    CHILD = "child"


class Partnership(StrEnum):
    """How a spouse or partner is bound to the candidate: it decides the relation documents."""

    MARRIAGE = "marriage"
    REGISTERED = "registered"
    UNMARRIED = "unmarried"


class Person(SQLModel, table=True):
    """One person of a case: the candidate, or a dependant who comes along.

    A dependant is declared by HR (`case person add`, confirmed) or proposed by a passport of
    someone who is not yet a person of the case (unconfirmed, relation None until HR says).
    """

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    # None only while proposed: HR confirms with the relation.
    relation: Relation | None = Field(default=None, sa_type=EnumText(Relation))
    name: str = ""
    birth_date: date | None = None               # as declared by HR; a passport's wins
    nationality: str | None = None               # as declared; a passport's wins
    other_parent_stays: bool = False             # child: the other parent's consent is needed
    partnership: Partnership | None = Field(default=None, sa_type=EnumText(Partnership))
    confirmed: bool = True
    # The passport that opened a proposed dependant.
    proposed_from_document: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseAlias(SQLModel, table=True):
    address: str = Field(primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)


class InboundMessage(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("source_key"),)

    id: int | None = Field(default=None, primary_key=True)
    source_key: str
    message_id: str = Field(index=True)
    raw_sha256: str = Field(index=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sender: str = ""
    subject: str = ""
    # The Date header; mails are applied in this order.
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    processed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    state: str = Field(default=InboundState.FETCHED, index=True)
    attempts: int = 0
    error: str | None = None
    note: str | None = None                  # why it was ignored / held, for HR
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    asks_question: bool = False
    reply_pending: bool = Field(default=False, index=True)  # one reply per case per cycle
    filed: bool = False


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    inbound_id: int = Field(foreign_key="inboundmessage.id", index=True)
    filename: str
    sha256: str = Field(index=True)
    size: int = 0
    content_type: str = ""
    detected_type: str | None = None
    kind: Kind = Field(default=Kind.OTHER, sa_type=EnumText(Kind))  # the classifier's verdict
    confidence: float = 0.0
    filled: bool | None = None
    error: str | None = None
    error_detail: str | None = None
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    pages: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    passport: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    held: bool = False                       # from a stranger's address: not counted until HR says
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The classifier was not sure (`Classification.review`): HR checks the file by hand. The
    # columns above stay the classifier's verdict; HR's decision is kept next to it below.
    review: bool = Field(default=False, index=True)
    # None: HR has not decided.
    decision: ReviewDecision | None = Field(default=None, sa_type=EnumText(ReviewDecision))
    # What HR says the file is (None: not said).
    decided_kind: Kind | None = Field(default=None, sa_type=EnumText(Kind))
    decided_by: str | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_reason: str | None = None
    # Accepting a passport the bot could not read fully, HR may say what the page prints:
    # the nationality decides on the TB declaration, the expiry date on validity.
    decided_nationality: str | None = None
    decided_expiry: date | None = None
    # Whose document it is (`mailbot.checklist.family.assign`, or HR's review); None: not
    # told (a case without dependants: the candidate's).
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # Whom the document names, as the reader found it on the page (classifiers
    # `PersonMention.to_json`): the evidence a form or certificate is placed by.
    people: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))

    @property
    def waits_for_review(self) -> bool:
        return self.review and self.decision is None


class OutboundMail(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = OutboundKind.REPLY
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    message_id: str = Field(unique=True)     # fixed before the first attempt
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    subject: str = ""
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    state: str = Field(default=OutboundState.QUEUED, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The worker that moved it to `sending` ("host:pid:start"): a live one is not a crash.
    claimed_by: str | None = None


class Reminder(SQLModel, table=True):
    """One reminder queued for a case, or the escalation that ends its series.

    The unique key is what makes a reminder exactly-once: two workers (or a worker restarted
    after a crash) deciding the same reminder write the same (case, series, number), and the
    second insert fails, taking its outbox row down with it in the same transaction.
    """

    __table_args__ = (UniqueConstraint("case_id", "series", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    series: str                              # mailbot.reminders.series_key of its start
    number: int                              # 1, 2, ...; the escalation: reminders + 1
    escalation: bool = False
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    message_id: str | None = None            # the reminder's outbox mail (None: escalation)


class AuditEntry(SQLModel, table=True):
    """What a person did, when and why: HR decisions on documents (never document text)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str
    action: str                              # e.g. review.accept, review.reject
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ServiceState(SQLModel, table=True):
    """Small durable memory: IMAP UIDVALIDITY/last UID, last digest time."""

    key: str = Field(primary_key=True)
    value: str


class ComponentHealth(SQLModel, table=True):
    """What the worker last saw of one part it depends on: a mailbox, the outgoing mail, a tool,
    the disk. Written by the cycle (`mailbot/monitor.py`), judged by `mailbot/health.py`."""

    key: str = Field(primary_key=True)       # `mailbox imap host:993 folder INBOX`, `tesseract`
    role: str                                # mailbox | delivery | tool | disk
    last_ok_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set by the first failure after a success, cleared by the next success.
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = None            # one line, never document text
    error_kind: str | None = None            # auth | unreachable | tls | missing | full | other


class Incident(SQLModel, table=True):
    """One thing that kept failing, for the operators: opened with one alert mail, closed with
    one "recovered" mail, in the same transactions as those mails in the outbox."""

    key: str = Field(primary_key=True)       # `mailbox-login:mailbox imap ...`, `tesseract`, ...
    is_open: bool = False
    title: str = ""
    detail: str = ""
    opened_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The alert of the current opening; None while the hourly limit holds it back.
    alerted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last alert of any opening: at most one alert per incident per hour.
    last_alert_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebUser(SQLModel, table=True):
    """An HR account of the dashboard (`mailbot user add`). Only the password's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
