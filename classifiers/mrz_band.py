"""Locate the machine readable zone in a page image without OCR.

An MRZ is two (or three) lines of monospaced characters with no spaces between them: after
closing the small gaps between characters each line becomes one long dark run, much longer than
any run in ordinary printed text, where word spaces break it. Finding it this way costs a few
milliseconds, so tesseract only ever reads a narrow band at a good resolution.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

_WORK_WIDTH = 900
_MAX_LINE_RATIO = 70  # length / height beyond which a run of ink is a ruled line, not text


@dataclass(frozen=True, slots=True)
class Band:
    """A box (left, top, right, bottom) in the coordinates of the image searched."""

    box: tuple[int, int, int, int]
    lines: int
    line_height: int


def _ink(grey: Image.Image) -> np.ndarray:
    """Pixels clearly darker than their neighbourhood: text, whatever the lighting."""
    background = grey.filter(ImageFilter.BoxBlur(10))
    pixels = np.asarray(grey, dtype=np.int16)
    return pixels < np.asarray(background, dtype=np.int16) - 22


def _close_rows(ink: np.ndarray, gap: int) -> np.ndarray:
    """Fill horizontal gaps up to `gap` pixels in every row (a 1-D morphological closing)."""
    half = max(1, gap // 2)
    padded = np.pad(ink.astype(np.int32), ((0, 0), (half + 1, half + 1)))
    sums = np.cumsum(padded, axis=1)
    width = ink.shape[1]
    dilated = (sums[:, 2 * half + 1:2 * half + 1 + width] - sums[:, :width]) > 0
    padded = np.pad(dilated.astype(np.int32), ((0, 0), (half + 1, half + 1)), constant_values=1)
    sums = np.cumsum(padded, axis=1)
    return (sums[:, 2 * half + 1:2 * half + 1 + width] - sums[:, :width]) == 2 * half + 1


def _longest_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the length and the start of the longest run of True (the leftmost of equals)."""
    rows, width = mask.shape
    lengths = np.zeros(rows, dtype=np.int32)
    starts = np.zeros(rows, dtype=np.int32)
    padded = np.zeros((rows, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    # Every run's start and end, row by row and left to right in both lists, so they pair up.
    run_rows, run_starts = np.nonzero(edges == 1)
    run_ends = np.nonzero(edges == -1)[1]
    if len(run_rows) == 0:
        return lengths, starts
    spans = run_ends - run_starts
    # Per row, the longest run first, the leftmost among equally long ones.
    order = np.lexsort((run_starts, -spans, run_rows))
    first = order[np.r_[True, run_rows[order][1:] != run_rows[order][:-1]]]
    lengths[run_rows[first]] = spans[first]
    starts[run_rows[first]] = run_starts[first]
    return lengths, starts


# The thorough search's shortest line, as a share of the picture's width: a zone across a
# page that fills a fifth of a photo taken on a desk.
THOROUGH_MIN_SHARE = 0.16


def find_bands(grey: Image.Image, *, thorough: bool = False) -> list[Band]:
    """Candidate MRZ bands, most likely first, in the coordinates of `grey`.

    `thorough`: also lines much shorter than the longest run of ink in the picture (a page
    small on a desk among other papers, whose edges and lines run longer than its zone);
    more candidates, so for a second search only."""
    factor, small = _work_size(grey)
    return _bands_in_ink(_ink(small), factor, thorough=thorough)


def find_turned_bands(grey: Image.Image, angles: Sequence[float]
                      ) -> Iterator[tuple[float, list[Band]]]:
    """The thorough search with `grey` turned by each angle in turn (counter-clockwise, as
    `Image.rotate(angle, expand=True)` turns it): (angle, bands in that turned picture).

    A page lying at its own slant among other papers: the usual deskew levels the papers, not
    the page. The ink is found once and only its mask is turned, so each angle costs a few
    milliseconds."""
    factor, small = _work_size(grey)
    mask = Image.fromarray(_ink(small).astype(np.uint8) * 255)
    for angle in angles:
        turned = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST,
                                        expand=True)) > 0
        yield angle, _bands_in_ink(turned, factor, thorough=True)


def _work_size(grey: Image.Image) -> tuple[float, Image.Image]:
    factor = min(1.0, _WORK_WIDTH / grey.width)
    small = grey if factor == 1.0 else grey.resize(
        (round(grey.width * factor), max(1, round(grey.height * factor))),
        Image.Resampling.BILINEAR)
    return factor, small


def _bands_in_ink(raw_ink: np.ndarray, factor: float, *, thorough: bool) -> list[Band]:
    ink = _smear_columns(raw_ink, reach=max(2, raw_ink.shape[0] // 150))
    width = ink.shape[1]
    bands: list[tuple[float, Band]] = []
    # Characters in an MRZ sit about a third of their pitch apart; a word space is a full pitch.
    # The pitch depends on how much of the frame the document fills, hence two gap sizes.
    for gap in (max(4, width // 90), max(6, width // 55)):
        bands.extend(_bands_for_gap(ink, gap, factor, thorough=thorough))
    bands.sort(key=lambda item: -item[0])
    unique: list[Band] = []
    for _, band in bands:
        if not any(_overlaps(band.box, seen.box) for seen in unique):
            unique.append(band)
    return unique


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _smear_columns(ink: np.ndarray, reach: int) -> np.ndarray:
    """Spread ink up and down by `reach` rows so a row crosses every character of its line."""
    padded = np.pad(ink.astype(np.int32), ((reach + 1, reach), (0, 0)))
    sums = np.cumsum(padded, axis=0)
    height = ink.shape[0]
    return (sums[2 * reach + 1:2 * reach + 1 + height] - sums[:height]) > 0


def _bands_for_gap(ink: np.ndarray, gap: int, factor: float, *, thorough: bool = False
                   ) -> list[tuple[float, Band]]:
    width = ink.shape[1]
    closed = _close_rows(ink, gap=gap)
    lengths, starts = _longest_runs(closed)
    threshold = width * THOROUGH_MIN_SHARE if thorough else \
        max(width * 0.3, float(lengths.max(initial=0)) * 0.6)
    text_rows = lengths >= threshold
    # A crooked line dips below the threshold for a row or two: bridge such gaps.
    for gap_start in np.nonzero(~text_rows)[0]:
        if 0 < gap_start < len(text_rows) - 2 and text_rows[gap_start - 1] and (
                text_rows[gap_start + 1] or text_rows[gap_start + 2]):
            text_rows[gap_start] = True
    runs: list[tuple[int, int, int, int]] = []  # top, bottom, left, right
    row = 0
    while row < len(text_rows):
        if not text_rows[row]:
            row += 1
            continue
        top = row
        while row < len(text_rows) and text_rows[row]:
            row += 1
        bottom = row
        if bottom - top >= 3:
            left = int(np.median(starts[top:bottom]))
            runs.append((top, bottom, left, left + int(np.median(lengths[top:bottom]))))
    # 44 characters are about 30 character heights long; a ruled line is far longer for its
    # height, a word far shorter.
    lines = [run for run in _join_split_lines(runs)
             if 10 <= (run[3] - run[2]) / (run[1] - run[0]) <= _MAX_LINE_RATIO]
    groups: list[list[tuple[int, int, int, int]]] = []
    for index, first in enumerate(lines):
        group = [first]
        for following in lines[index + 1:index + 3]:
            previous = group[-1]
            height = previous[1] - previous[0]
            gap = following[0] - previous[1]
            similar = abs((following[3] - following[2]) - (first[3] - first[2])) \
                <= 0.15 * (first[3] - first[2])
            if gap <= 2.5 * height + 2 and similar:
                group.append(following)
            else:
                break
        # Two MRZ lines set close together, small in the frame, smear into one block about
        # half as long for its height as a single line would be.
        block = (first[3] - first[2]) / (first[1] - first[0]) < 18
        if len(group) >= 2:
            groups.append(group)
        if block and (len(group) < 2 or thorough):
            # Thorough: the block also on its own, for a page edge below a small page's zone
            # groups with it as a "line" of the same length.
            top, bottom, left, right = first
            groups.append([(top, (top + bottom) // 2, left, right),
                           ((top + bottom) // 2, bottom, left, right)])
    bands: list[tuple[float, Band]] = []
    for group in groups:
        top, bottom = group[0][0], group[-1][1]
        left = min(g[2] for g in group)
        right = max(g[3] for g in group)
        line_height = int(np.median([g[1] - g[0] for g in group]))
        margin_y = max(4, line_height)
        margin_x = max(6, 2 * line_height)
        box = (max(0, left - margin_x), max(0, top - margin_y),
               min(width, right + margin_x), min(ink.shape[0], bottom + margin_y))
        scaled = tuple(round(v / factor) for v in box)
        score = (right - left) * len(group)
        bands.append((score, Band(scaled, len(group), round(line_height / factor))))  # type: ignore[arg-type]
    return bands


def _join_split_lines(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Rejoin the halves of one line that its middle rows split.

    Widely spaced fillers touch the middle rows of a line only with their tips, so in a zone
    with a long filler run (`IRMA<<<<<<<<`) the middle rows' runs break even where the top and
    bottom halves are one long run each: two thin "lines" a few rows apart, each too long for
    its height. They are one line when neither is a line on its own (each too long for its
    height), the gap is no taller than either and they span the same columns: two real
    lines set close together (a small or slanted zone) are left apart."""

    def too_thin(run: tuple[int, int, int, int]) -> bool:
        return (run[3] - run[2]) / max(1, run[1] - run[0]) > _MAX_LINE_RATIO

    joined: list[tuple[int, int, int, int]] = []
    for run in runs:
        if joined:
            top, bottom, left, right = joined[-1]
            gap = run[0] - bottom
            overlap = min(right, run[3]) - max(left, run[2])
            if too_thin(joined[-1]) and too_thin(run) and \
                    gap <= max(2, min(bottom - top, run[1] - run[0])) and \
                    overlap >= 0.8 * max(right - left, run[3] - run[2]):
                joined[-1] = (top, run[1], min(left, run[2]), max(right, run[3]))
                continue
        joined.append(run)
    return joined


def looks_monospaced(crop: Image.Image) -> bool:
    """Whether the lines of a band are runs of evenly spaced glyphs without word spaces.

    An MRZ has no spaces (fillers are ink), so gaps between glyphs are all alike; printed
    prose has a word space every few letters. Cheap enough to spare tesseract most bands.
    """
    grey = crop.convert("L")
    if grey.width > 1200:
        grey = grey.resize((1200, max(1, round(grey.height * 1200 / grey.width))))
    ink = _ink(grey)
    # A page's edge or a photo's border crossing the crop (a small page on a desk) would ink
    # every row and join the lines into one: text never fills most of a column or a row.
    ink[:, ink.mean(axis=0) > 0.6] = False
    ink[ink.mean(axis=1) > 0.6, :] = False
    rows = ink.sum(axis=1) > max(2, ink.shape[1] * 0.02)
    lines: list[tuple[int, int]] = []
    start = None
    for index, inked in enumerate([*rows, False]):
        if inked and start is None:
            start = index
        elif not inked and start is not None:
            if index - start >= 4:
                lines.append((start, index))
            start = None
    checked = 0
    for top, bottom in lines:
        columns = ink[top:bottom].any(axis=0)
        xs = np.nonzero(columns)[0]
        if len(xs) < 20:
            continue
        gaps = np.diff(xs)
        gaps = gaps[gaps > 1]
        if len(gaps) < 15:
            continue
        typical = float(np.median(gaps))
        word_spaces = int((gaps > max(4.0, 2.5 * typical)).sum())
        checked += 1
        if word_spaces > 3:
            return False
    return checked >= 2
