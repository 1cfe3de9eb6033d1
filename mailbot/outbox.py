"""The transactional outbox: queue mail in the caller's transaction, send it later, settle sends a
crash interrupted.

A mail gets its Message-ID when it is queued, before the first attempt, so a send that went out
but whose answer was lost can be recognised (in the Sent folder) instead of sent twice. Every
part of the service that writes mail — the cycle's steps, HR's review decisions, the digest —
queues it here; only `send` talks to the delivery.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.delivery.base import Delivery, Envelope
from mailbot.errors import DeliveryInDoubt, MailbotError, TransientError
from mailbot.intake import IntakePolicy, reply_thread
from mailbot.intake.decision import REPLY_REFERENCES
from mailbot.mime.headers import message_ids
from mailbot.replies.compose import ComposedText, reply_subject
from mailbot.replies.hr import ReviewNotice, compose_review
from mailbot.replies.message import (
    FileAttachment,
    OutgoingMail,
    as_resent,
    new_message_id,
    render,
)
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import (
    Case,
    InboundMessage,
    InboundState,
    OutboundKind,
    OutboundMail,
    OutboundState,
)

log = logging.getLogger("mailbot")

# A mail the server refused for now is tried again after 60 s, 120 s, ... at most an hour.
_MAX_BACKOFF_SECONDS = 3600
# How long a send in doubt waits for the Sent folder to answer before HR is asked to decide.
_SENT_CHECK_PATIENCE = timedelta(hours=1)


@dataclass
class SendTally:
    """What one `send` did; the cycle report adds it up."""

    sent: int = 0
    failures: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)   # what went out: reply, alert, ...


def this_process() -> str:
    """Who claims a send: host, pid and the process's start time (a reused pid is not us)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_started(os.getpid())}"


def _started(pid: int) -> str:
    try:  # field 22 of /proc/PID/stat: start time in clock ticks after boot (Linux)
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[19]
    except (OSError, IndexError):
        return ""


def claimant_alive(claimant: str | None) -> bool:
    """Whether the worker that claimed a send still runs on this host. Another host's
    worker cannot be asked, so its row is settled as before (one host per mailbox)."""
    host, _, rest = (claimant or "").partition(":")
    pid, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        pass
    return _started(int(pid)) == started


@dataclass
class Outbox:
    settings: Settings
    engine: Engine
    delivery: Delivery
    clock: Callable[[], datetime]
    claimant: str = field(default_factory=this_process)

    # ---------------------------------------------------------------- queueing

    def queue(
        self,
        session: Session,
        kind: OutboundKind,
        case_id: int | None,
        to: tuple[str, ...],
        subject: str,
        text: ComposedText,
        *,
        in_reply_to: str | None = None,
        references: tuple[str, ...] = (),
        attachments: tuple[FileAttachment, ...] = (),
    ) -> str:
        """Returns the Message-ID the mail will carry."""
        message_id = new_message_id(self.settings.from_address)
        raw = render(OutgoingMail(
            message_id=message_id,
            from_address=self.settings.from_address,
            from_name=self.settings.from_name,
            to=to,
            subject=subject,
            text=text.text,
            html=text.html,
            date=self.clock(),
            in_reply_to=in_reply_to,
            references=references,
            auto_submitted="auto-replied" if kind == OutboundKind.REPLY else "auto-generated",
            attachments=attachments,
        ))
        self._add(session, kind, case_id, message_id, to, subject, raw)
        return message_id

    def _add(self, session: Session, kind: str, case_id: int | None, message_id: str,
             to: tuple[str, ...], subject: str, raw: bytes) -> None:
        """The outbox row of a mail ready to go: due now, sent by `send` exactly once."""
        now = self.clock()
        session.add(OutboundMail(kind=kind, case_id=case_id, message_id=message_id,
                                 recipients=list(to), subject=subject, raw=raw,
                                 created_at=now, next_attempt_at=now))

    def to_hr(self, session: Session, kind: OutboundKind, case_id: int | None, subject: str,
              text: ComposedText, *, attachments: tuple[FileAttachment, ...] = ()) -> None:
        self.queue(session, kind, case_id, (self.settings.hr_address,), subject, text,
                   attachments=attachments)

    def ask_hr(self, session: Session, case: Case | None, inbound: InboundMessage, *,
               what_happened: str, what_to_do: str) -> None:
        """A mail needs a human: HR gets what happened and what to do about it."""
        subject, text = compose_review(ReviewNotice(
            reference=case.reference if case else None, subject=inbound.subject,
            sender=inbound.sender, inbound_id=inbound.id or 0,
            what_happened=what_happened, what_to_do=what_to_do,
        ))
        self.to_hr(session, OutboundKind.HR_REVIEW, case.id if case else None, subject, text)

    def reply_cap_reached(self, session: Session, case: Case) -> bool:
        limit = self.settings.max_replies_per_address_per_day
        if repo.replies_since(session, case.email, repo.day_ago(self.clock())) >= limit:
            log.warning("%s: reply cap of %d per day reached; not replying", case.reference, limit)
            return True
        return False

    def reply_in_thread(self, session: Session, case: Case, answered: list[InboundMessage],
                        text: ComposedText) -> None:
        """Only to the case's own address, threaded under the newest of its own mails."""
        assert case.id is not None
        own = [inbound for inbound in answered if inbound.state == InboundState.PROCESSED]
        latest = own[-1] if own else None
        # A forwarded candidate's mail is answered in the candidate's thread, not the forwarder's.
        policy = IntakePolicy.from_settings(self.settings)
        threads = [reply_thread(inbound.raw, inbound.message_id, policy) for inbound in own]
        # RFC 5322 3.6.4: the parent's References, then every mail this reply answers.
        chain = threads[-1][1] if threads else []
        answered_message_ids = [message_id for message_id, _ in threads]
        references = tuple(dict.fromkeys(
            [*(ref for ref in chain if ref not in answered_message_ids), *answered_message_ids]))
        self.queue(session, OutboundKind.REPLY, case.id, (case.email,),
                   reply_subject(latest.subject if latest else "", case.reference), text,
                   in_reply_to=answered_message_ids[-1] if latest else None,
                   references=references)

    def remind_in_thread(self, session: Session, case: Case, follows: OutboundMail,
                         text: ComposedText) -> str:
        """A reminder to the case's own address, in the thread of our reply it follows up
        on: that reply's subject, `In-Reply-To` it, its References and it (RFC 5322 3.6.4).
        Marked `Auto-Submitted: auto-generated` (RFC 3834 5: not a response to a mail)."""
        headers = BytesHeaderParser(policy=compat32).parsebytes(follows.raw)
        chain = message_ids(headers.get("References", ""), REPLY_REFERENCES)
        references = tuple(dict.fromkeys(
            [*(ref for ref in chain if ref != follows.message_id), follows.message_id]))
        return self.queue(session, OutboundKind.REMINDER, case.id, (case.email,),
                          follows.subject, text, in_reply_to=follows.message_id,
                          references=references)

    def resend(self, session: Session, case: Case, original: OutboundMail) -> str:
        """The same reply again, to the case's own address as it is now (HR asked: the
        candidate says it never arrived). A new message, so the outbox's once-only sending
        applies to it as to any other; returns its Message-ID."""
        message_id = new_message_id(self.settings.from_address)
        to = (case.email,)
        self._add(session, original.kind, case.id, message_id, to, original.subject,
                  as_resent(original.raw, message_id, self.clock(), to))
        return message_id

    # ---------------------------------------------------------------- sending

    def send(self, tally: SendTally | None = None) -> SendTally:
        """Send everything due. A transient failure of the server raises (after the mail was
        put back with a backoff): the rest waits for the next cycle."""
        tally = tally if tally is not None else SendTally()
        self.settle_interrupted()
        while True:
            with Session(self.engine) as session:
                due = repo.due_outbound(session, self.clock())
            if not due:
                return tally
            for row in due:
                self._send_one(row.id, tally)

    def settle_interrupted(self) -> None:
        """A row left in `sending` by a crash: ask the delivery whether it arrived. A row a
        live worker on this host is sending right now is its business, not a crash."""
        with session_scope(self.engine) as session:
            for row in repo.outbound_being_sent(session):
                if row.claimed_by != self.claimant and claimant_alive(row.claimed_by):
                    continue
                try:
                    delivered = self.delivery.already_delivered(row.message_id)
                except TransientError as exc:
                    # The Sent folder could tell but cannot now: ask again next cycle, and
                    # only give up to HR when it stays away for long.
                    if self.clock() - row.next_attempt_at < _SENT_CHECK_PATIENCE:
                        log.warning("outbound %s in doubt, Sent cannot be checked now: %s",
                                    row.message_id, exc)
                        continue
                    delivered = None
                if delivered is True:
                    row.state, row.sent_at = OutboundState.SENT, self.clock()
                elif delivered is False:
                    row.state = OutboundState.QUEUED
                else:  # cannot tell: never risk a second copy; HR sees it in the digest
                    row.state = OutboundState.UNCONFIRMED
                    row.last_error = "interrupted while sending; delivery cannot be confirmed"
                    log.warning("outbound %s interrupted mid-send; marked unconfirmed",
                                row.message_id)

    def _send_one(self, outbound_id: int | None, tally: SendTally) -> None:
        with session_scope(self.engine) as session:
            # One atomic compare-and-set: of two workers (also on SQLite, where FOR UPDATE
            # locks nothing) only one moves the row from `queued` to `sending`.
            if outbound_id is None or not repo.claim_outbound(session, outbound_id,
                                                              self.claimant):
                return
            row = session.get(OutboundMail, outbound_id)
            assert row is not None
            kind = row.kind
            envelope = Envelope(row.message_id, self.settings.from_address,
                                tuple(row.recipients), row.raw)
        try:
            self.delivery.deliver(envelope)
        except DeliveryInDoubt as exc:
            # The text went out but the answer did not come back: settle it like a crash
            # mid-send, never by sending again blindly.
            log.warning("outbound %s in doubt: %s", envelope.message_id, exc)
            self.settle_interrupted()
            raise
        except TransientError as exc:
            self._after_send(outbound_id, OutboundState.QUEUED, str(exc))
            tally.failures += 1
            raise
        except MailbotError as exc:
            self._after_send(outbound_id, OutboundState.FAILED, str(exc))
            tally.failures += 1
            log.error("outbound %s rejected for good: %s", envelope.message_id, exc)
            return
        self._after_send(outbound_id, OutboundState.SENT, None)
        tally.sent += 1
        tally.by_kind[kind] += 1

    def _after_send(self, outbound_id: int | None, state: OutboundState,
                    error: str | None) -> None:
        with session_scope(self.engine) as session:
            row = session.get(OutboundMail, outbound_id)
            assert row is not None
            row.state = state
            row.last_error = error
            now = self.clock()
            if state == OutboundState.FAILED:
                _note_refused_address(session, row, now)
            if state == OutboundState.SENT:
                row.sent_at = now
            elif state == OutboundState.QUEUED:
                row.next_attempt_at = now + timedelta(
                    seconds=min(_MAX_BACKOFF_SECONDS, 30 * 2 ** row.attempts))


def _note_refused_address(session: Session, row: OutboundMail, now: datetime) -> None:
    """The candidate's server refused our mail for good: a bounce we heard at once, not
    days later in a bounce mail. The case says so (the digest tells HR) and its reminders
    stop, exactly as for a bounce mail (`case resume` once HR has a working address)."""
    if row.case_id is None or row.kind not in (OutboundKind.REPLY, OutboundKind.REMINDER):
        return
    case = session.get(Case, row.case_id)
    if case is not None and case.email in row.recipients:
        case.bounced_at = now
