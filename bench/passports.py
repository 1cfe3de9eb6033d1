"""Passport image sets and the all-fields-exact score, shared by `bench.classify` and the tests.

A reading is *exact* when all 8 MRZ fields equal the printed zone: issuing state, surname, given
names, document number, nationality, birth date, sex and expiry date. It is *wrong but
validated* when mailbot says the reading can be trusted (`PassportData.confirmed`) and a field
is wrong: the error that makes a candidate act on a wrong value. The expected fields come from
the printed lines by a parser written here, independently of `classifiers.mrz`.

Sets:
- `real_passports()`: the development set of real images in `../shared/data/real-passports/`
  (`MAILBOT_REAL_PASSPORTS` overrides the folder; None when it is absent, as on a user's machine).
- `hard_synthetic(seed)`: the held-out generated hard set (`fixtures.synth.hard_passports`).
- `harder_synthetic(seed)`, `desk_synthetic(seed)`: harder photos and photos on a cluttered desk
  by a tilted camera, from any seed (tune on one, hold another out).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from classifiers.types import PassportData

FIELDS = ("issuing_country", "surname", "given_names", "document_number", "nationality",
          "birth_date", "sex", "expiry_date")
REAL_PASSPORTS_ENV = "MAILBOT_REAL_PASSPORTS"
# Beside the checkout: `../shared/data/real-passports/` seen from the repository's root.
_DEFAULT_REAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real-passports"


@dataclass(frozen=True)
class PassportSample:
    name: str
    data: bytes
    lines: tuple[str, str]  # the TD3 zone as printed
    condition: str = ""  # how a generated image was made hard ("" for real images)

    def expected(self) -> dict[str, str]:
        return expected_fields(self.lines)


def expected_fields(lines: Sequence[str]) -> dict[str, str]:
    """The 8 fields of a printed TD3 zone, as plain strings (dates as YYMMDD)."""
    line1, line2 = lines[0], lines[1]
    name = line1[5:]
    surname, _, rest = name.partition("<<")
    given = rest.split("<<")[0]
    return {
        "issuing_country": line1[2:5].rstrip("<"),
        "surname": surname.replace("<", " ").strip(),
        "given_names": " ".join(part for part in given.split("<") if part),
        "document_number": line2[0:9].rstrip("<"),
        "nationality": line2[10:13].rstrip("<"),
        "birth_date": line2[13:19],
        "sex": line2[20].replace("<", "X"),
        "expiry_date": line2[21:27],
    }


def _yymmdd(day: date | None) -> str:
    return day.strftime("%y%m%d") if day else ""


def read_fields(passport: PassportData) -> dict[str, str]:
    return {
        "issuing_country": passport.issuing_country,
        "surname": passport.surname,
        "given_names": passport.given_names,
        "document_number": passport.document_number,
        "nationality": passport.nationality,
        "birth_date": _yymmdd(passport.birth_date),
        "sex": passport.sex,
        "expiry_date": _yymmdd(passport.expiry_date),
    }


def wrong_fields(sample: PassportSample, passport: PassportData | None) -> list[str]:
    """The fields read wrong (all of them when nothing was read)."""
    if passport is None:
        return list(FIELDS)
    want, got = sample.expected(), read_fields(passport)
    return [name for name in FIELDS if want[name] != got[name]]


@dataclass(frozen=True)
class Score:
    total: int
    exact: int
    wrong_but_validated: int
    found: int
    # Zones read whose check digits fail: each sends a real passport to HR review.
    checks_failed: int = 0
    # How often each field was wrong, over the images where a zone was read.
    field_errors: tuple[tuple[str, int], ...] = ()
    # Per field the checklist decides on: (name, trusted and right, trusted but wrong). A
    # field trusted but wrong is a wrong value decided on, as wrong-but-validated is for the
    # whole reading; it must be 0.
    field_trust: tuple[tuple[str, int, int], ...] = ()

    @property
    def exact_rate(self) -> float:
        return self.exact / self.total if self.total else 0.0


# The reader's trust verdicts (`PassportData.trust`) and the MRZ fields each one covers.
TRUST_COVERS = {"nationality": ("nationality",), "birth_date": ("birth_date",),
                "expiry_date": ("expiry_date",), "document_number": ("document_number",),
                "names": ("surname", "given_names"), "sex": ("sex",),
                "issuing_state": ("issuing_country",)}


def score(samples: Sequence[PassportSample], readings: Sequence[PassportData | None]) -> Score:
    exact = found = wrong_validated = failed = 0
    errors = dict.fromkeys(FIELDS, 0)
    trusted = {name: [0, 0] for name in TRUST_COVERS}
    for sample, passport in zip(samples, readings, strict=True):
        wrong = wrong_fields(sample, passport)
        found += passport is not None
        exact += not wrong
        wrong_validated += bool(wrong) and passport is not None and passport.confirmed
        if passport is not None:
            failed += not passport.checks_ok
            for name in wrong:
                errors[name] += 1
            for name, covers in TRUST_COVERS.items():
                if passport.trusted(name):
                    trusted[name][any(field in wrong for field in covers)] += 1
    return Score(len(samples), exact, wrong_validated, found, failed, tuple(errors.items()),
                 tuple((name, right, bad) for name, (right, bad) in trusted.items()))


def exact_by_condition(samples: Sequence[PassportSample],
                       readings: Sequence[PassportData | None]) -> list[tuple[str, int, int]]:
    """(condition, exact, total) per condition, in the order conditions first appear; empty
    when no sample names one (the real set)."""
    tally: dict[str, list[int]] = {}
    for sample, passport in zip(samples, readings, strict=True):
        if sample.condition:
            counts = tally.setdefault(sample.condition, [0, 0])
            counts[0] += not wrong_fields(sample, passport)
            counts[1] += 1
    return [(condition, exact, total) for condition, (exact, total) in tally.items()]


def real_passports_folder() -> Path | None:
    folder = Path(os.environ.get(REAL_PASSPORTS_ENV) or _DEFAULT_REAL).resolve()
    return folder if (folder / "labels.json").is_file() else None


def real_passports(kind: str = "passport") -> list[PassportSample] | None:
    """The TD3 passport images of the real development set, in file order (None: absent)."""
    folder = real_passports_folder()
    if folder is None:
        return None
    labels = json.loads((folder / "labels.json").read_text())
    out = []
    for entry in sorted(labels["images"], key=lambda e: e["file"]):
        if entry.get("expect_kind") != kind or len(entry["mrz"]) != 2:
            continue
        out.append(PassportSample(Path(entry["file"]).name, (folder / entry["file"]).read_bytes(),
                                  (entry["mrz"][0], entry["mrz"][1])))
    return out


def real_non_passports() -> list[tuple[str, bytes]] | None:
    """The ID cards, residence cards and visas of the real set: they must not be passports."""
    folder = real_passports_folder()
    if folder is None:
        return None
    labels = json.loads((folder / "labels.json").read_text())
    return [(Path(e["file"]).name, (folder / e["file"]).read_bytes())
            for e in sorted(labels["images"], key=lambda e: e["file"])
            if e.get("expect_kind") == "other"]


def hard_synthetic(seed: int | None = None, count: int = 48) -> list[PassportSample]:
    """The generated hard set (`fixtures.synth.hard_passports`; its default seed is held out)."""
    from fixtures.synth.hard_passports import HELD_OUT_SEED, hard_passports

    return [PassportSample(s.name, s.data, s.lines, s.condition)
            for s in hard_passports(HELD_OUT_SEED if seed is None else seed, count)]


def harder_synthetic(seed: int, count: int = 36) -> list[PassportSample]:
    """The harder generated photos (`fixtures.synth.hard_passports.harder_passports`)."""
    from fixtures.synth.hard_passports import harder_passports

    return [PassportSample(s.name, s.data, s.lines, s.condition)
            for s in harder_passports(seed, count)]


def desk_synthetic(seed: int, count: int = 48) -> list[PassportSample]:
    """Photos on a cluttered desk by a tilted camera (`hard_passports.desk_passports`)."""
    from fixtures.synth.hard_passports import desk_passports

    return [PassportSample(s.name, s.data, s.lines, s.condition)
            for s in desk_passports(seed, count)]
