"""The worker cycle: fetch → store raw → process → file → reply → send.

Every step is declared in `CYCLE` and every message walks the life cycle
`fetched → processed|ignored|held → filed`. Slow document work happens outside any transaction;
the results, the checklist and the reply intent are then written in ONE transaction, so a crash
at any point leaves either nothing or everything of a message's outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from hashlib import sha256
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from classifiers.classify import classify as classify_document
from classifiers.limits import Limits
from classifiers.ocr import OcrUnavailable as OcrMissing
from classifiers.types import Classification
from mailbot.checklist.rules import Checklist, evaluate
from mailbot.checklist.tb_exempt import TbExemptList, load_tb_exempt_list
from mailbot.config import Settings
from mailbot.delivery.base import Delivery, Envelope
from mailbot.errors import (
    DeliveryInDoubt,
    MailbotError,
    OcrUnavailable,
    OperatorFault,
    SetAside,
    TransientError,
)
from mailbot.intake import Action, Intake, IntakePolicy, decide, reply_thread
from mailbot.isolation import Classify, IsolatedClassifier
from mailbot.middleware import LoggingMiddleware, MetricsMiddleware, Middleware, call_hooks
from mailbot.mime.headers import header_text, message_ids
from mailbot.mime.limits import MimeLimits
from mailbot.mime.parse import parse_mail, synthetic_message_id
from mailbot.mime.types import Attachment, ParsedMail
from mailbot.replies.authentication import failed_checks
from mailbot.replies.compose import (
    CaseSummary,
    ReplyContext,
    asks_question,
    compose_reply,
    reference_in,
    reply_subject,
)
from mailbot.replies.hr import CompleteNotice, ReviewNotice, compose_complete, compose_review
from mailbot.replies.message import FileAttachment, OutgoingMail, new_message_id, render
from mailbot.sources.base import FetchedMail, MailSource
from mailbot.sources.folder import header_date
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import (
    Case,
    Document,
    InboundMessage,
    InboundState,
    OutboundKind,
    OutboundMail,
    OutboundState,
    ServiceState,
    utcnow,
)

log = logging.getLogger("mailbot")

CYCLE: tuple[str, ...] = ("ingest", "process", "file", "reply", "send")


@dataclass
class CycleReport:
    fetched: int = 0
    duplicates: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    replies_queued: int = 0
    sent: int = 0
    send_failures: int = 0
    seconds_in_documents: float = 0.0


def _classify(data: bytes, filename: str, limits: Limits) -> Classification:
    return classify_document(data, filename, limits)


class Worker:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        source: MailSource,
        delivery: Delivery,
        *,
        classify: Classify | None = None,
        middleware: Iterable[Middleware] = (),
        clock: Callable[[], datetime] = utcnow,
        tb_list: TbExemptList | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.source = source
        self.delivery = delivery
        self.classify = classify or IsolatedClassifier(
            _classify, memory_bytes=settings.max_document_memory_bytes)
        self.clock = clock
        self.metrics = MetricsMiddleware()
        self.middleware: list[Middleware] = [LoggingMiddleware(), self.metrics, *middleware]
        self.tb_list = tb_list or load_tb_exempt_list(settings.tb_exempt_file)
        self.mime_limits = MimeLimits.from_settings(settings)
        self.document_limits = Limits(
            max_bytes=settings.max_attachment_bytes,
            max_pages=settings.max_pdf_pages,
            max_pixels=settings.max_image_pixels,
            timeout_seconds=settings.document_timeout_seconds,
            review_margin=settings.review_margin, review_form_paper=settings.review_form_paper,
            review_mrz_text=settings.review_mrz_text,
        )
        self.own_addresses = frozenset({settings.from_address.lower()})
        self.intake_policy = IntakePolicy.from_settings(settings)
        self.report = CycleReport()

    # ---------------------------------------------------------------- the cycle

    def run_cycle(self, steps: tuple[str, ...] = CYCLE) -> CycleReport:
        self.report = CycleReport()
        self.metrics.outcomes.clear()
        self.metrics.seconds = 0.0
        for step in steps:
            # Each step is its own error boundary: a mailbox that is down must not keep the
            # queued replies from going out, nor an SMTP server that is down the mail from
            # being read. Whatever a step left undone is still in the database next cycle.
            try:
                getattr(self, step)()
            except (TransientError, OperationalError) as exc:
                self._log_step_failure(step, exc)
        self.report.outcomes = dict(self.metrics.outcomes)
        self.report.seconds_in_documents = self.metrics.seconds
        return self.report

    def _log_step_failure(self, step: str, exc: Exception) -> None:
        """One line per failed step per cycle: what stopped, where, and what to do about it."""
        reason = exc.orig if isinstance(exc, OperationalError) else exc
        if isinstance(exc, OperationalError):
            where, todo = "the database", "check that the database is up and reachable"
        else:
            where, todo = _STEP_FAILURE[step]
            where = where.format(source=_describe(self.source), delivery=_describe(self.delivery))
        # The reason last: it ends with the setting to fix, where an operator's eye lands.
        log.warning("cycle step %r stopped (%s; %s; the other steps went on, this one will "
                    "retry next cycle): %s", step, where, todo, reason)

    # ---------------------------------------------------------------- ingest

    def ingest(self) -> None:
        for mail in self.source.fetch():
            self.store_raw(mail)

    def store_raw(self, mail: FetchedMail) -> None:
        """Keep the raw bytes durably before acting on them; duplicates are recorded as such."""
        headers = BytesHeaderParser().parsebytes(mail.raw)
        raw_sha = sha256(mail.raw).hexdigest()
        found_ids = message_ids(headers.get("Message-ID", ""), limit=1)
        message_id = found_ids[0] if found_ids else synthetic_message_id(mail.raw)
        sender = parseaddr(header_text(headers.get("From", ""), 998))[1].lower()
        with session_scope(self.engine) as session:
            if repo.is_known(session, mail.source_key):
                return
            original = session.exec(
                select(InboundMessage).where(
                    (InboundMessage.raw_sha256 == raw_sha)
                    | (InboundMessage.message_id == message_id)
                )
            ).first()
            row = InboundMessage(
                source_key=mail.source_key,
                message_id=message_id,
                raw_sha256=raw_sha,
                raw=mail.raw,
                sender=sender[:320],
                subject=header_text(headers.get("Subject", ""), 500),
                sent_at=header_date(headers.get("Date")),
                fetched_at=self.clock(),
            )
            if original is not None:
                row.state = InboundState.IGNORED
                row.note = f"duplicate of mail #{original.id}"
                row.case_id = original.case_id
                row.processed_at = self.clock()
                self.report.duplicates += 1
            session.add(row)
        self.report.fetched += 1

    # ---------------------------------------------------------------- process

    def process(self) -> None:
        with Session(self.engine) as session:
            pending = session.exec(
                select(InboundMessage.id)
                .where(InboundMessage.state == InboundState.FETCHED)
                .order_by(col(InboundMessage.sent_at).is_(None).desc(),
                          col(InboundMessage.sent_at), col(InboundMessage.id))
            ).all()
        for inbound_id in pending:
            assert inbound_id is not None
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
            attempts = self._record_failure(inbound_id, exc)
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
        with session_scope(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id, with_for_update=True)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return "skipped", "already processed"
            waited_for = _waited_for(inbound.error)
            outcome = self._apply(session, inbound, parsed, intake, verdicts)
            if waited_for:  # it needed the tool that was missing, and now it went through
                inbound.error = None
                _close_incident(session, waited_for)
            return outcome

    def _wait_for_operator(self, inbound_id: int, fault: OperatorFault) -> None:
        """Leave the mail in `fetched` (no attempt counted) and tell HR/ops once per incident.

        The incident is a row in `ServiceState`, written in the same transaction as the notice
        in the outbox: across restarts and workers there is exactly one notice per incident,
        and a new one only after the tool recovered (a waiting mail went through) and failed
        again."""
        with session_scope(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id, with_for_update=True)
            assert inbound is not None
            if inbound.state != InboundState.FETCHED:  # another worker got there first
                return
            name = type(fault).__name__
            inbound.error = f"{_WAITING}{name}: {fault}"[:1000]
            key = _incident_key(name)
            incident = session.get(ServiceState, key, with_for_update=True)
            if incident is not None and incident.value.startswith("open"):
                return
            opened = f"open since {self.clock().isoformat()} (mail #{inbound_id})"
            if incident is None:
                session.add(ServiceState(key=key, value=opened))
            else:
                incident.value = opened
            what, remedy = _OPERATOR_REMEDY.get(type(fault), _OPERATOR_REMEDY[OperatorFault])
            log.error("%s: %s. Mail #%d and every other mail that needs it wait unprocessed, "
                      "nothing counted; %s", name, fault, inbound_id, remedy)
            self.queue_review(session, None, inbound, what_happened=(
                f"The mailbot host cannot {what} ({name}: {fault}). Mail #{inbound_id} and "
                "any other mail that needs it wait unprocessed. Nothing was counted against "
                "the candidates and no candidate was told anything."),
                what_to_do=(f"{remedy[0].upper()}{remedy[1:]}. The waiting mails are then "
                            "processed by themselves; you get a new notice only if it breaks "
                            "again after recovering."))

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

    def _apply(
        self,
        session: Session,
        inbound: InboundMessage,
        parsed: ParsedMail,
        intake: Intake,
        verdicts: dict[str, dict[str, Any]],
    ) -> tuple[str, str]:
        now = self.clock()
        inbound.processed_at = now
        sender = intake.sender
        sender_case = repo.case_for_address(session, sender) if sender else None
        if intake.action is Action.IGNORE:
            inbound.state = InboundState.IGNORED
            inbound.note = f"no reply: {intake.reason}"[:1000]
            inbound.case_id = sender_case.id if sender_case else None
            return "ignored", intake.reason
        if intake.action is not Action.ANSWER:
            return self._set_aside(session, inbound, parsed, intake, verdicts, sender_case, now)
        if not sender:
            raise SetAside("the mail has no usable sender address")
        spoofed = failed_checks(parsed, self.settings.authserv_id)
        if spoofed:
            # A forged sender must neither add documents to a case nor get a reply.
            inbound.state = InboundState.HELD
            inbound.case_id = sender_case.id if sender_case else None
            inbound.note = (f"sender {parsed.from_address} failed {', '.join(spoofed)} at "
                            f"{self.settings.authserv_id}; quarantined, no reply")
            self.queue_review(session, sender_case, inbound, what_happened=inbound.note,
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
        for attachment in parsed.attachments:
            if attachment.inline and not attachment.error:
                continue  # a signature logo, not a document
            session.add(_document_row(attachment, verdicts, case.id, inbound, received_at, held))
        session.flush()

        inbound.case_id = case.id
        inbound.state = InboundState.HELD if held else InboundState.PROCESSED
        if held:
            inbound.note = (f"sent from {sender}, not an address of "
                            f"{case.reference}; documents held for HR")
            self.queue_review(session, case, inbound, what_happened=inbound.note, what_to_do=(
                f"If {sender} belongs to the candidate, run "
                f"`mailbot case link {case.reference} {sender}`; "
                "otherwise ignore it: nothing was counted."))
        elif asks_question(parsed.text):
            inbound.asks_question = case.needs_human = True
        checklist = self.refresh_case(session, case, now)
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

    def _set_aside(self, session: Session, inbound: InboundMessage, parsed: ParsedMail,
                   intake: Intake, verdicts: dict[str, dict[str, Any]], sender_case: Case | None,
                   now: datetime) -> tuple[str, str]:
        """No reply, but nobody is dropped: the documents are read and kept (held, so they
        count for nothing until HR releases them) and HR is told why."""
        reference = reference_in(parsed.subject)
        case = sender_case or (
            repo.case_by_reference_or_email(session, reference) if reference else None)
        received_at = min(parsed.date or now, now)
        read: list[str] = []
        for attachment in parsed.attachments:
            if attachment.inline and not attachment.error:
                continue
            row = _document_row(attachment, verdicts, case.id if case else None, inbound,
                                received_at, held=True)
            session.add(row)
            read.append(f"{row.filename} ({row.error or row.kind})")
        session.flush()
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
        self.queue_review(session, case, inbound,
                          what_happened=f"{inbound.note}. Documents read: {documents}"[:2000],
                          what_to_do=what_to_do)
        log.info("mail #%s not answered (%s): %s", inbound.id, intake.action, intake.reason)
        return ("needs_review" if set_aside else "held"), intake.reason

    def refresh_case(self, session: Session, case: Case, now: datetime) -> Checklist:
        """Re-evaluate the checklist from every document; notify HR once on completion."""
        assert case.id is not None
        documents = repo.documents_of(session, case.id)
        checklist = evaluate([repo.as_fact(doc) for doc in documents], self.tb_list)
        facts = checklist.facts
        case.status = "complete" if checklist.complete else "incomplete"
        case.nationality = facts.nationality
        case.tb_exempt = facts.tb_exempt
        case.passport_expiry = facts.passport.expiry_date if facts.passport else None
        case.missing = checklist.missing
        case.in_review = checklist.in_review
        case.problems = checklist.problem_codes
        if checklist.complete and case.completed_at is None:
            case.completed_at = now
            self._queue_complete(session, case, checklist, documents)
        return checklist

    def _record_failure(self, inbound_id: int, error: BaseException) -> int:
        with session_scope(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id)
            assert inbound is not None
            inbound.attempts += 1
            inbound.error = f"{type(error).__name__}: {error}"[:1000]
            if isinstance(error, SetAside) or inbound.attempts >= self.settings.max_attempts:
                inbound.state = InboundState.NEEDS_REVIEW
                case = session.get(Case, inbound.case_id) if inbound.case_id else None
                self.queue_review(session, case, inbound,
                                   what_happened=f"processing failed {inbound.attempts} time(s): "
                                                 f"{inbound.error}",
                                   what_to_do="Open the mail (moved to Needs-Review) and handle "
                                              "it by hand; the worker has moved on.")
            return inbound.attempts

    # ---------------------------------------------------------------- file

    def file(self) -> None:
        with Session(self.engine) as session:
            done = session.exec(
                select(InboundMessage).where(
                    col(InboundMessage.filed).is_(False),
                    InboundMessage.state != InboundState.FETCHED,
                ).order_by(col(InboundMessage.id))
            ).all()
        for inbound in done:
            self.source.file(FetchedMail(inbound.source_key, b""),
                             needs_review=inbound.state in (InboundState.NEEDS_REVIEW,
                                                            InboundState.HELD))
            with session_scope(self.engine) as session:
                row = session.get(InboundMessage, inbound.id)
                assert row is not None
                row.filed = True

    # ---------------------------------------------------------------- reply

    def reply(self) -> None:
        with Session(self.engine) as session:
            due = session.exec(
                select(InboundMessage.case_id).where(col(InboundMessage.reply_pending))
                .distinct()
            ).all()
        for case_id in due:
            with session_scope(self.engine) as session:
                case = session.get(Case, case_id, with_for_update=True)
                if case is not None:
                    self._compose_reply(session, case)

    def _compose_reply(self, session: Session, case: Case) -> None:
        """One reply per case per cycle, covering every mail received since the last one."""
        assert case.id is not None
        answered = list(session.exec(
            select(InboundMessage)
            .where(InboundMessage.case_id == case.id, col(InboundMessage.reply_pending))
            .order_by(col(InboundMessage.sent_at), col(InboundMessage.id))
        ).all())
        if not answered:  # another worker answered them
            return
        for inbound in answered:
            inbound.reply_pending = False
        if self._reply_cap_reached(session, case):
            return
        answered_ids = {inbound.id for inbound in answered}
        all_documents = repo.documents_of(session, case.id)
        documents = [doc for doc in all_documents if doc.inbound_id in answered_ids]
        checklist = evaluate([repo.as_fact(doc) for doc in all_documents], self.tb_list)
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=checklist,
            received=tuple(repo.as_fact(doc) for doc in documents if not doc.held),
            asked_question=any(inbound.asks_question for inbound in answered),
            held_files=tuple(doc.filename for doc in documents if doc.held),
            company=self.settings.company_name,
        ))
        self._queue_threaded_reply(session, case, answered, text)

    def queue_decision_reply(self, session: Session, case: Case, decided: list[Document],
                             checklist: Checklist) -> bool:
        """After HR decided on files by hand: one reply, in the thread of the mails that
        carried them. Returns whether a reply was queued."""
        if self._reply_cap_reached(session, case):
            return False
        mails = [repo.inbound_of(session, doc) for doc in decided]
        answered = sorted({m.id: m for m in mails if m is not None}.values(),
                          key=lambda m: (m.sent_at or m.fetched_at, m.id or 0))
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=checklist,
            received=(),
            reviewed=tuple(repo.as_fact(doc) for doc in decided if not doc.held),
            company=self.settings.company_name,
        ))
        self._queue_threaded_reply(session, case, answered, text)
        return True

    def _reply_cap_reached(self, session: Session, case: Case) -> bool:
        limit = self.settings.max_replies_per_address_per_day
        if repo.replies_since(session, case.email, repo.day_ago(self.clock())) >= limit:
            log.warning("%s: reply cap of %d per day reached; not replying", case.reference, limit)
            return True
        return False

    def _queue_threaded_reply(self, session: Session, case: Case,
                              answered: list[InboundMessage], text: Any) -> None:
        """Only to the case's own address, threaded under the newest of its own mails."""
        assert case.id is not None
        own = [inbound for inbound in answered if inbound.state == InboundState.PROCESSED]
        latest = own[-1] if own else None
        # A forwarded candidate's mail is answered in the candidate's thread, not the forwarder's.
        threads = [reply_thread(inbound.raw, inbound.message_id, self.intake_policy)
                   for inbound in own]
        # RFC 5322 3.6.4: the parent's References, then every mail this reply answers.
        chain = threads[-1][1] if threads else []
        answered_message_ids = [message_id for message_id, _ in threads]
        references = tuple(dict.fromkeys(
            [*(ref for ref in chain if ref not in answered_message_ids), *answered_message_ids]))
        self.queue(session, OutboundKind.REPLY, case.id, (case.email,),
                    reply_subject(latest.subject if latest else "", case.reference), text,
                    in_reply_to=answered_message_ids[-1] if latest else None,
                    references=references)
        self.report.replies_queued += 1

    def queue(
        self,
        session: Session,
        kind: OutboundKind,
        case_id: int | None,
        to: tuple[str, ...],
        subject: str,
        text: Any,
        *,
        in_reply_to: str | None = None,
        references: tuple[str, ...] = (),
        attachments: tuple[FileAttachment, ...] = (),
    ) -> None:
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
        session.add(OutboundMail(kind=kind, case_id=case_id, message_id=message_id,
                                 recipients=list(to), subject=subject, raw=raw,
                                 created_at=self.clock(), next_attempt_at=self.clock()))

    def _queue_complete(self, session: Session, case: Case, checklist: Checklist,
                        documents: list[Document]) -> None:
        counted = {item.satisfied_by.document_id: item.requirement
                   for item in checklist.items if item.satisfied_by is not None}
        chosen = [doc for doc in documents if doc.id in counted]
        contents = documents_bytes(session, chosen)
        files = tuple(
            FileAttachment(doc.filename, doc.content_type or "application/octet-stream",
                           contents[doc.sha256])
            for doc in chosen if doc.sha256 in contents
        )
        subject, text = compose_complete(CompleteNotice(
            reference=case.reference, name=case.name, email=case.email,
            nationality=case.nationality,
            passport_expiry=case.passport_expiry.isoformat() if case.passport_expiry else None,
            documents=tuple((counted[doc.id], doc.filename) for doc in chosen),
        ))
        self.queue(session, OutboundKind.HR_COMPLETE, case.id, (self.settings.hr_address,),
                    subject, text, attachments=files)

    def queue_review(self, session: Session, case: Case | None, inbound: InboundMessage, *,
                      what_happened: str, what_to_do: str) -> None:
        subject, text = compose_review(ReviewNotice(
            reference=case.reference if case else None, subject=inbound.subject,
            sender=inbound.sender, inbound_id=inbound.id or 0,
            what_happened=what_happened, what_to_do=what_to_do,
        ))
        self.queue(session, OutboundKind.HR_REVIEW, case.id if case else None,
                    (self.settings.hr_address,), subject, text)

    # ---------------------------------------------------------------- send

    def send(self) -> None:
        self._resolve_interrupted_sends()
        while True:
            with Session(self.engine) as session:
                due = repo.due_outbound(session, self.clock())
            if not due:
                return
            for row in due:
                self._send_one(row.id)

    def _resolve_interrupted_sends(self) -> None:
        """A row left in `sending` by a crash: ask the delivery whether it arrived."""
        with session_scope(self.engine) as session:
            for row in session.exec(
                select(OutboundMail).where(OutboundMail.state == OutboundState.SENDING)
            ).all():
                delivered = self.delivery.already_delivered(row.message_id)
                if delivered is True:
                    row.state, row.sent_at = OutboundState.SENT, self.clock()
                elif delivered is False:
                    row.state = OutboundState.QUEUED
                else:  # cannot tell: never risk a second copy; HR sees it in the digest
                    row.state = OutboundState.UNCONFIRMED
                    row.last_error = "interrupted while sending; delivery cannot be confirmed"
                    log.warning("outbound %s interrupted mid-send; marked unconfirmed",
                                row.message_id)

    def _send_one(self, outbound_id: int | None) -> None:
        with session_scope(self.engine) as session:
            row = session.get(OutboundMail, outbound_id, with_for_update=True)
            if row is None or row.state != OutboundState.QUEUED:
                return
            row.state = OutboundState.SENDING
            row.attempts += 1
            envelope = Envelope(row.message_id, self.settings.from_address,
                                tuple(row.recipients), row.raw)
        try:
            self.delivery.deliver(envelope)
        except DeliveryInDoubt as exc:
            # The text went out but the answer did not come back: settle it like a crash
            # mid-send, never by sending again blindly.
            log.warning("outbound %s in doubt: %s", envelope.message_id, exc)
            self._resolve_interrupted_sends()
            raise
        except TransientError as exc:
            self._after_send(outbound_id, OutboundState.QUEUED, str(exc))
            self.report.send_failures += 1
            raise
        except MailbotError as exc:
            self._after_send(outbound_id, OutboundState.FAILED, str(exc))
            self.report.send_failures += 1
            log.error("outbound %s rejected for good: %s", envelope.message_id, exc)
            return
        self._after_send(outbound_id, OutboundState.SENT, None)
        self.report.sent += 1

    def _after_send(self, outbound_id: int | None, state: OutboundState,
                    error: str | None) -> None:
        with session_scope(self.engine) as session:
            row = session.get(OutboundMail, outbound_id)
            assert row is not None
            row.state = state
            row.last_error = error
            now = self.clock()
            if state == OutboundState.SENT:
                row.sent_at = now
            elif state == OutboundState.QUEUED:
                row.next_attempt_at = now + timedelta(seconds=min(3600, 30 * 2 ** row.attempts))


# `InboundMessage.error` of a mail that waits for the operator (it is not a failed attempt).
_WAITING = "waiting for the operator: "


# Per operator fault: what the host cannot do, and how the operator repairs it.
_OPERATOR_REMEDY: dict[type[OperatorFault], tuple[str, str]] = {
    OcrUnavailable: ("run OCR", "install or repair tesseract and its language data (eng, nld, "
                     "osd; `make system` does it)"),
    OperatorFault: ("do its work", "repair the installation named in the error"),
}


def _incident_key(fault_name: str) -> str:
    return f"incident:{fault_name}"


def _waited_for(error: str | None) -> str | None:
    """The operator fault a mail waited for (from its `error`), or None."""
    if error is None or not error.startswith(_WAITING):
        return None
    return error.removeprefix(_WAITING).partition(":")[0]


def _close_incident(session: Session, fault_name: str) -> None:
    incident = session.get(ServiceState, _incident_key(fault_name), with_for_update=True)
    if incident is not None and incident.value.startswith("open"):
        log.warning("%s is over: a mail that waited for it went through", fault_name)
        incident.value = "closed"


# Per step: where it talks to, and what the operator should check when it fails for a while.
_STEP_FAILURE: dict[str, tuple[str, str]] = {
    "ingest": ("fetching from {source}", "check the mailbox server and its credentials; mail "
               "already stored is still processed and queued replies still sent"),
    "process": ("reading stored mail", "see the lines above for the cause; the mails wait "
                "in `fetched`, nothing was counted against anyone"),
    "file": ("filing mail away in {source}", "check the mailbox server; processed mail is "
             "filed once it is back"),
    "reply": ("composing replies", "check the database; the replies are composed next cycle"),
    "send": ("sending through {delivery}", "check the outgoing mail server and its "
             "credentials; replies stay queued and are sent once it is back"),
}


def _describe(edge: MailSource | Delivery) -> str:
    """`imap mail.example.org folder INBOX`: enough for an operator to know which server."""
    parts = [str(getattr(edge, "name", type(edge).__name__))]
    for attribute in ("server", "folder"):
        value = getattr(edge, attribute, None)
        if value:
            parts.append(f"{attribute} {value}" if attribute == "folder" else str(value))
    return " ".join(parts)


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


# The same bytes get the same verdict, and HR's decision on them too: HR is asked once.
_REUSED_COLUMNS = ("detected_type", "kind", "confidence", "filled", "error", "error_detail",
                   "reasons", "pages", "passport", "review", "decision", "decided_kind",
                   "decided_by", "decided_at", "decision_reason")


_DECISION_COLUMNS = ("decision", "decided_kind", "decided_by", "decided_at", "decision_reason")


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


def documents_bytes(session: Session, documents: list[Document]) -> dict[str, bytes]:
    """Stored documents' bytes by sha256, from their mails (the raw mail is the document
    store); each mail is parsed once."""
    wanted = {doc.sha256 for doc in documents}
    found: dict[str, bytes] = {}
    for inbound_id in dict.fromkeys(doc.inbound_id for doc in documents):
        inbound = session.get(InboundMessage, inbound_id)
        if inbound is None:
            continue
        for attachment in parse_mail(inbound.raw).attachments:
            if attachment.sha256 in wanted:
                found.setdefault(attachment.sha256, attachment.data)
    return found
