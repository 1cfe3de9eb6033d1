"""End to end through the CLI: real Dovecot in, real aiosmtpd out, real pipeline in between.

Mail arrives by IMAP APPEND, as from a candidate; every assertion about replies counts what the
SMTP server actually received.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.mail.cli_support import Mailbot, kill_group, replies_to, wait_until
from tests.mail.messages import bounce, forwarded, out_of_office, person_mail
from tests.support.dovecot import DovecotServer
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.slow

ANA = ("ana.silva@example.org", "Ana Silva")
BEN = ("ben.okafor@example.net", "Ben Okafor")


@cache
def documents() -> dict[str, tuple[str, bytes, str]]:
    """A passport scan and two filled forms of one invented person, made once per session."""
    import random

    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    # Brazil is not TB-exempt, so the TB declaration is really needed.
    person = random_person(random.Random(11), nationality="BRA")
    return {
        "passport": ("passport.png", synth.passport(person, "png"), "image/png"),
        "antecedents": ("antecedents.pdf", synth.antecedents(person), "application/pdf"),
        "tb_declaration": ("tb.pdf", synth.tb_declaration(person), "application/pdf"),
    }


@pytest.fixture
def bot(dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path) -> Iterator[Mailbot]:
    yield Mailbot(tmp_path, dovecot, smtp_server)


def inbox_is_empty(imap: DovecotServer) -> bool:
    return imap.messages("INBOX") == {}


def test_first_contact(bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer) -> None:
    mid, raw = person_mail(*ANA, body="Hello, what do you need from me?\n")
    dovecot.append(raw)
    bot.once()
    (reply,) = replies_to(smtp_server, ANA[0])
    case = bot.cases()[ANA[0]]
    assert reply["Subject"].startswith("Re: Documents for my visa")
    assert f"[{case['case_id']}]" in reply["Subject"]
    assert reply["In-Reply-To"] == mid
    assert mid in reply["References"]
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["Message-ID"].endswith("@mailbot.example>")
    assert {p.get_content_type() for p in reply.walk()} >= {"text/plain", "text/html"}
    assert inbox_is_empty(dovecot) and len(dovecot.messages("Processed")) == 1
    bot.once()  # nothing new: nothing sent again
    assert len(smtp_server.received) == 1


def test_piecemeal_documents_and_one_reply_per_cycle(
    bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    docs = documents()
    # Two mails in one cycle: ONE reply that answers both.
    first, raw1 = person_mail(*ANA, attachments=(docs["antecedents"],), minute=1)
    second, raw2 = person_mail(*ANA, subject="passport", attachments=(docs["passport"],), minute=2)
    dovecot.append_many([raw1, raw2])
    bot.once()
    (reply,) = replies_to(smtp_server, ANA[0])
    assert reply["In-Reply-To"] == second
    assert first in reply["References"] and second in reply["References"]
    received = {d["kind"] for d in bot.cases()[ANA[0]]["received"]}
    assert {"antecedents", "passport"} <= received
    assert "tb_declaration" in bot.cases()[ANA[0]]["missing"]
    # The last piece, later.
    _mid, raw3 = person_mail(*ANA, subject="TB form", attachments=(docs["tb_declaration"],),
                             minute=3)
    dovecot.append(raw3)
    bot.once()
    replies = replies_to(smtp_server, ANA[0])
    assert len(replies) == 2
    case = bot.cases()[ANA[0]]
    assert "tb_declaration" not in case["missing"]
    assert all(f"[{case['case_id']}]" in r["Subject"] for r in replies)


def test_reply_in_thread(bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer) -> None:
    _mid, raw = person_mail(*ANA)
    dovecot.append(raw)
    bot.once()
    (ours,) = replies_to(smtp_server, ANA[0])
    answer, raw = person_mail(
        *ANA, subject=f"Re: {ours['Subject']}", body="Thanks! Sending the rest next week.\n",
        in_reply_to=ours["Message-ID"], references=tuple(ours["References"].split()), minute=5,
    )
    dovecot.append(raw)
    bot.once()
    replies = replies_to(smtp_server, ANA[0])
    assert len(replies) == 2
    assert replies[1]["In-Reply-To"] == answer
    assert answer in replies[1]["References"]
    assert len(bot.cases()) == 1  # same case, not a new one


def test_forwarded_message_counts_its_documents(
    bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    _inner_mid, inner = person_mail(*ANA, attachments=(documents()["antecedents"],))
    _mid, raw = forwarded(*ANA, inner, minute=4)
    dovecot.append(raw)
    bot.once()
    assert len(replies_to(smtp_server, ANA[0])) == 1
    assert "antecedents" in {d["kind"] for d in bot.cases()[ANA[0]]["received"]}


def test_out_of_office_and_bounce_get_no_reply(
    bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    _mid, ooo = out_of_office(*BEN)
    _mid, dsn = bounce(BEN[0], "<earlier-reply@mailbot.example>")
    dovecot.append_many([ooo, dsn])
    bot.once()
    assert smtp_server.received == []
    assert inbox_is_empty(dovecot)  # handled and filed all the same
    states = bot.query("SELECT state FROM inboundmessage ORDER BY id")
    assert [s for (s,) in states] == ["ignored", "ignored"]  # stored, visible to HR


def test_imap_server_restart_while_running(
    bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    log = tmp_path / "run.log"
    proc = bot.start(log=log)
    try:
        dovecot.append(person_mail(*ANA)[1])
        smtp_server.wait_for(1, timeout=30)
        dovecot.restart()
        dovecot.append(person_mail(*BEN)[1])
        smtp_server.wait_for(2, timeout=30)
        wait_until(lambda: inbox_is_empty(dovecot), 15, "filing")
    finally:
        kill_group(proc, signal.SIGTERM)
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert len(smtp_server.received) == 2
    text = log.read_text()
    assert "reconnect" in text and "Traceback" not in text


def test_smtp_down_then_up(
    bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    dovecot.append(person_mail(*ANA)[1])
    done = bot.once()  # processed and filed; the reply waits in the outbox
    assert "will retry" in done.stderr
    assert inbox_is_empty(dovecot)
    assert bot.query("SELECT state FROM outboundmail") == [("queued",)]
    smtp_server.start()
    # Time passes beyond the retry backoff (no waiting a minute in a test).
    with sqlite3.connect(bot.data_dir / "mailbot.sqlite3") as conn:
        conn.execute("UPDATE outboundmail SET next_attempt_at = '2000-01-01 00:00:00.000000'")
    bot.once()
    assert len(replies_to(smtp_server, ANA[0])) == 1
    assert bot.query("SELECT state FROM outboundmail") == [("sent",)]
    bot.once()
    assert len(smtp_server.received) == 1


def test_uidvalidity_change(bot: Mailbot, dovecot: DovecotServer, smtp_server: SmtpServer) -> None:
    _mid, ana = person_mail(*ANA)
    dovecot.append(ana)
    bot.once()
    old = dovecot.uidvalidity()
    # A person drags the handled mail back into the inbox; new mail comes; then the server
    # rebuilds the mailbox (new UIDVALIDITY, UIDs from 1 again).
    dovecot.append(ana)
    dovecot.append(person_mail(*BEN)[1])
    dovecot.change_uidvalidity()
    assert dovecot.uidvalidity() != old
    bot.once()
    assert len(replies_to(smtp_server, ANA[0])) == 1  # the copy was recognised, not answered
    assert len(replies_to(smtp_server, BEN[0])) == 1
    assert inbox_is_empty(dovecot)
    ignored = bot.query("SELECT note FROM inboundmessage WHERE state = 'ignored'")
    assert len(ignored) == 1 and "duplicate" in ignored[0][0]


def test_idle_answers_within_seconds(
    dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    bot = Mailbot(tmp_path, dovecot, smtp_server, poll_seconds="300")  # polling alone: minutes
    log = tmp_path / "run.log"
    proc = bot.start("--idle", log=log)
    try:
        # The first cycle runs at start; after it the worker sits in IDLE.
        wait_until(lambda: "Processed" in dovecot.folders(), 30, "the first cycle")
        time.sleep(1.0)
        appended = time.monotonic()
        dovecot.append(person_mail(*ANA)[1])
        smtp_server.wait_for(1, timeout=30)
        latency = time.monotonic() - appended
    finally:
        kill_group(proc, signal.SIGTERM)
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert latency < 10, f"reply took {latency:.1f} s"
