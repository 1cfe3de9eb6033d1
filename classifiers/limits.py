"""How much of a file the classifier is willing to read."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one file. Past any of them the verdict is `other` with a ReadError."""

    max_bytes: int = 25 * 1024 * 1024
    # A candidate's document is a few pages, and every page may need OCR.
    max_pages: int = 30
    # A 600 dpi A4 scan is 35 Mpx; a 48 Mpx phone photo is the largest honest image.
    max_pixels: int = 60_000_000
    timeout_seconds: float = 60.0
    # One tesseract call may not take more than this, so one bad page cannot eat the budget.
    page_timeout_seconds: float = 20.0
    # When the verdict goes to HR instead of counting or being rejected (`review`). Measured on
    # the dev split of the training generator (template families unseen in training) with
    # `python -m bench.kinds --sweep`: on 1500 dev documents, margins 0.1-0.6 all let the same
    # one look-alike count (a TB referral form read confidently as the declaration), while the
    # share of wanted documents sent to HR grew from ~3 % to ~7 %; 0.3 keeps it near 4 %.
    # A page is uncertain when the two most likely kinds (one of them wanted) are closer than
    # this in probability.
    review_margin: float = 0.3
    # A page about TB or antecedents that is at least this likely to be a form to fill in, yet
    # not placed as the wanted form, is uncertain.
    review_form_paper: float = 0.35
    # A validated passport MRZ on a page whose read text is less likely than this to be a
    # passport data page (a letter or certificate quoting one, a photocopy on a form) is
    # uncertain; an MRZ that only mostly validates needs the text to agree this much.
    review_mrz_text: float = 0.2
    # The family stage (a file the first kinds' model calls `other`): a page whose most likely
    # two kinds, one of them a family document, are closer than this is uncertain. Measured
    # like `review_margin`, on the family dev split (`python -m bench.kinds --sweep`).
    family_review_margin: float = 0.3
    # A page the first stage gave one of its kinds, or sent to HR, goes to a family kind only
    # when the family stage is at least this sure, and the page names neither tuberculosis nor
    # criminal antecedents (`classifiers.classify.family_call`).
    family_override: float = 0.9


DEFAULT_LIMITS = Limits()


def apply_pixel_limit(limits: Limits) -> None:
    # Pillow's own bomb check raises DecompressionBombError past twice this value and only
    # warns below it; the extractor compares the size itself, this is the second line of defence.
    Image.MAX_IMAGE_PIXELS = limits.max_pixels


class Deadline:
    """The time left for one file."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def budget(self, cap: float) -> float:
        """Seconds one step may take: at most `cap`, never past the deadline, never zero."""
        return max(0.5, min(cap, self.remaining()))
