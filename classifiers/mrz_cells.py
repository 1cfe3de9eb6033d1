"""Read an MRZ band cell by cell: tesseract for the letters, OCR-B templates for the fillers.

Tesseract's English model reads the `<` filler as K, C, X or E, and as `K<` or `SK<` for two of
them. The check digits cannot catch it (K counts 20, `<` 0: the same modulo 10), and names have
no check digit at all. But an MRZ is monospaced: 44 (or 30, 36) equal cells per line. So the
band is cut into cells, each cell is compared with the OCR-B glyphs, and a cell that looks like
`<` is a filler whatever tesseract said; the other cells take tesseract's character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from classifiers.ocr import MRZ_ALPHABET, read_mrz_bands

_OCRB_FONTS = (Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
               Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"))
_GLYPH = (16, 20)  # width, height every glyph is compared at
LINE_LENGTHS = (44, 36, 30)
TEMPLATE_MARGIN = 0.12  # correlation by which the OCR-B shape must beat tesseract's character


@cache
def _templates() -> dict[str, np.ndarray] | None:
    path = next((p for p in _OCRB_FONTS if p.exists()), None)
    if path is None:
        return None
    font = ImageFont.truetype(str(path), 80)
    out: dict[str, np.ndarray] = {}
    for char in MRZ_ALPHABET:
        canvas = Image.new("L", (120, 120), 255)
        ImageDraw.Draw(canvas).text((20, 0), char, font=font, fill=0)
        out[char] = _normalise(np.asarray(canvas) < 128)
    return out


@cache
def _template_matrix() -> np.ndarray:
    """The templates as rows, in `_templates()` order (the MRZ alphabet's)."""
    templates = _templates()
    assert templates is not None
    return np.stack([template.ravel() for template in templates.values()])


def _normalise(ink: np.ndarray) -> np.ndarray:
    rows = np.nonzero(ink.any(axis=1))[0]
    cols = np.nonzero(ink.any(axis=0))[0]
    if len(rows) == 0:
        return np.zeros(_GLYPH[::-1], dtype=np.float32)
    glyph = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    image = Image.fromarray((glyph * 255).astype(np.uint8)).resize(_GLYPH,
                                                                    Image.Resampling.BILINEAR)
    vector = np.asarray(image, dtype=np.float32)
    vector -= vector.mean()
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _without_background(ink: np.ndarray) -> np.ndarray:
    """Blank out the table or shadow around the document that a photo's crop takes in.

    Text never fills most of a row or a column; background does.
    """
    cleaned = ink.copy()
    for _ in range(2):
        cleaned[:, cleaned.mean(axis=0) > 0.6] = False
        cleaned[cleaned.mean(axis=1) > 0.6, :] = False
    # What remains of the background hugs the edges: drop ink connected to a dark border run.
    for row in range(cleaned.shape[0]):
        line = cleaned[row]
        for edge in (line, line[::-1]):
            run = int(np.argmin(edge)) if not edge.all() else len(edge)
            if run > cleaned.shape[1] * 0.02:
                edge[:run] = False
    return cleaned


def _text_rows(ink: np.ndarray) -> list[tuple[int, int]]:
    profile = ink.sum(axis=1)
    inked = profile > max(2, ink.shape[1] * 0.02)
    rows: list[tuple[int, int]] = []
    start = None
    for index, value in enumerate(inked):
        if value and start is None:
            start = index
        elif not value and start is not None:
            rows.append((start, index))
            start = None
    if start is not None:
        rows.append((start, len(inked)))
    if not rows:
        return []
    tallest = max(bottom - top for top, bottom in rows)
    return [(top, bottom) for top, bottom in rows if bottom - top >= 0.5 * tallest]


def _cells(line_ink: np.ndarray, length: int) -> list[tuple[int, int]] | None:
    """Equal cells from the first to the last glyph; None when glyphs do not fit a grid."""
    height = line_ink.shape[0]
    columns = line_ink.sum(axis=0) >= max(1, height * 0.08)
    xs = np.nonzero(columns)[0]
    if len(xs) < length:
        return None
    segments: list[tuple[int, int]] = []
    start = previous = int(xs[0])
    for x in xs[1:]:
        if x > previous + 1:
            segments.append((start, previous + 1))
            start = int(x)
        previous = int(x)
    segments.append((start, previous + 1))
    widths = sorted(b - a for a, b in segments)
    glyph_width = widths[len(widths) // 2]
    left, right = segments[0][0], segments[-1][1]
    pitch = (right - left - glyph_width) / (length - 1)
    if pitch <= glyph_width * 0.8 or pitch > glyph_width * 2.5:
        return None
    return [(round(left + i * pitch), round(left + i * pitch + glyph_width)) for i in range(length)]


@dataclass(frozen=True, slots=True)
class CellGrid:
    """Where the cells of a prepared band are: its ink, text rows and equal cells per row."""

    ink: np.ndarray
    rows: tuple[tuple[int, int], ...]
    cells: tuple[tuple[tuple[int, int], ...], ...]


def grid(image: Image.Image) -> CellGrid | None:
    """The cell grid of a prepared (upright, tightly cropped, dark-on-light) band, or None.

    Computed without tesseract, so a band that does not fit a grid costs no tesseract read.
    """
    if _templates() is None:
        return None
    ink = _without_background(np.asarray(image.convert("L")) < 128)
    rows = _text_rows(ink)
    if len(rows) not in (2, 3):
        return None
    length_options = (30,) if len(rows) == 3 else (44, 36)
    grids: list[tuple[tuple[int, int], ...]] = []
    for top, bottom in rows:
        cells = next((c for n in length_options if (c := _cells(ink[top:bottom], n))), None)
        if cells is None:
            return None  # not a clean grid (a curved or keystoned photo): tesseract alone
        grids.append(tuple(cells))
    return CellGrid(ink, tuple(rows), tuple(grids))


def read_grid(cell_grid: CellGrid, chars: Sequence[tuple[str, float, float]]) -> list[str] | None:
    """The MRZ lines from the grid and tesseract's characters ((char, x, y), top-left origin)."""
    templates = _templates()
    assert templates is not None  # a grid exists only when the templates do
    lines: list[str] = []
    for (top, bottom), cells in zip(cell_grid.rows, cell_grid.cells, strict=True):
        line_ink = cell_grid.ink[top:bottom]
        read_here = [(c, x) for c, x, y in chars if top - 2 <= y <= bottom + 2]
        line = []
        guessed = 0
        # Every cell against every template at once: one row of scores per cell.
        table = _template_matrix() @ np.stack(
            [_normalise(line_ink[:, max(0, x0 - 1):x1 + 1]).ravel() for x0, x1 in cells]).T
        for index, (x0, x1) in enumerate(cells):
            scores = dict(zip(templates, table[:, index].tolist(), strict=True))
            best_other = max(score for char, score in scores.items() if char != "<")
            if scores["<"] >= best_other:
                line.append("<")
                continue
            inside = [c for c, x in read_here if x0 - 1 <= x <= x1 + 1 and c != "<"]
            shape = max((c for c in scores if c != "<"), key=scores.__getitem__)
            if not inside:
                guessed += 1
                line.append(shape)
            elif scores[shape] - scores[inside[0]] > TEMPLATE_MARGIN:
                # The glyph is clearly another OCR-B character than tesseract says (its English
                # model reads the OCR-B J as I, for one).
                line.append(shape)
            else:
                line.append(inside[0])
        if guessed > 2:
            return None  # the grid and tesseract disagree: the cells are not where we think
        lines.append("".join(line))
    return lines


def read_cells(image: Image.Image, timeout: float) -> list[str] | None:
    """The MRZ lines of a prepared (upright, tightly cropped, dark-on-light) band, or None."""
    cell_grid = grid(image)
    if cell_grid is None:
        return None
    return read_grid(cell_grid, read_mrz_bands([image], timeout=timeout)[0].chars)


# How much better the cell must match the OCR-B glyph of the character read than the G or 6 it
# weighs like. Measured on the seed-1 hard set: true 6s and Gs matched their own glyph by 0.3 to
# 0.6; on keystoned photos, where cells slide, the wrong glyph won by up to 0.28.
SHAPE_WITNESS_MARGIN = 0.45
_SHAPE_PAIRS = {"6": "G", "G": "6",
                # Pairs of these weigh alike at weights 7 and 3 (`mrz._balanced_pairs`); their
                # OCR-B shapes differ by a straight stroke (B, S, Z, I) against a curve.
                "8": "B", "B": "8", "5": "S", "S": "5", "2": "Z", "Z": "2", "1": "I", "I": "1"}


def shape_settled_positions(cell_grid: CellGrid, line2: str, positions: Sequence[int]
                            ) -> set[int]:
    """Positions of the second line (a 6 or a G, an 8 or a B, ...) whose glyph clearly is the
    character read.

    A 6 and a G pass every check digit alike; their OCR-B shapes differ (a closed bowl, a bar
    and an open one), so a clear match with the character read is a witness. O and 0 are too
    alike in OCR-B for this (both ovals): they are not judged here.
    """
    margins = _shape_margins(cell_grid, line2, positions)
    return {index for index, (margin, _) in margins.items() if margin >= SHAPE_WITNESS_MARGIN}


# A 6 read where the glyph is a G (or back): the other OCR-B shape must match better by this
# much, and the bowl must agree (a 6 encloses one, a G none). On the tuning sets (hard seed 1,
# desk seed 4100, the real development set) true Gs read as 6 matched the G by 0.46 to 0.56 and
# enclosed nothing; the worst true 6 matched the G by 0.38, with its bowl plain to see.
SHAPE_SWITCH_MARGIN = 0.40
_BOWL_SHARE = 0.1  # enclosed background, over the glyph's ink, that makes a bowl
_BOWLED = {"6": True, "G": False}


def shape_switched_positions(cell_grid: CellGrid, line2: str, positions: Sequence[int]
                             ) -> set[int]:
    """Positions of the second line read as 6 whose glyph clearly is a G, or read as G whose
    glyph clearly is a 6: both the OCR-B templates and the bowl say so."""
    margins = _shape_margins(cell_grid, line2, positions)
    return {index for index, (margin, cell) in margins.items()
            if line2[index] in _BOWLED and margin <= -SHAPE_SWITCH_MARGIN
            and encloses_bowl(cell) != _BOWLED[line2[index]]}


def _shape_margins(cell_grid: CellGrid, line2: str, positions: Sequence[int]
                   ) -> dict[int, tuple[float, np.ndarray]]:
    """For each position read as one of a look-alike pair: by how much its glyph matches the
    OCR-B shape of the character read better than the other's, and the cell's ink."""
    templates = _templates()
    if templates is None or len(cell_grid.rows) != 2 or len(cell_grid.cells[1]) != len(line2):
        return {}
    top, bottom = cell_grid.rows[1]
    line_ink = cell_grid.ink[top:bottom]
    margins = {}
    for index in positions:
        char = line2[index]
        other = _SHAPE_PAIRS.get(char)
        if other is None:
            continue
        x0, x1 = cell_grid.cells[1][index]
        cell = line_ink[:, max(0, x0 - 1):x1 + 1]
        glyph = _normalise(cell)
        margins[index] = (float((glyph * templates[char]).sum())
                          - float((glyph * templates[other]).sum()), cell)
    return margins


def encloses_bowl(ink: np.ndarray) -> bool:
    """Whether the glyph's ink closes a loop around some background (a 6's bowl, not a G)."""
    background = ~ink
    outside = np.zeros_like(background)
    for edge in (np.s_[0, :], np.s_[-1, :], np.s_[:, 0], np.s_[:, -1]):
        outside[edge] = background[edge]
    while True:  # grow the outside through background, four-connected, until it stops
        grown = outside.copy()
        grown[1:, :] |= outside[:-1, :]
        grown[:-1, :] |= outside[1:, :]
        grown[:, 1:] |= outside[:, :-1]
        grown[:, :-1] |= outside[:, 1:]
        grown &= background
        if np.array_equal(grown, outside):
            break
        outside = grown
    enclosed = int((background & ~outside).sum())
    return enclosed > 0 and enclosed >= _BOWL_SHARE * int(ink.sum())


# OCR-B prints digits taller than capitals (in the ISO font the digits stand about 8 % above
# the cap height), so an O and a 0, both ovals, differ in height. Measured on the cells of
# the second line: every glyph's height over that of the round digits (0 3 6 8 9) near it.
# The print must show the difference on this very line (some states' OCR-B does not, and a
# blurred photo hides it): the letters of the nationality and sex must stand at most
# LETTER_HEIGHT_GATE of the digits in the median (round ones such as G or U overshoot a
# little, up to LETTER_HEIGHT_LIMIT), and the round digits must agree among themselves within
# DIGIT_HEIGHT_SPREAD. On the tuning sets (desk seed 4100, the real development set, the hard
# set's clean pages) true Os of a line that passes measured 0.906-0.948, true 0s 0.97-1.03.
_ROUND_DIGITS = frozenset("03689")
_REFERENCE_DIGIT_POSITIONS = (9, *range(13, 20), *range(21, 28), 43)
_REFERENCE_LETTER_POSITIONS = (10, 11, 12, 20)
LETTER_HEIGHT_GATE = 0.95
LETTER_HEIGHT_LIMIT = 0.97
DIGIT_HEIGHT_SPREAD = 0.05
ROUND_LETTER_MAX = 0.955
ROUND_DIGIT_MIN = 0.97
_EDGE_MASS = 0.03  # share of a glyph's ink above its top edge (and below its bottom edge)


def _glyph_height(darkness: np.ndarray) -> float | None:
    """Sub-pixel height of the ink in a cell: between the rows above which, and below which,
    _EDGE_MASS of its darkness lies (a speck or a blurred edge moves it little)."""
    mass = np.cumsum(darkness.sum(axis=1))
    if mass[-1] <= 0:
        return None
    mass = mass / mass[-1]
    rows = np.arange(len(mass), dtype=np.float64)
    return float(np.interp(1 - _EDGE_MASS, mass, rows) - np.interp(_EDGE_MASS, mass, rows))


def round_positions(line2: str) -> list[int]:
    """The document number's positions (of a TD3 second line) read as O or 0."""
    return [i for i, char in enumerate(line2[0:9]) if char in "O0"]


def round_letters_by_height(grey: Image.Image, cell_grid: CellGrid, line2: str
                            ) -> dict[int, bool]:
    """For the document number's cells read as O or 0: whether each is the letter (True) or
    the digit (False), where the glyph's height tells; nothing when the line does not show
    OCR-B's digit height clearly.

    `grey`: the band before thresholding, in the grid's size (`cell_grid` was found on it).
    """
    if len(cell_grid.rows) != 2 or len(cell_grid.cells[1]) != len(line2) or len(line2) != 44:
        return {}
    wanted = round_positions(line2)
    if not wanted:
        return {}
    pixels = np.asarray(grey.convert("L"), dtype=np.float64)
    top, bottom = cell_grid.rows[1]
    band = pixels[max(0, top - 3):bottom + 3]
    paper, ink = np.percentile(pixels, 90), np.percentile(pixels, 3)
    darkness = np.clip((paper - band) / max(1.0, paper - ink), 0, 1)
    heights = [_glyph_height(darkness[:, x0:x1 + 1]) for x0, x1 in cell_grid.cells[1]]
    digits = [i for i in _REFERENCE_DIGIT_POSITIONS
              if line2[i] in _ROUND_DIGITS and heights[i]]
    letters = [i for i in _REFERENCE_LETTER_POSITIONS if line2[i].isalpha() and heights[i]]
    if len(digits) < 4 or len(letters) < 2:
        return {}

    def ratio(index: int) -> float:
        near = sorted((j for j in digits if j != index), key=lambda j: (abs(j - index), j))[:3]
        height = heights[index]
        assert height is not None
        return height / float(np.median([heights[j] for j in near]))

    letter_shares = [ratio(i) for i in letters]
    if float(np.median(letter_shares)) > LETTER_HEIGHT_GATE or \
            max(letter_shares) > LETTER_HEIGHT_LIMIT or \
            any(abs(ratio(i) - 1) > DIGIT_HEIGHT_SPREAD for i in digits):
        return {}
    judged: dict[int, bool] = {}
    for index in wanted:
        if heights[index] is None:
            continue
        share = ratio(index)
        if share <= ROUND_LETTER_MAX:
            judged[index] = True
        elif share >= ROUND_DIGIT_MIN:
            judged[index] = False
    return judged
