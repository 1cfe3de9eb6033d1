"""When a candidate with something missing gets a reminder: a pure decision over a case's state.

A *series* of reminders starts at the latest of: our last reply to the candidate, the
candidate's last mail, HR resuming the case. Reminder n is due `days[n-1]` days after the start
(by default 3, 7 and 14), never closer to the previous reminder than half the schedule's gap
(a worker that was down does not send two at once), and only on the allowed weekdays and hours in
the configured time zone. When the candidate writes, we answer, and the next series counts from
that answer. After the last reminder of a series and `escalate_days` more without an answer the
case is marked for HR, once per series.

Nothing here reads the database or the clock: `mailbot/steps/remind.py` hands in the state and
the time, queues what is due, and `mailbot reminders` previews it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from mailbot.config import Settings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_days(value: str) -> tuple[int, ...]:
    """ "3,7,14" -> (3, 7, 14): whole days after the series start, strictly increasing."""
    try:
        days = tuple(int(item) for item in value.replace(" ", "").split(",") if item)
    except ValueError:
        raise ValueError(f"MAILBOT_REMINDER_DAYS: {value!r} is not a list of whole days "
                         "such as 3,7,14") from None
    if any(day < 1 for day in days) or list(days) != sorted(set(days)):
        raise ValueError(f"MAILBOT_REMINDER_DAYS: {value!r} must be increasing days of at "
                         "least 1, such as 3,7,14")
    return days


def parse_weekdays(value: str) -> frozenset[int]:
    """ "mon-fri" / "mon,wed,fri" / "sat-mon" -> weekday numbers (Monday 0)."""
    found: set[int] = set()
    for item in value.lower().replace(" ", "").split(","):
        if not item:
            continue
        first, _, last = item.partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise ValueError(f"MAILBOT_REMINDER_WEEKDAYS: {item!r} is not a day or range of "
                             f"{', '.join(WEEKDAYS)} (e.g. mon-fri)")
        start = WEEKDAYS.index(first)
        end = WEEKDAYS.index(last) if last else start
        found.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    if not found:
        raise ValueError("MAILBOT_REMINDER_WEEKDAYS: no day given (e.g. mon-fri)")
    return frozenset(found)


def parse_hours(value: str) -> tuple[int, int]:
    """ "9-17" -> (9, 17): from 09:00 until 17:00 local time; "0-24" is the whole day."""
    first, sep, last = value.replace(" ", "").partition("-")
    try:
        start, end = int(first), int(last)
    except ValueError:
        raise ValueError(f"MAILBOT_REMINDER_HOURS: {value!r} is not 'from-until' hours such "
                         "as 9-17") from None
    if not sep or not 0 <= start < end <= 24:
        raise ValueError(f"MAILBOT_REMINDER_HOURS: {value!r} must be from-until hours with "
                         "0 <= from < until <= 24, such as 9-17")
    return start, end


def parse_timezone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"MAILBOT_TIMEZONE: {value!r} is not an IANA time zone such as "
                         "Europe/Amsterdam") from None


@dataclass(frozen=True)
class ReminderSchedule:
    days: tuple[int, ...] = (3, 7, 14)
    max_count: int = 3
    weekdays: frozenset[int] = frozenset(range(5))
    hours: tuple[int, int] = (9, 17)
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Amsterdam"))
    escalate_days: int = 3

    @property
    def enabled(self) -> bool:
        return self.max_count > 0 and bool(self.days)

    def offset(self, number: int) -> timedelta:
        """How long after the series start reminder `number` (1-based) is due; past the listed
        days the last gap repeats (3,7,14 -> 21, 28, ...)."""
        if number <= 0:
            return timedelta(0)
        if number <= len(self.days):
            return timedelta(days=self.days[number - 1])
        gap = self.days[-1] - self.days[-2] if len(self.days) > 1 else self.days[-1]
        return timedelta(days=self.days[-1] + gap * (number - len(self.days)))

    def in_window(self, moment: datetime) -> bool:
        local = moment.astimezone(self.timezone)
        start, end = self.hours
        return local.weekday() in self.weekdays and start <= local.hour < end

    def next_window(self, moment: datetime) -> datetime:
        """`moment` itself when reminders may go out then, else the next allowed start."""
        if self.in_window(moment):
            return moment
        local = moment.astimezone(self.timezone)
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            opening = datetime.combine(day, time(self.hours[0]), tzinfo=self.timezone)
            if day.weekday() in self.weekdays and opening >= local:
                return opening.astimezone(UTC)
        raise AssertionError("some weekday is always allowed")  # parse_weekdays guarantees it


def schedule_from_settings(settings: Settings) -> ReminderSchedule:
    if settings.reminder_max_count < 0:
        raise ValueError("MAILBOT_REMINDER_MAX_COUNT must be 0 (no reminders) or more")
    if settings.reminder_escalate_days < 0:
        raise ValueError("MAILBOT_REMINDER_ESCALATE_DAYS must be 0 or more")
    return ReminderSchedule(
        days=parse_days(settings.reminder_days),
        max_count=settings.reminder_max_count,
        weekdays=parse_weekdays(settings.reminder_weekdays),
        hours=parse_hours(settings.reminder_hours),
        timezone=parse_timezone(settings.timezone),
        escalate_days=settings.reminder_escalate_days,
    )


# ------------------------------------------------------------------------------ the decision


@dataclass(frozen=True)
class SentReminder:
    """A reminder (or the escalation, which ends a series) already recorded for the case."""

    series: str
    number: int
    at: datetime
    escalation: bool = False


@dataclass(frozen=True)
class CaseState:
    """What the decision looks at, read from the store in one transaction."""

    reference: str
    complete: bool = False
    closed: bool = False
    paused: bool = False
    question_waits: bool = False         # the candidate asked something only HR can answer
    missing: tuple[str, ...] = ()
    machine_address: str | None = None   # the marker when the address is a machine's
    last_reply_at: datetime | None = None
    last_mail_at: datetime | None = None  # the candidate's last mail to us
    awaiting_reply: bool = False         # a mail of theirs is not answered yet
    resumed_at: datetime | None = None   # HR resumed reminders (`mailbot case resume`)
    bounced_at: datetime | None = None   # a mail to the candidate's address bounced
    reminders: tuple[SentReminder, ...] = ()


class Action(StrEnum):
    REMIND = "remind"        # queue reminder `number` now
    ESCALATE = "escalate"    # mark the case for HR now: no answer after `number` reminders
    WAIT = "wait"            # the next step is due at `due_at`
    STOPPED = "stopped"      # nothing to do; `why` says what stops it


@dataclass(frozen=True)
class Plan:
    action: Action
    why: str
    series: str = ""
    number: int = 0            # REMIND/WAIT: the next reminder; ESCALATE: reminders sent
    due_at: datetime | None = None
    of: int = 0                # how many reminders a series has

    @property
    def due(self) -> bool:
        return self.action in (Action.REMIND, Action.ESCALATE)


def series_start(state: CaseState) -> datetime | None:
    """Our last reply, the candidate's last mail or HR's resume, whichever is latest; None
    when we never wrote to the candidate (a reminder follows up on a reply of ours)."""
    if state.last_reply_at is None:
        return None
    return max(t for t in (state.last_reply_at, state.last_mail_at, state.resumed_at)
               if t is not None)


def series_key(start: datetime) -> str:
    """The series' name in the store: its start, in UTC (the same on every worker)."""
    return start.astimezone(UTC).isoformat()


def _stopped(state: CaseState, schedule: ReminderSchedule) -> str | None:
    if not schedule.enabled:
        return "reminders are off (MAILBOT_REMINDER_MAX_COUNT or MAILBOT_REMINDER_DAYS)"
    if state.closed:
        return "the case is closed"
    if state.complete:
        return "the case is complete"
    if state.paused:
        return "paused by HR (mailbot case resume)"
    if state.question_waits:
        return "a question of the candidate waits for HR"
    if not state.missing:
        return "nothing is missing (what is left waits for HR's review)"
    if state.machine_address:
        return f"the address is a machine's ({state.machine_address})"
    if state.last_reply_at is None:
        return "we have not written to the candidate yet"
    if state.awaiting_reply:
        return "a mail of the candidate waits for our reply"
    return None


def in_series(state: CaseState, key: str) -> list[SentReminder]:
    return sorted((r for r in state.reminders if r.series == key), key=lambda r: r.number)


def escalated_now(state: CaseState) -> bool:
    """Whether the current series ended in an escalation (the case stays marked for HR)."""
    start = series_start(state)
    return start is not None and any(r.escalation for r in in_series(state, series_key(start)))


def plan(state: CaseState, schedule: ReminderSchedule, now: datetime) -> Plan:
    """What to do for one case at `now`."""
    stop = _stopped(state, schedule)
    start = series_start(state)
    if stop is not None or start is None:
        return Plan(Action.STOPPED, stop or "we have not written to the candidate yet")
    key, of = series_key(start), schedule.max_count
    # `>=`: a server refusing our reply as we send it does so at the reply's own moment.
    if state.bounced_at is not None and state.bounced_at >= start:
        return Plan(Action.STOPPED, "a mail to the candidate's address bounced", key, of=of)
    recorded = in_series(state, key)
    sent = [r for r in recorded if not r.escalation]
    if any(r.escalation for r in recorded):
        return Plan(Action.STOPPED, f"no answer after {len(sent)} reminder(s); marked for HR",
                    key, len(sent), of=of)
    if len(sent) >= schedule.max_count:
        due = sent[-1].at + timedelta(days=schedule.escalate_days)
        return Plan(Action.ESCALATE if now >= due else Action.WAIT,
                    f"no answer after {len(sent)} reminder(s)", key, len(sent), due, of)
    number = len(sent) + 1
    earliest = start + schedule.offset(number)
    if sent:  # a late one (the worker was down) is not followed by the next at once
        gap = schedule.offset(number) - schedule.offset(number - 1)
        earliest = max(earliest, sent[-1].at + gap / 2)
    why = f"reminder {number} of {of}"
    if now >= earliest and schedule.in_window(now):
        return Plan(Action.REMIND, why, key, number, now, of)
    return Plan(Action.WAIT, why, key, number, schedule.next_window(max(earliest, now)), of)


def upcoming(state: CaseState, schedule: ReminderSchedule, now: datetime,
             until: datetime) -> list[Plan]:
    """Every step due from `now` until `until` if the candidate stays silent (the preview):
    each as it would happen, at its time."""
    steps: list[Plan] = []
    moment = now
    for _ in range(schedule.max_count + 2):  # every reminder, the escalation, and a spare
        step = plan(state, schedule, moment)
        if step.action is Action.WAIT and step.due_at is not None and step.due_at <= until:
            moment = max(step.due_at, moment)
            step = plan(state, schedule, moment)
        if not step.due:
            break
        step = replace(step, due_at=moment)
        steps.append(step)
        done = SentReminder(step.series, step.number + (step.action is Action.ESCALATE),
                            moment, escalation=step.action is Action.ESCALATE)
        state = replace(state, reminders=(*state.reminders, done))
    return steps


def due_on(state: CaseState, schedule: ReminderSchedule, now: datetime,
           day: date | None) -> list[Plan]:
    """The preview: what is due now (`day` None, or today or earlier), or what would be due
    on `day` in the schedule's time zone if the candidate stays silent until then."""
    zone = schedule.timezone
    if day is None or day <= now.astimezone(zone).date():
        step = plan(state, schedule, now)
        return [step] if step.due else []
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return [step for step in upcoming(state, schedule, now, end - timedelta(microseconds=1))
            if step.due_at is not None and step.due_at.astimezone(zone).date() == day]

