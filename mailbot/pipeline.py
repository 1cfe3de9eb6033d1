"""The worker: the cycle's steps (`mailbot/steps/`) wired to a source, a delivery and the shared
services, each step run inside its own error boundary.

`CYCLE` is `ingest → process → file → reply → remind → send → health`; every mail walks the
life cycle `fetched → processed|ignored|held → filed`. What the steps that talk to a server
saw of it is recorded for the health (`mailbot/monitor.py`), which the last step judges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from classifiers.classify import classify as classify_document
from classifiers.limits import Limits
from classifiers.ocr import preload as preload_ocr
from classifiers.types import Classification
from mailbot.checklist.tb_exempt import TbExemptList
from mailbot.config import Settings
from mailbot.delivery.base import Delivery
from mailbot.errors import TransientError
from mailbot.isolation import Classify, IsolatedClassifier
from mailbot.metrics import MeasuredClassify, Metrics, MetricsHooks
from mailbot.middleware import LoggingMiddleware, MetricsMiddleware, Middleware
from mailbot.monitor import Monitor
from mailbot.services import Services, build_services
from mailbot.sources.base import MailSource
from mailbot.steps import CycleReport, Step
from mailbot.steps.file_away import FileAway
from mailbot.steps.health import Health
from mailbot.steps.ingest import Ingest
from mailbot.steps.process import Process
from mailbot.steps.remind import Remind
from mailbot.steps.reply import Reply
from mailbot.steps.send import Send
from mailbot.store.models import utcnow

__all__ = ["CYCLE", "CycleReport", "Worker"]

log = logging.getLogger("mailbot")

# Health last: it judges what this cycle's steps saw; an alert it queues goes out next cycle.
CYCLE: tuple[str, ...] = ("ingest", "process", "file", "reply", "remind", "send", "health")


def _classify_in_child(data: bytes, filename: str, limits: Limits) -> Classification:
    # A module-level function: the isolated child process is handed it by reference.
    return classify_document(data, filename, limits)


class Worker:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        source: MailSource,
        delivery: Delivery,
        *,
        classify: Classify | None = None,
        middleware: Iterable[Middleware] = (),
        clock: Callable[[], datetime] = utcnow,
        tb_list: TbExemptList | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.source = source
        self.delivery = delivery
        self.clock = clock
        self.services: Services = build_services(settings, engine, delivery, clock=clock,
                                                 tb_list=tb_list)
        self.metrics = MetricsMiddleware()
        # Prometheus (`MAILBOT_METRICS_PORT`); counted always, served only by `run`.
        self.prometheus = Metrics()
        self.middleware: list[Middleware] = [LoggingMiddleware(), self.metrics,
                                             MetricsHooks(self.prometheus), *middleware]
        self.process = Process(
            settings, engine, self.services.outbox, self.services.cases,
            MeasuredClassify(classify or IsolatedClassifier(
                _classify_in_child, memory_bytes=settings.max_document_memory_bytes,
                before_fork=preload_ocr), self.prometheus),
            self.services.document_limits, self.middleware, clock)
        self.ingest = Ingest(engine, source, clock)
        self.monitor = Monitor(settings, engine, clock, self.services.outbox, self.prometheus,
                               mailbox=source, delivery=delivery)
        self.monitor.start()
        self.steps: dict[str, Step] = {step.name: step for step in (
            self.ingest, self.process, FileAway(engine, source),
            Reply(engine, self.services.cases),
            # After the replies: a case answered in this cycle starts a new series.
            Remind(settings, engine, self.services.outbox, self.services.cases, clock),
            Send(self.services.outbox), Health(self.monitor))}
        self.report = CycleReport()

    @property
    def classify(self) -> Classify:
        """The document reader the process step calls (a bench may wrap it to time it)."""
        return self.process.classify

    @classify.setter
    def classify(self, classify: Classify) -> None:
        self.process.classify = classify

    def run_cycle(self, steps: tuple[str, ...] = CYCLE) -> CycleReport:
        self.report = CycleReport()
        self.metrics.outcomes.clear()
        self.metrics.seconds = 0.0
        for name in steps:
            step = self.steps[name]
            sent_before = self.report.sent
            failure: Exception | None = None
            # Each step is its own error boundary: a mailbox that is down must not keep the
            # queued replies from going out, nor an SMTP server that is down the mail from
            # being read. Whatever a step left undone is still in the database next cycle.
            try:
                step.run(self.report)
            except (TransientError, OperationalError) as exc:
                _log_step_failure(step, exc)
                failure = exc
            self.monitor.after_step(name, failure, sent_before, self.report)
            if name == "send":  # once per cycle: this cycle's mails out, by kind
                self.prometheus.replies_sent(self.report.sent_by_kind, self.report.send_failures)
        self.report.outcomes = dict(self.metrics.outcomes)
        self.report.seconds_in_documents = self.metrics.seconds
        return self.report


def _log_step_failure(step: Step, exc: Exception) -> None:
    """One line per failed step per cycle: what stopped, where, and what to do about it."""
    if isinstance(exc, OperationalError):
        reason: object = exc.orig
        where, todo = "the database", "check that the database is up and reachable"
    else:
        reason, where, todo = exc, step.where, step.what_to_check
    # The reason last: it ends with the setting to fix, where an operator's eye lands.
    log.warning("cycle step %r stopped (%s; %s; the other steps went on, this one will "
                "retry next cycle): %s", step.name, where, todo, reason)
