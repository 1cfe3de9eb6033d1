"""The review loop as HR lives it, through the CLI: `run --once` on a folder source with the
real classifier, real OCR and the real store, `review` to decide, `run --once` to send.

The classifier on this branch does not doubt anything yet, so the real verdict on Maria's
scanned TB declaration is marked `review=True` on its way out (everything else is real).
"""

from __future__ import annotations

import dataclasses
import email
import json
import shutil
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from classifiers.limits import Limits
from classifiers.types import Classification
from mailbot.cli import app
from tests.support.databases import database_url

ROOT = Path(__file__).resolve().parents[2]
MARIA = ("01-maria-passport-and-cv.eml", "04-maria-re-antecedents.eml",
         "13-maria-tb-declaration-scan.eml")
DOUBTED_FILE = "TB declaration scan.pdf"

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Any:
    import mailbot.pipeline

    real = mailbot.pipeline.classify_document

    def doubting(data: bytes, filename: str, limits: Limits) -> Classification:
        verdict = real(data, filename, limits)
        return dataclasses.replace(verdict, review=True) if filename == DOUBTED_FILE else verdict

    monkeypatch.setattr(mailbot.pipeline, "classify_document", doubting)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in MARIA:
        shutil.copy(ROOT / "fixtures" / "emails" / name, inbox / name)
    with database_url(request.param, tmp_path) as url:
        monkeypatch.setenv("MAILBOT_DATABASE_URL", url)
        monkeypatch.setenv("MAILBOT_DATA_DIR", str(tmp_path / "data"))
        yield {"inbox": inbox, "outbox": tmp_path / "outbox", "data": tmp_path / "data"}


def mailbot(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def sent(outbox: Path) -> list[EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=default)  # type: ignore[misc]
            for p in sorted(outbox.glob("*.eml"))]


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")


def test_a_doubted_scan_is_checked_by_hr_and_the_candidate_hears_once(env: Any) -> None:
    run = ("run", "--once", "--source", str(env["inbox"]), "--outbox", str(env["outbox"]))
    # Given Maria's three mails, the TB declaration scan doubted by the classifier
    mailbot(*run)
    (case,) = json.loads(mailbot("cases", "--json"))
    assert case["in_review"] == ["tb_declaration"]
    assert case["missing"] == [] and case["status"] == "incomplete"
    (first,) = sent(env["outbox"])
    assert (f"{DOUBTED_FILE}: we could not tell for sure what this file is, so a colleague "
            "from HR is checking it by hand.") in text_of(first)
    assert "Still missing" not in text_of(first)

    # When HR lists the queue and accepts the scan as the TB declaration
    (waiting,) = json.loads(mailbot("review", "--json"))
    assert (waiting["case_id"], waiting["filename"]) == ("HSM-0001", DOUBTED_FILE)
    decided = mailbot("review", "accept", str(waiting["document"]), "tb_declaration",
                      "--by", "Anna (HR)")
    assert "HSM-0001 is complete" in decided and "one reply" in decided
    mailbot(*run)
    mailbot(*run)

    # Then Maria got exactly one more reply, in her thread, and HR one "complete" mail
    messages = sent(env["outbox"])
    to_maria = [m for m in messages if m["To"] == "maria.santos@example.com"]
    assert len(to_maria) == 2
    assert to_maria[1]["In-Reply-To"] == first["In-Reply-To"]
    assert "We now have every document we need." in text_of(to_maria[1])
    assert (f"TB test declaration ({DOUBTED_FILE}): a colleague from HR checked this file by "
            "hand: it counts.") in text_of(to_maria[1])
    complete = [m for m in messages if "complete" in (m["Subject"] or "")]
    assert len(complete) == 1
    (case,) = json.loads(mailbot("cases", "--json"))
    assert case["status"] == "complete" and case["in_review"] == []
    shown = mailbot("case", "show", "HSM-0001")
    assert "accepted as tb_declaration by Anna (HR)" in shown
    # And the scan, read again with the real OCR, is a labelled example for training
    example = json.loads(
        (env["data"] / "training" / f"doc-{waiting['document']}.json").read_text())
    assert example["kind"] == "tb_declaration" and example["decided_by"] == "Anna (HR)"
    assert "tuberculos" in " ".join(example["pages"]).lower()
    assert mailbot("review").strip() == "nothing waits for review"
