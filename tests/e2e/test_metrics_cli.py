"""`mailbot run` with MAILBOT_METRICS_PORT serves Prometheus metrics on loopback, and
`mailbot status` reads what that running worker recorded."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tests.support.dovecot import free_port

ROOT = Path(__file__).resolve().parents[2]


def first_contact() -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Ana Silva <ana@example.org>", "hsm@mailbot.example"
    message["Subject"], message["Message-ID"] = "My visa", "<first@example.org>"
    message["Date"] = "Tue, 01 Dec 2026 08:00:00 +0000"
    message.set_content("Hello, what do you need from me?\n")
    return message.as_bytes()


def scrape(port: int, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as page:
                text = page.read().decode()
            if 'mailbot_mails_sent_total{kind="reply"} 1.0' in text:
                return text
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("the worker's metrics never showed the reply")
        time.sleep(0.2)


def test_run_serves_metrics_and_status_reads_the_running_worker(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    (inbox / "001.eml").write_bytes(first_contact())
    port = free_port()
    env = {**os.environ, "MAILBOT_DATA_DIR": str(tmp_path / "data"), "OMP_THREAD_LIMIT": "1",
           "MAILBOT_METRICS_PORT": str(port), "MAILBOT_POLL_SECONDS": "1"}
    env.pop("MAILBOT_DATABASE_URL", None)
    worker = subprocess.Popen([sys.executable, "-m", "mailbot", "run", "--source", str(inbox),
                               "--outbox", str(outbox)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        exposed = scrape(port, time.monotonic() + 120)
        assert 'mailbot_mails_processed_total{outcome="processed"} 1.0' in exposed
        assert "mailbot_cycles_total" in exposed and "mailbot_health_level" in exposed
        done = subprocess.run([sys.executable, "-m", "mailbot", "status", "--json"], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              check=False)
        said = json.loads(done.stdout)
        assert done.returncode == 0, said
        assert said["status"] == "healthy" and said["mails_waiting"] == 0
        (mailbox,) = said["mailboxes"]
        assert mailbox["name"] == f"folder {inbox}" and mailbox["last_poll"] is not None
        (delivery,) = said["deliveries"]
        assert delivery["name"] == f"outbox folder {outbox}" and delivery["last_send"]
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        _, errors = worker.communicate(timeout=60)
    assert worker.returncode == 0, errors[-3000:]
    assert f"metrics on http://127.0.0.1:{port}/metrics" in errors


def status(env: dict[str, str]) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "mailbot", "status", "--json"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    return done.returncode, json.loads(done.stdout)


def test_status_before_any_poll_is_degraded_and_with_the_database_away_failing(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "MAILBOT_DATA_DIR": str(tmp_path / "data")}
    env.pop("MAILBOT_DATABASE_URL", None)
    code, said = status(env)
    assert code == 1 and said["status"] == "degraded"
    assert [c["key"] for c in said["conditions"]] == ["mailbox-never-polled"]
    # A PostgreSQL nobody listens on
    env["MAILBOT_DATABASE_URL"] = f"postgresql+psycopg://mailbot@127.0.0.1:{free_port()}/mailbot"
    code, said = status(env)
    assert code == 2 and said["status"] == "failing"
    assert said["database"]["reachable"] is False and said["database"]["error"]
    assert said["conditions"][0]["title"] == "the database cannot be reached"
