"""Drive `mailbot` as an operator would, against the test Dovecot and aiosmtpd."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.support.dovecot import DovecotServer
from tests.support.need import need
from tests.support.smtp_server import SmtpServer

ROOT = Path(__file__).resolve().parents[2]


def need_pipeline() -> None:
    """The CLI needs the whole pipeline; say which part is missing instead of a traceback."""
    for module in ("mailbot.boot", "mailbot.pipeline", "mailbot.mime.parse"):
        need(importlib.util.find_spec(module) is not None, f"{module} is not there yet")


class Mailbot:
    """One mailbot installation: its data dir (SQLite) and the servers it talks to."""

    def __init__(
        self,
        tmp: Path,
        imap: DovecotServer,
        smtp: SmtpServer,
        *,
        sent_check: bool = False,
        **settings: str,
    ) -> None:
        """`sent_check`: the provider files accepted mail in Sent; settle doubts by looking."""
        need_pipeline()
        self.sent_check = sent_check
        self.data_dir = tmp / "data"
        self.imap = imap
        self.smtp = smtp
        self.env = {
            **os.environ,
            **imap.env(),
            **smtp.env(),
            "MAILBOT_DATA_DIR": str(self.data_dir),
            "MAILBOT_FROM_ADDRESS": "candidates@mailbot.example",
            "MAILBOT_POLL_SECONDS": "1",
            "OMP_THREAD_LIMIT": "1",
            "PYTHONPATH": str(ROOT),
            **({"MAILBOT_SMTP_SENT_CHECK": "provider"} if sent_check else {}),
            **{f"MAILBOT_{k.upper()}": v for k, v in settings.items()},
        }
        self.env.pop("MAILBOT_DATABASE_URL", None)
        self.logs: list[str] = []

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "mailbot", *args]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            self.command(*args), env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout, check=False,
        )
        self.logs.append(done.stderr)
        return done

    def once(self) -> subprocess.CompletedProcess[str]:
        done = self.run("run", "--once", "--no-summary")
        assert done.returncode == 0, done.stderr[-4000:]
        return done

    def start(self, *args: str, log: Path | None = None) -> subprocess.Popen[str]:
        """`mailbot run` in the background (its own process group, so a kill takes it all)."""
        out = open(log, "a") if log else subprocess.DEVNULL  # noqa: SIM115 - lives with the process
        return subprocess.Popen(
            self.command("run", *args), env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=out, text=True, start_new_session=True,
        )

    def cases(self) -> dict[str, dict[str, Any]]:
        done = self.run("cases", "--json")
        assert done.returncode == 0, done.stderr[-3000:]
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        if len(lines) == 1 and lines[0].startswith("["):
            rows = json.loads(lines[0])
        else:
            rows = [json.loads(line) for line in lines]
        return {row["email"]: row for row in rows}

    @contextlib.contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """Read-only look into the SQLite database (evidence, never a way to steer the test)."""
        conn = sqlite3.connect(f"file:{self.data_dir / 'mailbot.sqlite3'}?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.db() as conn:
            return conn.execute(sql, params).fetchall()


def kill_group(proc: subprocess.Popen[str], sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


def kill_after_accepts(proc: subprocess.Popen[str], smtp: SmtpServer, more: int) -> None:
    """SIGKILL the worker in the worst place: just after the server accepted `more` further
    mails, before the worker heard the answer. Waits (at most 15 s) for that to happen."""
    target = len(smtp.received) + more
    armed = [proc]

    def on_accept(_received: Any) -> None:
        if armed and len(smtp.received) >= target:
            kill_group(armed.pop(), signal.SIGKILL)

    smtp.on_accept = on_accept
    with contextlib.suppress(TimeoutError):
        wait_until(lambda: proc.poll() is not None, 15, "the kill")
    smtp.on_accept = None


def replies_to(smtp: SmtpServer, address: str) -> list[Any]:
    return [r.message for r in smtp.received if address in r.envelope_to]
