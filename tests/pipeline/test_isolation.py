"""One bad file cannot stall or starve the worker: timeouts and memory caps in a child."""

from __future__ import annotations

import time

from classifiers.limits import Limits
from classifiers.types import Classification, Kind, ReadError
from mailbot.isolation import IsolatedClassifier


def fine(data: bytes, filename: str, limits: Limits) -> Classification:
    return Classification(kind=Kind.PASSPORT, confidence=0.9, reasons=(filename,))


def hangs(data: bytes, filename: str, limits: Limits) -> Classification:
    time.sleep(600)
    raise AssertionError("unreachable")


def hogs_memory(data: bytes, filename: str, limits: Limits) -> Classification:
    hoard = [bytearray(50 * 1024 * 1024) for _ in range(100)]  # 5 GB
    raise AssertionError(len(hoard))


def crashes(data: bytes, filename: str, limits: Limits) -> Classification:
    import os

    os._exit(3)


def test_a_verdict_comes_back_from_the_child() -> None:
    verdict = IsolatedClassifier(fine)(b"x", "a.jpg", Limits())
    assert verdict.kind == Kind.PASSPORT and verdict.reasons == ("a.jpg",)


def test_a_hanging_reader_is_stopped_in_bounded_time() -> None:
    started = time.monotonic()
    isolated = IsolatedClassifier(hangs, grace_seconds=0.5)
    verdict = isolated(b"x", "a.pdf", Limits(timeout_seconds=0.5))
    assert time.monotonic() - started < 5
    assert verdict.kind == Kind.OTHER and verdict.error == ReadError.TIMEOUT


def test_a_memory_hog_is_capped() -> None:
    verdict = IsolatedClassifier(hogs_memory, memory_bytes=1024**3)(b"x", "a.png", Limits())
    assert verdict.kind == Kind.OTHER and verdict.error == ReadError.TOO_LARGE


def test_a_crashing_reader_becomes_an_unreadable_verdict() -> None:
    verdict = IsolatedClassifier(crashes)(b"x", "a.png", Limits())
    assert verdict.error == ReadError.CORRUPT


_PREPARED: list[str] = []


def sees_what_the_parent_prepared(data: bytes, filename: str, limits: Limits) -> Classification:
    return Classification(kind=Kind.OTHER, confidence=0.5, reasons=tuple(_PREPARED))


def test_work_done_before_the_fork_is_inherited_by_every_child() -> None:
    # Given a reader whose parent prepares something once per document before forking
    isolated = IsolatedClassifier(sees_what_the_parent_prepared,
                                  before_fork=lambda: _PREPARED.append("loaded"))
    # When two documents are read, Then each child saw it done, in the parent, before its fork
    assert isolated(b"x", "a.png", Limits()).reasons == ("loaded",)
    assert isolated(b"y", "b.png", Limits()).reasons == ("loaded", "loaded")
