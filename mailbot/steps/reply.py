"""Reply: one reply per case per cycle, covering every mail of it received since the last one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from mailbot.cases import Cases
from mailbot.steps import CycleReport
from mailbot.store import repo
from mailbot.store.db import session_scope


@dataclass
class Reply:
    engine: Engine
    cases: Cases
    name = "reply"
    where = "composing replies"
    what_to_check = "check the database; the replies are composed next cycle"

    def run(self, report: CycleReport) -> None:
        with session_scope(self.engine) as session:
            due = repo.cases_awaiting_reply(session)
        for case_id in due:
            with session_scope(self.engine) as session:
                case = repo.case_for_update(session, case_id)
                if case is None:
                    continue
                assert case.id is not None
                answered = repo.mails_awaiting_reply(session, case.id)
                if not answered:  # another worker answered them
                    continue
                if self.cases.answer(session, case, answered):
                    report.replies_queued += 1
