"""`mailbot classify` as HR scripts use it: one JSON object per file, in input order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fixtures.synth import documents
from fixtures.synth.people import people

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"path", "kind", "confidence", "filled", "pages", "reasons", "error", "passport"}


def test_json_lines_in_input_order_with_the_contract_keys(tmp_path: Path) -> None:
    person = people(5, 1)[0]
    files = {
        "form.pdf": documents.antecedents(person),
        "blank.pdf": documents.antecedents(None, filled=False),
        "passport.png": documents.passport(person, "png"),
        "broken.pdf": documents.truncated_pdf(person),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    result = subprocess.run([sys.executable, "-m", "mailbot", "classify", "--json", *paths],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == paths
    assert all(set(line) >= KEYS for line in lines)
    form, blank, passport, broken = lines
    assert (form["kind"], form["filled"]) == ("antecedents", True)
    assert (blank["kind"], blank["filled"]) == ("antecedents", False)
    assert passport["kind"] == "passport" and passport["passport"]["checks_ok"] is True
    assert passport["passport"]["document_number"] == person.passport_number
    assert passport["passport"]["expiry_date"] == person.expiry_date.isoformat()
    # Trust per field, each with its reason (issue 10).
    trust = passport["passport"]["trust"]
    assert set(trust) == {"nationality", "birth_date", "expiry_date", "document_number", "names",
                          "sex", "issuing_state"}
    assert trust["nationality"]["trusted"] is True and trust["nationality"]["reason"]
    assert (broken["kind"], broken["error"]) == ("other", "corrupt")


def test_usage_error_exits_non_zero() -> None:
    result = subprocess.run([sys.executable, "-m", "mailbot", "classify", "/nonexistent.pdf"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_without_tesseract_on_the_path_it_says_so_instead_of_calling_the_scan_damaged(
    tmp_path: Path,
) -> None:
    # Given a scanned passport and a PATH on which there is no tesseract
    person = people(5, 1)[0]
    scan = tmp_path / "passport.png"
    scan.write_bytes(documents.passport(person, "png"))
    empty = tmp_path / "bin"
    empty.mkdir()
    # When HR classifies it
    result = subprocess.run([sys.executable, "-m", "mailbot", "classify", "--json", str(scan)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1", "PATH": str(empty)})
    # Then one line names the missing tool, no verdict is printed, and the exit code says why
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout == ""
    assert "tesseract is not installed; cannot read passport.png" in result.stderr
    assert "Traceback" not in result.stderr
