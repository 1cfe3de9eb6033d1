"""The shape every evidence unit shares, and phrase matching that survives OCR."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from classifiers.mrz import MrzReading


@dataclass(frozen=True, slots=True)
class Evidence:
    """How strongly a unit believes in its kind (0 = no sign of it), and why."""

    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase in one language, worth `weight` points when it occurs at least once."""

    text: str
    weight: float
    language: str = "en"
    label: str = ""  # how a reason names it; defaults to the phrase itself


@dataclass
class PageView:
    """What the evidence units may look at for one page."""

    text: str
    mrz: MrzReading | None = None
    ocr: bool = False
    full_text_read: bool = True
    extras: dict[str, object] = field(default_factory=dict)

    @cached_property
    def plain(self) -> str:
        """Lower case, accents removed, runs of white space collapsed."""
        decomposed = unicodedata.normalize("NFKD", self.text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return re.sub(r"\s+", " ", stripped.lower())

    @cached_property
    def compact(self) -> str:
        """Only letters and digits: OCR's split and joined words and hyphenation stop mattering."""
        return re.sub(r"[^a-z0-9]", "", self.plain)

    def has(self, phrase: str) -> bool:
        return contains(self, phrase)


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def contains(view: PageView, phrase: str) -> bool:
    """Long phrases match ignoring spaces and punctuation; short ones must be whole words."""
    key = _compact(phrase)
    if len(key) >= 8:
        return key in view.compact
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase.lower())}(?![a-z0-9])",
                     view.plain) is not None


def score_phrases(view: PageView, phrases: tuple[Phrase, ...]) -> tuple[float, list[str]]:
    total = 0.0
    found: list[str] = []
    for phrase in phrases:
        if contains(view, phrase.text):
            total += phrase.weight
            found.append(phrase.label or phrase.text)
    return total, found


def quote(found: list[str], limit: int = 4) -> str:
    shown = ", ".join(f"'{p}'" for p in found[:limit])
    return shown + (f" and {len(found) - limit} more" if len(found) > limit else "")


class EvidenceUnit:
    """One named piece of evidence for one kind."""

    name: str = ""
    kind: str = ""
    description: str = ""

    def score(self, view: PageView) -> Evidence:
        raise NotImplementedError


class FormTitle(EvidenceUnit):
    """An IND form's title (the strongest phrase found counts) plus its footer code."""

    PHRASES: tuple[Phrase, ...] = ()
    footer_code: str = ""

    def score(self, view: PageView) -> Evidence:
        _, found = score_phrases(view, self.PHRASES)
        weights = {p.text: p.weight for p in self.PHRASES}
        points = max((weights[text] for text in found), default=0.0)
        reasons = [f"title: {quote(found[:1])}"] if found else []
        if view.has(self.footer_code):
            points += 1.0
            reasons.append(f"IND form code {self.footer_code}")
        return Evidence(points, tuple(reasons))
