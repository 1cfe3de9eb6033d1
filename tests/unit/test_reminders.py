"""The reminder schedule as a pure function, run over weeks of simulated time with a clock the
test moves (no database, no mail): when reminders go out, and what stops them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mailbot.config import load_settings
from mailbot.errors import ConfigError
from mailbot.reminders import (
    Action,
    CaseState,
    ReminderSchedule,
    SentReminder,
    due_on,
    parse_days,
    parse_hours,
    parse_weekdays,
    plan,
)

# Monday 30 November 2026, 10:00 UTC (11:00 in Amsterdam): our reply to the candidate.
REPLY = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
ALWAYS = ReminderSchedule(weekdays=frozenset(range(7)), hours=(0, 24), timezone=ZoneInfo("UTC"))
OFFICE = ReminderSchedule()  # the defaults: mon-fri, 9-17 Europe/Amsterdam
AMS = ZoneInfo("Europe/Amsterdam")

Event = Callable[[CaseState, datetime], CaseState]


def waiting_case(**changes: object) -> CaseState:
    return replace(CaseState(reference="HSM-0001", missing=("antecedents",),
                             last_reply_at=REPLY, last_mail_at=REPLY - timedelta(minutes=1)),
                   **changes)  # type: ignore[arg-type]


def simulate(state: CaseState, schedule: ReminderSchedule, *, days: int = 35,
             step: timedelta = timedelta(minutes=15),
             events: dict[datetime, Event] | None = None) -> list[tuple[str, datetime]]:
    """Run the clock from the reply on, as the worker would every `step`: what is due is
    recorded as done (a reminder or the escalation). Returns (what, when) in order."""
    done: list[tuple[str, datetime]] = []
    pending = dict(sorted((events or {}).items()))
    now = REPLY
    while now <= REPLY + timedelta(days=days):
        for when in [w for w in pending if w <= now]:
            state = pending.pop(when)(state, now)
        decided = plan(state, schedule, now)
        if decided.action is Action.REMIND:
            state = replace(state, reminders=(*state.reminders, SentReminder(
                decided.series, decided.number, now)))
            done.append((f"reminder {decided.number}", now))
        elif decided.action is Action.ESCALATE:
            state = replace(state, reminders=(*state.reminders, SentReminder(
                decided.series, decided.number + 1, now, escalation=True)))
            done.append((f"escalate after {decided.number}", now))
        now += step
    return done


def days_after_reply(done: list[tuple[str, datetime]]) -> list[tuple[str, float]]:
    return [(what, (when - REPLY) / timedelta(days=1)) for what, when in done]


def test_three_seven_fourteen_days_then_marked_for_hr() -> None:
    assert days_after_reply(simulate(waiting_case(), ALWAYS)) == [
        ("reminder 1", 3), ("reminder 2", 7), ("reminder 3", 14), ("escalate after 3", 17)]


def test_weekends_and_nights_are_skipped_in_the_configured_zone() -> None:
    # Wednesday 2 Dec 15:00 in Amsterdam: +3 days is a Saturday, +7 a Wednesday, +14 too.
    reply = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    state = waiting_case(last_reply_at=reply, last_mail_at=reply)
    done = simulate(state, OFFICE, days=40, events={})
    local = [(what, when.astimezone(AMS).strftime("%a %d %H:%M")) for what, when in done]
    assert local == [
        ("reminder 1", "Mon 07 09:00"),   # Saturday waits for Monday morning
        ("reminder 2", "Wed 09 15:00"),   # on time: 7 days after the reply
        ("reminder 3", "Wed 16 15:00"),
        ("escalate after 3", "Sat 19 15:00"),  # HR's mark is no mail: any day
    ]


def test_a_reminder_due_at_night_waits_for_the_morning() -> None:
    evening = datetime(2026, 11, 30, 20, 30, tzinfo=UTC)  # 21:30 in Amsterdam
    every_day = replace(OFFICE, weekdays=frozenset(range(7)))
    state = waiting_case(last_reply_at=evening, last_mail_at=evening)
    first = simulate(state, every_day, days=5)[0]
    assert first[1].astimezone(AMS) == datetime(2026, 12, 4, 9, 0, tzinfo=AMS)


def test_stops_when_the_case_becomes_complete() -> None:
    complete: Event = lambda s, _now: replace(s, complete=True, missing=())  # noqa: E731
    done = simulate(waiting_case(), ALWAYS, events={REPLY + timedelta(days=5): complete})
    assert days_after_reply(done) == [("reminder 1", 3)]


def test_a_candidates_mail_starts_a_new_series_from_our_answer() -> None:
    def writes(state: CaseState, now: datetime) -> CaseState:
        # They write on day 5 and we answer; two reminders of the old series
        # are left unsent, and the count starts again.
        return replace(state, last_mail_at=now - timedelta(minutes=1), last_reply_at=now)

    done = simulate(waiting_case(), ALWAYS, events={REPLY + timedelta(days=5): writes})
    assert days_after_reply(done) == [
        ("reminder 1", 3), ("reminder 1", 8.0), ("reminder 2", 12.0), ("reminder 3", 19.0),
        ("escalate after 3", 22.0)]


def test_no_reminder_while_a_mail_of_theirs_waits_for_our_reply() -> None:
    assert plan(waiting_case(awaiting_reply=True), ALWAYS, REPLY + timedelta(days=4)).action \
        is Action.STOPPED


def test_pause_stops_and_resume_starts_a_new_series_from_the_resume() -> None:
    pause: Event = lambda s, _now: replace(s, paused=True)  # noqa: E731
    resume: Event = lambda s, now: replace(s, paused=False, resumed_at=now)  # noqa: E731
    done = simulate(waiting_case(), ALWAYS, events={
        REPLY + timedelta(days=4): pause, REPLY + timedelta(days=10): resume})
    assert days_after_reply(done) == [
        ("reminder 1", 3), ("reminder 1", 13), ("reminder 2", 17), ("reminder 3", 24),
        ("escalate after 3", 27)]


def test_a_bounce_stops_reminders_until_the_candidate_writes() -> None:
    bounced: Event = lambda s, now: replace(s, bounced_at=now)  # noqa: E731

    def writes(state: CaseState, now: datetime) -> CaseState:
        return replace(state, last_mail_at=now - timedelta(minutes=1), last_reply_at=now)

    done = simulate(waiting_case(), ALWAYS, days=20, events={
        REPLY + timedelta(days=3, hours=2): bounced, REPLY + timedelta(days=12): writes})
    assert days_after_reply(done) == [("reminder 1", 3), ("reminder 1", 15.0), ("reminder 2", 19.0)]
    assert plan(bounced(waiting_case(), REPLY + timedelta(hours=1)), ALWAYS,
                REPLY + timedelta(days=4)).why == "a mail to the candidate's address bounced"


@pytest.mark.parametrize(("change", "why"), [
    ({"closed": True}, "the case is closed"),
    ({"complete": True}, "the case is complete"),
    ({"paused": True}, "paused by HR"),
    ({"question_waits": True}, "a question of the candidate waits for HR"),
    ({"missing": ()}, "nothing is missing"),
    ({"machine_address": "noreply"}, "the address is a machine's (noreply)"),
    ({"last_reply_at": None}, "we have not written to the candidate yet"),
    ({"awaiting_reply": True}, "a mail of the candidate waits for our reply"),
])
def test_each_stop_names_itself(change: dict[str, object], why: str) -> None:
    decided = plan(waiting_case(**change), ALWAYS, REPLY + timedelta(days=30))
    assert decided.action is Action.STOPPED and decided.why.startswith(why)


def test_a_worker_that_was_down_sends_one_and_spaces_the_next() -> None:
    state = waiting_case()
    late = REPLY + timedelta(days=10)
    first = plan(state, ALWAYS, late)
    assert (first.action, first.number) == (Action.REMIND, 1)
    state = replace(state, reminders=(SentReminder(first.series, 1, late),))
    assert plan(state, ALWAYS, late + timedelta(minutes=1)).action is Action.WAIT
    second = plan(state, ALWAYS, late + timedelta(days=2))  # half the 3->7 gap
    assert (second.action, second.number) == (Action.REMIND, 2)


def test_more_reminders_than_days_repeat_the_last_gap_and_zero_turns_them_off() -> None:
    five = replace(ALWAYS, max_count=5)
    assert [d for _w, d in days_after_reply(simulate(waiting_case(), five, days=40))] == [
        3, 7, 14, 21, 28, 31]
    assert simulate(waiting_case(), replace(ALWAYS, max_count=0)) == []


def test_the_escalation_happens_once_per_series() -> None:
    done = simulate(waiting_case(), ALWAYS, days=60)
    assert [what for what, _ in done].count("escalate after 3") == 1


def test_preview_on_a_date_assumes_nobody_writes_until_then() -> None:
    state = waiting_case()
    now = REPLY + timedelta(hours=1)
    assert due_on(state, ALWAYS, now, None) == []
    on_day_7 = due_on(state, ALWAYS, now, date(2026, 12, 7))
    assert [(p.action, p.number, p.due_at) for p in on_day_7] == [
        (Action.REMIND, 2, REPLY + timedelta(days=7))]
    assert due_on(state, ALWAYS, now, date(2026, 12, 8)) == []
    (mark,) = due_on(state, ALWAYS, now, date(2026, 12, 17))
    assert (mark.action, mark.number) == (Action.ESCALATE, 3)
    due_now = due_on(state, ALWAYS, REPLY + timedelta(days=3), None)
    assert [(p.action, p.number) for p in due_now] == [(Action.REMIND, 1)]


@pytest.mark.parametrize(("value", "days"), [("3,7,14", (3, 7, 14)), (" 1, 2 ", (1, 2))])
def test_days_parse(value: str, days: tuple[int, ...]) -> None:
    assert parse_days(value) == days


def test_weekdays_and_hours_parse() -> None:
    assert parse_weekdays("mon-fri") == frozenset(range(5))
    assert parse_weekdays("sat-mon") == frozenset({5, 6, 0})
    assert parse_weekdays("mon,wed,fri") == frozenset({0, 2, 4})
    assert parse_hours("9-17") == (9, 17) and parse_hours("0-24") == (0, 24)


@pytest.mark.parametrize(("setting", "value"), [
    ("reminder_days", "7,3"), ("reminder_days", "3,x"), ("reminder_weekdays", "monday"),
    ("reminder_hours", "17-9"), ("reminder_hours", "9"), ("timezone", "Mars/Olympus"),
    ("reminder_max_count", "-1"),
])
def test_a_bad_reminder_setting_names_itself(setting: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"MAILBOT_{setting.upper()}"):
        load_settings(**{setting: value})
