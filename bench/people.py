"""Who a paper is about (`classifiers.people`), scored on labelled texts another author wrote.

    python -m bench.people [--dir fixtures/people_dev] [--half odd|even] [--misses]

The folder holds `NNN.txt` files (a PDF's text layer or OCR as extraction hands it over) and
`labels.json`: per file its kind and every person it names, with a role (holder, spouse, child,
parent, other) and the birth date where the paper gives one. The reader is given the labelled
kind, so this measures the reader alone, not the classifier. Printed: labelled parties (every
role but `other`) whose name was found, whose birth date was right, whose role was right, and the
mentions that are nobody labelled (invented or a stray word taken for a name), per kind.

`--kinds` scores the classifier instead, on the same texts as one text page each: per labelled
kind, how many were placed right and counted, sent to HR, or placed as another kind (with
`--misses`, which and why).

`--misses` lists, per file, the parties missed and the mentions invented: for the development
set only (`fixtures/people_dev`), never for a blind set.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from bench.kinds import text_pdf
from classifiers.classify import verdict
from classifiers.people import name_key, read_people
from classifiers.types import Kind, PersonMention

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "people_dev"
# The reader's roles as the labels name them.
_ROLE_AS_LABELLED = {"partner": "spouse", "consenting_parent": "parent", "signatory": "other"}


def _labelled_role(role: str) -> str:
    return _ROLE_AS_LABELLED.get(role, role)


def _labels(folder: Path, half: str) -> list[dict[str, Any]]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    if half != "all":  # odd files to tune on, even ones to check that the tuning generalises
        labels = [item for number, item in enumerate(labels, 1) if number % 2 == (half == "odd")]
    return labels


def score_kinds(folder: Path, show_misses: bool = False, half: str = "all") -> dict[str, Any]:
    """The classifier's verdict on each text, against its labelled kind."""
    outcome: dict[str, Counter[str]] = defaultdict(Counter)
    for item in _labels(folder, half):
        text = (folder / item["file"]).read_text(encoding="utf-8")
        result = verdict(text_pdf([text]))
        said = result.kind.value
        if said == item["kind"]:
            placed = "to HR as it" if result.review else "right"
        else:
            placed = f"to HR as {said}" if result.review else f"as {said}"
        outcome[item["kind"]][placed] += 1
        if show_misses and placed != "right":
            print(f"{item['file']} ({item['kind']}) -> {said}{' (review)' * result.review}: "
                  f"{'; '.join(result.reasons)[:240]}")
    right = sum(counts["right"] for counts in outcome.values())
    total = sum(sum(counts.values()) for counts in outcome.values())
    return {"files": total, "right and counted": right,
            "by_kind": {kind: dict(counts) for kind, counts in sorted(outcome.items())}}


def score(folder: Path, show_misses: bool = False, half: str = "all") -> dict[str, Any]:
    labels = _labels(folder, half)
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    seconds = 0.0
    for item in labels:
        text = (folder / item["file"]).read_text(encoding="utf-8")
        started = time.perf_counter()
        mentions = read_people(text, Kind(item["kind"]))
        seconds += time.perf_counter() - started
        counts = per_kind[item["kind"]]
        missed, invented = _compare(item["people"], mentions, counts)
        if show_misses and (missed or invented):
            print(f"{item['file']} ({item['kind']}): missed {missed}; invented {invented}")
    total: Counter[str] = Counter()
    for counts in per_kind.values():
        total.update(counts)
    return {
        "files": len(labels),
        "parties": _summary(total),
        "by_kind": {kind: _summary(counts) for kind, counts in sorted(per_kind.items())},
        "ms_per_file": round(1000 * seconds / max(1, len(labels)), 2),
    }


def _compare(people: list[dict[str, Any]], mentions: tuple[PersonMention, ...],
             counts: Counter[str]) -> tuple[list[str], list[str]]:
    keys = {name_key(m.name): m for m in mentions}
    labelled = {name_key(p["name"]) for p in people}
    missed = []
    for person in people:
        if person["role"] == "other":
            continue
        counts["parties"] += 1
        found = keys.get(name_key(person["name"]))
        if found is None:
            missed.append(f"{person['role']} {person['name']}")
            continue
        counts["name found"] += 1
        counts["role right"] += _labelled_role(found.role) == person["role"]
        if person.get("birth_date"):
            counts["birth dates labelled"] += 1
            right = found.birth_date == date.fromisoformat(person["birth_date"])
            counts["birth date right"] += right
            if not right:
                missed.append(f"birth date of {person['name']} (read {found.birth_date})")
    invented = [m.name for m in mentions if name_key(m.name) not in labelled]
    counts["mentions"] += len(mentions)
    counts["mentions of nobody labelled"] += len(invented)
    return missed, invented


def _summary(counts: Counter[str]) -> dict[str, str | int]:
    return {
        "names found": f"{counts['name found']}/{counts['parties']}",
        "roles right": f"{counts['role right']}/{counts['name found']}",
        "birth dates right": f"{counts['birth date right']}/{counts['birth dates labelled']}",
        "mentions of nobody labelled": counts["mentions of nobody labelled"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--kinds", action="store_true", help="score the classifier's kinds")
    parser.add_argument("--half", choices=("all", "odd", "even"), default="all",
                        help="odd files are the tuning half, even ones the check half")
    args = parser.parse_args(argv)
    scorer = score_kinds if args.kinds else score
    print(json.dumps(scorer(args.dir, args.misses, args.half), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
