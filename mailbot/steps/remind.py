"""Remind: queue the reminders that are due (and mark unanswered cases for HR), each decided
and queued in ONE transaction with the outbox.

The decision is `mailbot.reminders.plan`, pure; this step reads each case's state, and for a
case that looks due locks it (`SELECT … FOR UPDATE`), decides again on what it reads under the
lock, records the reminder (unique per case, series and number) and queues the mail. A crash
before the commit leaves nothing; after it the outbox sends the mail once. A second worker
deciding the same reminder fails on the unique key and queues nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mailbot.cases import Cases
from mailbot.config import Settings
from mailbot.intake.rules import machine_local_part
from mailbot.outbox import Outbox
from mailbot.reminders import (
    Action,
    CaseState,
    Plan,
    ReminderSchedule,
    SentReminder,
    due_on,
    escalated_now,
    plan,
)
from mailbot.services import Services
from mailbot.steps import CycleReport
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import Case, Reminder

log = logging.getLogger("mailbot")


def load_state(session: Session, case: Case, own_address: str) -> CaseState:
    """What `reminders.plan` decides on, read from the store."""
    assert case.id is not None
    reply = repo.last_reply(session, case.id)
    machine = ("our own address" if case.email == own_address.lower()
               else machine_local_part(case.email))
    return CaseState(
        reference=case.reference,
        complete=case.status == "complete",
        closed=case.closed,
        paused=case.reminders_paused,
        question_waits=case.needs_human,
        missing=tuple(case.missing),
        machine_address=machine,
        last_reply_at=reply.created_at if reply else None,
        last_mail_at=case.last_activity_at,
        awaiting_reply=repo.awaits_reply(session, case.id),
        resumed_at=case.reminders_resumed_at,
        bounced_at=case.bounced_at,
        reminders=tuple(SentReminder(r.series, r.number, r.at, r.escalation)
                        for r in repo.reminders_of(session, case.id)),
    )


@dataclass
class Remind:
    settings: Settings
    engine: Engine
    outbox: Outbox
    cases: Cases
    clock: Callable[[], datetime]
    name = "remind"
    where = "queueing reminders"
    what_to_check = "check the database; due reminders are queued next cycle"

    def run(self, report: CycleReport) -> None:
        schedule = self.settings.reminder_schedule()
        now = self.clock()
        with Session(self.engine) as session:  # a cheap look first; locks only where needed
            looked = []
            for case_id in repo.reminder_candidates(session):
                case = session.get(Case, case_id)
                assert case is not None
                state = load_state(session, case, self.settings.from_address)
                stale_mark = case.escalated_at is not None and not escalated_now(state)
                if plan(state, schedule, now).due or stale_mark:
                    looked.append(case_id)
        for case_id in looked:
            try:
                if self._act(case_id, schedule, now):
                    report.reminders_queued += 1
            except IntegrityError:
                log.info("case %d: another worker recorded this reminder first; not queued "
                         "twice", case_id)

    def _act(self, case_id: int, schedule: ReminderSchedule, now: datetime) -> bool:
        """Decide again under the case's lock, then record and queue together. Returns whether
        a reminder was queued."""
        with session_scope(self.engine) as session:
            case = repo.case_for_update(session, case_id)
            if case is None:
                return False
            state = load_state(session, case, self.settings.from_address)
            if case.escalated_at is not None and not escalated_now(state):
                # A new series started (the candidate wrote, HR resumed): no longer marked.
                case.escalated_at = case.escalated_after = None
            step = plan(state, schedule, now)
            if step.action is Action.REMIND:
                return self._remind(session, case, step, now)
            if step.action is Action.ESCALATE:
                self._escalate(session, case, step, now)
            return False

    def _remind(self, session: Session, case: Case, step: Plan, now: datetime) -> bool:
        assert case.id is not None
        if self.outbox.reply_cap_reached(session, case):  # counts in the daily cap, waits
            return False
        follows = repo.last_reply(session, case.id)
        assert follows is not None  # plan() stops when we never replied
        reminder = Reminder(case_id=case.id, series=step.series, number=step.number, at=now)
        repo.record_reminder(session, reminder)
        reminder.message_id = self.cases.remind(session, case, step.number, follows)
        log.info("%s: reminder %d of %d queued (missing %s)", case.reference, step.number,
                 step.of, ", ".join(case.missing))
        return True

    def _escalate(self, session: Session, case: Case, step: Plan, now: datetime) -> None:
        assert case.id is not None
        repo.record_reminder(session, Reminder(case_id=case.id, series=step.series,
                                               number=step.number + 1, escalation=True, at=now))
        case.escalated_at, case.escalated_after = now, step.number
        log.info("%s: no answer after %d reminder(s); marked for HR", case.reference,
                 step.number)


def preview(services: Services, day: date | None = None) -> list[dict[str, Any]]:
    """`mailbot reminders`: what is due now, or would be due on `day` if nobody writes until
    then, per case. Sends and records nothing."""
    schedule = services.settings.reminder_schedule()
    now = services.clock()
    rows: list[dict[str, Any]] = []
    with Session(services.engine) as session:
        for case_id in repo.reminder_candidates(session):
            case = session.get(Case, case_id)
            assert case is not None
            state = load_state(session, case, services.settings.from_address)
            for step in due_on(state, schedule, now, day):
                rows.append({
                    "case_id": case.reference,
                    "email": case.email,
                    "name": case.name,
                    "action": step.action.value,
                    # remind: the reminder's number; escalate: how many went unanswered
                    "reminder": step.number,
                    "of": step.of,
                    "due_at": step.due_at.isoformat() if step.due_at else None,
                    "missing": list(case.missing),
                })
    return rows
