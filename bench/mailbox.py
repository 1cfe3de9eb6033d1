"""End-to-end throughput: 200 mixed mails APPENDed to a real Dovecot, replies caught by aiosmtpd.

    .venv/bin/python bench/mailbox.py [--mails 200] [--seed 7] [--batch-size 20]

Measures from the first APPEND to the last reply received by the SMTP server, running the real
worker (`mailbot.boot.build_worker`, the same code as `mailbot run`) in this process so the time
can be split: IMAP (fetch + file, on the worker's side), SMTP (deliver), document work
(classifier calls), and the rest of the pipeline (MIME parsing, checklist, replies, database).

The mix: first contacts without attachments, text-PDF forms, passport scans (PNG, OCR), forwarded
mails, a few candidates writing twice, out-of-office replies and bounces (stored, not answered).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this file's folder comes first on sys.path, and its name would shadow the
# stdlib `mailbox` module that the folder source imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

T = TypeVar("T")


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def wrap(self, name: str, function: Callable[..., T]) -> Callable[..., T]:
        def timed(*args: Any, **kwargs: Any) -> T:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started
                self.calls[name] += 1

        return timed

    def wrap_iter(self, name: str, function: Callable[..., Iterator[T]]) -> Callable[..., Any]:
        """Time only the iterator's own work (IMAP), not what the consumer does in between."""

        def timed(*args: Any, **kwargs: Any) -> Iterator[T]:
            started = time.perf_counter()
            iterator = function(*args, **kwargs)
            self.seconds[name] += time.perf_counter() - started
            while True:
                started = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.seconds[name] += time.perf_counter() - started
                    return
                self.seconds[name] += time.perf_counter() - started
                yield item

        return timed


def build_mails(count: int, seed: int) -> tuple[list[bytes], int]:
    """The mixed mailbox; returns the raw mails and how many distinct people expect a reply."""
    from fixtures.synth import documents as synth
    from fixtures.synth.people import people
    from tests.mail.messages import bounce, forwarded, out_of_office, person_mail

    rng = random.Random(seed)
    crowd = people(seed, count)
    passports: dict[int, bytes] = {}
    mails: list[bytes] = []
    answered: set[str] = set()
    for i in range(count):
        # A few people write twice; their second mail often brings the next document.
        who = crowd[rng.randrange(max(1, count // 6))] if rng.random() < 0.15 else crowd[i]
        sender, name = who.email, f"{who.given_names} {who.surname}"
        kind = rng.choices(
            ["plain", "antecedents", "tb", "passport", "forwarded", "ooo", "bounce"],
            weights=[25, 22, 13, 15, 8, 10, 7],
        )[0]
        if kind == "ooo":
            mails.append(out_of_office(sender, name, minute=i)[1])
            continue
        if kind == "bounce":
            mails.append(bounce(sender, f"<earlier-{i}@mailbot.example>")[1])
            continue
        attachments: tuple[tuple[str, bytes, str], ...] = ()
        if kind == "antecedents":
            attachments = (("antecedents.pdf", synth.antecedents(who), "application/pdf"),)
        elif kind == "tb":
            attachments = (("tb-declaration.pdf", synth.tb_declaration(who), "application/pdf"),)
        elif kind in ("passport", "forwarded"):
            key = id(who)
            if key not in passports:
                passports[key] = synth.passport(who, "png", seed=i)
            attachments = (("passport.png", passports[key], "image/png"),)
        _mid, raw = person_mail(sender, name, attachments=attachments, minute=i)
        if kind == "forwarded":
            _mid, raw = forwarded(sender, name, raw, minute=i)
        mails.append(raw)
        answered.add(sender)
    return mails, len(answered)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mails", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=20, help="MAILBOT_IMAP_BATCH_SIZE")
    args = parser.parse_args(argv)

    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    print(f"building {args.mails} mails (seed {args.seed}) ...", flush=True)
    started = time.perf_counter()
    mails, people_answered = build_mails(args.mails, args.seed)
    print(f"  {len(mails)} mails, {sum(map(len, mails)) / 1e6:.1f} MB, from "
          f"{people_answered} people who expect a reply ({time.perf_counter() - started:.1f} s)")

    tmp = Path(tempfile.mkdtemp(prefix="mailbot-bench-"))
    tmp.chmod(0o711)  # Dovecot's own users must reach its folder below
    try:
        return run(args, mails, people_answered, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, mails: list[bytes], people_answered: int, tmp: Path) -> int:
    from mailbot.boot import build_worker
    from mailbot.config import load_settings
    from tests.support.dovecot import DovecotServer
    from tests.support.smtp_server import SmtpServer

    with DovecotServer(tmp / "dovecot") as imap, SmtpServer() as smtp:
        settings = load_settings(
            data_dir=tmp / "data",
            database_url="",
            imap_batch_size=args.batch_size,
            **imap.settings_overrides(),
            **smtp.settings_overrides(),
        )
        worker = build_worker(settings)
        watch = Stopwatch()
        source, delivery = worker.source, worker.delivery
        source.fetch = watch.wrap_iter("imap", source.fetch)  # type: ignore[method-assign]
        source.file = watch.wrap("imap", source.file)  # type: ignore[method-assign]
        delivery.deliver = watch.wrap("smtp", delivery.deliver)  # type: ignore[method-assign]
        delivery.already_delivered = watch.wrap(  # type: ignore[method-assign]
            "smtp", delivery.already_delivered
        )
        worker.classify = watch.wrap("documents", worker.classify)

        t0, t0_wall = time.perf_counter(), time.time()
        imap.append_many(mails)
        appended = time.perf_counter()
        cycles, processing = 0, 0.0
        while True:
            report = worker.run_cycle()
            cycles += 1
            processing += report.seconds_in_documents
            if report.fetched == 0 and report.sent == 0 and not imap.messages("INBOX"):
                break
            if cycles > 20:
                print("giving up after 20 cycles", file=sys.stderr)
                break
        worker_seconds = time.perf_counter() - appended
        received = smtp.received
        span = max((r.received_at for r in received), default=time.time()) - t0_wall
        worker.source.close()
        worker.delivery.close()

    imap_s, smtp_s = watch.seconds["imap"], watch.seconds["smtp"]
    docs_s = watch.seconds["documents"]
    rest = max(0.0, worker_seconds - imap_s - smtp_s - processing)
    replies = [r for r in received if r.envelope_to != [settings.hr_address]]
    print()
    print(f"mails appended          {len(mails)}  (APPEND took {appended - t0:.1f} s)")
    print(f"replies received        {len(replies)}  to {len({r.envelope_to[0] for r in replies})}"
          f" people (expected {people_answered}); HR mails {len(received) - len(replies)}")
    print(f"cycles                  {cycles}")
    print(f"APPEND → last reply     {span:.1f} s   →  {len(mails) / span * 60:.0f} mails/minute")
    print(f"worker time             {worker_seconds:.1f} s")
    for label, seconds in (
        ("  IMAP (fetch + file)", imap_s),
        ("  SMTP (deliver)", smtp_s),
        ("  document work", docs_s),
        ("  parse/rules/DB", max(0.0, processing - docs_s)),
        ("  other (reply, outbox)", rest),
    ):
        print(f"{label:<24}{seconds:7.1f} s  {seconds / worker_seconds:6.1%}")
    print(f"IMAP+SMTP share         {(imap_s + smtp_s) / worker_seconds:.1%}   "
          f"document work share {docs_s / worker_seconds:.1%}")
    return 0 if len({r.envelope_to[0] for r in replies}) == people_answered else 1


if __name__ == "__main__":
    sys.exit(main())
