"""Cross-cutting concerns around each message, as hooks (Dramatiq style), not in the pipeline."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from mailbot.errors import SetAside
from mailbot.outbox import Outbox
from mailbot.store.db import session_scope
from mailbot.store.models import Case, InboundMessage, InboundState

log = logging.getLogger("mailbot")


class Middleware:
    """Override the hooks you need; each is called around the processing of one inbound mail."""

    def before_message(self, inbound_id: int) -> None: ...

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None: ...

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None: ...


def call_hooks(hooks: Iterable[Middleware], hook: str, *args: Any) -> None:
    """Call `hook` on every middleware; one that raises is logged by name and skipped.

    As in Dramatiq's broker (`emit_before`/`emit_after`): a hook is an observer, so its bug must
    neither kill the cycle nor change what happens to the mail."""
    for middleware in hooks:
        try:
            getattr(middleware, hook)(*args)
        except Exception:
            log.exception("middleware %s.%s raised; ignored, the cycle goes on",
                          type(middleware).__name__, hook)


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


class Retries(Middleware):
    """Retry-and-set-aside, as Dramatiq's `Retries` middleware: a mail whose processing failed
    stays in `fetched` to be tried again next cycle, until `max_attempts` failures (or one
    `SetAside`) move it to `needs_review` with one notice to HR.

    Unlike the observers it is not isolated: its write is what makes the worker move on, so
    the process step calls `after_failure` itself, before the observers hear of the failure
    with the attempt count it returns."""

    def __init__(self, engine: Engine, outbox: Outbox, max_attempts: int) -> None:
        self.engine = engine
        self.outbox = outbox
        self.max_attempts = max_attempts

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int = 0) -> int:
        """Count the failed attempt; returns how many there were."""
        with session_scope(self.engine) as session:
            inbound = session.get(InboundMessage, inbound_id)
            assert inbound is not None
            inbound.attempts += 1
            inbound.error = f"{type(error).__name__}: {error}"[:1000]
            if isinstance(error, SetAside) or inbound.attempts >= self.max_attempts:
                inbound.state = InboundState.NEEDS_REVIEW
                case = session.get(Case, inbound.case_id) if inbound.case_id else None
                self.outbox.ask_hr(session, case, inbound,
                                   what_happened=f"processing failed {inbound.attempts} time(s): "
                                                 f"{inbound.error}",
                                   what_to_do="Open the mail (moved to Needs-Review) and handle "
                                              "it by hand; the worker has moved on.")
            return inbound.attempts
