"""What HR sees and does: digest, linking an address, closing and purging."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mailbot.admin import add_case, close_case, link_address, purge_closed
from mailbot.cli import app
from mailbot.digest import build_digest, send_digest
from mailbot.views import all_cases
from tests.support.mailbox import NOW, Mailbox, body, mail


@pytest.fixture
def mailbox(tmp_path: Path, sqlite_url: str) -> Mailbox:
    return Mailbox(tmp_path, sqlite_url)


def test_digest_reports_new_documents_completions_questions_and_waiting(mailbox: Mailbox) -> None:
    mailbox.receive(mail("Maria Santos <maria@example.com>", "Docs", "passport.jpg",
                         "antecedents.pdf", "tb.pdf", sent=NOW - timedelta(hours=1)))
    mailbox.receive(mail("olena@example.com", "Question", body="Do I need a translation?\n",
                         sent=NOW - timedelta(hours=2)))
    mailbox.receive(mail("arjun@example.in", "Passport", "passport.jpg",
                         sent=NOW - timedelta(days=10)))
    worker = mailbox.cycle()

    data = build_digest(worker.services)
    assert [row.reference for row in data.completed] == ["HSM-0003"]  # Maria, newest mail
    assert any("asked a question" in row.detail for row in data.needs_human)
    assert [row.email for row in data.waiting] == ["arjun@example.in"]
    assert {row.email for row in data.new_documents} >= {"maria@example.com"}

    send_digest(worker.services)
    (digest,) = [m for m in mailbox.replies_to("hr@mailbot.example")
                 if "digest" in m["Subject"]]
    text = body(digest)
    assert "Became complete (1):" in text and "Needs a human (1):" in text
    assert "Waiting on the candidate for more than 7 days (1):" in text
    # The next digest starts where this one ended.
    assert build_digest(worker.services).new_documents == ()


def test_linking_an_address_releases_held_documents(mailbox: Mailbox) -> None:
    reference = add_case(mailbox.engine, "maria@example.com", "Maria Santos")
    mailbox.receive(mail("maria.private@example.net", f"Re: Docs [{reference}]",
                         "antecedents.pdf", sent=NOW))
    worker = mailbox.cycle()
    assert "antecedents" in mailbox.case(reference)["missing"]  # type: ignore[operator]

    assert link_address(worker.services, reference, "maria.private@example.net") == 1
    case = mailbox.case(reference)
    assert "antecedents" not in case["missing"]  # type: ignore[operator]
    assert case["aliases"] == ["maria.private@example.net"]
    # The next mail from the alias is routed straight to the case.
    mailbox.receive(mail("maria.private@example.net", "TB", "tb.pdf",
                         sent=NOW + timedelta(minutes=1)))
    mailbox.cycle(NOW + timedelta(minutes=2))
    assert len(all_cases(mailbox.engine)) == 1
    assert mailbox.replies_to("maria.private@example.net") == []


def test_purge_deletes_documents_of_closed_cases_and_says_what(mailbox: Mailbox) -> None:
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    mailbox.cycle()
    assert purge_closed(mailbox.engine, 0) == ["nothing to purge"]  # still open
    close_case(mailbox.engine, "HSM-0001")
    assert purge_closed(mailbox.engine, 0, dry_run=True) == [
        "HSM-0001: 1 document(s), 1 mail(s) would be deleted"]
    assert purge_closed(mailbox.engine, 0) == ["HSM-0001: 1 document(s), 1 mail(s) deleted"]
    case = mailbox.case("HSM-0001")
    assert case["received"] == [] and case["name"] == "" and "purged" in str(case["email"])
    assert purge_closed(mailbox.engine, 0) == ["nothing to purge"]


def test_cli_case_show_masks_the_passport_number(
    mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    mailbox.cycle()
    monkeypatch.setenv("MAILBOT_DATABASE_URL", mailbox.settings.effective_database_url)
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(mailbox.settings.data_dir))
    result = CliRunner().invoke(app, ["case", "show", "HSM-0001", "--json"])
    assert result.exit_code == 0, result.output
    assert "YA1234567" not in result.output and "YA*****67" in result.output
    result = CliRunner().invoke(app, ["case", "show", "nobody@example.com"])
    assert result.exit_code == 1


def test_data_folder_and_database_are_owner_only(mailbox: Mailbox) -> None:
    from mailbot.boot import database

    database(mailbox.settings)
    assert mailbox.settings.data_dir.stat().st_mode & 0o777 == 0o700
