"""The long-running service: APScheduler runs the cycle and the HR digest.

One cycle at a time (max_instances=1), missed runs coalesce into one, and SIGTERM/SIGINT let the
current mail finish before the process exits. With IMAP IDLE the cycle also runs as soon as the
server announces new mail.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from mailbot.errors import TransientError
from mailbot.pipeline import Worker

log = logging.getLogger("mailbot")


def run_forever(worker: Worker, stop: threading.Event | None = None) -> None:
    """`stop` may already be set: a SIGTERM that came while the worker was being built."""
    settings = worker.settings
    stop = stop or threading.Event()
    wake = threading.Event()
    lock = threading.Lock()  # the poll job and the IDLE loop never run a cycle at once

    def cycle() -> None:
        with lock:
            if not stop.is_set():
                worker.run_cycle()

    def digest() -> None:
        from mailbot.digest import send_digest

        with lock:
            try:
                send_digest(worker.services)
            except TransientError as exc:  # queued anyway; the next cycle sends it
                log.warning("digest queued but not sent yet: %s", exc)

    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(cycle, "interval", seconds=settings.poll_seconds, id="poll",
                      max_instances=1, coalesce=True, next_run_time=_now())
    scheduler.add_job(digest, CronTrigger.from_crontab(settings.digest_cron), id="digest",
                      max_instances=1, coalesce=True)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: finishing the current mail, then exiting",
                 signal.Signals(signum).name)
        stop.set()
        wake.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if settings.metrics_port:
        worker.prometheus.serve(settings.metrics_port, settings.metrics_address)
    scheduler.start()
    log.info("mailbot running: polling %s every %ss", worker.source.name, settings.poll_seconds)
    idle_wait = getattr(worker.source, "idle_wait", None)
    while not stop.is_set():
        if settings.imap_idle and idle_wait is not None:
            if idle_wait(timeout=min(settings.poll_seconds, 25 * 60), stop=stop):
                cycle()
        else:
            wake.wait(1.0)
    scheduler.shutdown(wait=True)
    with lock:  # wait for a cycle in progress
        worker.source.close()
        worker.delivery.close()
    worker.prometheus.close()
    log.info("mailbot stopped")


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)
