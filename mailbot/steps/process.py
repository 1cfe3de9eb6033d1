"""Process: every stored mail is parsed, its intake decided, its documents read, and the outcome
— documents, checklist, reply intent, HR's notice — written in ONE transaction.

The slow document work happens outside any transaction; a crash at any point leaves either
nothing or everything of a mail's outcome. A mail walks `fetched → processed|ignored|held`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from classifiers.limits import Limits
from classifiers.ocr import OcrUnavailable as OcrMissing
from classifiers.types import Classification
from mailbot.cases import Cases
from mailbot.config import Settings
from mailbot.errors import OcrUnavailable, OperatorFault, SetAside, TransientError
from mailbot.incidents import close_incident, wait_for_operator, waited_for
from mailbot.intake import Action, Intake, IntakePolicy, decide
from mailbot.intake.authentication import failed_checks
from mailbot.intake.decision import facts_of
from mailbot.intake.rules import bounce_failures
from mailbot.isolation import Classify
from mailbot.middleware import Middleware, Retries, call_hooks
from mailbot.mime.limits import MimeLimits
from mailbot.mime.parse import parse_mail
from mailbot.mime.types import Attachment, ParsedMail
from mailbot.outbox import Outbox
from mailbot.replies.compose import asks_question, reference_in
from mailbot.steps import CycleReport
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import Case, Document, InboundMessage, InboundState

log = logging.getLogger("mailbot")


@dataclass(frozen=True)
class _Mail:
    """One stored mail taken apart, with what intake decided and its documents' verdicts."""

    parsed: ParsedMail
    intake: Intake
    verdicts: dict[str, dict[str, Any]]


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
            except IntegrityError:  # another worker opened the same incident at this moment
                log.info("mail #%d waits; the incident was opened by another worker", inbound_id)
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
        with Session(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id)
            assert inbound is not None
            raw = inbound.raw
        parsed = parse_mail(raw, self.mime_limits)
        intake = decide(parsed, raw, self.intake_policy)
        verdicts = {} if intake.action is Action.IGNORE else self._classify_attachments(parsed)
        mail = _Mail(parsed, intake, verdicts)
        with session_scope(self.engine) as session:
            inbound = repo.inbound_for_update(session, inbound_id)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return "skipped", "already processed"
            fault = waited_for(inbound.error)
            outcome = self._apply(session, inbound, mail)
            if fault:  # it needed the tool that was missing, and now it went through
                inbound.error = None
                close_incident(session, fault)
            return outcome

    def _wait_for_operator(self, inbound_id: int, fault: OperatorFault) -> None:
        with session_scope(self.engine) as session:
            inbound = repo.inbound_for_update(session, inbound_id)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return
            wait_for_operator(session, self.outbox, inbound, fault, self.clock())

    def _classify_attachments(self, parsed: ParsedMail) -> dict[str, dict[str, Any]]:
        wanted = {a.sha256: a for a in parsed.attachments if not a.error and not a.inline}
        verdicts: dict[str, dict[str, Any]] = {}
        with Session(self.engine) as session:
            for sha in wanted:
                earlier = repo.known_classification(session, sha)
                if earlier is not None:
                    verdicts[sha] = _verdict_of_document(earlier)
        for sha, attachment in wanted.items():  # the slow part, outside any transaction
            if sha not in verdicts:
                try:
                    classification = self.classify(attachment.data, attachment.filename,
                                                   self.document_limits)
                except OcrMissing as exc:  # an unisolated classify (tests, tools) raises this
                    raise OcrUnavailable(str(exc)) from exc
                verdicts[sha] = _verdict_of(classification)
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
        self._keep_documents(session, inbound, mail, case.id, received_at, held=held)

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
        rows = [_document_row(attachment, mail.verdicts, case_id, inbound, received_at, held)
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


def _verdict_of(classification: Classification) -> dict[str, Any]:
    return {
        "detected_type": classification.detected_type,
        "kind": classification.kind.value,
        "confidence": classification.confidence,
        "filled": classification.filled,
        "error": classification.error.value if classification.error else None,
        "error_detail": classification.error.describe() if classification.error else None,
        "reasons": list(classification.reasons),
        "pages": classification.to_json()["pages"],
        "passport": classification.passport.to_json() if classification.passport else None,
        "review": classification.review,
    }


_DECISION_COLUMNS = ("decision", "decided_kind", "decided_by", "decided_at", "decision_reason")
# The same bytes get the same verdict, and HR's decision on them too: HR is asked once.
_REUSED_COLUMNS = ("detected_type", "kind", "confidence", "filled", "error", "error_detail",
                   "reasons", "pages", "passport", "review", *_DECISION_COLUMNS)


def _verdict_of_document(document: Document) -> dict[str, Any]:
    verdict = {key: getattr(document, key) for key in _REUSED_COLUMNS}
    verdict["decided_for_case"] = document.case_id
    return verdict


def _document_row(attachment: Attachment, verdicts: dict[str, dict[str, Any]],
                  case_id: int | None,
                  inbound: InboundMessage, received_at: datetime, held: bool) -> Document:
    assert inbound.id is not None
    verdict = dict(verdicts.get(attachment.sha256) or {
        "kind": "other", "error": attachment.error or "unreadable",
        "error_detail": attachment.error_detail or "the attachment could not be unpacked",
    })
    if verdict.pop("decided_for_case", case_id) != case_id:
        # HR's reasons are about one candidate: in another case the file is asked about anew.
        verdict.update(dict.fromkeys(_DECISION_COLUMNS))
    return Document(case_id=case_id, inbound_id=inbound.id, filename=attachment.display_name,
                    sha256=attachment.sha256, size=len(attachment.data),
                    content_type=attachment.content_type, held=held,
                    received_at=received_at, **verdict)
