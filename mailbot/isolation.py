"""Read each document in a child process with a hard time and memory limit.

A hostile PDF can make a parser loop or allocate without end, and a thread cannot be stopped.
A forked child can: on timeout it is killed, and RLIMIT_AS caps its memory, so one file never
stalls or starves the worker. The verdict comes back over a pipe; a child that dies or runs out
of time becomes an honest `other` verdict with a reason. (Forking keeps the imports already
loaded, so a child costs milliseconds; this is also the seam for a process pool later.)
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection

from classifiers.limits import Limits
from classifiers.ocr import OcrUnavailable as OcrMissing
from classifiers.types import Classification, Kind, ReadError
from mailbot.errors import OcrUnavailable, OperatorFault

log = logging.getLogger("mailbot")

Classify = Callable[[bytes, str, Limits], Classification]


def _child(classify: Classify, data: bytes, filename: str, limits: Limits,
           memory_bytes: int, conn: Connection) -> None:
    try:
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        conn.send(classify(data, filename, limits))
    except OcrMissing as error:  # the installation's fault: sent back to be raised, not a verdict
        conn.send(OcrUnavailable(str(error)))
    except MemoryError:
        conn.send(_failed(ReadError.TOO_LARGE, "reading it needed more memory than allowed"))
    finally:
        conn.close()
        os._exit(0)  # skip atexit handlers and inherited database connections


def _failed(error: ReadError, reason: str) -> Classification:
    return Classification(kind=Kind.OTHER, confidence=0.0, reasons=(reason,), error=error)


class IsolatedClassifier:
    """Wraps a classify function so each call runs in its own forked, bounded child."""

    def __init__(self, classify: Classify, memory_bytes: int = 2 * 1024**3,
                 grace_seconds: float = 5.0,
                 before_fork: Callable[[], None] | None = None) -> None:
        self.classify = classify
        self.memory_bytes = memory_bytes
        # Work done once in this process that every child inherits, instead of each child
        # doing it again (the worker loads tesseract's model here).
        self.before_fork = before_fork
        # The classifier's own deadline should fire first; this is the backstop.
        self.grace_seconds = grace_seconds
        self.context = multiprocessing.get_context("fork")

    def __call__(self, data: bytes, filename: str, limits: Limits) -> Classification:
        if self.before_fork is not None:
            self.before_fork()
        receiver, sender = self.context.Pipe(duplex=False)
        child = self.context.Process(
            target=_child, args=(self.classify, data, filename, limits, self.memory_bytes, sender),
            daemon=True,
        )
        child.start()
        sender.close()
        try:
            budget = limits.timeout_seconds + self.grace_seconds
            if receiver.poll(budget):
                answer = receiver.recv()
                if isinstance(answer, OperatorFault):
                    raise answer
                return answer  # type: ignore[no-any-return]
            log.warning("reading a document took over %.0fs; stopped it", budget)
            return _failed(ReadError.TIMEOUT, "reading it took too long")
        except EOFError:  # the child died without an answer (killed by the memory limit, a crash)
            return _failed(ReadError.CORRUPT, "the reader crashed on this file")
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join(5)
