"""How fast the classifier is per kind of input, and how it compares with PassportEye.

    .venv/bin/python -m bench.classify [--per-shape 8] [--seed 11]

Prints median and p95 seconds per file for a text PDF, a scanned page, a phone photo of a
passport and a DOCX (targets on a 2-core machine: 0.05 s, 1.5 s, 1.0 s), then, for the same
passport images, our MRZ accuracy and time next to PassportEye's (`pip install passporteye`,
the `bench` extra). Every file is classified cold: the caches are cleared before each one.
Numbers only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from classifiers import classify, clear_caches
from fixtures.synth import documents as docs
from fixtures.synth.people import Person, people, td3_mrz

TARGETS = {"text PDF": 0.05, "scanned page": 1.5, "passport photo": 1.0, "DOCX": None}


@dataclass
class Sample:
    label: str
    data: bytes
    person: Person | None = None


def make_samples(per_shape: int, seed: int) -> dict[str, list[Sample]]:
    crowd = people(seed, per_shape * 4)
    samples: dict[str, list[Sample]] = {name: [] for name in TARGETS}
    for i in range(per_shape):
        person = crowd[i]
        lang = ("en", "nl", "bilingual")[i % 3]
        form: Callable[..., bytes] = docs.antecedents if i % 2 else docs.tb_declaration
        samples["text PDF"].append(Sample("form", form(person, lang=lang, shape="pdf_text",
                                                      seed=seed + i)))
        samples["scanned page"].append(Sample("form", form(person, lang=lang, shape="pdf_scan",
                                                          seed=seed + i)))
        samples["DOCX"].append(Sample("form", form(person, lang=lang, shape="docx",
                                                  seed=seed + i)))
        passport_holder = crowd[per_shape + i]
        shape = ("photo_jpeg", "photo_heic", "photo_webp")[i % 3]
        samples["passport photo"].append(Sample(
            shape, docs.passport(passport_holder, shape, seed=seed + i), passport_holder))
    return samples


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_ours(samples: list[Sample]) -> tuple[list[float], int]:
    seconds: list[float] = []
    exact = 0
    for sample in samples:
        clear_caches()
        started = time.perf_counter()
        verdict = classify(sample.data)
        seconds.append(time.perf_counter() - started)
        if sample.person is not None and verdict.passport is not None:
            exact += _matches(sample.person, verdict.passport.document_number,
                              verdict.passport.surname, verdict.passport.expiry_date)
    return seconds, exact


def _matches(person: Person, number: str, surname: str, expiry: object) -> bool:
    line1, line2 = td3_mrz(person)
    return (number == line2[:9].rstrip("<") and str(expiry) == person.expiry_date.isoformat()
            and surname == line1[5:].split("<<")[0].replace("<", " "))


def time_passporteye(samples: list[Sample]) -> tuple[list[float], int] | None:
    try:
        from passporteye import read_mrz
    except ImportError:
        return None
    warnings.filterwarnings("ignore", category=FutureWarning)  # scikit-image deprecations
    from PIL import Image

    seconds: list[float] = []
    exact = 0
    for sample in samples:
        # PassportEye reads JPEG/PNG files through scikit-image; hand it a PNG of the same photo.
        image = Image.open(io.BytesIO(sample.data))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG")
        started = time.perf_counter()
        try:
            mrz = read_mrz(io.BytesIO(buffer.getvalue()))
        except Exception:
            mrz = None
        seconds.append(time.perf_counter() - started)
        if mrz is not None and sample.person is not None:
            data = mrz.to_dict()
            line1, line2 = td3_mrz(sample.person)
            surname = line1[5:].split("<<")[0].replace("<", " ")
            exact += (data.get("number", "").rstrip("<") == line2[:9].rstrip("<")
                      and data.get("expiration_date") == line2[21:27]
                      and data.get("surname", "").strip() == surname)
    return seconds, exact


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-shape", type=int, default=8)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    samples = make_samples(args.per_shape, args.seed)

    print(f"{'input':16} {'files':>5} {'median s':>9} {'p95 s':>7} {'target s':>9}")
    passport_ours: tuple[list[float], int] | None = None
    for name, group in samples.items():
        seconds, exact = time_ours(group)
        if name == "passport photo":
            passport_ours = (seconds, exact)
        target = TARGETS[name]
        print(f"{name:16} {len(group):5d} {statistics.median(seconds):9.3f} "
              f"{percentile(seconds, 0.95):7.3f} {target if target else '-':>9}")

    passports = samples["passport photo"]
    print()
    print(f"passport photos: {len(passports)} (number, surname and expiry all exact)")
    assert passport_ours is not None
    rows = [("mailbot", passport_ours)]
    theirs = time_passporteye(passports)
    if theirs is None:
        print("PassportEye is not installed: pip install passporteye (the `bench` extra)")
    else:
        rows.append(("PassportEye", theirs))
    print(f"{'reader':12} {'exact':>7} {'median s':>9} {'p95 s':>7}")
    for name, (seconds, exact) in rows:
        print(f"{name:12} {exact:3d}/{len(passports):<3d} {statistics.median(seconds):9.3f} "
              f"{percentile(seconds, 0.95):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
