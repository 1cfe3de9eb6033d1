"""Several workers on one PostgreSQL: each claims a mail (`FOR UPDATE SKIP LOCKED`) before it
reads it, so every mail is read and recorded once, however their cycles overlap."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from sqlmodel import Session, select

from classifiers.limits import Limits
from classifiers.types import Classification, Kind
from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database, rows_can_be_claimed
from mailbot.store.models import Document, InboundMessage, InboundState
from mailbot.store.repo import DbSourceState
from tests.conftest import make_settings
from tests.support.databases import fresh_postgres
from tests.support.mailbox import BOT, NOW

MAILS = 12


class SlowReader:
    """Stands in for OCR: slow enough that both workers are busy at the same time."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, data: bytes, filename: str, limits: Limits) -> Classification:
        with self.lock:
            self.calls.append(filename)
        time.sleep(0.15)
        return Classification(kind=Kind.OTHER, confidence=0.8, reasons=(filename,))


def candidate_mail(number: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"candidate{number}@example.com"
    message["To"] = BOT
    message["Subject"] = "My documents"
    message["Date"] = format_datetime(NOW - timedelta(minutes=MAILS - number))
    message["Message-ID"] = f"<mail{number}@example.com>"
    message.set_content("Hello,\n")
    message.add_attachment(f"the CV of candidate {number}".encode(), maintype="application",
                           subtype="pdf", filename=f"cv-{number}.pdf")
    return message.as_bytes()


def test_two_workers_on_postgresql_read_and_record_every_mail_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(MAILS):
        (inbox / f"{number:03d}.eml").write_bytes(candidate_mail(number))
    with fresh_postgres() as url:
        settings = make_settings(tmp_path, url)
        reader = SlowReader()
        workers = []
        for host in ("host-a", "host-b"):  # an engine each, as on two hosts
            engine = open_database(url)
            assert rows_can_be_claimed(engine)
            workers.append(Worker(settings, engine,
                                  FolderSource(inbox, DbSourceState(engine)),
                                  FolderDelivery(tmp_path / host), classify=reader,
                                  clock=lambda: NOW))
        workers[0].run_cycle(("ingest",))

        start = threading.Barrier(len(workers))
        failures: list[BaseException] = []

        def process(worker: Worker) -> None:
            start.wait()
            try:
                worker.run_cycle(("process",))
            except BaseException as exc:  # the assertion below names it
                failures.append(exc)

        threads = [threading.Thread(target=process, args=(worker,)) for worker in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

        assert not failures
        # Read once: no file went through the reader twice.
        assert sorted(reader.calls) == sorted(f"cv-{n}.pdf" for n in range(MAILS))
        # Both took part: the claim let each skip what the other held.
        processed = [worker.report.outcomes.get("processed", 0) for worker in workers]
        assert sum(processed) == MAILS and all(processed), processed
        # Recorded once: one document row per attachment, every mail processed.
        with Session(workers[0].engine) as session:
            documents = Counter(session.exec(select(Document.inbound_id)).all())
            states = set(session.exec(select(InboundMessage.state)).all())
        assert len(documents) == MAILS and set(documents.values()) == {1}
        assert states == {InboundState.PROCESSED}
        for worker in workers:
            worker.engine.dispose()
