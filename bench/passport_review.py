"""How passports whose zone does not fully validate end: counted, sent to HR, or not a passport.

    python -m bench.passport_review [--seed 5] [--count 48] [--real-only]

On the real development set (`bench.passports.real_passports`, when present) and a generated
hard set (`bench.passports.hard_synthetic(seed)`), each image goes through `classifiers.classify`
whole. Printed per set: passports counted with every check passing, counted on a trusted expiry
with another check failing (`PassportData.trusted("expiry_date")`), sent to HR review, and not
taken for a passport; and the safety figure: a counted passport whose expiry differs from the
printed zone (the checklist would decide the 12 months on a wrong date), which must stay 0. The
non-passport documents of the real set (ID cards, permits, visas) must never count as one.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence

from bench.passports import (
    PassportSample,
    hard_synthetic,
    read_fields,
    real_non_passports,
    real_passports,
)
from classifiers import classify, clear_caches
from classifiers.types import Classification, Kind


def outcome(result: Classification) -> str:
    """One of: counted valid, counted on expiry, review, not a passport."""
    if result.kind is not Kind.PASSPORT:
        return "not a passport"
    if result.review:
        return "review"
    if result.passport is not None and result.passport.checks_ok:
        return "counted, all checks pass"
    if result.passport is not None and result.passport.trusted("expiry_date"):
        return "counted on a trusted expiry"
    return "counted, zone unreadable (clearer photo asked)"


def measure(samples: Sequence[PassportSample]) -> tuple[Counter[str], int]:
    outcomes: Counter[str] = Counter()
    wrong_expiry_counted = 0
    for sample in samples:
        result = classify(sample.data, sample.name)
        ending = outcome(result)
        outcomes[ending] += 1
        if ending.startswith("counted") and result.passport is not None and (
                result.passport.checks_ok or result.passport.trusted("expiry_date")):
            read = read_fields(result.passport)["expiry_date"]
            wrong_expiry_counted += read != sample.expected()["expiry_date"]
    return outcomes, wrong_expiry_counted


def show(name: str, samples: Sequence[PassportSample]) -> str:
    outcomes, wrong = measure(samples)
    lines = [f"== {name}: {len(samples)} passports"]
    lines += [f"  {ending:48s} {n}" for ending, n in sorted(outcomes.items())]
    lines.append(f"  counted with an expiry that differs from the printed zone: {wrong}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None,
                        help="hard set seed (default: its held-out seed)")
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--real-only", action="store_true")
    args = parser.parse_args(argv)
    clear_caches()
    real = real_passports()
    if real is not None:
        print(show("real development set", real))
        others = real_non_passports() or []
        counted = sum(classify(data, name).kind is Kind.PASSPORT and
                      not classify(data, name).review for name, data in others)
        print(f"== real non-passports: {len(others)}, counted as a passport: {counted}")
    if not args.real_only:
        print(show(f"hard synthetic set (seed {args.seed or 'held out'})",
                   hard_synthetic(args.seed, args.count)))


if __name__ == "__main__":
    main()
