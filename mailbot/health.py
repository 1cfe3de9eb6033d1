"""Is the service well? A pure judgement: what the worker last saw of each part it depends on,
the queues and the live probes in; the conditions, their level and which ones alert out.

No clock, no database, no network: `mailbot/monitor.py` gathers the facts and acts on the verdict
(`mailbot status`, the alert mails, the metrics); tests hand in any `now` they like.

Levels, as `mailbot status` exits: 0 healthy, 1 degraded, 2 failing. A failure younger than
`alert_after` is a blip (degraded: a server restart, one refused login); older, it is failing and
alerts the operators. Mails piling up are degraded (the service works, slowly) and alert too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum


class Level(IntEnum):
    HEALTHY = 0
    DEGRADED = 1
    FAILING = 2

    @property
    def word(self) -> str:
        return self.name.lower()


class Role(StrEnum):
    MAILBOX = "mailbox"      # where mail comes from: IMAP or a folder
    DELIVERY = "delivery"    # where mail goes: SMTP or a folder
    TOOL = "tool"            # a program of our installation: tesseract
    DISK = "disk"            # the data folder's file system


class ErrorKind(StrEnum):
    AUTH = "auth"                # the server refused our login (password, expired token)
    UNREACHABLE = "unreachable"  # no connection, timeouts, the server answers "try later"
    TLS = "tls"                  # the certificate or STARTTLS failed
    MISSING = "missing"          # a tool is not installed or broken
    FULL = "full"                # the disk is nearly full
    OTHER = "other"


@dataclass(frozen=True)
class Component:
    """What was last seen of one part (a `ComponentHealth` row, or a live probe)."""

    key: str
    role: Role
    last_ok_at: datetime | None = None
    failing_since: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str | None = None
    error_kind: ErrorKind | None = None

    @property
    def failing(self) -> bool:
        return self.failing_since is not None


def observe(seen: Component | None, key: str, role: Role, now: datetime, *,
            error: str | None = None, kind: ErrorKind | None = None) -> Component:
    """The component after one more observation: a success clears the failure, a failure keeps
    the time the failing began (so "for longer than a threshold" counts from the first one)."""
    base = seen or Component(key, role)
    if error is None:
        return replace(base, last_ok_at=now, failing_since=None)
    return replace(base, failing_since=base.failing_since or now, last_error_at=now,
                   last_error=error[:500], error_kind=kind or ErrorKind.OTHER)


@dataclass(frozen=True)
class Queues:
    """What waits, counted from the store."""

    mails_waiting: int = 0                   # fetched, not processed yet
    oldest_unprocessed: datetime | None = None
    waiting_for_operator: int = 0            # of those: waiting for a broken tool
    mails_set_aside: int = 0                 # needs_review: HR handles them by hand
    mails_held: int = 0                      # held for HR (a stranger's address, spam, ...)
    documents_in_review: int = 0
    outbox_queued: int = 0
    unconfirmed_sends: int = 0               # a crash mid-send; never re-sent, HR decides
    failed_sends: int = 0                    # refused for good
    alerts_queued: int = 0                   # alert / recovered mails not sent yet


@dataclass(frozen=True)
class Thresholds:
    alert_after: timedelta = timedelta(minutes=5)
    poll_stale_after: timedelta = timedelta(minutes=15)
    backlog_mails: int = 50
    backlog_age: timedelta = timedelta(minutes=30)


@dataclass(frozen=True)
class Condition:
    key: str              # also the incident's key (the component's): one alert per opening
    title: str            # what is wrong, in the operators' words
    detail: str           # the last error, what to check
    since: datetime
    level: Level
    alert: bool           # lasting long enough to tell the operators (an incident)

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "detail": self.detail,
                "since": self.since.isoformat(timespec="seconds"), "level": self.level.word,
                "alert": self.alert}


@dataclass(frozen=True)
class Verdict:
    level: Level
    conditions: tuple[Condition, ...]

    @property
    def alerting(self) -> tuple[Condition, ...]:
        return tuple(condition for condition in self.conditions if condition.alert)


# (role, a login failure?) -> the title. One incident per component whatever the failure: a
# refused login that turns into a refused connection is still the same outage, not a
# "recovered" mail and a new alert.
_FAILURE_TITLES: dict[tuple[Role, bool], str] = {
    (Role.MAILBOX, True): "the mailbox login keeps failing",
    (Role.MAILBOX, False): "the mailbox cannot be reached",
    (Role.DELIVERY, True): "the outgoing mail server login keeps failing",
    (Role.DELIVERY, False): "sending mail keeps failing",
}

_WHAT_TO_CHECK: dict[tuple[Role, bool], str] = {
    (Role.MAILBOX, True): "check MAILBOT_IMAP_USER and the password or OAuth2 token "
                          "(expired or changed?)",
    (Role.MAILBOX, False): "check that the mailbox server is up and reachable from this host",
    (Role.DELIVERY, True): "check MAILBOT_SMTP_USER and the password or OAuth2 token "
                           "(expired or changed?)",
    (Role.DELIVERY, False): "check that the outgoing mail server is up and accepts our mail",
}


def judge(components: list[Component], queues: Queues, thresholds: Thresholds, now: datetime,
          *, database_error: str | None = None) -> Verdict:
    """Every condition that is wrong now, and the level of the whole service."""
    found: list[Condition] = []
    if database_error is not None:
        # Nothing else can be read or written, and no alert can be queued: status says it.
        found.append(Condition("database", "the database cannot be reached", database_error,
                               now, Level.FAILING, alert=False))
        return Verdict(Level.FAILING, tuple(found))
    for component in components:
        found.extend(_component_conditions(component, thresholds, now))
    if not any(c.role == Role.MAILBOX for c in components):
        found.append(Condition("mailbox-never-polled", "no mailbox was polled yet",
                               "start the worker (`mailbot run`)", now, Level.DEGRADED,
                               alert=False))
    backlog = _backlog(queues, thresholds, now)
    if backlog is not None:
        found.append(backlog)
    level = max((condition.level for condition in found), default=Level.HEALTHY)
    return Verdict(level, tuple(found))


def _lasting(since: datetime, thresholds: Thresholds, now: datetime) -> bool:
    return now - since >= thresholds.alert_after


def _component_conditions(component: Component, thresholds: Thresholds,
                          now: datetime) -> list[Condition]:
    if component.failing_since is not None:
        since = component.failing_since
        lasting = _lasting(since, thresholds, now)
        level = Level.FAILING if lasting else Level.DEGRADED
        error = component.last_error or "unknown error"
        if component.role in (Role.MAILBOX, Role.DELIVERY):
            login = component.error_kind == ErrorKind.AUTH
            title = _FAILURE_TITLES[(component.role, login)]
            detail = f"{component.key}: {error}; {_WHAT_TO_CHECK[(component.role, login)]}"
            return [Condition(component.key, title, detail, since, level, lasting)]
        if component.role == Role.TOOL:
            return [Condition(component.key, f"{component.key} is missing or broken", error,
                              since, level, lasting)]
        return [Condition(component.key, "the disk is nearly full", error, since, level,
                          lasting)]
    if component.role == Role.MAILBOX:
        last = component.last_ok_at
        if last is not None and now - last >= thresholds.poll_stale_after:
            # Nobody polls: the worker is not running (or hangs). It cannot alert about
            # itself; `mailbot status` (cron, systemd, Docker) is what notices.
            return [Condition(f"mailbox-stale:{component.key}", "no mailbox poll for a while",
                              f"{component.key}: last successful poll {last.isoformat()}; is "
                              "the worker (`mailbot run`) running?", last, Level.FAILING,
                              alert=False)]
    return []


def _backlog(queues: Queues, thresholds: Thresholds, now: datetime) -> Condition | None:
    """Mails pile up: too many wait, or one waits too long. Mails that wait for a broken tool
    are that tool's incident, not a second one."""
    waiting = queues.mails_waiting - queues.waiting_for_operator
    oldest = queues.oldest_unprocessed
    if waiting <= 0 or oldest is None:
        return None
    too_many = waiting >= thresholds.backlog_mails
    too_old = now - oldest >= thresholds.backlog_age
    if not (too_many or too_old):
        return None
    detail = (f"{waiting} mail(s) wait to be processed, the oldest since {oldest.isoformat()}; "
              "check the worker's log (slow documents? a crash loop?)")
    return Condition("backlog", "mails pile up", detail, oldest, Level.DEGRADED,
                     alert=_lasting(oldest, thresholds, now) and (too_old or too_many))


# ---------------------------------------------------------------- incidents


class Action(StrEnum):
    ALERT = "alert"          # open (or keep open) and mail the operators now
    HOLD = "hold"            # open, but the hourly limit holds the alert back for now
    RECOVER = "recover"      # close and mail "recovered" (its alert went out)
    CLOSE_QUIETLY = "close"  # close without a mail (its alert never went out)


@dataclass(frozen=True)
class IncidentState:
    """An incident as stored: is it open, was its alert sent, when was the last alert."""

    key: str
    is_open: bool
    alerted: bool
    last_alert_at: datetime | None


ALERT_INTERVAL = timedelta(hours=1)


def plan_incidents(verdict: Verdict, incidents: list[IncidentState],
                   now: datetime) -> list[tuple[str, Action]]:
    """What to do about each incident: alerting conditions open one (alert at most once per key
    per hour, a held-back alert goes out when the hour is over); an open incident whose
    condition is gone closes, with a "recovered" mail when its alert went out. A condition that
    is still there but below the alert threshold again keeps its incident open."""
    known = {incident.key: incident for incident in incidents}
    present = {condition.key for condition in verdict.conditions}
    plan: list[tuple[str, Action]] = []
    for condition in verdict.alerting:
        incident = known.get(condition.key)
        if incident is not None and incident.is_open and incident.alerted:
            continue
        last = incident.last_alert_at if incident else None
        may_alert = last is None or now - last >= ALERT_INTERVAL
        plan.append((condition.key, Action.ALERT if may_alert else Action.HOLD))
    for incident in incidents:
        if incident.is_open and incident.key not in present:
            plan.append((incident.key,
                         Action.RECOVER if incident.alerted else Action.CLOSE_QUIETLY))
    return plan
