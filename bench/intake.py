"""How long the intake judgement (mailbot/intake/decision.py::decide) takes per mail.

    .venv/bin/python -m bench.intake [--rounds 5]

Runs every mail of the machine-mail corpus (fixtures/machine_mail/corpus) and the sample
mailbox through `decide()` (parsing excluded) and prints median and p95 milliseconds per mail
and the slowest mail. Target on a 2-core machine: median under 20 ms, p95 under 100 ms (the
judgement must stay small next to reading one document). Numbers only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fixtures.machine_mail.generate import CORPUS, FORWARDER
from mailbot.config import DEFAULT_SPAM_VERDICT_HEADERS, parse_spam_verdict_headers
from mailbot.intake import IntakePolicy, decide
from mailbot.mime.parse import parse_mail

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "emails"
TARGET_MEDIAN_MS, TARGET_P95_MS = 20.0, 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    policy = IntakePolicy(own_addresses=frozenset({"hsm-documents@mailbot.example"}),
                          forwarders=frozenset({FORWARDER}),
                          spam_verdicts=parse_spam_verdict_headers(DEFAULT_SPAM_VERDICT_HEADERS))
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


if __name__ == "__main__":
    main()
