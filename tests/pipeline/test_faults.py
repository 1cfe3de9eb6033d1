"""Database faults mid-operation: the worker stops the cycle, and the next one finishes the job
with the same end state as a run without the fault."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from classifiers.limits import Limits
from classifiers.types import Classification
from tests.support.databases import fresh_postgres
from tests.support.mailbox import NOW, VERDICTS, Mailbox, mail
from tests.support.need import need


def test_postgres_connections_killed_mid_processing(tmp_path: Path) -> None:
    with fresh_postgres() as url:
        mailbox = Mailbox(tmp_path, url)
        database = make_url(url).database
        killed: list[int] = []

        def kill_connections_once(data: bytes, filename: str, limits: Limits) -> Classification:
            if not killed:  # a DBA restarts the server while a document is being read
                with psycopg.connect("postgresql://postgres@127.0.0.1/postgres",
                                     autocommit=True) as admin:
                    killed.extend(row[0] for row in admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (database,)))
            return VERDICTS[filename]

        mailbox.classifier = kill_connections_once  # type: ignore[assignment]
        mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", "antecedents.pdf",
                             "tb.pdf", sent=NOW))
        mailbox.receive(mail("olena@example.com", "Docs", "cv.pdf", sent=NOW))
        mailbox.cycle()
        mailbox.cycle()
        assert killed, "the fault was not injected"
        assert len(mailbox.replies_to("maria@example.com")) == 1
        assert len(mailbox.replies_to("olena@example.com")) == 1
        assert mailbox.case("maria@example.com")["status"] == "complete"
        assert mailbox.case("olena@example.com")["mails"][0]["error"] is None  # type: ignore[index]


def test_sqlite_locked_by_another_process_waits_instead_of_failing(
    tmp_path: Path, sqlite_url: str
) -> None:
    mailbox = Mailbox(tmp_path, sqlite_url)
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    # Another process (a backup, an HR script) holds the database for two seconds.
    locker = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "db = sqlite3.connect(sys.argv[1]); db.execute('BEGIN EXCLUSIVE')\n"
         "print('locked', flush=True); time.sleep(2); db.commit()",
         str(make_url(sqlite_url).database)], stdout=subprocess.PIPE, text=True)
    assert locker.stdout is not None and locker.stdout.readline() == "locked\n"
    started = time.monotonic()
    mailbox.cycle()
    assert locker.wait(10) == 0
    assert time.monotonic() - started >= 1.5
    assert len(mailbox.replies_to("maria@example.com")) == 1


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB filesystem for the data folder, so the disk can really run full."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True, check=False)
    need(mounted.returncode == 0, f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_disk_full_for_the_data_folder_then_recovered(tmp_path: Path, tiny_disk: Path) -> None:
    mailbox = Mailbox(tmp_path, f"sqlite:///{tiny_disk / 'mailbot.sqlite3'}")
    mailbox.outbox = tiny_disk / "outbox"
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", "antecedents.pdf",
                         sent=NOW))
    filler = fill(tiny_disk)

    report = mailbox.cycle().report  # must not raise: the cycle stops and says why
    assert report.sent == 0 and report.outcomes.get("processed", 0) == 0, report
    filler.unlink()
    mailbox.cycle()
    mailbox.cycle()

    assert len(mailbox.replies_to("maria@example.com")) == 1
    assert mailbox.case("maria@example.com")["missing"] == ["tb_declaration"]


def test_disk_full_for_the_outbox_keeps_replies_queued(tmp_path: Path, tiny_disk: Path) -> None:
    mailbox = Mailbox(tmp_path, f"sqlite:///{tmp_path / 'mailbot.sqlite3'}")
    mailbox.outbox = tiny_disk / "outbox"
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    filler = fill(tiny_disk)
    assert mailbox.cycle().report.sent == 0
    filler.unlink()
    worker = mailbox.cycle(NOW + timedelta(hours=1))  # after the retry backoff
    assert worker.report.sent == 1
    assert len(mailbox.replies_to("maria@example.com")) == 1
