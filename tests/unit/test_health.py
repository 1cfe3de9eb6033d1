"""The health judgement, pure: what is degraded, what is failing, which alert goes out when.

The clock is whatever `now` the test hands in: minutes and hours pass without waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from mailbot.config import Settings
from mailbot.health import (
    Action,
    Component,
    ErrorKind,
    IncidentState,
    Level,
    Queues,
    Role,
    Thresholds,
    judge,
    observe,
    plan_incidents,
)
from mailbot.monitor import thresholds

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LIMITS = Thresholds(alert_after=timedelta(minutes=5), poll_stale_after=timedelta(minutes=15),
                    backlog_mails=10, backlog_age=timedelta(minutes=30))
MAILBOX = "mailbox imap mail.example:993 folder INBOX"
SMTP = "delivery smtp mail.example:587"


def polled(at: datetime) -> Component:
    return observe(None, MAILBOX, Role.MAILBOX, at)


def failing(key: str, role: Role, since: datetime, kind: ErrorKind,
            error: str = "refused") -> Component:
    seen = observe(None, key, role, since - timedelta(minutes=1))
    return observe(seen, key, role, since, error=error, kind=kind)


def test_all_well_is_healthy() -> None:
    verdict = judge([polled(T0)], Queues(), LIMITS, T0 + timedelta(minutes=1))
    assert verdict.level is Level.HEALTHY and verdict.conditions == ()


def test_a_failure_keeps_the_time_it_began_and_a_success_clears_it() -> None:
    first = observe(polled(T0), MAILBOX, Role.MAILBOX, T0 + timedelta(minutes=1),
                    error="login refused", kind=ErrorKind.AUTH)
    again = observe(first, MAILBOX, Role.MAILBOX, T0 + timedelta(minutes=2),
                    error="login refused", kind=ErrorKind.AUTH)
    assert again.failing_since == T0 + timedelta(minutes=1)
    assert again.last_error_at == T0 + timedelta(minutes=2)
    healed = observe(again, MAILBOX, Role.MAILBOX, T0 + timedelta(minutes=3))
    assert not healed.failing and healed.last_ok_at == T0 + timedelta(minutes=3)
    assert healed.last_error == "login refused"  # kept for `status`, no longer a condition


@pytest.mark.parametrize(("role", "kind", "title"), [
    (Role.MAILBOX, ErrorKind.AUTH, "the mailbox login keeps failing"),
    (Role.MAILBOX, ErrorKind.UNREACHABLE, "the mailbox cannot be reached"),
    (Role.MAILBOX, ErrorKind.TLS, "the mailbox cannot be reached"),
    (Role.DELIVERY, ErrorKind.AUTH, "the outgoing mail server login keeps failing"),
    (Role.DELIVERY, ErrorKind.UNREACHABLE, "sending mail keeps failing"),
])
def test_a_failure_is_a_blip_first_then_failing_and_alerting(role: Role, kind: ErrorKind,
                                                              title: str) -> None:
    name = MAILBOX if role is Role.MAILBOX else SMTP
    parts = [failing(name, role, T0, kind)] + ([polled(T0)] if role is Role.DELIVERY else [])
    blip = judge(parts, Queues(), LIMITS, T0 + timedelta(minutes=4, seconds=59))
    assert blip.level is Level.DEGRADED and blip.alerting == ()
    assert [(c.key, c.title) for c in blip.conditions] == [(name, title)]
    lasting = judge(parts, Queues(), LIMITS, T0 + timedelta(minutes=5))
    assert lasting.level is Level.FAILING
    assert [c.key for c in lasting.alerting] == [name]


def test_a_refused_login_that_becomes_a_refused_connection_is_still_one_incident() -> None:
    ops = Operators()
    login = failing(MAILBOX, Role.MAILBOX, T0, ErrorKind.AUTH)
    ops.tick([login], T0 + timedelta(minutes=5))
    down = observe(login, MAILBOX, Role.MAILBOX, T0 + timedelta(minutes=6),
                   error="connection refused", kind=ErrorKind.UNREACHABLE)
    ops.tick([down], T0 + timedelta(minutes=6))
    assert ops.mails == [(T0 + timedelta(minutes=5), "alert", MAILBOX)]


def test_login_failures_say_which_settings_to_check() -> None:
    verdict = judge([failing(MAILBOX, Role.MAILBOX, T0, ErrorKind.AUTH, "535 bad password")],
                    Queues(), LIMITS, T0 + timedelta(hours=1))
    (condition,) = verdict.conditions
    assert condition.title == "the mailbox login keeps failing"
    assert "535 bad password" in condition.detail and "MAILBOT_IMAP_USER" in condition.detail


def test_no_poll_for_a_while_is_failing_but_cannot_alert() -> None:
    verdict = judge([polled(T0)], Queues(), LIMITS, T0 + timedelta(minutes=15))
    (condition,) = verdict.conditions
    assert verdict.level is Level.FAILING and condition.key == f"mailbox-stale:{MAILBOX}"
    assert not condition.alert  # the worker that would alert is the one not running
    assert judge([polled(T0)], Queues(), LIMITS,
                 T0 + timedelta(minutes=14)).level is Level.HEALTHY


def test_never_polled_is_degraded() -> None:
    verdict = judge([], Queues(), LIMITS, T0)
    assert verdict.level is Level.DEGRADED
    assert [c.key for c in verdict.conditions] == ["mailbox-never-polled"]


def test_tesseract_missing_and_disk_full_alert_after_the_threshold() -> None:
    tool = failing("tesseract", Role.TOOL, T0, ErrorKind.MISSING, "not on PATH")
    disk = failing("disk", Role.DISK, T0 + timedelta(minutes=3), ErrorKind.FULL, "10 MiB free")
    verdict = judge([polled(T0 + timedelta(minutes=6)), tool, disk], Queues(), LIMITS,
                    T0 + timedelta(minutes=6))
    assert verdict.level is Level.FAILING
    assert [c.key for c in verdict.alerting] == ["tesseract"]  # the disk: 3 minutes only
    assert {c.key: c.level for c in verdict.conditions} == {"tesseract": Level.FAILING,
                                                            "disk": Level.DEGRADED}


def test_mails_piling_up_degrade_and_alert_by_age_or_count() -> None:
    now = T0 + timedelta(hours=1)
    few_young = Queues(mails_waiting=3, oldest_unprocessed=now - timedelta(minutes=10))
    assert judge([polled(now)], few_young, LIMITS, now).level is Level.HEALTHY
    old = Queues(mails_waiting=1, oldest_unprocessed=now - timedelta(minutes=30))
    verdict = judge([polled(now)], old, LIMITS, now)
    assert verdict.level is Level.DEGRADED and [c.key for c in verdict.alerting] == ["backlog"]
    many = Queues(mails_waiting=10, oldest_unprocessed=now - timedelta(minutes=6))
    assert [c.key for c in judge([polled(now)], many, LIMITS, now).alerting] == ["backlog"]
    many_just_now = Queues(mails_waiting=10, oldest_unprocessed=now - timedelta(minutes=1))
    verdict = judge([polled(now)], many_just_now, LIMITS, now)
    assert verdict.level is Level.DEGRADED and verdict.alerting == ()


def test_mails_waiting_for_a_broken_tool_are_its_incident_not_a_backlog() -> None:
    now = T0 + timedelta(hours=1)
    queues = Queues(mails_waiting=2, waiting_for_operator=2,
                    oldest_unprocessed=now - timedelta(hours=1))
    assert judge([polled(now)], queues, LIMITS, now).conditions == ()


def test_an_unreachable_database_is_failing_whatever_else_is_known() -> None:
    verdict = judge([polled(T0)], Queues(), LIMITS, T0, database_error="connection refused")
    assert verdict.level is Level.FAILING
    assert [(c.key, c.alert) for c in verdict.conditions] == [("database", False)]


# ---------------------------------------------------------------- incidents over time


class Operators:
    """The incident table as `plan_incidents` sees it, and the mails it would send, over time."""

    def __init__(self) -> None:
        self.incidents: dict[str, IncidentState] = {}
        self.mails: list[tuple[datetime, str, str]] = []

    def tick(self, components: list[Component], now: datetime) -> None:
        verdict = judge(components, Queues(), LIMITS, now)
        for key, action in plan_incidents(verdict, list(self.incidents.values()), now):
            known = self.incidents.get(key)
            if action is Action.ALERT:
                self.mails.append((now, "alert", key))
                self.incidents[key] = IncidentState(key, True, True, now)
            elif action is Action.HOLD:
                self.incidents[key] = IncidentState(key, True, False,
                                                    known.last_alert_at if known else None)
            else:
                if action is Action.RECOVER:
                    self.mails.append((now, "recovered", key))
                assert known is not None
                self.incidents[key] = IncidentState(key, False, False, known.last_alert_at)


def test_one_alert_per_incident_then_one_recovery() -> None:
    ops = Operators()
    key = SMTP
    for minute in range(0, 60):  # a changed password, noticed every minute for an hour
        ops.tick([polled(T0 + timedelta(minutes=minute)),
                  failing(SMTP, Role.DELIVERY, T0, ErrorKind.AUTH)],
                 T0 + timedelta(minutes=minute))
    assert ops.mails == [(T0 + timedelta(minutes=5), "alert", key)]
    fixed = T0 + timedelta(minutes=61)
    healed = observe(failing(SMTP, Role.DELIVERY, T0, ErrorKind.AUTH), SMTP, Role.DELIVERY,
                     fixed)
    ops.tick([polled(fixed), healed], fixed)
    ops.tick([polled(fixed + timedelta(minutes=1)), healed], fixed + timedelta(minutes=1))
    assert ops.mails[1:] == [(fixed, "recovered", key)]


def test_a_flapping_server_alerts_at_most_once_an_hour_and_nothing_is_lost() -> None:
    ops = Operators()
    key = MAILBOX
    now = T0
    # Down for 10 minutes, up for 5, down again, every quarter of an hour
    for flap in range(8):
        start = T0 + timedelta(minutes=15 * flap)
        down = failing(MAILBOX, Role.MAILBOX, start, ErrorKind.UNREACHABLE)
        for minute in range(10):
            now = start + timedelta(minutes=minute)
            ops.tick([down], now)
        up = observe(down, MAILBOX, Role.MAILBOX, start + timedelta(minutes=10))
        for minute in range(10, 15):
            now = start + timedelta(minutes=minute)
            ops.tick([up], now)
    alerts = [at for at, what, _ in ops.mails if what == "alert"]
    assert alerts, "never alerted"
    assert all(later - earlier >= timedelta(hours=1) for earlier, later in pairwise(alerts))
    # every alert that went out is followed by its recovery; no lone recovery
    kinds = [what for _, what, _ in ops.mails]
    assert kinds == ["alert", "recovered"] * len(alerts)
    assert {k for _, _, k in ops.mails} == {key}


def test_a_held_back_alert_goes_out_when_the_hour_is_over_if_still_failing() -> None:
    ops = Operators()
    key = "tesseract"
    tool = failing("tesseract", Role.TOOL, T0, ErrorKind.MISSING)
    ops.tick([polled(T0 + timedelta(minutes=5)), tool], T0 + timedelta(minutes=5))   # alert
    fixed = observe(tool, "tesseract", Role.TOOL, T0 + timedelta(minutes=10))
    ops.tick([polled(T0 + timedelta(minutes=10)), fixed], T0 + timedelta(minutes=10))  # recovered
    broken_again = observe(fixed, "tesseract", Role.TOOL, T0 + timedelta(minutes=20),
                           error="gone", kind=ErrorKind.MISSING)
    for minute in range(20, 70):
        now = T0 + timedelta(minutes=minute)
        ops.tick([polled(now), broken_again], now)
    assert ops.mails == [(T0 + timedelta(minutes=5), "alert", key),
                         (T0 + timedelta(minutes=10), "recovered", key),
                         (T0 + timedelta(minutes=65), "alert", key)]


def test_a_slow_poll_interval_is_not_taken_for_a_stopped_worker() -> None:
    often = thresholds(Settings(data_dir=Path("data"), poll_seconds=60))
    assert often.poll_stale_after == timedelta(minutes=15)
    rarely = thresholds(Settings(data_dir=Path("data"), poll_seconds=30 * 60))
    assert rarely.poll_stale_after == timedelta(minutes=90)
