"""Process: every stored mail is parsed, its intake decided, its documents read, and the outcome
— documents, checklist, reply intent, HR's notice — written in ONE transaction.

The slow document work happens outside any transaction (on PostgreSQL inside the one that
claims the mail, which locks that mail's row alone, so several workers can share the queue); a
crash at any point leaves either nothing or everything of a mail's outcome. A mail walks
`fetched → processed|ignored|held`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from classifiers.limits import Limits
from classifiers.ocr import OcrUnavailable as OcrMissing
from mailbot.cases import Cases
from mailbot.config import Settings
from mailbot.errors import OcrUnavailable, OperatorFault, SetAside, TransientError
from mailbot.incidents import operator_fault_cleared, wait_for_operator, waited_for
from mailbot.intake import Action, Intake, IntakePolicy, decide
from mailbot.intake.authentication import failed_checks
from mailbot.intake.decision import facts_of
from mailbot.intake.rules import bounce_failures
from mailbot.isolation import Classify
from mailbot.middleware import Middleware, Retries, call_hooks
from mailbot.mime.mail_limits import MimeLimits
from mailbot.mime.parse import parse_mail
from mailbot.mime.types import ParsedMail
from mailbot.outbox import Outbox
from mailbot.replies.compose import asks_question, reference_in
from mailbot.steps import CycleReport
from mailbot.store import repo
from mailbot.store.db import rows_can_be_claimed, session_scope
from mailbot.store.models import Case, Document, InboundMessage, InboundState
from mailbot.store.verdicts import DocumentVerdict, document_row

log = logging.getLogger("mailbot")


@dataclass(frozen=True)
class _Mail:
    """One stored mail taken apart, with what intake decided and its documents' verdicts."""

    parsed: ParsedMail
    intake: Intake
    verdicts: dict[str, DocumentVerdict]  # by the attachment's sha256


class Process:
    name = "process"

    def __init__(self, settings: Settings, engine: Engine, outbox: Outbox, cases: Cases,
                 classify: Classify, document_limits: Limits,
                 middleware: list[Middleware], clock: Callable[[], datetime]) -> None:
        self.settings = settings
        self.engine = engine
        self.outbox = outbox
        self.cases = cases
        self.classify = classify
        self.document_limits = document_limits
        self.mime_limits = MimeLimits.from_settings(settings)
        self.intake_policy = IntakePolicy.from_settings(settings)
        self.retries = Retries(engine, outbox, settings.max_attempts)
        self.middleware = middleware
        self.clock = clock
        # Where the database can lock a row and let others skip it, each mail is claimed.
        self.claim_mails = rows_can_be_claimed(engine)

    where = "reading stored mail"
    what_to_check = ("see the lines above for the cause; the mails wait in `fetched`, nothing "
                     "was counted against anyone")

    def run(self, report: CycleReport) -> None:
        with Session(self.engine) as session:
            pending = repo.waiting_to_process(session)
        for inbound_id in pending:
            self.process_one(inbound_id)

    def process_one(self, inbound_id: int) -> None:
        call_hooks(self.middleware, "before_message", inbound_id)
        try:
            outcome, summary = self._process(inbound_id)
        except OperatorFault as exc:
            # Our installation is broken, not the mail: it waits in `fetched`, uncounted, and
            # the other mails of this cycle are still tried (a text PDF needs no tesseract).
            try:
                self._wait_for_operator(inbound_id, exc)
            except IntegrityError:  # another worker recorded the same failure at this moment
                log.info("mail #%d waits; another worker recorded the fault", inbound_id)
            call_hooks(self.middleware, "after_message", inbound_id, "waiting", str(exc))
            return
        except (TransientError, OperationalError):
            raise  # the database or a server is away: not this mail's fault; retry next cycle
        except Exception as exc:
            attempts = self.retries.after_failure(inbound_id, exc)
            call_hooks(self.middleware, "after_failure", inbound_id, exc, attempts)
            return
        call_hooks(self.middleware, "after_message", inbound_id, outcome, summary)

    def _process(self, inbound_id: int) -> tuple[str, str]:
        if self.claim_mails:
            return self._process_claimed(inbound_id)
        with Session(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id)
            assert inbound is not None
            raw = inbound.raw
        mail = self._read(raw)
        with session_scope(self.engine) as session:
            inbound = repo.inbound_for_update(session, inbound_id)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return "skipped", "already processed"
            return self._record(session, inbound, mail)

    def _process_claimed(self, inbound_id: int) -> tuple[str, str]:
        """Several workers on one PostgreSQL: the mail's row stays locked from reading it to
        writing its outcome, in one transaction, so no other worker reads it meanwhile (they
        skip it, `FOR UPDATE SKIP LOCKED`); a worker that dies lets go with its connection.
        The slow document work runs inside that transaction: it holds this one row only."""
        with session_scope(self.engine) as session:
            inbound = repo.claim_inbound(session, inbound_id)
            if inbound is None:
                return "skipped", "being processed by another worker"
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return "skipped", "already processed"
            return self._record(session, inbound, self._read(inbound.raw))

    def _read(self, raw: bytes) -> _Mail:
        """The mail taken apart, its intake decided and its documents read (the slow part)."""
        parsed = parse_mail(raw, self.mime_limits)
        intake = decide(parsed, raw, self.intake_policy)
        verdicts = {} if intake.action is Action.IGNORE else self._classify_attachments(parsed)
        return _Mail(parsed, intake, verdicts)

    def _record(self, session: Session, inbound: InboundMessage,
                mail: _Mail) -> tuple[str, str]:
        fault = waited_for(inbound.error)
        outcome = self._apply(session, inbound, mail)
        if fault:  # it needed the tool that was missing, and now it went through
            inbound.error = None
            operator_fault_cleared(session, fault, self.clock())
        return outcome

    def _wait_for_operator(self, inbound_id: int, fault: OperatorFault) -> None:
        with session_scope(self.engine) as session:
            inbound = repo.inbound_for_update(session, inbound_id)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return
            wait_for_operator(session, inbound, fault, self.clock())

    def _classify_attachments(self, parsed: ParsedMail) -> dict[str, DocumentVerdict]:
        wanted = {a.sha256: a for a in parsed.attachments if not a.error and not a.inline}
        verdicts: dict[str, DocumentVerdict] = {}
        with Session(self.engine) as session:
            for sha in wanted:
                earlier = repo.known_classification(session, sha)
                if earlier is not None:
                    verdicts[sha] = DocumentVerdict.of_row(earlier)
        # The slow part: outside any transaction, or (PostgreSQL) inside only the mail's claim.
        for sha, attachment in wanted.items():
            if sha not in verdicts:
                try:
                    classification = self.classify(attachment.data, attachment.filename,
                                                   self.document_limits)
                except OcrMissing as exc:  # an unisolated classify (tests, tools) raises this
                    raise OcrUnavailable(str(exc)) from exc
                verdicts[sha] = DocumentVerdict.of_classification(classification)
        return verdicts

    def _apply(self, session: Session, inbound: InboundMessage, mail: _Mail) -> tuple[str, str]:
        now = self.clock()
        inbound.processed_at = now
        parsed, intake = mail.parsed, mail.intake
        sender = intake.sender
        sender_case = repo.case_for_address(session, sender) if sender else None
        if intake.action is Action.IGNORE:
            inbound.state = InboundState.IGNORED
            inbound.note = f"no reply: {intake.reason}"[:1000]
            inbound.case_id = sender_case.id if sender_case else None
            self._note_bounce(session, inbound, mail, now)
            return "ignored", intake.reason
        if intake.action is not Action.ANSWER:
            return self._set_aside(session, inbound, mail, sender_case, now)
        if not sender:
            raise SetAside("the mail has no usable sender address")
        spoofed = failed_checks(parsed, self.settings.authserv_id)
        if spoofed:
            # A forged sender must neither add documents to a case nor get a reply.
            inbound.state = InboundState.HELD
            inbound.case_id = sender_case.id if sender_case else None
            inbound.note = (f"sender {parsed.from_address} failed {', '.join(spoofed)} at "
                            f"{self.settings.authserv_id}; quarantined, no reply")
            self.outbox.ask_hr(session, sender_case, inbound, what_happened=inbound.note,
                               what_to_do="Check the mail by hand; if it is genuine, ask the "
                                          "candidate to send the documents again.")
            return "held", inbound.note

        reference = reference_in(parsed.subject)
        referenced = repo.case_by_reference_or_email(session, reference) if reference else None
        held = referenced is not None and (sender_case is None or sender_case.id != referenced.id)
        case = referenced if held else sender_case
        # When the candidate sent it (never in the future): the 12-month passport rule and
        # "waiting for more than N days" both count from here.
        received_at = min(parsed.date or now, now)
        if case is None:  # first contact; no display name: replies say "Dear candidate"
            case = repo.open_case(session, sender, intake.sender_name, when=received_at)
        assert case is not None and case.id is not None
        kept = self._keep_documents(session, inbound, mail, case.id, received_at, held=held)
        self.cases.place(session, case, kept)  # whose each file is: the candidate's, or whom

        inbound.case_id = case.id
        inbound.state = InboundState.HELD if held else InboundState.PROCESSED
        if held:
            inbound.note = (f"sent from {sender}, not an address of "
                            f"{case.reference}; documents held for HR")
            self.outbox.ask_hr(session, case, inbound, what_happened=inbound.note, what_to_do=(
                f"If {sender} belongs to the candidate, run "
                f"`mailbot case link {case.reference} {sender}`; "
                "otherwise ignore it: nothing was counted."))
        elif asks_question(parsed.text):
            inbound.asks_question = case.needs_human = True
        checklist = self.cases.refresh(session, case, now)
        inbound.reply_pending = True
        case.last_activity_at = max(case.last_activity_at, received_at)
        outcome = "held" if held else "processed"
        documents = sum(1 for a in parsed.attachments if not a.inline or a.error)
        state = "complete" if checklist.complete else (
            f"missing {','.join(checklist.missing) or '-'}, in review "
            f"{','.join(checklist.in_review) or '-'}" if checklist.reviewing
            else "missing " + ",".join(checklist.missing))
        summary = f"{case.reference}, {documents} document(s), {state}"
        return outcome, summary

    def _note_bounce(self, session: Session, inbound: InboundMessage, mail: _Mail,
                     now: datetime) -> None:
        """A machine mail that says a mail to a candidate's address failed for good: the
        case's reminders stop (until the candidate writes again or HR resumes them)."""
        found = bounce_failures(facts_of(mail.parsed, inbound.raw, self.intake_policy))
        for address in sorted(found[1]) if found else ():
            case = repo.case_for_address(session, address)
            if case is None or case.email != address:  # we only ever write to case.email
                continue
            case.bounced_at = now
            inbound.case_id = case.id
            log.info("mail #%s: a mail to %s bounced; its reminders stop", inbound.id,
                     case.reference)

    def _keep_documents(self, session: Session, inbound: InboundMessage, mail: _Mail,
                        case_id: int | None, received_at: datetime, *,
                        held: bool) -> list[Document]:
        """One row per attachment (a signature logo is no document), flushed for their ids."""
        assert inbound.id is not None
        rows = [document_row(attachment,
                             mail.verdicts.get(attachment.sha256)
                             or DocumentVerdict.unreadable(attachment),
                             case_id=case_id, inbound_id=inbound.id, received_at=received_at,
                             held=held)
                for attachment in mail.parsed.attachments
                if not (attachment.inline and not attachment.error)]
        session.add_all(rows)
        session.flush()
        return rows

    def _set_aside(self, session: Session, inbound: InboundMessage, mail: _Mail,
                   sender_case: Case | None, now: datetime) -> tuple[str, str]:
        """No reply, but nobody is dropped: the documents are read and kept (held, so they
        count for nothing until HR releases them) and HR is told why."""
        parsed, intake = mail.parsed, mail.intake
        reference = reference_in(parsed.subject)
        case = sender_case or (
            repo.case_by_reference_or_email(session, reference) if reference else None)
        received_at = min(parsed.date or now, now)
        rows = self._keep_documents(session, inbound, mail, case.id if case else None,
                                    received_at, held=True)
        read = [f"{row.filename} ({row.error or row.kind})" for row in rows]
        inbound.case_id = case.id if case else None
        set_aside = intake.action is Action.SET_ASIDE
        inbound.state = InboundState.NEEDS_REVIEW if set_aside else InboundState.HELD
        inbound.note = f"no reply, kept for HR: {intake.reason}"[:1000]
        documents = "; ".join(read) if read else "none"
        if set_aside:
            what_to_do = ("Find out who sent it and answer by hand; its documents are kept "
                          "(held). To count them for a case, link the sender's address with "
                          "`mailbot case link`.")
        else:
            what_to_do = ("It was not answered automatically. If it is a candidate's genuine "
                          "mail, answer by hand and link the address with `mailbot case link`.")
        self.outbox.ask_hr(session, case, inbound,
                           what_happened=f"{inbound.note}. Documents read: {documents}"[:2000],
                           what_to_do=what_to_do)
        log.info("mail #%s not answered (%s): %s", inbound.id, intake.action, intake.reason)
        return ("needs_review" if set_aside else "held"), intake.reason
