"""`mailbot run` as a service: polls on schedule, answers new mail, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "fixtures" / "emails"


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_service_polls_answers_new_mail_and_stops_on_sigterm(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    shutil.copy(SAMPLE / "12-olena-question-no-attachment.eml", inbox)
    env = {**os.environ, "MAILBOT_DATA_DIR": str(tmp_path / "data"), "MAILBOT_POLL_SECONDS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mailbot", "run", "--source", str(inbox), "--outbox", str(outbox)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(lambda: len(list(outbox.glob("*.eml"))) == 1, 30)
        # A mail that arrives while the service runs is answered on the next poll.
        shutil.copy(SAMPLE / "10-lukas-passport-webp-dutch-form.eml", inbox)
        assert wait_for(lambda: len(list(outbox.glob("*.eml"))) >= 3, 90)  # reply + HR mail
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output[-2000:]
    assert "finishing the current mail, then exiting" in output
    assert "mailbot stopped" in output
    assert "Traceback" not in output
