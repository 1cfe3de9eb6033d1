"""Prometheus metrics of the worker (`MAILBOT_METRICS_PORT`), with the official
`prometheus_client`: its text format, HTTP handler and histogram buckets are what every
Prometheus server scrapes, and hand-writing them would be a second, untested exporter.

Each worker has its own registry (tests build many workers in one process). Counters are fed by
the middleware hooks, the document reader and the send step; the queue-depth and health gauges
by the health step, once per cycle. Labels are outcomes, kinds and queue names only: never an
address, a file name or document text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from http.server import ThreadingHTTPServer
from threading import Thread

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from classifiers.limits import Limits
from classifiers.types import Classification
from mailbot.isolation import Classify
from mailbot.middleware import Middleware

log = logging.getLogger("mailbot")

# Seconds per document: a text PDF takes milliseconds, an OCR'd phone photo seconds, and the
# reader is killed at MAILBOT_DOCUMENT_TIMEOUT_SECONDS (60 s by default).
DOCUMENT_SECONDS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.mails = Counter("mailbot_mails_processed", "Inbound mails by outcome",
                             ["outcome"], registry=self.registry)
        self.documents = Counter("mailbot_documents", "Documents read, by kind",
                                 ["kind"], registry=self.registry)
        self.document_seconds = Histogram("mailbot_document_seconds",
                                          "Seconds to read one document",
                                          buckets=DOCUMENT_SECONDS_BUCKETS,
                                          registry=self.registry)
        self.sent = Counter("mailbot_mails_sent", "Mails sent, by kind (reply, alert, ...)",
                            ["kind"], registry=self.registry)
        self.send_failures = Counter("mailbot_send_failures", "Send attempts that failed",
                                     registry=self.registry)
        self.queue_depth = Gauge("mailbot_queue_depth", "What waits, by queue", ["queue"],
                                 registry=self.registry)
        self.health = Gauge("mailbot_health_level",
                            "0 healthy, 1 degraded, 2 failing (as `mailbot status` exits)",
                            registry=self.registry)
        self.cycles = Counter("mailbot_cycles", "Worker cycles run", registry=self.registry)
        self._server: tuple[ThreadingHTTPServer, Thread] | None = None

    def replies_sent(self, by_kind: Mapping[str, int], failures: int) -> None:
        for kind, count in by_kind.items():
            self.sent.labels(kind=kind).inc(count)
        if failures:
            self.send_failures.inc(failures)

    def set_queues(self, depths: Mapping[str, int]) -> None:
        for queue, depth in depths.items():
            self.queue_depth.labels(queue=queue).set(depth)

    def serve(self, port: int, address: str) -> int:
        """Expose /metrics over HTTP in a daemon thread; returns the port (0 picks a free one)."""
        server, thread = start_http_server(port, addr=address, registry=self.registry)
        self._server = (server, thread)
        bound = int(server.server_address[1])
        log.info("metrics on http://%s:%d/metrics", address, bound)
        return bound

    def close(self) -> None:
        if self._server is not None:
            server, thread = self._server
            self._server = None
            server.shutdown()
            server.server_close()
            thread.join(5)


class MetricsHooks(Middleware):
    """Mails processed by outcome, from the worker's middleware hooks."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None:
        self.metrics.mails.labels(outcome=outcome).inc()

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None:
        self.metrics.mails.labels(outcome="failed").inc()


class MeasuredClassify:
    """The document reader, timed and counted by kind (wraps whatever reader the worker has)."""

    def __init__(self, inner: Classify, metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics

    def __call__(self, data: bytes, filename: str, limits: Limits) -> Classification:
        started = time.perf_counter()
        verdict = self.inner(data, filename, limits)
        self.metrics.document_seconds.observe(time.perf_counter() - started)
        kind = "unreadable" if verdict.error else verdict.kind.value
        self.metrics.documents.labels(kind=kind).inc()
        return verdict
