"""`mailbot user add|list|remove` against the real store (SQLite and PostgreSQL), and the
login check it feeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from mailbot.cli import app
from mailbot.store import repo
from mailbot.store.db import open_database
from mailbot.store.models import utcnow
from mailbot.users import authenticate


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MAILBOT_DATABASE_URL", db_url)
    return db_url


def test_user_add_reads_stdin_keeps_only_a_hash_and_logs_in(env: str) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["user", "add", "HR@Example.com"],
                          input="correct horse battery\n")
    assert added.exit_code == 0, added.output
    engine = open_database(env)
    with Session(engine) as session:
        user = repo.web_user(session, "hr@example.com")
        assert user is not None
        assert "correct horse" not in user.password_hash
        assert user.password_hash.startswith("$argon2id$")
    assert authenticate(engine, "hr@example.com", "correct horse battery", utcnow()) \
        == "hr@example.com"
    assert authenticate(engine, "hr@example.com", "wrong horse battery", utcnow()) is None
    assert authenticate(engine, "nobody@example.com", "correct horse battery", utcnow()) is None

    listed = runner.invoke(app, ["user", "list", "--json"])
    assert '"hr@example.com"' in listed.output and '"last_login_at": "' in listed.output

    changed = runner.invoke(app, ["user", "add", "hr@example.com"], input="another long one\n")
    assert "password changed" in changed.output
    assert authenticate(engine, "hr@example.com", "another long one", utcnow()) is not None

    removed = runner.invoke(app, ["user", "remove", "hr@example.com"])
    assert removed.exit_code == 0
    assert runner.invoke(app, ["user", "remove", "hr@example.com"]).exit_code == 1
    assert authenticate(engine, "hr@example.com", "another long one", utcnow()) is None


def test_short_password_and_bad_address_are_refused(env: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["user", "add", "hr@example.com"], input="short\n").exit_code == 2
    assert runner.invoke(app, ["user", "add", "not-an-address"],
                         input="long enough password\n").exit_code == 2
