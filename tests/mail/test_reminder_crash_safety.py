"""SIGKILL the worker while it queues and sends reminders, and run two workers at once, against
the real Dovecot and SMTP server: every candidate gets each reminder exactly once.

The worker runs as `mailbot run` builds it, with its clock moved days past our replies
(tests/mail/clocked_worker.py). Evidence is counted on the SMTP server and in the database.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.mail.cli_support import ROOT, Mailbot, kill_after_accepts, kill_group, wait_until
from tests.mail.messages import person_mail
from tests.mail.test_crash_safety import candidate, provider_like
from tests.support.dovecot import DovecotServer
from tests.support.smtp_server import Received, SmtpServer

pytestmark = pytest.mark.slow

CANDIDATES = 12
DAY = 24 * 3600
ANY_TIME = {"reminder_weekdays": "mon-sun", "reminder_hours": "0-24", "timezone": "UTC"}


def clocked(bot: Mailbot, ahead_seconds: float, log: Path) -> subprocess.Popen[str]:
    """The worker, `ahead_seconds` in the future, in its own process group."""
    env = {**bot.env, "MAILBOT_TEST_CLOCK_AHEAD_SECONDS": str(ahead_seconds)}
    out = open(log, "a")  # noqa: SIM115 - lives with the process
    return subprocess.Popen([sys.executable, "-m", "tests.mail.clocked_worker"], env=env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out, text=True,
                            start_new_session=True)


def reminders_received(smtp: SmtpServer) -> list[Received]:
    return [r for r in smtp.received
            if r.envelope_to != ["hr@mailbot.example"]
            and r.message["Auto-Submitted"] == "auto-generated"]


def replied(bot: Mailbot, dovecot: DovecotServer, smtp: SmtpServer) -> dict[str, str]:
    """Each candidate writes; one ordinary cycle answers them all. Returns address -> the
    Message-ID of our reply."""
    dovecot.append_many([person_mail(*candidate(i), minute=i)[1] for i in range(CANDIDATES)])
    bot.once()
    replies = {r.envelope_to[0]: r.message_id for r in smtp.received
               if r.envelope_to != ["hr@mailbot.example"]}
    assert len(replies) == CANDIDATES
    return replies


def assert_one_reminder_each(bot: Mailbot, smtp: SmtpServer, replies: dict[str, str]) -> None:
    got = reminders_received(smtp)
    assert Counter(r.envelope_to[0] for r in got) == Counter(dict.fromkeys(replies, 1))
    for r in got:  # in the thread of our reply to that candidate
        assert r.message["In-Reply-To"] == replies[r.envelope_to[0]]
    assert len({r.message_id for r in smtp.received}) == len(smtp.received)
    assert bot.query("SELECT COUNT(*), COUNT(DISTINCT case_id) FROM reminder") == [
        (CANDIDATES, CANDIDATES)]
    states = Counter(s for (s,) in bot.query(
        "SELECT state FROM outboundmail WHERE kind = 'reminder'"))
    assert states == Counter({"sent": CANDIDATES}), states


def test_sigkill_while_reminding_sends_each_reminder_once(
        dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path) -> None:
    seed = int(os.environ.get("MAILBOT_CRASH_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    print(f"reminder crash test seed: {seed} (MAILBOT_CRASH_SEED={seed} repeats it)")
    provider_like(smtp_server, dovecot)
    bot = Mailbot(tmp_path, dovecot, smtp_server, sent_check=True, **ANY_TIME)
    replies = replied(bot, dovecot, smtp_server)
    ahead = 3 * DAY + 3600  # reminder 1 is due for everyone
    log = tmp_path / "runs.log"
    kills, progress = 0, []
    while kills < 6 and len(reminders_received(smtp_server)) < CANDIDATES:
        proc = clocked(bot, ahead, log)
        if kills % 2 == 0:  # anywhere: start-up, the remind step's transactions, sending
            time.sleep(rng.uniform(0.8, 2.5))
        else:  # the worst place: the server accepted a reminder, the worker never heard
            kill_after_accepts(proc, smtp_server, rng.randint(1, 4))
        kill_group(proc, signal.SIGKILL)
        kills += 1
        progress.append(len(reminders_received(smtp_server)))
    proc = clocked(bot, ahead, log)
    try:
        wait_until(lambda: len(reminders_received(smtp_server)) >= CANDIDATES, 90,
                   "every reminder")
        time.sleep(2.5)  # more polls: nothing else may go out
    finally:
        kill_group(proc, signal.SIGTERM)
    print(f"{kills} kills; reminders received before each kill: {progress}")
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert_one_reminder_each(bot, smtp_server, replies)


def test_two_workers_in_the_reminder_window_send_each_reminder_once(
        dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path) -> None:
    provider_like(smtp_server, dovecot)
    bot = Mailbot(tmp_path, dovecot, smtp_server, sent_check=True, **ANY_TIME)
    replies = replied(bot, dovecot, smtp_server)
    log = tmp_path / "runs.log"
    workers = [clocked(bot, 3 * DAY + 3600, log) for _ in range(2)]
    try:
        wait_until(lambda: len(reminders_received(smtp_server)) >= CANDIDATES, 90,
                   "every reminder")
        time.sleep(3)  # both keep polling: nothing else may go out
    finally:
        for proc in workers:
            kill_group(proc, signal.SIGTERM)
    assert [proc.returncode for proc in workers] == [0, 0], log.read_text()[-3000:]
    assert_one_reminder_each(bot, smtp_server, replies)
