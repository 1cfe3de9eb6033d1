"""Alerts and `status` against the real servers: Dovecot stopped, the SMTP password changed,
tesseract removed from PATH. One alert each, one "recovered" mail, the exit codes as promised.

The first two drive the worker in-process with a controllable clock (minutes pass without
waiting); the third drives `mailbot run --once` and `mailbot status` as an operator would.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailbot.config import Settings
from mailbot.delivery.smtp import SmtpDelivery
from mailbot.health import Level
from mailbot.monitor import status
from mailbot.pipeline import Worker
from mailbot.sources.imap import ImapSource
from mailbot.steps import CycleReport
from mailbot.store.db import open_database
from mailbot.store.repo import DbSourceState
from tests.mail.cli_support import Mailbot
from tests.mail.messages import person_mail
from tests.support.dovecot import DovecotServer
from tests.support.mailbox import LookupClassifier, mail
from tests.support.need import need_program
from tests.support.smtp_server import SmtpServer

OPS = "ops@mailbot.example"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Installation:
    """A worker on the real Dovecot and aiosmtpd, rebuilt each cycle (every cycle a restart),
    with a clock the test moves."""

    def __init__(self, tmp_path: Path, imap: DovecotServer, smtp: SmtpServer,
                 **settings: Any) -> None:
        self.imap, self.smtp = imap, smtp
        self.url = f"sqlite:///{tmp_path / 'mailbot.sqlite3'}"
        self.engine = open_database(self.url)
        self.values: dict[str, Any] = {
            "data_dir": tmp_path / "data", "database_url": self.url,
            "from_address": "candidates@mailbot.example", "ops_address": OPS,
            **imap.settings_overrides(), **smtp.settings_overrides(), **settings}
        self.now = T0

    @property
    def settings(self) -> Settings:
        return Settings(**self.values)

    def cycle(self, at: timedelta) -> CycleReport:
        self.now = T0 + at
        settings = self.settings
        source = ImapSource(settings, DbSourceState(self.engine))
        source.backoff = source.backoff_max = 0.01  # a server that is down: no minute of backoff
        worker = Worker(settings, self.engine, source, SmtpDelivery(settings),
                        classify=LookupClassifier(), clock=lambda: self.now)
        try:
            return worker.run_cycle()
        finally:
            source.close()
            worker.delivery.close()

    def status(self) -> tuple[Level, dict[str, Any]]:
        """What `mailbot status` says at the test's clock (the CLI calls the same function)."""
        return status(self.settings, self.now)

    def to_ops(self) -> list[EmailMessage]:
        return [r.message for r in self.smtp.received if OPS in r.envelope_to]


def subjects(messages: list[EmailMessage]) -> list[str]:
    return [str(m["Subject"]).split("]")[0] + "]" for m in messages]


@pytest.fixture
def servers(dovecot: DovecotServer, smtp_server: SmtpServer) -> Iterator[tuple[DovecotServer,
                                                                             SmtpServer]]:
    yield dovecot, smtp_server


def test_dovecot_stopped_one_alert_then_one_recovery(
    tmp_path: Path, servers: tuple[DovecotServer, SmtpServer],
) -> None:
    imap, smtp = servers
    bot = Installation(tmp_path, imap, smtp)
    # Given a healthy worker
    assert bot.cycle(timedelta(0)).health == "healthy"
    assert bot.status()[0] is Level.HEALTHY
    # When the mailbox server stops and the worker keeps polling every minute for 40 minutes
    imap.stop()
    levels = {}
    for minute in range(1, 41):
        report = bot.cycle(timedelta(minutes=minute))
        levels[minute] = bot.status()[0]
    # Then it is a blip first (degraded), failing after 5 minutes, and the operators got ONE
    # alert (queued at minute 6, sent at minute 7) through the real SMTP server
    assert levels[1] is levels[5] is Level.DEGRADED
    assert levels[6] is levels[40] is Level.FAILING
    assert report.health == "failing"
    (alert,) = bot.to_ops()
    assert alert["Subject"].startswith("[mailbot ALERT] the mailbox cannot be reached")
    assert f"imap {imap.host}:{imap.port}" in alert.get_body(("plain",)).get_content()
    level, said = bot.status()
    assert said["exit_code"] == 2 and said["mailboxes"][0]["error_kind"] == "unreachable"
    assert [(i["key"], i["title"]) for i in said["incidents"]] == [
        (f"mailbox imap {imap.host}:{imap.port} folder INBOX", "the mailbox cannot be reached")]

    # When it is back
    imap.start()
    assert bot.cycle(timedelta(minutes=41)).health == "healthy"
    bot.cycle(timedelta(minutes=42))
    # Then one "recovered" mail, and the status is healthy again
    assert subjects(bot.to_ops()) == ["[mailbot ALERT]", "[mailbot recovered]"]
    level, said = bot.status()
    assert level is Level.HEALTHY and said["incidents"] == []
    assert said["mailboxes"][0]["last_poll"] == (T0 + timedelta(minutes=42)).isoformat()
    # and quiet stays quiet
    bot.cycle(timedelta(minutes=43))
    assert len(bot.to_ops()) == 2


def test_broken_smtp_password_alert_waits_in_the_outbox_until_it_can_be_sent(
    tmp_path: Path, dovecot: DovecotServer,
) -> None:
    with SmtpServer(require_auth=True) as smtp:
        bot = Installation(tmp_path, dovecot, smtp, smtp_password="changed-by-it")
        # Given a candidate's mail and an SMTP password that no longer works
        dovecot.append(mail("maria@example.com", "Docs", "passport.jpg",
                            sent=T0 - timedelta(hours=1)))
        first = bot.cycle(timedelta(0))
        assert first.replies_queued == 1 and first.sent == 0 and first.health == "degraded"
        # When the worker goes on for an hour
        for minute in (2, 6, 10, 30, 60):
            bot.cycle(timedelta(minutes=minute))
        # Then nothing could be sent, the status says failing and why, and that the alert
        # waits in the outbox because SMTP is the broken part
        assert smtp.received == []
        level, said = bot.status()
        assert level is Level.FAILING
        (delivery,) = said["deliveries"]
        assert delivery["error_kind"] == "auth" and "MAILBOT_SMTP_" in delivery["last_error"]
        assert [c["title"] for c in said["conditions"]] == [
            "the outgoing mail server login keeps failing"]
        assert said["alerts_queued"] == 1
        assert any("alert mail(s) wait in the outbox" in note for note in said["notes"])

        # When the operator fixes the password (later than the longest retry backoff)
        bot.values["smtp_password"] = smtp.users["bot@mailbot.example"]
        bot.cycle(timedelta(hours=2))
        bot.cycle(timedelta(hours=2, minutes=1))
        # Then the reply, the alert and one "recovered" mail went out, each once
        assert len([r for r in smtp.received if "maria@example.com" in r.envelope_to]) == 1
        assert subjects(bot.to_ops()) == ["[mailbot ALERT]", "[mailbot recovered]"]
        assert bot.to_ops()[0]["Subject"].startswith(
            "[mailbot ALERT] the outgoing mail server login keeps failing")
        assert bot.status()[0] is Level.HEALTHY
        bot.cycle(timedelta(hours=3))
        assert len(bot.to_ops()) == 2


# ---------------------------------------------------------------- tesseract gone, via the CLI


def path_without_tesseract(tmp_path: Path) -> str:
    """A PATH with every program of this host but tesseract."""
    tesseract = Path(need_program("tesseract")).resolve()
    folder = tmp_path / "bin-without-tesseract"
    folder.mkdir()
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not directory or not Path(directory).is_dir():
            continue
        for program in Path(directory).iterdir():
            target = folder / program.name
            if program.name.startswith("tesseract") or target.exists():
                continue
            if program.resolve() != tesseract:
                target.symlink_to(program)
    return str(folder)


def scanned_passport() -> tuple[str, bytes, str]:
    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    person = random_person(random.Random(11), nationality="BRA")
    return ("passport.png", synth.passport(person, "png"), "image/png")


@pytest.mark.slow
def test_tesseract_removed_from_path_alerts_once_and_status_exits_as_promised(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MAILBOT_OCR_CACHE", raising=False)
    bot = Mailbot(tmp_path, dovecot, smtp_server, ops_address=OPS)
    bot.env.pop("MAILBOT_OCR_CACHE", None)
    with_tesseract = dict(bot.env)
    without = {**bot.env, "PATH": path_without_tesseract(tmp_path)}
    # Given a candidate's scanned passport, and tesseract gone from the host's PATH
    dovecot.append(person_mail("ana.silva@example.org", "Ana Silva",
                               attachments=(scanned_passport(),))[1])
    bot.env = without
    bot.once()
    # Then `status` says degraded while it is young, failing once it lasts the threshold
    young = bot.run("status", "--json")
    assert young.returncode == 1, young.stdout + young.stderr
    said = json.loads(young.stdout)
    assert said["tesseract"]["reachable"] is False and said["waiting_for_operator"] == 1
    bot.env = {**without, "MAILBOT_ALERT_AFTER_SECONDS": "0"}
    lasting = bot.run("status")
    assert lasting.returncode == 2 and "tesseract is missing or broken" in lasting.stdout
    # When the worker runs twice more (an alert is queued by one cycle, sent by the next)
    bot.once()
    bot.once()
    # Then one alert reached the operators, and the candidate was told nothing
    alerts = [r.message for r in smtp_server.received if OPS in r.envelope_to]
    assert subjects(alerts) == ["[mailbot ALERT]"]
    assert "Nothing was counted" in alerts[0].get_body(("plain",)).get_content()
    assert [r for r in smtp_server.received if "ana.silva@example.org" in r.envelope_to] == []

    # When tesseract is back on PATH
    bot.env = {**with_tesseract, "MAILBOT_ALERT_AFTER_SECONDS": "0"}
    bot.once()
    bot.once()
    # Then the candidate got her reply, the operators one "recovered" mail, status exits 0
    assert len([r for r in smtp_server.received if "ana.silva@example.org" in r.envelope_to]) == 1
    alerts = [r.message for r in smtp_server.received if OPS in r.envelope_to]
    assert subjects(alerts) == ["[mailbot ALERT]", "[mailbot recovered]"]
    healthy = bot.run("status", "--json")
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert json.loads(healthy.stdout)["status"] == "healthy"
