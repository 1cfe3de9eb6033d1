"""SIGKILL the worker at random points and prove: every mail processed once, every reply sent once.

Evidence is counted where it cannot lie: replies on the SMTP server, mails in the IMAP folders,
rows in the database.

The strict test runs the worker with the Sent-folder check (the provider files accepted mail
into Sent, as Gmail and Microsoft 365 do): then even a kill between the server's acceptance and
our record of it is resolved exactly. Plain SMTP cannot tell; `test_kill_in_the_window_without_
sent_check` shows that such a reply is then never sent twice but set aside for HR.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from tests.mail.cli_support import Mailbot, kill_after_accepts, kill_group, wait_until
from tests.mail.messages import person_mail
from tests.support.dovecot import DovecotServer
from tests.support.smtp_server import Received, SmtpServer

pytestmark = pytest.mark.slow

CANDIDATES = 50


def candidate(i: int) -> tuple[str, str]:
    return f"candidate{i:03d}@example.org", f"Candidate {i:03d}"


def provider_like(smtp: SmtpServer, imap: DovecotServer) -> None:
    """Accepted mail lands in the bot's Sent folder before the 250, as with Gmail/M365."""
    smtp.save_to_sent = lambda raw: imap.append(raw, "Sent", flags=[b"\\Seen"])


def assert_exactly_once(bot: Mailbot, imap: DovecotServer, smtp: SmtpServer,
                        mails: dict[str, str]) -> None:
    # SMTP side: one reply per candidate, answering that candidate's mail, no Message-ID twice.
    replies = [r for r in smtp.received if r.envelope_to != ["hr@mailbot.example"]]
    per_address = Counter(r.envelope_to[0] for r in replies)
    assert per_address == Counter(dict.fromkeys(mails, 1)), per_address.most_common(3)
    assert len({r.message_id for r in smtp.received}) == len(smtp.received)
    for r in replies:
        assert r.message["In-Reply-To"] == mails[r.envelope_to[0]]
    # IMAP side: nothing left, each mail filed exactly once.
    assert imap.messages("INBOX") == {}
    filed = Counter(
        str(message_from_bytes(m["raw"], policy=policy.default)["Message-ID"])
        for m in imap.messages("Processed").values()
    )
    assert filed == Counter(dict.fromkeys(mails.values(), 1))
    # Database: one row per mail, processed and filed; every reply row sent.
    rows = bot.query("SELECT message_id, state, filed FROM inboundmessage")
    assert sorted(r[0] for r in rows) == sorted(mails.values())
    assert {(r[1], r[2]) for r in rows} == {("processed", 1)}
    states = Counter(s for (s,) in bot.query("SELECT state FROM outboundmail"))
    assert set(states) == {"sent"}, states


def test_sigkill_at_random_points(
    dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    seed = int(os.environ.get("MAILBOT_CRASH_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    print(f"crash test seed: {seed} (MAILBOT_CRASH_SEED={seed} repeats it)")
    provider_like(smtp_server, dovecot)
    bot = Mailbot(tmp_path, dovecot, smtp_server, sent_check=True)
    mails: dict[str, str] = {}
    raws = []
    for i in range(CANDIDATES):
        mid, raw = person_mail(*candidate(i), minute=i)
        mails[candidate(i)[0]] = mid
        raws.append(raw)
    dovecot.append_many(raws)

    log = tmp_path / "runs.log"
    kills = 0
    progress: list[int] = []
    while kills < 8 and len(smtp_server.received) < CANDIDATES:
        proc = bot.start(log=log)
        if kills % 2 == 0:
            # Anywhere: startup takes about a second, then it fetches, stores, processes,
            # files and sends, and the kill lands wherever that is at the time.
            time.sleep(rng.uniform(0.8, 2.5))
        else:
            # In the worst place: the server has accepted a reply, the worker has not heard.
            kill_after_accepts(proc, smtp_server, rng.randint(1, 6))
        kill_group(proc, signal.SIGKILL)
        kills += 1
        progress.append(len(smtp_server.received))
    proc = bot.start(log=log)
    try:
        wait_until(lambda: len(smtp_server.received) >= CANDIDATES, 90, "all replies")
        wait_until(lambda: dovecot.messages("INBOX") == {}, 30, "all mails filed")
        time.sleep(1.5)  # one more poll: nothing else may go out
    except TimeoutError as exc:
        raise AssertionError(_where_it_stands(bot, smtp_server, log, progress)) from exc
    finally:
        kill_group(proc, signal.SIGTERM)
    print(f"{kills} kills; replies received before each kill: {progress}")
    assert kills >= 3 and any(0 < p < CANDIDATES for p in progress), "no kill landed mid-batch"
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert_exactly_once(bot, dovecot, smtp_server, mails)


def _where_it_stands(bot: Mailbot, smtp: SmtpServer, log: Path, progress: list[int]) -> str:
    """What a timed-out run leaves to read: the rows' states and the worker's last words (also
    when the worker never got as far as creating its tables)."""
    try:
        inbound = Counter(bot.query("SELECT state, filed FROM inboundmessage"))
        outbound = bot.query("SELECT state, attempts, next_attempt_at, last_error "
                             "FROM outboundmail")
        rows = (f"inbound (state, filed): {dict(inbound)}\n"
                f"outbound not sent: {[r for r in outbound if r[0] != 'sent']}\n")
    except sqlite3.Error as error:
        rows = f"database: {error}\n"
    return (f"replies received {len(smtp.received)}/{CANDIDATES} after kills {progress}\n"
            f"{rows}worker log tail:\n{log.read_text()[-4000:]}")


def _kill_on_first_accept(smtp: SmtpServer, procs: list[subprocess.Popen[str]]) -> None:
    def on_accept(_received: Received) -> None:
        if procs:
            kill_group(procs.pop(), signal.SIGKILL)  # the 250 never reaches the worker

    smtp.on_accept = on_accept


def _crash_in_window(bot: Mailbot, smtp: SmtpServer, tmp_path: Path) -> None:
    procs: list[subprocess.Popen[str]] = []
    _kill_on_first_accept(smtp, procs)
    procs.append(bot.start(log=tmp_path / "run.log"))
    proc = procs[0]
    wait_until(lambda: proc.poll() is not None, 60, "the worker to be killed in the window")
    smtp.on_accept = None
    assert proc.returncode == -signal.SIGKILL
    assert len(smtp.received) == 1
    assert bot.query("SELECT state FROM outboundmail") == [("sending",)]


def test_kill_in_the_window_with_sent_check(
    dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    provider_like(smtp_server, dovecot)
    bot = Mailbot(tmp_path, dovecot, smtp_server, sent_check=True)
    dovecot.append(person_mail(*candidate(1))[1])
    _crash_in_window(bot, smtp_server, tmp_path)
    bot.once()  # restart: the reply is found in Sent, so it is recorded as sent, not re-sent
    assert len(smtp_server.received) == 1
    assert bot.query("SELECT state FROM outboundmail") == [("sent",)]


def test_kill_in_the_window_without_sent_check(
    dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    bot = Mailbot(tmp_path, dovecot, smtp_server)
    dovecot.append(person_mail(*candidate(1))[1])
    _crash_in_window(bot, smtp_server, tmp_path)
    done: Any = bot.once()  # SMTP cannot tell: at most once, and HR is told
    assert len(smtp_server.received) == 1
    assert bot.query("SELECT state FROM outboundmail") == [("unconfirmed",)]
    assert "unconfirmed" in done.stderr


def test_kill_before_data_resends(
    dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """Killed after the row became `sending` but before DATA: provably unsent, so sent again."""
    bot = Mailbot(tmp_path, dovecot, smtp_server)
    dovecot.append(person_mail(*candidate(2))[1])
    procs = [bot.start(log=tmp_path / "run.log")]
    proc = procs[0]

    def on_rcpt(_address: str) -> None:
        if procs:
            kill_group(procs.pop(), signal.SIGKILL)

    smtp_server.on_rcpt = on_rcpt
    wait_until(lambda: proc.poll() is not None, 60, "the worker to be killed at RCPT")
    smtp_server.on_rcpt = None
    assert smtp_server.received == []
    assert bot.query("SELECT state FROM outboundmail") == [("sending",)]
    bot.once()
    assert len(smtp_server.received) == 1
    assert bot.query("SELECT state FROM outboundmail") == [("sent",)]
