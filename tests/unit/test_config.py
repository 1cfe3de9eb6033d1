"""Settings: one clear line naming the setting, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.cli import app
from mailbot.config import load_settings
from mailbot.errors import ConfigError


def test_bad_number_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_POLL_SECONDS", "soon")
    with pytest.raises(ConfigError, match=r"^MAILBOT_POLL_SECONDS: "):
        load_settings()


def test_contradictory_login_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_IMAP_PASSWORD", "x")
    monkeypatch.setenv("MAILBOT_IMAP_OAUTH2_TOKEN_COMMAND", "get-token")
    with pytest.raises(ConfigError, match="choose one way to log in"):
        load_settings()


def test_cli_prints_one_line_for_missing_imap_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MAILBOT_IMAP_HOST", raising=False)
    result = CliRunner().invoke(app, ["run", "--once"])
    assert result.exit_code == 2
    assert result.output.strip() == \
        "mailbot: MAILBOT_IMAP_HOST is not set; it is needed for this mode"


def test_settings_from_toml_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mailbot.toml").write_text('poll_seconds = 17\nhr_address = "hr@x.example"\n')
    settings = load_settings()
    assert settings.poll_seconds == 17 and settings.hr_address == "hr@x.example"


def test_password_file_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "imap-password"
    secret.write_text("s3cret\n")
    assert load_settings(imap_password_file=secret).secret("imap") == "s3cret"
    assert "s3cret" not in repr(load_settings(imap_password="s3cret"))


def test_an_empty_file_setting_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILBOT_SMTP_CA_FILE", "")
    monkeypatch.setenv("MAILBOT_IMAP_PASSWORD_FILE", " ")
    settings = load_settings()
    assert settings.smtp_ca_file is None and settings.imap_password_file is None
