"""HR's family commands through the CLI, on SQLite and PostgreSQL: `case person add/list/
remove/confirm`, `cases --json` with `persons`, `case show` grouped by person, and
`review accept --person`."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from mailbot.cli import app
from mailbot.store.models import AuditEntry
from tests.support.mailbox import NOW, Mailbox, mail


@pytest.fixture
def cli_env(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Mailbox:
    mailbox = Mailbox(tmp_path, db_url)
    monkeypatch.setenv("MAILBOT_DATABASE_URL", mailbox.settings.effective_database_url)
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(mailbox.settings.data_dir))
    return mailbox


def mailbot(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def persons(reference: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(mailbot("case", "person", "list", reference,
                                                      "--json"))
    return listed


def test_hr_declares_lists_confirms_and_removes_persons(cli_env: Mailbox) -> None:
    mailbot("case", "add", "maria@example.com", "--name", "Maria Santos")
    assert [(p["relation"], p["name"], p["confirmed"]) for p in persons("HSM-0001")] == [
        ("candidate", "Maria Santos", True)]

    mailbot("case", "person", "add", "HSM-0001", "--relation", "child", "--name", "ANA SANTOS",
            "--birth-date", "2012-06-01", "--other-parent-stays")
    mailbot("case", "person", "add", "HSM-0001", "--relation", "partner", "--name",
            "LEA MOREAU", "--partnership", "registered")
    listed = persons("HSM-0001")
    assert [(p["relation"], p["name"], p["birth_date"], p["confirmed"]) for p in listed] == [
        ("candidate", "Maria Santos", None, True), ("child", "ANA SANTOS", "2012-06-01", True),
        ("partner", "LEA MOREAU", None, True)]
    assert all(isinstance(p["id"], int) for p in listed)
    child_id, partner_id = listed[1]["id"], listed[2]["id"]

    # Wrong input ends in one clear line, nothing stored.
    assert "--relation 'aunt'" in mailbot("case", "person", "add", "HSM-0001", "--relation",
                                          "aunt", "--name", "X", code=2)
    assert "--partnership goes with a spouse or partner" in mailbot(
        "case", "person", "add", "HSM-0001", "--relation", "child", "--name", "X",
        "--partnership", "marriage", code=2)
    assert "YYYY-MM-DD" in mailbot("case", "person", "add", "HSM-0001", "--relation",
                                   "child", "--name", "X", "--birth-date", "1.6.2012", code=2)
    assert len(persons("HSM-0001")) == 3

    (case,) = json.loads(mailbot("cases", "--json"))
    assert case["missing"] == ["passport", "antecedents", "tb_declaration"]  # the candidate's
    by_relation = {p["relation"]: p for p in case["persons"]}
    assert set(by_relation) == {"candidate", "child", "partner"}
    for key in ("id", "relation", "name", "birth_date", "nationality", "tb_exempt", "received",
                "missing", "problems", "confirmed"):
        assert all(key in p for p in case["persons"])
    assert by_relation["child"]["missing"] == ["passport", "antecedents", "tb_declaration",
                                               "birth_certificate", "parental_consent"]
    assert by_relation["partner"]["missing"] == ["passport", "antecedents", "tb_declaration",
                                                 "marriage_certificate"]

    mailbot("case", "person", "confirm", "HSM-0001", str(partner_id), "--relation", "spouse")
    assert persons("HSM-0001")[2]["relation"] == "spouse"
    mailbot("case", "person", "remove", "HSM-0001", str(child_id))
    assert [p["relation"] for p in persons("HSM-0001")] == ["candidate", "spouse"]
    assert "is not removed" in mailbot("case", "person", "remove", "HSM-0001",
                                       str(persons("HSM-0001")[0]["id"]), code=2)
    assert "has no person 999" in mailbot("case", "person", "remove", "HSM-0001", "999",
                                          code=2)
    with Session(cli_env.engine) as session:
        actions = [entry.action for entry in session.exec(select(AuditEntry)).all()]
    assert actions == ["case.person.add", "case.person.add", "case.person.confirm",
                       "case.person.remove"]


def test_a_form_in_a_family_is_placed_by_review_accept_person(cli_env: Mailbox) -> None:
    cli_env.receive(mail("Maria Santos <maria@example.com>", "Docs", "passport.jpg",
                         sent=NOW - timedelta(hours=3)))
    cli_env.cycle()
    mailbot("case", "person", "add", "HSM-0001", "--relation", "spouse", "--name", "JOAO LIMA")
    cli_env.receive(mail("Maria Santos <maria@example.com>", "More", "antecedents.pdf",
                         sent=NOW - timedelta(hours=2)))
    cli_env.cycle()
    queue = json.loads(mailbot("review", "--json"))
    assert [item["filename"] for item in queue] == ["antecedents.pdf"]
    document = str(queue[0]["document"])
    shown = mailbot("case", "show", "HSM-0001")
    assert "candidate #" in shown and "spouse #" in shown and "Whose it is waits for HR" in shown

    assert "--person" in mailbot("review", "accept", document, "antecedents", code=2)
    spouse_id = str(persons("HSM-0001")[1]["id"])
    mailbot("review", "accept", document, "antecedents", "--person", spouse_id)
    (case,) = json.loads(mailbot("cases", "--json"))
    spouse = case["persons"][1]
    assert [doc["filename"] for doc in spouse["received"]] == ["antecedents.pdf"]
    assert "antecedents" not in spouse["missing"] and "antecedents" in case["missing"]
    # HR changes its mind: the same file is the marriage certificate (a relation kind is
    # offered now that the case has a dependant).
    mailbot("review", "accept", document, "marriage_certificate", "--person", spouse_id)
    spouse = json.loads(mailbot("cases", "--json"))[0]["persons"][1]
    assert "marriage_certificate" not in spouse["missing"] and "antecedents" in spouse["missing"]


def test_a_form_naming_its_person_is_placed_on_them(cli_env: Mailbox) -> None:
    """The reader's mentions (once it extracts them) are kept with the document and place a
    form on the person it names; the fast lookup reader stands in for that reader here."""
    from dataclasses import replace

    from classifiers.types import PersonMention
    from tests.support.mailbox import VERDICTS

    def reader(data: bytes, filename: str, limits: object) -> Any:
        if filename == "joao-antecedents.pdf":
            return replace(VERDICTS["antecedents.pdf"],
                           people=(PersonMention("Joao Lima", "holder"),))
        return VERDICTS[filename]

    cli_env.classifier = reader  # type: ignore[assignment]
    cli_env.receive(mail("Maria Santos <maria@example.com>", "Docs", "passport.jpg",
                         sent=NOW - timedelta(hours=3)))
    cli_env.cycle()
    mailbot("case", "person", "add", "HSM-0001", "--relation", "spouse", "--name", "JOAO LIMA")
    cli_env.receive(mail("Maria Santos <maria@example.com>", "His form",
                         "joao-antecedents.pdf", sent=NOW - timedelta(hours=2)))
    cli_env.cycle()
    assert json.loads(mailbot("review", "--json")) == []
    (case,) = json.loads(mailbot("cases", "--json"))
    assert [doc["filename"] for doc in case["persons"][1]["received"]] == [
        "joao-antecedents.pdf"]
    assert "antecedents" in case["missing"]  # not the candidate's


def test_hr_imports_its_families_file_twice_and_the_second_time_changes_nothing(
        cli_env: Mailbox, tmp_path: Path) -> None:
    # Given a case HR opened by hand with one dependant already declared
    mailbot("case", "add", "tunde@example.com.ng", "--name", "Tunde Adeyemi")
    mailbot("case", "person", "add", "HSM-0001", "--relation", "child", "--name", "ADA ADEYEMI")
    declared = tmp_path / "families.toml"
    declared.write_text("""
[[case]]
email = "tunde@example.com.ng"
[[case.person]]
relation = "child"
name = "Ada Adeyemi"
[[case.person]]
relation = "spouse"
name = "Funmilayo Adeyemi"
birth_date = 1986-07-09
partnership = "marriage"

[[case]]
email = "ingrid@example.no"
name = "Ingrid Solberg"
[[case.person]]
relation = "partner"
name = "Diego Ramirez Ortega"
""")
    # When HR imports the file, then only what was not there is added
    first = mailbot("case", "import", str(declared))
    assert "HSM-0001: person" in first and "(spouse Funmilayo Adeyemi)" in first
    assert "Ada" not in first  # the same child, named in other capitals
    assert "(partner Diego Ramirez Ortega)" in first
    assert [(p["relation"], p["name"], p["birth_date"], p["partnership"])
            for p in persons("HSM-0001")] == [
        ("candidate", "Tunde Adeyemi", None, None), ("child", "ADA ADEYEMI", None, None),
        ("spouse", "Funmilayo Adeyemi", "1986-07-09", "marriage")]
    assert [p["relation"] for p in persons("HSM-0002")] == ["candidate", "partner"]
    # and a second import changes nothing
    second = mailbot("case", "import", str(declared))
    assert "added" not in second
    assert second.count("already as declared") == 2
    assert len(persons("HSM-0001")) == 3 and len(persons("HSM-0002")) == 2
    # Who did it is in the audit trail, as for `case person add` (the first entry).
    with Session(cli_env.engine) as session:
        actions = session.exec(select(AuditEntry.action)).all()
    assert actions.count("case.person.add") == 3


def test_a_families_file_with_an_error_applies_nothing(cli_env: Mailbox,
                                                        tmp_path: Path) -> None:
    declared = tmp_path / "families.toml"
    declared.write_text('[[case]]\nemail = "a@example.com"\n'
                        '[[case]]\nemail = "b@example.com"\n[[case.person]]\nrelation = "aunt"\n'
                        'name = "X"\n')
    said = " ".join(mailbot("case", "import", str(declared), code=2).split())
    assert "case 2 (b@example.com), person 1: relation 'aunt'" in said
    assert json.loads(mailbot("cases", "--json")) == []
