"""Combine the evidence units into one explainable verdict per page and per file."""

from __future__ import annotations

import hashlib
import itertools
import logging
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

from classifiers.evidence import FORM_LAYOUT, NEGATIVE_UNITS, POSITIVE_UNITS, PageView
from classifiers.extract import Document, ExtractError, Page, extract
from classifiers.filled import judge
from classifiers.limits import DEFAULT_LIMITS, Deadline, Limits
from classifiers.ocr import OcrUnavailable
from classifiers.sniff import FileType, sniff
from classifiers.types import Classification, Kind, PageVerdict, ReadError

log = logging.getLogger(__name__)

# A kind needs this many points on a page; a title alone has 6-7, a valid MRZ 10.
MIN_SCORE = 3.0
# Form kinds also need field labels or their own questions/statement, or they are a letter or
# leaflet that merely names the form.
FORM_KINDS = (Kind.ANTECEDENTS, Kind.TB_DECLARATION)
MIN_FORM_LAYOUT = 2.0
_CONTENT_UNITS = {"antecedents_questions", "tb_declaration_statement"}


@dataclass
class PageScore:
    page: Page
    scores: dict[Kind, float]
    reasons: dict[Kind, list[str]]
    negatives: list[str]
    kind: Kind = Kind.OTHER
    confidence: float = 0.0
    continued: bool = False


def classify(data: bytes, filename: str = "", limits: Limits | None = None) -> Classification:
    """The verdict on one file: an unreadable file is kind `other` with an error.

    Raises only `OcrUnavailable` (tesseract missing, broken or without its language data):
    that is a fault of this installation, not of the file, so it must not become a verdict."""
    limits = limits or DEFAULT_LIMITS
    key = hashlib.sha256(data).hexdigest() + repr(limits)
    cached = _RESULTS.get(key)
    if cached is not None:
        return cached
    try:
        result = _classify(data, limits)
    except ExtractError as error:
        result = _unreadable(error.code, error.detail, _safe_sniff(data))
    except OcrUnavailable:
        raise  # never cached: once tesseract is back, the same bytes are read for real
    except Exception as error:  # the promise is a verdict for every file, even on our own bugs
        log.exception("classifier failed on a %d-byte file (%s)", len(data), type(error).__name__)
        result = _unreadable(ReadError.CORRUPT, f"internal error ({type(error).__name__})",
                             _safe_sniff(data))
    _RESULTS.put(key, result)
    return result


def _safe_sniff(data: bytes) -> str | None:
    try:
        return sniff(data).value
    except Exception:
        return None


def _unreadable(code: ReadError, detail: str, detected: str | None) -> Classification:
    reasons = [code.describe()]
    if detail and detail != code.describe():
        reasons.append(detail)
    return Classification(kind=Kind.OTHER, confidence=1.0, reasons=tuple(reasons), error=code,
                          detected_type=detected)


def _classify(data: bytes, limits: Limits) -> Classification:
    if not data:
        raise ExtractError(ReadError.EMPTY)
    if len(data) > limits.max_bytes:
        raise ExtractError(ReadError.TOO_LARGE)
    detected = sniff(data)
    if detected in (FileType.OTHER, FileType.ZIP):
        raise ExtractError(ReadError.UNSUPPORTED_TYPE, f"detected type: {detected.value}")
    document = extract(data, detected, limits, Deadline(limits.timeout_seconds))
    return verdict(document)


def score_page(page: Page) -> PageScore:
    view = PageView(page.text, mrz=page.mrz, ocr=page.ocr, full_text_read=page.full_text_read)
    scores: dict[Kind, float] = {kind: 0.0 for kind in Kind if kind is not Kind.OTHER}
    reasons: dict[Kind, list[str]] = {kind: [] for kind in scores}
    content: dict[Kind, float] = {kind: 0.0 for kind in scores}
    for unit in POSITIVE_UNITS:
        result = unit.score(view)
        if result.score <= 0:
            continue
        kind = Kind(unit.kind)
        scores[kind] += result.score
        reasons[kind].extend(result.reasons)
        if unit.name in _CONTENT_UNITS:
            content[kind] += result.score
    layout = FORM_LAYOUT.score(view)
    for kind in FORM_KINDS:
        if scores[kind] > 0:
            if layout.score >= MIN_FORM_LAYOUT or content[kind] > 0:
                reasons[kind].extend(layout.reasons)
            else:
                scores[kind] /= 3
                reasons[kind].append("no form fields: it only names the form")
    negatives: list[str] = []
    for negative in NEGATIVE_UNITS:
        result = negative.score(view)
        if result.score <= 0:
            continue
        for name in negative.penalises:
            scores[Kind(name)] -= result.score
        negatives.extend(result.reasons)
    return PageScore(page, scores, reasons, negatives)


def _confidence(best: float, runner_up: float) -> float:
    strength = 1 - math.exp(-best / 4)
    margin = 1 - math.exp(-max(0.0, best - runner_up) / 3)
    return round(max(0.05, min(0.99, strength * (0.5 + 0.5 * margin))), 3)


def _decide(score: PageScore) -> None:
    ranked = sorted(score.scores.items(), key=lambda item: -item[1])
    (best_kind, best), (_, runner_up) = ranked[0], ranked[1]
    if best >= MIN_SCORE:
        score.kind = best_kind
        score.confidence = _confidence(best, max(runner_up, 0.0))
        if best_kind is Kind.PASSPORT and not (score.page.mrz and score.page.mrz.checks_ok):
            # Without a validated MRZ a passport is only a likely one.
            score.confidence = round(min(score.confidence, 0.6), 3)
    else:
        score.kind = Kind.OTHER
        score.confidence = _confidence(MIN_SCORE * 2 - max(best, 0.0), 0.0)


def verdict(document: Document) -> Classification:
    page_scores = [score_page(page) for page in document.pages]
    for score in page_scores:
        _decide(score)
    _carry_forms_over(page_scores)

    found: OrderedDict[Kind, list[PageScore]] = OrderedDict()
    for score in page_scores:
        if score.kind is not Kind.OTHER:
            found.setdefault(score.kind, []).append(score)
    if found:
        # Several documents in one scan: the first one names the file, the rest are listed.
        primary = next(iter(found))
        confidence = max(s.confidence for s in found[primary])
    else:
        primary = Kind.OTHER
        confidence = min(s.confidence for s in page_scores) if page_scores else 0.5

    reasons = _reasons(primary, found, page_scores)
    filled = None
    # `filled` speaks of the form in the file, also when a passport page comes first.
    form_kind = next((kind for kind in found if kind in FORM_KINDS), None)
    if form_kind is not None:
        form_pages = [s.page for s in found[form_kind]]
        filled_verdict = judge(form_pages, document.form_fields, document.embedded_images)
        filled = filled_verdict.filled
        reasons.extend(filled_verdict.reasons)
    passport = None
    for score in found.get(Kind.PASSPORT, []):
        reading = score.page.mrz
        usable = reading is not None and reading.passport is not None and reading.is_passport
        if usable and (passport is None or (reading.checks_ok and not passport.checks_ok)):
            passport = reading.passport
    if any(page.ocr for page in document.pages):
        reasons.append("read with OCR: " + ", ".join(
            f"page {p.number}" + (f" turned {p.rotation}°" if p.rotation else "")
            for p in document.pages if p.ocr))
    return Classification(
        kind=primary,
        confidence=confidence,
        reasons=tuple(dict.fromkeys(reasons)),
        filled=filled,
        pages=tuple(PageVerdict(s.page.number, s.kind, s.confidence, s.page.ocr)
                    for s in page_scores),
        passport=passport,
        detected_type=document.detected_type.value,
        kinds_found=tuple(found),
    )


def _carry_forms_over(page_scores: list[PageScore]) -> None:
    """A page with no evidence of its own after a form page is that form's next page."""
    for previous, current in itertools.pairwise(page_scores):
        if current.kind is not Kind.OTHER or previous.kind not in FORM_KINDS:
            continue
        if current.negatives or any(v >= MIN_SCORE for v in current.scores.values()):
            continue
        layout = FORM_LAYOUT.score(PageView(current.page.text))
        if layout.score >= 1.0 or current.scores[previous.kind] > 0:
            current.kind = previous.kind
            current.confidence = round(previous.confidence * 0.8, 3)
            current.continued = True


def _reasons(primary: Kind, found: OrderedDict[Kind, list[PageScore]],
             page_scores: list[PageScore]) -> list[str]:
    reasons: list[str] = []
    if primary is Kind.OTHER:
        reasons.append("no passport, antecedents certificate or TB declaration recognised")
        for score in page_scores:
            reasons.extend(score.negatives)
            best = max(score.scores, key=lambda k: score.scores[k])
            if score.scores[best] > 0:
                reasons.extend(score.reasons[best][:2])
                reasons.append(f"too little evidence for {best.value}")
        return reasons
    for score in found[primary]:
        if score.continued:
            continue
        reasons.extend(score.reasons[primary])
    if len(page_scores) > 1 or len(found) > 1:
        for kind, scores in found.items():
            pages = ", ".join(str(s.page.number) for s in scores)
            reasons.append(f"{kind.value} on page{'s' if len(scores) > 1 else ''} {pages}")
    for score in page_scores:
        if score.kind is primary:
            reasons.extend(score.negatives)
    return reasons


class _ResultCache:
    """The same bytes get the same verdict without being read twice."""

    def __init__(self, capacity: int = 256) -> None:
        self._items: OrderedDict[str, Classification] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def get(self, key: str) -> Classification | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, value: Classification) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_RESULTS = _ResultCache()


def clear_caches() -> None:
    """Forget every verdict and OCR result held in memory (tests and benchmarks)."""
    from classifiers import ocr

    _RESULTS.clear()
    ocr.CACHE.clear()


__all__ = ["classify", "clear_caches", "score_page", "verdict"]
