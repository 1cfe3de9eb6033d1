"""Score mailbot on a development set written by a separate author, with the files it misses.

    .venv/bin/python -m bench.devset forms --half odd --misses    # fixtures/forms_dev
    .venv/bin/python -m bench.devset relations --half even        # fixtures/relations_dev

A development set is like a blind set (`bench.blind`: same labels, same scores), but it may be read
and tuned on — by halves: tune on the odd-numbered files, and read the even half only as a score,
so that the even half still says how far a change generalises. `--misses` prints one line per
file not placed right (kind, verdict, our reasons); never use it on the even half while tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.blind import score_dependants_documents, score_documents

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"forms": ROOT / "fixtures" / "forms_dev",
           "relations": ROOT / "fixtures" / "relations_dev"}


def in_half(file: str, half: str | None) -> bool:
    """The half a file belongs to, by the number in its name (d001.pdf is odd)."""
    if half is None:
        return True
    number = re.search(r"\d+", file)
    if number is None:
        raise SystemExit(f"{file}: a development set's files are numbered (d001.pdf, …)")
    return (int(number.group()) % 2 == 1) == (half == "odd")


def score(name: str, half: str | None, misses: list[str] | None) -> dict[str, Any]:
    folder = FOLDERS[name]
    labels = json.loads((folder / "labels.json").read_text())
    scorer: Callable[..., dict[str, Any]]
    if name == "forms":
        chosen: Any = [item for item in labels["documents"] if in_half(item["file"], half)]
        scorer = score_documents
    else:
        chosen = {file: item for file, item in labels.items() if in_half(file, half)}
        scorer = score_dependants_documents
    return scorer(folder, chosen, misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(FOLDERS))
    parser.add_argument("--half", choices=("odd", "even"))
    parser.add_argument("--misses", action="store_true", help="print the files not placed right")
    args = parser.parse_args(argv)
    misses: list[str] | None = [] if args.misses else None
    result = score(args.set, args.half, misses)
    print(json.dumps({f"{args.set} ({args.half or 'all'})": result}, indent=1))
    for line in misses or ():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
