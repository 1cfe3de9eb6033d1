"""Where the XOAUTH2 token comes from (unit level: no servers)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from mailbot.auth import (
    MailAuthError,
    credentials,
    token_from_command,
    token_from_file,
    xoauth2_string,
)
from mailbot.config import load_settings
from mailbot.errors import ConfigError, TransientError

PY = shlex.quote(sys.executable)


def settings(tmp_path: Path, **values: Any) -> Any:
    return load_settings(data_dir=tmp_path, imap_host="imap.example", **values)


def test_token_from_command_is_read_fresh_each_time(tmp_path: Path) -> None:
    counter = tmp_path / "n"
    script = tmp_path / "refresh.py"
    script.write_text(
        "import pathlib, sys\n"
        f"p = pathlib.Path({str(counter)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        "print(f'token-{n}')\n"
    )
    command = f"{PY} {shlex.quote(str(script))}"
    s = settings(tmp_path, imap_user="bot@x", imap_oauth2_token_command=command)
    assert credentials(s, "imap").token == "token-1"
    assert credentials(s, "imap").token == "token-2"  # a refreshed token is picked up
    assert credentials(s, "imap").method == "XOAUTH2"


def test_failing_command_is_transient_and_does_not_leak_stdout(tmp_path: Path) -> None:
    command = f"{PY} -c \"print('half-a-secret-token'); import sys; sys.exit('refresh denied')\""
    with pytest.raises(MailAuthError) as info:
        token_from_command(command, "smtp")
    assert isinstance(info.value, TransientError)
    text = str(info.value)
    assert "MAILBOT_SMTP_OAUTH2_TOKEN_COMMAND" in text and "refresh denied" in text
    assert "half-a-secret-token" not in text


@pytest.mark.parametrize(
    ("command", "error", "match"),
    [
        ("/nonexistent/refresher", ConfigError, "program not found"),
        ("'unbalanced", ConfigError, "cannot parse"),
        ("printf ''", MailAuthError, "exactly one token"),
        ("echo two words", MailAuthError, "exactly one token"),
    ],
)
def test_bad_token_commands(command: str, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        token_from_command(command)


def test_token_file(tmp_path: Path) -> None:
    path = tmp_path / "token"
    with pytest.raises(MailAuthError, match="cannot read"):
        token_from_file(path)
    path.write_text("")
    with pytest.raises(MailAuthError, match="is empty"):
        token_from_file(path)
    path.write_text("ya29.abc\n")
    s = settings(tmp_path, imap_user="bot@x", imap_oauth2_token_file=path)
    assert credentials(s, "imap").token == "ya29.abc"


def test_password_and_password_file(tmp_path: Path) -> None:
    s = settings(tmp_path, imap_user="bot@x", imap_password="pw")
    creds = credentials(s, "imap")
    assert (creds.password, creds.token, creds.method) == ("pw", "", "password")
    assert "pw" not in repr(creds)
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    s = settings(tmp_path, smtp_user="bot@x", smtp_password_file=secret)
    assert credentials(s, "smtp").password == "from-file"


def test_xoauth2_string() -> None:
    assert xoauth2_string("u@x", "tok") == "user=u@x\x01auth=Bearer tok\x01\x01"
