"""Kind accuracy of the classifier on the training generator's train and dev splits.

    python -m bench.kinds [--count 3000] [--seed 1] [--family-count 3000] [--sweep]

Each generated document goes through the real decision code (`classifiers.classify.verdict`,
the learned model, the review rules, the filled-in judgement) as the text extraction hands it
over. Dev is written only from wording reserved for dev (unseen template families), so it is the
number that speaks for documents nobody has generated. Printed per split: macro-F1 over the four
kinds, per-kind recall, look-alikes and blank forms that would count as a wanted document, the
share of wanted documents sent to HR review, and the confusion matrix.

Then the same for the family stage's corpus (`fixtures.training.family`: marriage, partnership and
birth certificates, proof of unmarried status, relationship declarations, parental consents and
their look-alikes, with the passports and forms a family sends too), and on the first kinds'
documents how many verdicts the family stage changed (it may only turn an `other` into a family
kind; a first kind's verdict it never moves).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.classify import verdict
from classifiers.extract import ExtractedFile, Page
from classifiers.kinds import FAMILY_KINDS, FIRST_KINDS, FORM_KINDS, WANTED
from classifiers.limits import DEFAULT_LIMITS, Limits
from classifiers.mrz import find_mrz
from classifiers.sniff import FileType
from classifiers.types import Classification, Kind
from fixtures.training import family
from fixtures.training.generate import Example, generate

KINDS = tuple(Kind)


@dataclass
class Report:
    split: str
    total: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    wanted: int = 0
    wanted_to_review: int = 0
    lookalikes_counted: list[str] = field(default_factory=list)
    blanks_counted: list[str] = field(default_factory=list)
    wrong: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: float = 0.0
    # Verdicts that differ from the first stage's alone, by (first stage's, final) kind.
    moved: Counter[tuple[str, str]] = field(default_factory=Counter)

    def recall(self, kind: Kind) -> float:
        row = sum(n for (truth, _), n in self.confusion.items() if truth == kind.value)
        return self.confusion[(kind.value, kind.value)] / row if row else 1.0

    def precision(self, kind: Kind) -> float:
        column = sum(n for (_, got), n in self.confusion.items() if got == kind.value)
        return self.confusion[(kind.value, kind.value)] / column if column else 1.0

    def f1(self, kind: Kind) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def macro_f1(self) -> float:
        """Over the kinds that occur in the documents: a kind nobody sent (the family kinds in
        this corpus) would score 1 and lift the mean."""
        present = [kind for kind in KINDS
                   if any(truth == kind.value for truth, _ in self.confusion)]
        return sum(self.f1(kind) for kind in present) / max(1, len(present))

    @property
    def review_share(self) -> float:
        return self.wanted_to_review / self.wanted if self.wanted else 0.0


def counts(result: Classification) -> bool:
    """Would the checklist tick this document? (A blank form does not; HR review does not.)"""
    if result.kind not in WANTED or result.review:
        return False
    return not (result.kind in FORM_KINDS and result.filled is False)


def text_pdf(texts: Sequence[str]) -> ExtractedFile:
    """Pages of text as the extraction hands a text PDF over: the MRZ is looked for in each
    page's lines."""
    pages = [Page(number, text, mrz=find_mrz(text.splitlines()))
             for number, text in enumerate(texts, start=1)]
    return ExtractedFile(FileType.PDF, pages)


def classify_text(item: Example, limits: Limits = DEFAULT_LIMITS,
                  family_stage: bool = True) -> Classification:
    return verdict(text_pdf(item.pages), limits, family=family_stage)


def _same(one: Classification, two: Classification) -> bool:
    return (one.kind, one.review, one.confidence, one.filled, one.reasons) == \
        (two.kind, two.review, two.confidence, two.filled, two.reasons)


def evaluate(items: Sequence[Example], split: str, limits: Limits = DEFAULT_LIMITS,
             compare_first_stage: bool = False) -> Report:
    report = Report(split)
    started = time.perf_counter()
    for number, item in enumerate(items):
        result = classify_text(item, limits)
        if compare_first_stage:
            first = classify_text(item, limits, family_stage=False)
            if not _same(first, result):
                report.moved[(first.kind.value + (" (review)" if first.review else ""),
                              result.kind.value)] += 1
        report.total += 1
        report.confusion[(item.kind, result.kind.value)] += 1
        if result.kind.value != item.kind:
            report.wrong[(item.label, result.kind.value)] += 1
        name = f"{split}#{number} {item.label}/{item.lang}"
        if item.kind != "other" and item.filled is not False:
            report.wanted += 1
            report.wanted_to_review += result.review
        if counts(result):
            if item.kind == "other" or result.kind.value != item.kind:
                report.lookalikes_counted.append(f"{name} counted as {result.kind.value}")
            elif item.filled is False:
                report.blanks_counted.append(name)
    report.seconds = time.perf_counter() - started
    return report


def show(report: Report, kinds: Sequence[Kind] = KINDS) -> str:
    """The figures; per-kind lines and the confusion matrix for `kinds` (and `other`), the
    verdicts of any other kind summed in one column."""
    lines = [f"== {report.split}: {report.total} documents, "
             f"{1000 * report.seconds / max(1, report.total):.1f} ms each",
             f"macro-F1 over the kinds present: {report.macro_f1:.3f}"]
    shown = tuple(dict.fromkeys((*kinds, Kind.OTHER)))
    for kind in shown:
        lines.append(f"  {kind.value:24s} recall {report.recall(kind):.3f}  "
                     f"precision {report.precision(kind):.3f}")
    lines.append(f"look-alikes counted as a wanted document: {len(report.lookalikes_counted)}"
                 + "".join(f"\n    {x}" for x in report.lookalikes_counted[:10]))
    lines.append(f"blank forms counted: {len(report.blanks_counted)}"
                 + "".join(f"\n    {x}" for x in report.blanks_counted[:10]))
    lines.append(f"wanted documents sent to HR review: {report.wanted_to_review} of "
                 f"{report.wanted} ({100 * report.review_share:.1f} %)")
    lines.append("confusion (rows: truth, columns: verdict)")
    rest = [k for k in KINDS if k not in shown]
    lines.append(" " * 24 + "".join(f"{k.value[:13]:>14s}" for k in shown) + f"{'the rest':>14s}")
    for truth in shown:
        lines.append(f"{truth.value:24s}" + "".join(
            f"{report.confusion[(truth.value, got.value)]:14d}" for got in shown)
            + f"{sum(report.confusion[(truth.value, got.value)] for got in rest):14d}")
    if report.wrong:
        lines.append("most frequent mistakes (fine label -> verdict): " + ", ".join(
            f"{label}->{got} {n}" for (label, got), n in report.wrong.most_common(8)))
    if report.moved or report.split.endswith("(first kinds)"):
        lines.append(f"verdicts the family stage changed: {sum(report.moved.values())}"
                     + "".join(f", {was} -> {now} {n}"
                               for (was, now), n in sorted(report.moved.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000, help="documents per split")
    parser.add_argument("--seed", type=int, default=1,
                        help="train uses the trainer's own seed; dev this one")
    parser.add_argument("--family-count", type=int, default=3000,
                        help="family documents per split (0: none)")
    parser.add_argument("--sweep", action="store_true",
                        help="also try review thresholds on dev (how the defaults were chosen)")
    args = parser.parse_args(argv)
    from fixtures.training.train import DEFAULT_SEED

    # The train figure re-reads (part of) the very documents the model was trained on.
    train = generate("train", args.count, DEFAULT_SEED)
    dev = generate("dev", args.count, args.seed)
    for report in (evaluate(train, "train (first kinds)", compare_first_stage=True),
                   evaluate(dev, "dev (first kinds)", compare_first_stage=True)):
        print(show(report, FIRST_KINDS))
    family_dev: list[Example] = []
    if args.family_count:
        family_train = family.generate("train", args.family_count, DEFAULT_SEED)
        family_dev = family.generate("dev", args.family_count, args.seed)
        for report in (evaluate(family_train, "train (family)"),
                       evaluate(family_dev, "dev (family)")):
            print(show(report, FAMILY_KINDS))
    if args.sweep:
        sweep(dev)
        if family_dev:
            sweep(family_dev, [("family_review_margin", v) for v in (0.1, 0.2, 0.3, 0.4, 0.5)]
                  + [("family_override", v) for v in (0.6, 0.7, 0.8, 0.9, 0.95)], dev)


def sweep(dev: Sequence[Example], trials: Sequence[tuple[str, float]] = (),
          first_kinds: Sequence[Example] = ()) -> None:
    """Each review threshold against what it costs: wanted documents sent to HR, and wrong or
    blank documents that would count; with `first_kinds`, also how many of their verdicts the
    family stage changed at that value."""
    base = DEFAULT_LIMITS
    print("review thresholds on dev: value -> wanted to review %, counted look-alikes, "
          "counted blanks, macro-F1" + (", first kinds' verdicts changed" if first_kinds
                                         else ""))
    if not trials:
        trials = [("review_margin", v) for v in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)]
        trials += [("review_form_paper", v) for v in (0.2, 0.35, 0.5, 0.8)]
    for name, value in trials:
        limits = Limits(**{**{f: getattr(base, f) for f in base.__dataclass_fields__},
                           name: value})
        report = evaluate(dev, "dev", limits)
        moved = ""
        if first_kinds:
            first = evaluate(first_kinds, "dev", limits, compare_first_stage=True)
            moved = f"  {sum(first.moved.values()):3d}"
        print(f"  {name}={value:<5} {100 * report.review_share:5.1f} %  "
              f"{len(report.lookalikes_counted):3d}  {len(report.blanks_counted):3d}  "
              f"{report.macro_f1:.3f}{moved}")


if __name__ == "__main__":
    main()
