"""Cross-cutting concerns around each message, as hooks (Dramatiq style), not in the pipeline."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("mailbot")


class Middleware:
    """Override the hooks you need; each is called around the processing of one inbound mail."""

    def before_message(self, inbound_id: int) -> None: ...

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None: ...

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None: ...


class LoggingMiddleware(Middleware):
    """One line per mail. Summaries never contain document text or full passport numbers."""

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None:
        log.info("mail #%d %s: %s", inbound_id, outcome, summary)

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None:
        log.warning("mail #%d failed (attempt %d): %s: %s", inbound_id, attempts,
                    type(error).__name__, error)


@dataclass
class MetricsMiddleware(Middleware):
    """Counts outcomes and time spent per mail; the cycle report and `bench/` read these."""

    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    _started: dict[int, float] = field(default_factory=dict)

    def before_message(self, inbound_id: int) -> None:
        self._started[inbound_id] = time.perf_counter()

    def _stop(self, inbound_id: int) -> None:
        started = self._started.pop(inbound_id, None)
        if started is not None:
            self.seconds += time.perf_counter() - started

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None:
        self._stop(inbound_id)
        self.outcomes[outcome] += 1

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None:
        self._stop(inbound_id)
        self.outcomes["failed"] += 1
