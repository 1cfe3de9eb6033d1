"""Ingest: fetch new mail and keep its raw bytes durably before anything acts on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from hashlib import sha256

from sqlalchemy import Engine

from mailbot.mime.headers import header_text, message_ids
from mailbot.mime.parse import synthetic_message_id
from mailbot.sources.base import FetchedMail, MailSource
from mailbot.sources.folder import header_date
from mailbot.steps import CycleReport, describe
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import InboundMessage, InboundState


@dataclass
class Ingest:
    engine: Engine
    source: MailSource
    clock: Callable[[], datetime]
    name = "ingest"
    what_to_check = ("check the mailbox server and its credentials; mail already stored is "
                     "still processed and queued replies still sent")

    @property
    def where(self) -> str:
        return f"fetching from {describe(self.source)}"

    def run(self, report: CycleReport) -> None:
        for mail in self.source.fetch():
            self.store_raw(mail, report)

    def store_raw(self, mail: FetchedMail, report: CycleReport | None = None) -> None:
        """Keep the raw bytes durably before acting on them; duplicates are recorded as such."""
        report = report if report is not None else CycleReport()
        headers = BytesHeaderParser().parsebytes(mail.raw)
        raw_sha = sha256(mail.raw).hexdigest()
        found_ids = message_ids(headers.get("Message-ID", ""), limit=1)
        message_id = found_ids[0] if found_ids else synthetic_message_id(mail.raw)
        sender = parseaddr(header_text(headers.get("From", ""), 998))[1].lower()
        with session_scope(self.engine) as session:
            if repo.is_known(session, mail.source_key):
                return
            original = repo.same_mail(session, raw_sha, message_id)
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
                report.duplicates += 1
            session.add(row)
        report.fetched += 1
