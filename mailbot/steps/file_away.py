"""File away: move every mail the worker is done with to `Processed` or `Needs-Review`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from mailbot.sources.base import FetchedMail, MailSource
from mailbot.steps import CycleReport, describe
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import InboundState


@dataclass
class FileAway:
    engine: Engine
    source: MailSource
    name = "file"
    what_to_check = "check the mailbox server; processed mail is filed once it is back"

    @property
    def where(self) -> str:
        return f"filing mail away in {describe(self.source)}"

    def run(self, report: CycleReport) -> None:
        with session_scope(self.engine) as session:
            done = [(inbound.id, inbound.source_key, inbound.state)
                    for inbound in repo.unfiled_done(session)]
        for inbound_id, source_key, state in done:
            self.source.file(FetchedMail(source_key, b""),
                             needs_review=state in (InboundState.NEEDS_REVIEW, InboundState.HELD))
            with session_scope(self.engine) as session:
                repo.mark_filed(session, inbound_id)
