"""Passport reading end to end with the real tesseract: accuracy, never a validated wrong value,
the same reading in every process.

- the held-out generated hard set (`fixtures.synth.hard_passports`, seed 2026): all-fields-exact
  and wrong-but-validated (a wrong field in a reading marked `confirmed`) are reported; the
  second must be 0.
- the real development set (`../shared/data/real-passports/`, never copied into the repo):
  skipped, with the reason, where it is absent.
- determinism: one photo read in subprocesses under several PYTHONHASHSEED values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bench.passports import (
    PassportSample,
    Score,
    hard_synthetic,
    real_non_passports,
    real_passports,
    score,
    wrong_fields,
)
from classifiers.types import PassportData
from tests.support.need import need_program

REPO = Path(__file__).resolve().parents[2]
HARD_COUNT = int(os.environ.get("MAILBOT_HARD_PASSPORTS", "48"))
# Generating and reading a whole set takes 2-4 minutes on 2 quiet cores; a shared machine can
# take several times that, beyond the suite's 300 s per test.
SET_TIMEOUT = 1500


def _read(sample: tuple[str, bytes]) -> PassportData | None:
    from classifiers import classify

    return classify(sample[1], filename=sample[0]).passport


def _read_all(samples: list[PassportSample]) -> list[PassportData | None]:
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(_read, [(s.name, s.data) for s in samples]))


def _report(title: str, samples: list[PassportSample], readings: list[PassportData | None],
            result: Score) -> str:
    lines = [f"{title}: all fields exact {result.exact}/{result.total} "
             f"({result.exact_rate:.2f}), wrong but validated {result.wrong_but_validated}, "
             f"zone found {result.found}"]
    for sample, passport in zip(samples, readings, strict=True):
        wrong = wrong_fields(sample, passport)
        if wrong:
            confirmed = passport is not None and passport.confirmed
            lines.append(f"  {sample.name}: wrong {', '.join(wrong)}"
                         + (" (VALIDATED)" if confirmed else ""))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def hard() -> tuple[list[PassportSample], list[PassportData | None]]:
    need_program("tesseract")
    samples = hard_synthetic(count=HARD_COUNT)
    return samples, _read_all(samples)


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
# Zeros read where the page has an O pair (OO weighs like 00 at weights 7 and 3), and a 6 read
# for a G, are alternatives the check digits cannot settle: never confirmed without a witness.
def test_held_out_hard_set_never_validates_a_wrong_value(hard: tuple[list, list]) -> None:
    samples, readings = hard
    result = score(samples, readings)
    print(_report("held-out hard synthetic set", samples, readings, result))
    assert result.wrong_but_validated == 0, _report("hard set", samples, readings, result)
    assert _trusted_but_wrong(result) == [], _report("hard set", samples, readings, result)


def _trusted_but_wrong(result: Score) -> list[str]:
    """Fields the checklist decides on that were trusted with a wrong value (must be none)."""
    return [name for name, _, bad in result.field_trust if bad and name in DECIDED_FIELDS]


DECIDED_FIELDS = ("nationality", "birth_date", "expiry_date", "document_number")


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
def test_held_out_hard_set_accuracy(hard: tuple[list, list]) -> None:
    samples, readings = hard
    result = score(samples, readings)
    # The target is 0.98; HARD_FLOOR is just under what this set measured when the
    # floor was set (`OMP_THREAD_LIMIT=1 .venv/bin/python -m bench.classify --passports-only`
    # prints it), so a regression fails while the target is still open.
    assert result.exact_rate >= HARD_FLOOR, _report("hard set", samples, readings, result)


HARD_FLOOR = 0.50
REAL_FLOOR = 0.50


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
def test_real_passport_dev_set() -> None:
    samples = real_passports()
    if samples is None:
        pytest.skip("the real passport development set (../shared/data/real-passports/) is "
                    "not on this machine")
    need_program("tesseract")
    readings = _read_all(samples)
    result = score(samples, readings)
    print(_report("real passport development set", samples, readings, result))
    assert result.wrong_but_validated == 0, _report("real set", samples, readings, result)
    assert _trusted_but_wrong(result) == [], _report("real set", samples, readings, result)
    assert result.exact_rate >= REAL_FLOOR, _report("real set", samples, readings, result)


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
def test_real_id_cards_and_visas_are_not_passports() -> None:
    others = real_non_passports()
    if others is None:
        pytest.skip("the real passport development set (../shared/data/real-passports/) is "
                    "not on this machine")
    need_program("tesseract")
    with ProcessPoolExecutor(2) as pool:
        readings = list(pool.map(_read, others))
    confirmed = [name for (name, _), p in zip(others, readings, strict=True)
                 if p is not None and p.confirmed]
    assert confirmed == []


_READ_ONE = """
import json, sys
from classifiers import classify
print(json.dumps(classify(open(sys.argv[1], 'rb').read()).to_json(), sort_keys=True))
"""


def _readings_under_seeds(path: Path, seeds: tuple[str, ...]) -> set[str]:
    """The reading of `path` in a fresh process per PYTHONHASHSEED, without the OCR cache."""
    outputs = set()
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed, "OMP_THREAD_LIMIT": "1"}
        env.pop("MAILBOT_OCR_CACHE", None)
        done = subprocess.run([sys.executable, "-c", _READ_ONE, str(path)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=240, check=True)
        outputs.add(done.stdout)
    return outputs


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
def test_the_same_bytes_give_the_same_reading_under_every_hash_seed(tmp_path: Path) -> None:
    need_program("tesseract")
    # A phone photo whose names tesseract reads with filler noise, so several readings vote.
    sample = next(s for s in hard_synthetic(count=12) if "phone" in s.name or "glare" in s.name)
    path = tmp_path / sample.name
    path.write_bytes(sample.data)
    outputs = _readings_under_seeds(path, ("0", "1", "42", "4242"))
    assert len(outputs) == 1, outputs
    assert json.loads(outputs.pop())["passport"] is not None


@pytest.mark.slow
@pytest.mark.timeout(SET_TIMEOUT)
def test_a_desk_photo_read_by_the_second_read_is_the_same_under_every_hash_seed(
        tmp_path: Path) -> None:
    need_program("tesseract")
    from fixtures.synth.hard_passports import desk_passports

    # A reflection over the zone: no first search reads it; the band's second read does.
    sample = desk_passports(4100, 3)[2]
    path = tmp_path / sample.name
    path.write_bytes(sample.data)
    outputs = _readings_under_seeds(path, ("0", "4242"))
    assert len(outputs) == 1, outputs
    assert json.loads(outputs.pop())["passport"] is not None
