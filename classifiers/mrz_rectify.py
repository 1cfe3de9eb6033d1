"""Undo a photo's keystone on an MRZ band: warp the zone back to level, evenly spaced lines.

A phone held at a slant photographs the zone as a trapezoid: its two lines slope differently
and the glyphs shrink toward the far end, so a level crop cuts through the lines and the equal
cells of `mrz_cells` do not fit. But the zone is flat and its lines are straight and of equal
length (44, 36 or 30 characters, first and last glyph one above the other), so the two
lines' centre lines and their ends are four points whose place on the page is known: a
homography through them makes the zone a rectangle again, whatever the tilt. No page edges
needed, so a desk full of other papers does not matter.

Cheap: the measures are taken on the band crop at a small size with numpy (milliseconds), and
the warp is one PIL transform of the crop.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from PIL import Image, ImageFilter

_STRIPS = 14             # vertical strips across the band in which the two lines are located
_WORK_LINE_SPACING = 24  # pixels between the two lines' centres at which measures are taken
_MIN_STRIPS = 6          # strips that must show both lines for the fit to be trusted
_SOLID = 0.92            # share of a strip's row inked beyond which it is an edge, not glyphs


@dataclass(frozen=True, slots=True)
class Rectified:
    """The band warped level: the image and its lines' spacing in it (pixels)."""

    image: Image.Image
    line_spacing: float
    # How far the lines were from level and even: 0 for a zone that needed no warp.
    correction: float


def _window(values: np.ndarray, size: int, reduce: str) -> np.ndarray:
    """The max or min over a size x size window around every pixel (separable, numpy only:
    PIL's rank filters cost a quarter of a second on a band)."""
    half = size // 2
    out = values
    for axis in (0, 1):
        padded = np.pad(out, [(half, half) if a == axis else (0, 0) for a in (0, 1)],
                        mode="edge")
        windows = np.lib.stride_tricks.sliding_window_view(padded, size, axis=axis)
        out = windows.max(axis=-1) if reduce == "max" else windows.min(axis=-1)
    return out


def _ink(grey: np.ndarray) -> np.ndarray:
    """Pixels clearly darker than their neighbourhood, the threshold scaled by local contrast
    so that glyphs faint under a reflection still count."""
    blur = ImageFilter.BoxBlur(8)
    background = np.asarray(Image.fromarray(grey).filter(blur), dtype=np.float32)
    lightest = np.asarray(Image.fromarray(_window(grey, 9, "max")).filter(blur),
                          dtype=np.float32)
    darkest = np.asarray(Image.fromarray(_window(grey, 9, "min")).filter(blur),
                         dtype=np.float32)
    span = np.maximum(lightest - darkest, 24.0)
    return grey.astype(np.float32) < background - 0.25 * span


def _line_centres(ink: np.ndarray) -> list[tuple[float, float, float, float, float]] | None:
    """Per strip: (x, centre of line 1, centre of line 2, height 1, height 2), where the strip
    shows exactly two lines of text."""
    width = ink.shape[1]
    out = []
    for index in range(_STRIPS):
        x0, x1 = index * width // _STRIPS, (index + 1) * width // _STRIPS
        profile = ink[:, x0:x1].mean(axis=1)
        # Smooth over a few rows so a glyph's thin waist does not split its line.
        profile = np.convolve(profile, np.ones(3) / 3, mode="same")
        # Rows of glyphs against the strip's densest row of glyphs (not of an edge).
        glyph_rows = profile[profile < _SOLID]
        rows = profile > max(0.06, float(glyph_rows.max(initial=0)) * 0.3)
        runs = []
        start = None
        for row, inked in enumerate([*rows.tolist(), False]):
            if inked and start is None:
                start = row
            elif not inked and start is not None:
                mass = profile[start:row]
                # A solid run is a page edge or a border, not glyphs.
                if row - start >= 3 and float(mass.max()) < _SOLID:
                    centre = float((np.arange(start, row) * mass).sum() / mass.sum())
                    runs.append((float(mass.sum()), centre, row - start))
                start = None
        pair = _two_lines(runs)
        if pair is None:
            continue
        upper, lower = pair
        out.append(((x0 + x1) / 2, upper[1], lower[1], upper[2], lower[2]))
    return out if len(out) >= _MIN_STRIPS else None


def _two_lines(runs: list[tuple[float, float, int]]
               ) -> tuple[tuple[float, float, int], tuple[float, float, int]] | None:
    """The two neighbouring runs (mass, centre, height) that look most like the zone's lines:
    alike in height and weight, a line and a half or so apart; the heaviest such pair."""
    best = None
    for upper, lower in pairwise(runs):
        heights = sorted((upper[2], lower[2]))
        masses = sorted((upper[0], lower[0]))
        distance = lower[1] - upper[1]
        mean_height = (upper[2] + lower[2]) / 2
        if heights[0] < 0.6 * heights[1] or masses[0] < 0.35 * masses[1] or \
                not 1.2 * mean_height <= distance <= 3.0 * mean_height:
            continue
        if best is None or upper[0] + lower[0] > best[0][0] + best[1][0]:
            best = (upper, lower)
    return best


def _fit(xs: np.ndarray, ys: np.ndarray, tolerance: float) -> tuple[float, float] | None:
    """A straight line y = a x + b through most points: the median of pairwise slopes
    (Theil-Sen, which strips crossing a page edge or a photo cannot sway), then least squares
    on the points within `tolerance` of it."""
    if len(xs) < 3:
        return None
    pairs = [(ys[j] - ys[i]) / (xs[j] - xs[i]) for i in range(len(xs))
             for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    slope = float(np.median(pairs))
    offset = float(np.median(ys - slope * xs))
    keep = np.abs(ys - (slope * xs + offset)) <= tolerance
    if keep.sum() < _MIN_STRIPS:
        return None
    a, b = np.polyfit(xs[keep], ys[keep], 1)
    return float(a), float(b)


def _line_ends(ink: np.ndarray, line: tuple[float, float], midline: tuple[float, float],
               glyph_height: float) -> tuple[float, float] | None:
    """The first and last inked column of the longest run of glyphs along one line.

    A glyph's ink stays within its line; a page edge or a photo's border crosses the gap
    between the lines too (`midline`), and ends the line as a word space does. Specks of
    noise are too light to be glyphs."""
    height, width = ink.shape
    columns = np.arange(width)

    def ink_along(slope: float, offset: float, half: float) -> np.ndarray:
        counts = np.zeros(width, dtype=np.int32)
        centres = slope * columns + offset
        for shift in np.arange(-half, half + 0.5, 1.0):
            rows = np.round(centres + shift).astype(int)
            inside = (rows >= 0) & (rows < height)
            counts[inside] += ink[rows[inside], columns[inside]]
        return counts

    counts = ink_along(*line, glyph_height / 2)
    barrier = ink_along(*midline, 1.0) > 0
    inked = (counts >= 2) & ~barrier
    padded = np.r_[False, inked, False].astype(np.int8)
    edges = np.diff(padded)
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    mass = np.array([counts[a:b].sum() for a, b in zip(starts, ends, strict=True)])
    glyphs = [(int(a), int(b)) for a, b, m in zip(starts, ends, mass, strict=True)
              if m >= 0.12 * glyph_height ** 2 and b - a <= 1.2 * glyph_height]
    if len(glyphs) < 10:
        return None
    # Glyphs a cell apart belong to the line; a word space (or a barrier) ends it.
    gap = 1.1 * glyph_height
    best = (0, 0)
    first = 0
    for index in range(1, len(glyphs) + 1):
        if index == len(glyphs) or glyphs[index][0] - glyphs[index - 1][1] > gap or \
                barrier[glyphs[index - 1][1]:glyphs[index][0]].any():
            if glyphs[index - 1][1] - glyphs[first][0] > glyphs[best[1]][1] - glyphs[best[0]][0]:
                best = (first, index - 1)
            first = index
    return float(glyphs[best[0]][0]), float(glyphs[best[1]][1])


def _homography(source: list[tuple[float, float]], target: list[tuple[float, float]]
                ) -> tuple[float, ...]:
    """PIL's PERSPECTIVE coefficients: for each output (target) point, its input (source)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    return tuple(float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs)))


# A band search's line height is the height of its smeared ink, about the glyph height and
# so two thirds of the line spacing, or half of it when a third "line" (a page edge) joined
# the band: the spacings tried, most likely first.
_SPACING_GUESSES = (1.6, 2.4, 1.0)


def rectify(crop: Image.Image, line_height: float) -> Rectified | None:
    """The two-line zone in `crop` (grey, about level) warped to a level rectangle, or None
    when two straight lines of equal length are not found in it.

    `line_height`: the band search's line height, in crop pixels (the size measures are
    taken at follows from it)."""
    for guess in _SPACING_GUESSES:
        rectified = _rectify_at(crop, guess * line_height)
        if rectified is not None:
            return rectified
    return None


def _rectify_at(crop: Image.Image, line_spacing: float) -> Rectified | None:
    factor = min(1.0, _WORK_LINE_SPACING / max(1.0, line_spacing))
    small = crop if factor == 1.0 else crop.resize(
        (max(1, round(crop.width * factor)), max(1, round(crop.height * factor))),
        Image.Resampling.BILINEAR)
    ink = _ink(np.asarray(small.convert("L")))
    strips = _line_centres(ink)
    if strips is None:
        return None
    table = np.array(strips)
    spacing = float(np.median(table[:, 2] - table[:, 1]))
    # Strips whose two "lines" are not the zone's (a page edge, a photo's border) are out.
    table = table[np.abs(table[:, 2] - table[:, 1] - spacing) <= 0.25 * spacing]
    if len(table) < _MIN_STRIPS:
        return None
    xs = table[:, 0]
    first = _fit(xs, table[:, 1], 0.2 * spacing)
    second = _fit(xs, table[:, 2], 0.2 * spacing)
    if first is None or second is None:
        return None
    glyph_height = float(np.median(table[:, 3:5]))
    if spacing < 1.2 * glyph_height:
        return None  # the "lines" overlap: not two lines of text
    midline = ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2)
    ends = [_line_ends(ink, line, midline, glyph_height) for line in (first, second)]
    if ends[0] is None or ends[1] is None:
        return None
    lengths = [end[1] - end[0] for end in ends]  # type: ignore[index]
    if min(lengths) < 0.85 * max(lengths) or min(lengths) < 15 * glyph_height:
        return None  # not two full lines of a zone (one is cut, or it is not an MRZ)
    (left1, right1), (left2, right2) = ends  # type: ignore[misc]
    corners = [(left1, first[0] * left1 + first[1]), (right1, first[0] * right1 + first[1]),
               (right2, second[0] * right2 + second[1]), (left2, second[0] * left2 + second[1])]
    # Back to the crop's own pixels; the output keeps the zone's size, level.
    corners = [(x / factor, y / factor) for x, y in corners]
    length = (corners[1][0] - corners[0][0] + corners[2][0] - corners[3][0]) / 2
    spacing_out = (corners[3][1] - corners[0][1] + corners[2][1] - corners[1][1]) / 2
    margin_x, margin_y = 1.5 * spacing_out, 1.0 * spacing_out
    target = [(margin_x, margin_y), (margin_x + length, margin_y),
              (margin_x + length, margin_y + spacing_out), (margin_x, margin_y + spacing_out)]
    size = (round(length + 2 * margin_x), round(spacing_out + 2 * margin_y))
    coefficients = _homography(corners, target)
    fill = int(np.median(np.asarray(crop.convert("L"))))
    warped = crop.convert("L").transform(size, Image.Transform.PERSPECTIVE, coefficients,
                                         resample=Image.Resampling.BICUBIC, fillcolor=fill)
    # How much the warp changed: the slopes' and the ends' departure from a level rectangle.
    correction = max(abs(corners[0][0] - corners[3][0]), abs(corners[1][0] - corners[2][0]),
                     abs(corners[0][1] - corners[1][1]), abs(corners[3][1] - corners[2][1])
                     ) / max(1.0, spacing_out)
    return Rectified(warped, spacing_out, correction)
