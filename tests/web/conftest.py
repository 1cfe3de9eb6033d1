"""One real worker run over Maria's three sample mails (real classifier, OCR and store; her
scanned TB declaration marked for HR's review as tests/e2e/test_review_cli.py does), shared by
the dashboard tests of a module, and an HR account to log in with."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from classifiers.limits import Limits
from classifiers.types import Classification
from mailbot.cli import app

ROOT = Path(__file__).resolve().parents[2]
MARIA = ("01-maria-passport-and-cv.eml", "04-maria-re-antecedents.eml",
         "13-maria-tb-declaration-scan.eml")
DOUBTED_FILE = "TB declaration scan.pdf"
HR_EMAIL = "hr@example.com"
HR_PASSWORD = "a long dashboard password"


@dataclasses.dataclass(frozen=True)
class Dashboard:
    data: Path
    outbox: Path
    inbox: Path


def run_cli(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    import mailbot.pipeline

    root = tmp_path_factory.mktemp("dashboard")
    inbox = root / "inbox"
    inbox.mkdir()
    for name in MARIA:
        shutil.copy(ROOT / "fixtures" / "emails" / name, inbox / name)
    real = mailbot.pipeline.classify_document

    def doubting(data: bytes, filename: str, limits: Limits) -> Classification:
        verdict = real(data, filename, limits)
        return dataclasses.replace(verdict, review=True) if filename == DOUBTED_FILE else verdict

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mailbot.pipeline, "classify_document", doubting)
        patch.setenv("MAILBOT_DATA_DIR", str(root / "data"))
        patch.setenv("MAILBOT_DATABASE_URL", f"sqlite:///{root / 'data' / 'mailbot.sqlite3'}")
        run_cli("run", "--once", "--source", str(inbox), "--outbox", str(root / "outbox"))
        run_cli("user", "add", HR_EMAIL, stdin=HR_PASSWORD + "\n")
        yield Dashboard(root / "data", root / "outbox", inbox)


def settings_of(dashboard: Dashboard) -> Any:
    from mailbot.config import Settings

    return Settings(data_dir=dashboard.data,  # type: ignore[call-arg]
                    database_url=f"sqlite:///{dashboard.data / 'mailbot.sqlite3'}")
