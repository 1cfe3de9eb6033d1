"""The health's store side on SQLite and PostgreSQL: the migration that moves the operator
incidents of before, the queue counts `status` reads, and the metrics a worker serves."""

from __future__ import annotations

import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, select

from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store import repo
from mailbot.store.db import alembic_config, make_engine, open_database
from mailbot.store.models import Incident
from mailbot.store.repo import DbSourceState
from tests.conftest import make_settings
from tests.support.mailbox import NOW, LookupClassifier, mail


def test_migration_moves_an_open_operator_incident_without_telling_anyone_twice(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(text("INSERT INTO servicestate (key, value) VALUES "
                                "('incident:OcrUnavailable', 'open since 2026-11-30 (mail #3)'),"
                                "('digest:last', '2026-11-30T08:00:00+00:00')"))
    engine = open_database(db_url)  # upgrades to the newest revision
    with Session(engine) as session:
        (incident,) = session.exec(select(Incident)).all()
        assert incident.key == "tesseract" and incident.is_open
        assert incident.alerted_at is not None  # its notice went out before the upgrade
        assert repo.service_state(session, "incident:OcrUnavailable") is None
        assert repo.service_state(session, "digest:last") is not None


def test_queue_counts_and_metrics_of_a_cycle(tmp_path: Path, db_url: str) -> None:
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "001.eml").write_bytes(mail("maria@example.com", "Docs", "passport.jpg",
                                         "antecedents.pdf", sent=NOW - timedelta(hours=1)))
    (inbox / "002.eml").write_bytes(mail("olena@example.com", "CV", "cv.pdf",
                                         sent=NOW - timedelta(minutes=30)))
    engine = open_database(db_url)
    worker = Worker(make_settings(tmp_path, db_url), engine,
                    FolderSource(inbox, DbSourceState(engine)), FolderDelivery(outbox),
                    classify=LookupClassifier(), clock=lambda: NOW)
    # Only fetch: two mails wait
    worker.run_cycle(("ingest",))
    with Session(engine) as session:
        counts = repo.queue_counts(session)
    assert counts["mails_waiting"] == 2 and counts["oldest_unprocessed"] == NOW
    report = worker.run_cycle()
    assert report.sent == 2 and report.health == "healthy"

    port = worker.prometheus.serve(0, "127.0.0.1")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            exposed = answer.read().decode()
    finally:
        worker.prometheus.close()
    assert 'mailbot_mails_processed_total{outcome="processed"} 2.0' in exposed
    assert 'mailbot_documents_total{kind="passport"} 1.0' in exposed
    assert 'mailbot_documents_total{kind="antecedents"} 1.0' in exposed
    assert "mailbot_document_seconds_count 3.0" in exposed
    assert 'mailbot_mails_sent_total{kind="reply"} 2.0' in exposed
    assert 'mailbot_queue_depth{queue="mails_waiting"} 0.0' in exposed
    assert 'mailbot_queue_depth{queue="outbox_queued"} 0.0' in exposed
    assert "mailbot_health_level 0.0" in exposed
    # Never an address or a file name in a label
    assert "maria@example.com" not in exposed and "passport.jpg" not in exposed


def test_disk_probe_counts_nearly_full_below_either_floor(tmp_path: Path) -> None:
    from mailbot.monitor import probe_disk

    roomy = probe_disk(make_settings(tmp_path, "sqlite://", disk_min_free_percent=0,
                                     disk_min_free_mb=0))
    assert roomy.nearly_full is None and 0 < roomy.free_bytes <= roomy.total_bytes
    by_percent = probe_disk(make_settings(tmp_path, "sqlite://", disk_min_free_percent=100,
                                          disk_min_free_mb=0))
    assert by_percent.nearly_full is not None and "MAILBOT_DISK_MIN_FREE" in by_percent.nearly_full
    huge = 1 + roomy.total_bytes // 1024**2
    by_size = probe_disk(make_settings(tmp_path, "sqlite://", disk_min_free_percent=0,
                                       disk_min_free_mb=huge))
    assert by_size.nearly_full is not None


def test_tesseract_probe_finds_the_real_one_and_names_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pytesseract

    from mailbot.monitor import probe_tesseract
    from tests.support.need import need_program

    need_program("tesseract")
    assert probe_tesseract() is None
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "tesseract"))
    found = probe_tesseract()
    assert found is not None and "not installed" in found
