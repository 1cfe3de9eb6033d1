"""The hostile corpus through parse_mail: bounded time and memory, and the promised outcome."""

from __future__ import annotations

import hashlib
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fixtures.hostile.generate import CASES
from mailbot.mime import ParsedMail, parse_mail, synthetic_message_id
from tests.mime.invariants import check_invariants

TIME_CAP_SECONDS = 5.0
MEMORY_CAP_BYTES = 200 * 1024 * 1024


def check_expectations(parsed: ParsedMail, raw: bytes, expect: dict[str, Any]) -> None:
    names = [a.display_name for a in parsed.attachments]
    if "errors" in expect:
        errors = [a.error for a in parsed.attachments if a.error]
        assert Counter(errors) == Counter(expect["errors"]), names
    if "attachments" in expect:
        assert names == expect["attachments"]
    if "count" in expect:
        assert len(parsed.attachments) == expect["count"]
    by_name = {a.display_name: a for a in parsed.attachments}
    if "inline" in expect:
        assert [n for n in names if by_name[n].inline] == expect["inline"]
    for name, size in expect.get("size", {}).items():
        assert len(by_name[name].data) == size
    if "defects" in expect:
        assert bool(parsed.defects) is expect["defects"], parsed.defects
    if "defect" in expect:
        assert any(expect["defect"] in d for d in parsed.defects), parsed.defects
    for key in ("subject", "from_address", "from_name"):
        if key in expect:
            assert getattr(parsed, key) == expect[key]
    if "text_contains" in expect:
        assert expect["text_contains"] in parsed.text
    if "text_excludes" in expect:
        assert expect["text_excludes"] not in parsed.text
    if "synthetic_id" in expect:
        assert (parsed.message_id == synthetic_message_id(raw)) is expect["synthetic_id"]
    if "date" in expect:
        assert (parsed.date.isoformat() if parsed.date else None) == expect["date"]
    if "subject_max" in expect:
        assert 0 < len(parsed.subject) <= expect["subject_max"]
    if "references_max" in expect:
        assert 0 < len(parsed.references) <= expect["references_max"]


def test_corpus_is_big_enough_and_every_case_promises_something() -> None:
    assert len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)
    for case in CASES:
        assert set(case.expect) - {"downstream"}, f"{case.name} checks nothing"


def test_generator_is_deterministic(hostile_corpus: tuple[Path, list[dict[str, Any]]]) -> None:
    _folder, entries = hostile_corpus
    hashes = {entry["file"]: entry["sha256"] for entry in entries}
    for case in CASES:
        assert hashlib.sha256(case.build()).hexdigest() == hashes[case.filename], case.name


@pytest.mark.parametrize("filename", [case.filename for case in CASES])
def test_hostile_mail(hostile_corpus: tuple[Path, list[dict[str, Any]]], filename: str) -> None:
    folder, entries = hostile_corpus
    entry = next(e for e in entries if e["file"] == filename)
    raw = (folder / filename).read_bytes()

    started = time.perf_counter()
    parsed = parse_mail(raw)
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_CAP_SECONDS, f"{filename} took {elapsed:.1f} s"

    # Memory on a second run: tracemalloc slows allocation-heavy code several times over.
    tracemalloc.start()
    try:
        again = parse_mail(raw)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_CAP_BYTES, f"{filename} peaked at {peak / 2**20:.0f} MiB"

    assert again == parsed  # deterministic, no hidden state between calls
    check_invariants(parsed)
    check_expectations(parsed, raw, entry["expect"])
