"""`mailbot case close|reopen|resolve|link` record who did it, as the dashboard does."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from mailbot.cli import _os_user, app
from mailbot.store.db import open_database
from mailbot.store.models import AuditEntry, Case


def test_case_changes_from_the_cli_are_audited_with_the_login_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'mailbot.sqlite3'}"
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MAILBOT_DATABASE_URL", url)
    runner = CliRunner()
    for command in (["case", "add", "ana@example.com", "--name", "Ana"],
                    ["case", "close", "HSM-0001"], ["case", "reopen", "HSM-0001"],
                    ["case", "link", "HSM-0001", "ana.work@example.org"],
                    ["case", "resolve", "HSM-0001"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    with Session(open_database(url)) as session:
        case = session.exec(select(Case)).one()
        assert case.closed is False
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    assert [(entry.actor, entry.action) for entry in entries] == [
        (_os_user(), "case.close"), (_os_user(), "case.reopen"), (_os_user(), "case.link"),
        (_os_user(), "case.resolve")]
    assert entries[2].detail == {"address": "ana.work@example.org", "released": 0}
