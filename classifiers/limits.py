"""How much of a file the classifier is willing to read."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one file. Past any of them the verdict is `other` with a ReadError."""

    max_bytes: int = 25 * 1024 * 1024
    max_pages: int = 40
    # A 600 dpi A4 scan is 35 Mpx; a 48 Mpx phone photo is the largest honest image.
    max_pixels: int = 60_000_000
    timeout_seconds: float = 60.0
    # One tesseract call may not take more than this, so one bad page cannot eat the budget.
    page_timeout_seconds: float = 20.0


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
