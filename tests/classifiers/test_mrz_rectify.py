"""Warping a keystoned zone level (`classifiers.mrz_rectify`): the lines come out level, of
equal length and evenly spaced, so that the equal cells of `mrz_cells` fit again; prose and
level zones are left alone."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers import mrz_cells, mrz_rectify
from fixtures.synth._raster import _perspective_coefficients

LINES = ("P<MEXRAMIREZ<<LUCIA<<<<<<<<<<<<<<<<<<<<<<<<<",
         "R16092KK74MEX8112185F3304226<<<<<<<<<<<<<<<6")
PITCH, SPACING, SIZE = 26, 56, 36
LINE_HEIGHT = 35  # what the band search measures for these lines: about the glyph height


def _font() -> ImageFont.FreeTypeFont:
    path = next((p for p in mrz_cells._OCRB_FONTS if p.exists()), None)
    if path is None:
        pytest.skip("the OCR-B font is not installed")
    return ImageFont.truetype(str(path), SIZE)


def _zone() -> Image.Image:
    """The two lines on plain paper, level, with a margin all round."""
    image = Image.new("L", (44 * PITCH + 160, 2 * SPACING + 120), 232)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(LINES):
        for column, char in enumerate(line):
            draw.text((80 + column * PITCH, 60 + row * SPACING), char, font=_font(), fill=25)
    return image


def _keystoned(image: Image.Image) -> Image.Image:
    """The zone as a tilted camera sees it: the right end farther away (smaller) and the top
    edge leaning, so the lines slope apart and the glyphs shrink to the right."""
    w, h = image.size
    seen = [(0, 10), (w * 0.92, 45), (w * 0.9, h - 30), (12, h)]
    coefficients = _perspective_coefficients(seen, [(0, 0), (w, 0), (w, h), (0, h)])
    return image.transform(image.size, Image.Transform.PERSPECTIVE, coefficients,
                           resample=Image.Resampling.BICUBIC, fillcolor=232)


def _lines(image: Image.Image) -> list[tuple[float, float, float, float]]:
    """Per text line: (slope of its ink's centre, left end, right end, centre row), measured
    with plain thresholds (independently of the code under test)."""
    ink = np.asarray(image) < 128
    rows = ink.sum(axis=1) > 3
    runs, start = [], None
    for index, inked in enumerate([*rows.tolist(), False]):
        if inked and start is None:
            start = index
        elif not inked and start is not None:
            if index - start >= 5:
                runs.append((start, index))
            start = None
    out = []
    for top, bottom in runs:
        band = ink[top:bottom]
        columns = np.nonzero(band.any(axis=0))[0]
        left, right = int(columns[0]), int(columns[-1])
        centres = []
        for x0 in (left, right - (right - left) // 6):
            part = band[:, x0:x0 + (right - left) // 6]
            ys = np.nonzero(part)[0]
            centres.append((x0 + (right - left) / 12, top + float(ys.mean())))
        slope = (centres[1][1] - centres[0][1]) / (centres[1][0] - centres[0][0])
        out.append((slope, left, right, top + float(np.nonzero(band)[0].mean())))
    return out


def test_a_keystoned_zone_comes_out_level_with_equal_cells() -> None:
    warped = _keystoned(_zone())
    before = _lines(warped)
    assert len(before) == 2
    assert abs(before[0][0] - before[1][0]) > 0.01  # the lines slope apart
    result = mrz_rectify.rectify(warped, LINE_HEIGHT)
    assert result is not None
    assert result.correction > 0.2
    after = _lines(result.image)
    assert len(after) == 2
    for slope, _, _, _ in after:
        assert abs(slope) < 0.004
    (_, left1, right1, centre1), (_, left2, right2, centre2) = after
    assert abs(left1 - left2) <= 3 and abs(right1 - right2) <= 3
    assert centre2 - centre1 == pytest.approx(result.line_spacing, rel=0.1)


def _pitch_ratio(image: Image.Image) -> float:
    """The glyph pitch at the right end of the second line over that at its left end."""
    ink = np.asarray(image) < 128
    rows = np.nonzero(ink.sum(axis=1) > 3)[0]
    lower = ink[rows[len(rows) // 2 + 2]:rows[-1] + 1]
    columns = np.r_[False, lower.any(axis=0), False].astype(np.int8)
    starts = np.nonzero(np.diff(columns) == 1)[0]
    pitches = np.diff(starts)
    return float(np.median(pitches[-8:]) / np.median(pitches[:8]))


def test_the_rectified_glyphs_are_evenly_spaced_along_the_line() -> None:
    warped = _keystoned(_zone())
    result = mrz_rectify.rectify(warped, LINE_HEIGHT)
    assert result is not None
    assert _pitch_ratio(warped) < 0.85
    assert _pitch_ratio(result.image) == pytest.approx(1.0, abs=0.06)


def test_a_level_zone_needs_almost_no_correction() -> None:
    result = mrz_rectify.rectify(_zone(), LINE_HEIGHT)
    assert result is not None
    assert result.correction < 0.05


def test_prose_and_a_single_line_are_not_a_zone() -> None:
    font = _font()
    prose = Image.new("L", (1300, 240), 235)
    draw = ImageDraw.Draw(prose)
    draw.text((40, 40), "the quick brown fox jumps over the lazy dog", font=font, fill=30)
    draw.text((40, 100), "short line", font=font, fill=30)
    draw.text((40, 160), "and a third one of another length here", font=font, fill=30)
    assert mrz_rectify.rectify(prose, LINE_HEIGHT) is None
    single = Image.new("L", (1300, 200), 235)
    ImageDraw.Draw(single).text((40, 80), LINES[1], font=font, fill=30)
    assert mrz_rectify.rectify(single, LINE_HEIGHT) is None
