"""How long the intake judgement (mailbot/intake/decision.py::decide) takes per mail.

    .venv/bin/python -m bench.intake [--rounds 5]

Runs every mail of the machine-mail corpus (fixtures/machine_mail/corpus) and the sample
mailbox through `decide()` (parsing excluded) and prints median and p95 milliseconds per mail
and the slowest mail. Target on a 2-core machine: median under 20 ms, p95 under 100 ms (the
judgement must stay small next to reading one document). Numbers only; nothing here asserts.

    .venv/bin/python -m bench.intake --score

Instead scores the corpus's decisions against its EXPECTED.json: machine mails answered,
people not answered (or answered at another address than expected), and every wrong outcome.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from fixtures.machine_mail.generate import CORPUS, FORWARDER
from mailbot.config import DEFAULT_SPAM_VERDICT_HEADERS, parse_spam_verdict_headers
from mailbot.intake import Action, IntakePolicy, decide
from mailbot.mime.parse import parse_mail

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "emails"
TARGET_MEDIAN_MS, TARGET_P95_MS = 20.0, 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--score", action="store_true", help="score the corpus's decisions")
    args = parser.parse_args()
    policy = IntakePolicy(own_addresses=frozenset({"hsm-documents@mailbot.example"}),
                          forwarders=frozenset({FORWARDER}),
                          spam_verdicts=parse_spam_verdict_headers(DEFAULT_SPAM_VERDICT_HEADERS))
    if args.score:
        score(policy)
        return
    mails = [(p.name, p.read_bytes()) for p in sorted([*CORPUS.glob("*.eml"),
                                                       *SAMPLE.glob("*.eml")])]
    parsed = [(name, raw, parse_mail(raw)) for name, raw in mails]
    timings: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, raw, mail in parsed:
            started = time.perf_counter()
            decide(mail, raw, policy)
            spent = (time.perf_counter() - started) * 1000
            timings[name] = min(timings.get(name, spent), spent)
    values = sorted(timings.values())
    p95 = values[int(0.95 * (len(values) - 1))]
    slowest = max(timings, key=lambda n: timings[n])
    print(f"intake.decide over {len(values)} mails (best of {args.rounds}):")
    print(f"  median {statistics.median(values):.1f} ms (target {TARGET_MEDIAN_MS:.0f}), "
          f"p95 {p95:.1f} ms (target {TARGET_P95_MS:.0f}), "
          f"slowest {timings[slowest]:.1f} ms ({slowest})")


OUTCOME = {Action.ANSWER: "answered", Action.IGNORE: "ignored", Action.HOLD: "held",
           Action.SET_ASIDE: "needs_review"}


def score(policy: IntakePolicy) -> None:
    expected = json.loads((CORPUS / "EXPECTED.json").read_text())
    machines_answered: list[str] = []
    people_missed: list[str] = []
    wrong: list[str] = []
    for name, entry in sorted(expected.items()):
        raw = (CORPUS / name).read_bytes()
        intake = decide(parse_mail(raw), raw, policy)
        got = OUTCOME[intake.action]
        if got == "answered" and entry["outcome"] != "answered":
            machines_answered.append(name)
        if entry["outcome"] == "answered" and (
                got != "answered" or intake.sender != entry["reply_to"]):
            people_missed.append(f"{name} ({got} {intake.sender or '-'})")
        listed = [*machines_answered[-1:], *people_missed[-1:]]
        if got != entry["outcome"] and not any(line.startswith(name) for line in listed):
            wrong.append(f"{name}: {got}, expected {entry['outcome']} ({intake.reason[:80]})")
    unanswerable = sum(1 for e in expected.values() if e["outcome"] != "answered")
    people = len(expected) - unanswerable
    print(f"{len(expected)} mails: {len(machines_answered)} of {unanswerable} that must get no "
          f"reply were answered; {len(people_missed)} of {people} people were not answered at "
          "their own address")
    for line in [*machines_answered, *people_missed, *wrong]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
