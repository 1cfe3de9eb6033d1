"""The hostile corpus (≥ 50 broken or malicious mails) through the real worker.

Real parser, real classifier in its bounded child process, real SQLite store and outbox. Every
mail must end in a known state within a time cap, the worker's memory stays bounded, nothing
fails unhandled, and the queue always moves on.
"""

from __future__ import annotations

import json
import resource
import time
from typing import Any

import pytest
from sqlmodel import Session, select

from fixtures.hostile.generate import write_corpus
from mailbot.delivery.folder import FolderDelivery
from mailbot.middleware import Middleware
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
from mailbot.store.models import InboundMessage, InboundState
from mailbot.store.repo import DbSourceState
from tests.conftest import make_settings

PER_MAIL_SECONDS = 30.0
WORKER_PEAK_RSS_MB = 1024


class Stopwatch(Middleware):
    def __init__(self) -> None:
        self.started: dict[int, float] = {}
        self.seconds: dict[int, float] = {}
        self.failures: list[str] = []

    def before_message(self, inbound_id: int) -> None:
        self.started[inbound_id] = time.monotonic()

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None:
        self.seconds[inbound_id] = time.monotonic() - self.started[inbound_id]

    def after_failure(self, inbound_id: int, error: BaseException, attempts: int) -> None:
        self.seconds[inbound_id] = time.monotonic() - self.started[inbound_id]
        self.failures.append(f"#{inbound_id}: {type(error).__name__}: {error}")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("hostile-run")
    corpus = tmp / "corpus"
    write_corpus(corpus)
    manifest = json.loads((corpus / "manifest.json").read_text())
    url = f"sqlite:///{tmp / 'mailbot.sqlite3'}"
    settings = make_settings(tmp, url, document_timeout_seconds=20.0)
    engine = open_database(url)
    stopwatch = Stopwatch()
    worker = Worker(settings, engine, FolderSource(corpus, DbSourceState(engine)),
                    FolderDelivery(tmp / "outbox"), middleware=[stopwatch])
    started = time.monotonic()
    report = worker.run_cycle()
    with Session(engine) as session:
        states = [row.state for row in session.exec(select(InboundMessage)).all()]
    return {"manifest": manifest, "report": report, "stopwatch": stopwatch, "states": states,
            "seconds": time.monotonic() - started, "outbox": tmp / "outbox"}


def test_corpus_is_big_enough(hostile_run: dict[str, Any]) -> None:
    assert len(hostile_run["manifest"]["cases"]) >= 50


def test_every_mail_ends_in_a_known_state(hostile_run: dict[str, Any]) -> None:
    eml_count = len([c for c in hostile_run["manifest"]["cases"]])
    states = hostile_run["states"]
    assert len(states) == eml_count
    assert set(states) <= {InboundState.PROCESSED, InboundState.IGNORED, InboundState.HELD,
                           InboundState.NEEDS_REVIEW}, states


def test_nothing_fails_unhandled(hostile_run: dict[str, Any]) -> None:
    assert hostile_run["stopwatch"].failures == []


def test_each_mail_within_the_time_cap(hostile_run: dict[str, Any]) -> None:
    slowest = max(hostile_run["stopwatch"].seconds.values())
    assert slowest < PER_MAIL_SECONDS, f"slowest mail took {slowest:.1f}s"


def test_worker_memory_stays_bounded(hostile_run: dict[str, Any]) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < WORKER_PEAK_RSS_MB, f"worker peak RSS {peak_mb:.0f} MB"


def test_candidates_are_told_which_file_could_not_be_read(hostile_run: dict[str, Any]) -> None:
    texts = [path.read_text(errors="replace") for path in hostile_run["outbox"].glob("*.eml")]
    assert any("we could not read this file" in text for text in texts)
