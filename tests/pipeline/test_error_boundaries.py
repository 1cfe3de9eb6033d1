"""Each cycle step survives the failure of another; operator faults and hook bugs are ours.

Real parts: the Dovecot and aiosmtpd fixtures, the real tesseract (made unavailable by pointing
pytesseract at a missing binary), SQLite and PostgreSQL.
"""

from __future__ import annotations

import email
import logging
from collections.abc import Iterator
from datetime import timedelta
from email.policy import default
from pathlib import Path
from typing import Any

import pytesseract
import pytest
from sqlmodel import Session, select

from mailbot.delivery.folder import FolderDelivery
from mailbot.delivery.smtp import SmtpDelivery
from mailbot.middleware import Middleware
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.sources.imap import ImapSource
from mailbot.store.db import open_database
from mailbot.store.models import (
    Document,
    InboundMessage,
    InboundState,
    OutboundKind,
    OutboundMail,
    OutboundState,
    ServiceState,
)
from mailbot.store.repo import DbSourceState
from tests.conftest import make_settings
from tests.support.dovecot import DovecotServer, dovecot
from tests.support.mailbox import NOW, LookupClassifier, body, mail
from tests.support.smtp_server import SmtpServer, smtp_server

__all__ = ["dovecot", "smtp_server"]

HR = "hr@mailbot.example"


def outbound(engine: Any) -> list[OutboundMail]:
    with Session(engine) as session:
        return list(session.exec(select(OutboundMail).order_by(OutboundMail.id)).all())


def inbound(engine: Any) -> list[InboundMessage]:
    with Session(engine) as session:
        return list(session.exec(select(InboundMessage).order_by(InboundMessage.id)).all())


# ------------------------------------------------------------------ IMAP down / SMTP down


@pytest.fixture
def servers(dovecot: DovecotServer, smtp_server: SmtpServer) -> Iterator[tuple[DovecotServer,
                                                                             SmtpServer]]:
    yield dovecot, smtp_server


def imap_smtp_worker(tmp_path: Path, db_url: str, imap: DovecotServer, smtp: SmtpServer,
                     engine: Any) -> Worker:
    smtp_values = {key.removeprefix("MAILBOT_").lower(): value
                   for key, value in smtp.env().items()}
    settings = make_settings(tmp_path, db_url, from_address="candidates@mailbot.example",
                             hr_address=HR, **imap.settings_overrides(), **smtp_values)
    source = ImapSource(settings, DbSourceState(engine))
    source.backoff = source.backoff_max = 0.01  # a server that is down: no minute of backoff
    return Worker(settings, engine, source, SmtpDelivery(settings),
                  classify=LookupClassifier(), clock=lambda: NOW)


def test_smtp_down_still_reads_mail_then_imap_down_still_sends_the_queued_reply(
    tmp_path: Path, db_url: str, servers: tuple[DovecotServer, SmtpServer],
    caplog: pytest.LogCaptureFixture,
) -> None:
    imap, smtp = servers
    engine = open_database(db_url)
    # Given a candidate's mail in the mailbox and the outgoing server down
    imap.append(mail("Maria Santos <maria@example.com>", "My documents", "passport.jpg",
                     sent=NOW - timedelta(hours=1), message_id="<m1@example.com>"))
    smtp.stop()
    # When a cycle runs
    with caplog.at_level(logging.WARNING, logger="mailbot"):
        imap_smtp_worker(tmp_path, db_url, imap, smtp, engine).run_cycle()
    # Then the mail was fetched, processed and filed; its reply waits in the outbox
    (row,) = inbound(engine)
    assert row.state == InboundState.PROCESSED and row.filed
    assert imap.messages("INBOX") == {}
    assert [m.state for m in outbound(engine)] == [OutboundState.QUEUED]
    send_lines = [r.getMessage() for r in caplog.records if "step 'send'" in r.getMessage()]
    assert len(send_lines) == 1 and f"smtp {smtp.host}" in send_lines[0]
    assert "replies stay queued" in send_lines[0]

    # Given the outgoing server is back but the mailbox is down, and the retry time has come
    smtp.start()
    imap.stop()
    with Session(engine) as session:
        for queued in session.exec(select(OutboundMail)).all():
            queued.next_attempt_at = NOW - timedelta(minutes=1)
            session.add(queued)
        session.commit()
    caplog.clear()
    # When a cycle runs (a restarted worker)
    with caplog.at_level(logging.WARNING, logger="mailbot"):
        report = imap_smtp_worker(tmp_path, db_url, imap, smtp, engine).run_cycle()
    # Then the queued reply went out through the real SMTP server, and ingest said why it stopped
    assert report.sent == 1
    (received,) = smtp.received
    assert received.envelope_to == ["maria@example.com"]
    assert received.message["In-Reply-To"] == "<m1@example.com>"
    assert [m.state for m in outbound(engine)] == [OutboundState.SENT]
    ingest_lines = [r.getMessage() for r in caplog.records if "step 'ingest'" in r.getMessage()]
    assert len(ingest_lines) == 1
    assert f"imap {imap.host}" in ingest_lines[0] and "folder INBOX" in ingest_lines[0]
    assert "check the mailbox server" in ingest_lines[0]


# ------------------------------------------------------------------ a raising middleware hook


class BrokenHook(Middleware):
    def before_message(self, inbound_id: int) -> None:
        raise RuntimeError("bug in a hook")

    def after_message(self, inbound_id: int, outcome: str, summary: str) -> None:
        raise RuntimeError("bug in a hook")


def test_a_raising_hook_is_logged_by_name_and_the_cycle_goes_on(
    tmp_path: Path, db_url: str, caplog: pytest.LogCaptureFixture,
) -> None:
    # Given a worker with a middleware whose hooks raise, and one candidate's mail
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "001.eml").write_bytes(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    engine = open_database(db_url)
    worker = Worker(make_settings(tmp_path, db_url), engine,
                    FolderSource(inbox, DbSourceState(engine)), FolderDelivery(outbox),
                    classify=LookupClassifier(), middleware=[BrokenHook()], clock=lambda: NOW)
    # When the cycle runs
    with caplog.at_level(logging.ERROR, logger="mailbot"):
        report = worker.run_cycle()
    # Then the mail was processed and answered as without the hook, and the hook was named
    assert report.outcomes == {"processed": 1} and report.sent == 1
    assert [r.state for r in inbound(engine)] == [InboundState.PROCESSED]
    failures = [r.getMessage() for r in caplog.records if "middleware" in r.getMessage()]
    assert failures == ["middleware BrokenHook.before_message raised; ignored, the cycle goes on",
                        "middleware BrokenHook.after_message raised; ignored, the cycle goes on"]


# ------------------------------------------------------------------ tesseract missing


def scanned_passport_mail(sender: str, message_id: str, seed: int = 11) -> bytes:
    import random

    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    person = random_person(random.Random(seed), nationality="BRA")
    message = email.message.EmailMessage()
    message["From"], message["To"] = sender, "candidates@mailbot.example"
    message["Subject"], message["Message-ID"] = "My passport", message_id
    message["Date"] = email.utils.format_datetime(NOW - timedelta(hours=1))
    message.set_content("Hello,\n\nmy passport is attached.\n")
    message.add_attachment(synth.passport(person, "png"), maintype="image", subtype="png",
                           filename="passport.png")
    return message.as_bytes()


class OcrInstallation:
    """A folder mailbox and outbox with the real, isolated classifier (real tesseract)."""

    def __init__(self, tmp_path: Path, db_url: str) -> None:
        self.inbox, self.outbox = tmp_path / "inbox", tmp_path / "outbox"
        self.inbox.mkdir()
        self.settings = make_settings(tmp_path, db_url, hr_address=HR)
        self.engine = open_database(db_url)
        self.missing = str(tmp_path / "no-such-dir" / "tesseract")

    def cycle(self) -> Any:
        """A freshly built worker each time: every cycle is also a restart."""
        return Worker(self.settings, self.engine,
                      FolderSource(self.inbox, DbSourceState(self.engine)),
                      FolderDelivery(self.outbox), clock=lambda: NOW).run_cycle()

    def sent_to(self, address: str) -> list[email.message.EmailMessage]:
        found = [email.message_from_bytes(p.read_bytes(), policy=default)  # type: ignore[misc]
                 for p in sorted(self.outbox.glob("*.eml"))]
        return [m for m in found if m["To"] == address]


@pytest.mark.slow
def test_missing_tesseract_leaves_the_mail_waiting_with_one_notice_until_it_is_back(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MAILBOT_OCR_CACHE", raising=False)  # every read runs tesseract for real
    bot = OcrInstallation(tmp_path, db_url)
    installed = pytesseract.pytesseract.tesseract_cmd
    # Given a candidate's scanned passport, and tesseract missing from the host
    (bot.inbox / "001.eml").write_bytes(scanned_passport_mail("ana@example.org", "<p1@x>"))
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", bot.missing)
    # When the worker runs, and runs again after a restart
    first, second = bot.cycle(), bot.cycle()
    # Then the mail waits, uncounted, with nothing recorded against the candidate
    assert first.outcomes == {"waiting": 1} and second.outcomes == {"waiting": 1}
    (row,) = inbound(bot.engine)
    assert row.state == InboundState.FETCHED and row.attempts == 0 and not row.filed
    assert row.error is not None and "OcrUnavailable" in row.error
    with Session(bot.engine) as session:
        assert session.exec(select(Document)).all() == []
    assert bot.sent_to("ana@example.org") == []
    # and HR/ops were told exactly once, through the outbox
    (notice,) = bot.sent_to(HR)
    assert "tesseract" in body(notice) and "Nothing was counted" in body(notice)
    assert [m.kind for m in outbound(bot.engine)] == [OutboundKind.HR_REVIEW]

    # When tesseract is back
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", installed)
    report = bot.cycle()
    # Then the mail is processed normally and the candidate hears about the passport
    assert report.outcomes == {"processed": 1}
    (row,) = inbound(bot.engine)
    assert row.state == InboundState.PROCESSED and row.error is None and row.filed
    (reply,) = bot.sent_to("ana@example.org")
    assert "Passport of" in body(reply) and "damaged" not in body(reply)
    with Session(bot.engine) as session:
        (incident,) = session.exec(select(ServiceState).where(
            ServiceState.key == "incident:OcrUnavailable")).all()
        assert incident.value == "closed"

    # When it breaks again later and another scan arrives (other bytes: the first scan's
    # verdict is reused without OCR, rightly)
    (bot.inbox / "002.eml").write_bytes(scanned_passport_mail("ben@example.net", "<p2@x>", 12))
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", bot.missing)
    assert bot.cycle().outcomes == {"waiting": 1}
    # Then that is a new incident: a second notice, and still nothing to the candidate
    assert len(bot.sent_to(HR)) == 2
    assert bot.sent_to("ben@example.net") == []
