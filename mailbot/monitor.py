"""The health's I/O: record what each cycle step saw of its server, probe `tesseract` and the
disk, judge (`mailbot/health.py`), open and close the operators' incidents
(`mailbot/incidents.py`), and build what `mailbot status` prints.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import pytesseract
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from mailbot.config import Settings
from mailbot.errors import MailAuthError, MailbotError, TlsError, TransientError
from mailbot.health import (
    Component,
    ErrorKind,
    IncidentState,
    Level,
    Queues,
    Role,
    Thresholds,
    Verdict,
    judge,
    observe,
    plan_incidents,
)
from mailbot.incidents import apply_incident_plan, as_component, record_component
from mailbot.metrics import Metrics
from mailbot.outbox import Outbox
from mailbot.steps import CycleReport, describe
from mailbot.store import repo
from mailbot.store.db import open_database, session_scope

log = logging.getLogger("mailbot")

TESSERACT = "tesseract"
DISK = "disk"
# What the worker reads documents with: OCR in English and Dutch, and orientation detection.
TESSERACT_LANGUAGES = ("eng", "nld", "osd")


def thresholds(settings: Settings) -> Thresholds:
    # A poll is stale after the setting, but never before three poll intervals have passed (a
    # worker polling every 30 minutes is not "not running" after 15).
    stale = max(settings.status_poll_stale_seconds, 3 * settings.poll_seconds)
    return Thresholds(alert_after=timedelta(seconds=settings.alert_after_seconds),
                      poll_stale_after=timedelta(seconds=stale),
                      backlog_mails=settings.backlog_mails,
                      backlog_age=timedelta(minutes=settings.backlog_minutes))


def error_kind(error: BaseException) -> ErrorKind:
    if isinstance(error, MailAuthError):
        return ErrorKind.AUTH
    if isinstance(error, TlsError):
        return ErrorKind.TLS
    if isinstance(error, TransientError):
        return ErrorKind.UNREACHABLE
    return ErrorKind.OTHER


# ---------------------------------------------------------------- probes


def probe_tesseract(timeout: float = 10.0) -> str | None:
    """None when the tesseract the reader calls runs and has its languages; else why not."""
    command = pytesseract.pytesseract.tesseract_cmd
    try:
        done = subprocess.run([command, "--list-langs"], capture_output=True, text=True,
                              timeout=timeout, check=False)
    except FileNotFoundError:
        return f"tesseract is not installed ({command!r} not found on PATH)"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"tesseract does not run: {exc}"
    if done.returncode != 0:
        return f"tesseract --list-langs failed with exit code {done.returncode}"
    have = set(done.stdout.split())
    missing = [language for language in TESSERACT_LANGUAGES if language not in have]
    if missing:
        return f"tesseract lacks its language data: {', '.join(missing)}"
    return None


@dataclass(frozen=True)
class DiskSpace:
    free_bytes: int
    total_bytes: int
    nearly_full: str | None      # why it counts as nearly full, or None


def probe_disk(settings: Settings) -> DiskSpace:
    path = settings.data_dir if settings.data_dir.exists() else settings.data_dir.parent
    usage = shutil.disk_usage(path if path.exists() else ".")
    floor = max(settings.disk_min_free_mb * 1024**2,
                int(usage.total * settings.disk_min_free_percent / 100))
    full = (f"{usage.free // 1024**2} MiB free of {usage.total // 1024**2} MiB on the data "
            f"folder's disk ({path}); below MAILBOT_DISK_MIN_FREE_MB / _PERCENT: free space "
            "or move the data folder") if usage.free < floor else None
    return DiskSpace(usage.free, usage.total, full)


def tool_observation(seen: Component | None, probe_error: str | None, waiting: int,
                     now: datetime) -> Component:
    """tesseract as the probe sees it; but while a mail still waits for it, it stays failing
    until that mail goes through (the probe may miss what broke the reading)."""
    if probe_error is None and waiting and seen is not None and seen.failing:
        return seen
    return observe(seen, TESSERACT, Role.TOOL, now, error=probe_error,
                   kind=ErrorKind.MISSING if probe_error else None)


# ---------------------------------------------------------------- the worker's side


class Monitor:
    """What the worker's cycle tells the health, and the health step's work."""

    def __init__(self, settings: Settings, engine: Engine, clock: Callable[[], datetime],
                 outbox: Outbox, metrics: Metrics, *, mailbox: object, delivery: object) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock
        self.outbox = outbox
        self.metrics = metrics
        self.mailbox_key = f"mailbox {describe(mailbox)}"
        self.delivery_key = f"delivery {describe(delivery)}"
        self.thresholds = thresholds(settings)
        self.last_verdict: Verdict | None = None

    def start(self) -> None:
        """This worker's mailbox and delivery are the installation's now."""
        with session_scope(self.engine) as session:
            repo.forget_components(session, Role.MAILBOX.value, self.mailbox_key)
            repo.forget_components(session, Role.DELIVERY.value, self.delivery_key)

    def after_step(self, name: str, error: BaseException | None, sent_before: int,
                   report: CycleReport) -> None:
        """Record what a step that talks to a server saw of it. A database that is away
        cannot record anything: that is for `mailbot status` to notice."""
        if isinstance(error, OperationalError):
            return
        if name in ("ingest", "file"):
            key, role = self.mailbox_key, Role.MAILBOX
            succeeded = name == "ingest"           # filing nothing says nothing
        elif name == "send":
            key, role = self.delivery_key, Role.DELIVERY
            succeeded = report.sent > sent_before  # nothing due: the server was not asked
        else:
            return
        if error is None and not succeeded:
            return
        try:
            with session_scope(self.engine) as session:
                record_component(session, key, role, self.clock(),
                                 error=None if error is None else str(error),
                                 kind=None if error is None else error_kind(error))
        except SQLAlchemyError as exc:  # the cycle goes on; the next one records again
            log.warning("could not record the health of %s: %s", key, exc)

    def check(self, report: CycleReport) -> Verdict:
        """The health step: probe, judge, open/close incidents (their mails queued in the same
        transaction; the next send step sends them), update the metrics."""
        now = self.clock()
        tesseract_error = probe_tesseract()
        disk = probe_disk(self.settings)
        with session_scope(self.engine) as session:
            queues = Queues(**repo.queue_counts(session))
            seen = {row.key: as_component(row) for row in repo.components(session)}
            tool = tool_observation(seen.get(TESSERACT), tesseract_error,
                                    queues.waiting_for_operator, now)
            if tool != seen.get(TESSERACT):
                record_component(session, TESSERACT, Role.TOOL, now,
                                 error=tool.last_error if tool.failing else None,
                                 kind=ErrorKind.MISSING if tool.failing else None)
            record_component(session, DISK, Role.DISK, now, error=disk.nearly_full,
                             kind=ErrorKind.FULL if disk.nearly_full else None)
            components = [as_component(row) for row in repo.components(session)]
            verdict = judge(components, queues, self.thresholds, now)
            known = [IncidentState(i.key, i.is_open, i.alerted_at is not None, i.last_alert_at)
                     for i in repo.incidents(session)]
            plan = plan_incidents(verdict, known, now)
            apply_incident_plan(session, self.outbox, verdict, plan, now,
                                waiting_for_operator=queues.waiting_for_operator)
        self.last_verdict = verdict
        self.metrics.cycles.inc()
        self.metrics.health.set(int(verdict.level))
        self.metrics.set_queues({
            "mails_waiting": queues.mails_waiting, "mails_set_aside": queues.mails_set_aside,
            "mails_held": queues.mails_held, "documents_in_review": queues.documents_in_review,
            "outbox_queued": queues.outbox_queued, "unconfirmed_sends": queues.unconfirmed_sends,
        })
        return verdict


# ---------------------------------------------------------------- `mailbot status`


def status(settings: Settings, now: datetime,
           engine_for: Callable[[str], Engine] = open_database) -> tuple[Level, dict[str, Any]]:
    """Everything `mailbot status` says, and its level. Reads only (live probes for the
    database, tesseract and the disk are not written down: that is the worker's job)."""
    tesseract_error = probe_tesseract()
    disk = probe_disk(settings)
    limits = thresholds(settings)
    try:
        engine = engine_for(settings.effective_database_url)
        with Session(engine) as session:
            queues = Queues(**repo.queue_counts(session))
            seen = {row.key: as_component(row) for row in repo.components(session)}
            incidents = repo.incidents(session)
    except (MailbotError, SQLAlchemyError) as exc:
        error = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        verdict = judge([], Queues(), limits, now, database_error=error)
        return verdict.level, _report(verdict, now, settings, [], Queues(), disk,
                                      tesseract_error, [], database_error=error)
    seen[TESSERACT] = tool_observation(seen.get(TESSERACT), tesseract_error,
                                       queues.waiting_for_operator, now)
    seen[DISK] = observe(seen.get(DISK), DISK, Role.DISK, now, error=disk.nearly_full,
                         kind=ErrorKind.FULL if disk.nearly_full else None)
    components = list(seen.values())
    verdict = judge(components, queues, limits, now)
    open_incidents = [{"key": i.key, "title": i.title,
                       "opened_at": i.opened_at.isoformat() if i.opened_at else None,
                       "alerted_at": i.alerted_at.isoformat() if i.alerted_at else None}
                      for i in incidents if i.is_open]
    return verdict.level, _report(verdict, now, settings, components, queues, disk,
                                  tesseract_error, open_incidents)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _report(verdict: Verdict, now: datetime, settings: Settings, components: list[Component],
            queues: Queues, disk: DiskSpace, tesseract_error: str | None,
            incidents: list[dict[str, Any]], *,
            database_error: str | None = None) -> dict[str, Any]:
    def side(component: Component, last_ok: str) -> dict[str, Any]:
        return {"name": component.key.partition(" ")[2], last_ok: _iso(component.last_ok_at),
                "failing_since": _iso(component.failing_since),
                "last_error": component.last_error, "last_error_at": _iso(component.last_error_at),
                "error_kind": component.error_kind.value if component.error_kind else None}

    mailboxes = [side(c, "last_poll") for c in components if c.role == Role.MAILBOX]
    deliveries = [side(c, "last_send") for c in components if c.role == Role.DELIVERY]
    notes: list[str] = []
    if queues.alerts_queued and any(d["failing_since"] for d in deliveries):
        notes.append(f"{queues.alerts_queued} alert mail(s) wait in the outbox: the outgoing "
                     "mail server is the broken part, so they are sent once it is back")
    counts = asdict(queues)
    counts["oldest_unprocessed"] = _iso(queues.oldest_unprocessed)
    return {
        "status": verdict.level.word, "exit_code": int(verdict.level),
        "checked_at": _iso(now),
        "mailboxes": mailboxes, "deliveries": deliveries, **counts,
        "database": {"reachable": database_error is None, "error": database_error},
        "tesseract": {"reachable": tesseract_error is None, "error": tesseract_error},
        "disk": {"free_bytes": disk.free_bytes, "total_bytes": disk.total_bytes,
                 "nearly_full": disk.nearly_full is not None},
        "conditions": [condition.to_json() for condition in verdict.conditions],
        "incidents": incidents,
        "alert_address": settings.alert_address,
        "notes": notes,
    }
