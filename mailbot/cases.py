"""A case's standing: its checklist re-evaluated from every document, the candidate's replies
that tell it, and HR's one "complete" notice.

Used by the cycle's steps, HR's review decisions and `mailbot case link`, always inside the
caller's transaction, so the checklist, the case row and the mail they cause commit together.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from classifiers.types import Kind
from mailbot.checklist.rules import Checklist, evaluate
from mailbot.checklist.tb_exempt import TbExemptList
from mailbot.config import Settings
from mailbot.mime.parse import parse_mail
from mailbot.outbox import Outbox
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply
from mailbot.replies.hr import CompleteNotice, compose_complete
from mailbot.replies.message import FileAttachment
from mailbot.store import repo
from mailbot.store.models import Case, Document, InboundMessage, OutboundKind, OutboundMail
from mailbot.store.verdicts import document_fact

log = logging.getLogger("mailbot")


@dataclass
class Cases:
    settings: Settings
    outbox: Outbox
    tb_list: TbExemptList

    def checklist(self, session: Session, case_id: int) -> Checklist:
        return self._evaluate(repo.documents_of(session, case_id))

    def _evaluate(self, documents: list[Document]) -> Checklist:
        return evaluate([document_fact(doc) for doc in documents], self.tb_list)

    def refresh(self, session: Session, case: Case, now: datetime) -> Checklist:
        """Re-evaluate the checklist from every document; notify HR once on completion."""
        assert case.id is not None
        documents = repo.documents_of(session, case.id)
        checklist = self._evaluate(documents)
        facts = checklist.facts
        case.status = "complete" if checklist.complete else "incomplete"
        case.nationality = facts.nationality
        case.tb_exempt = facts.tb_exempt
        case.passport_expiry = facts.passport.expiry_date if facts.passport else None
        # The row keeps the kinds' stored values (`cases --json` prints them as they are).
        case.missing = [kind.value for kind in checklist.missing]
        case.in_review = [kind.value for kind in checklist.in_review]
        case.problems = checklist.problem_codes
        if checklist.complete and case.completed_at is None:
            case.completed_at = now
            self._queue_complete(session, case, checklist, documents)
        return checklist

    def answer(self, session: Session, case: Case, answered: list[InboundMessage]) -> bool:
        """One reply answering the given mails of the case (they are marked answered, also
        when the daily cap stops the reply). Returns whether a reply was queued."""
        assert case.id is not None
        for inbound in answered:
            inbound.reply_pending = False
        if self.outbox.reply_cap_reached(session, case):
            return False
        answered_ids = {inbound.id for inbound in answered}
        all_documents = repo.documents_of(session, case.id)
        documents = [doc for doc in all_documents if doc.inbound_id in answered_ids]
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=self._evaluate(all_documents),
            received=tuple(document_fact(doc) for doc in documents if not doc.held),
            asked_question=any(inbound.asks_question for inbound in answered),
            held_files=tuple(doc.filename for doc in documents if doc.held),
            company=self.settings.company_name,
        ))
        self.outbox.reply_in_thread(session, case, answered, text)
        return True

    def answer_decision(self, session: Session, case: Case, decided: list[Document],
                        checklist: Checklist) -> bool:
        """After HR decided on files by hand: one reply, in the thread of the mails that
        carried them. Returns whether a reply was queued."""
        if self.outbox.reply_cap_reached(session, case):
            return False
        mails = [repo.inbound_of(session, doc) for doc in decided]
        answered = sorted({m.id: m for m in mails if m is not None}.values(),
                          key=lambda m: (m.sent_at or m.fetched_at, m.id or 0))
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=checklist,
            received=(),
            reviewed=tuple(document_fact(doc) for doc in decided if not doc.held),
            company=self.settings.company_name,
        ))
        self.outbox.reply_in_thread(session, case, answered, text)
        return True

    def remind(self, session: Session, case: Case, number: int,
               follows: OutboundMail) -> str:
        """Reminder `number`: the reply's own wording of where the case stands (what is still
        missing, what HR is checking), opened as a reminder, in the thread of `follows`.
        Returns its Message-ID. The caller has checked the daily cap."""
        assert case.id is not None
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=self.checklist(session, case.id),
            received=(),
            company=self.settings.company_name,
            reminder=number,
        ))
        return self.outbox.remind_in_thread(session, case, follows, text)

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
            passport_notes=passport_notes(checklist),
        ))
        self.outbox.to_hr(session, OutboundKind.HR_COMPLETE, case.id, subject, text,
                          attachments=files)


def passport_notes(checklist: Checklist) -> tuple[str, ...]:
    """What the reader left unsettled on the passport that counts, for HR to check by eye."""
    passport = checklist.item(Kind.PASSPORT).satisfied_by
    if passport is None or passport.passport is None:
        return ()
    return passport.passport.hr_notes


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
