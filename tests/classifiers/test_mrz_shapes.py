"""The glyph-shape witness: a 6 and a G weigh alike in every check digit, OCR-B draws them apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers import mrz_cells
from tests.classifiers.test_mrz import LINE1, zone

LINE2 = zone(number="616174876")


def _band(line1: str, line2: str, font_path: Path | None = None) -> Image.Image:
    """Both lines set as a passport prints them (in OCR-B unless told): dark on light,
    monospaced."""
    path = font_path or next((p for p in mrz_cells._OCRB_FONTS if p.exists()), None)
    if path is None or not path.exists():
        pytest.skip("the font is not installed")
    font = ImageFont.truetype(str(path), 36)
    pitch, gap = 26, 52
    image = Image.new("L", (44 * pitch + 40, 2 * gap + 30), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate((line1, line2)):
        for column, char in enumerate(line):
            draw.text((20 + column * pitch, 15 + row * gap), char, font=font, fill=0)
    return image


def test_a_clear_6_and_a_clear_g_are_settled_as_read() -> None:
    band = _band(LINE1, LINE2)
    cell_grid = mrz_cells.grid(band)
    assert cell_grid is not None
    sixes = [i for i in range(9) if LINE2[i] == "6"]
    assert mrz_cells.shape_settled_positions(cell_grid, LINE2, sixes) == set(sixes)
    with_g = "G" + LINE2[1:]
    g_grid = mrz_cells.grid(_band(LINE1, with_g))
    assert g_grid is not None
    assert mrz_cells.shape_settled_positions(g_grid, with_g, [0]) == {0}


def test_a_glyph_is_never_a_witness_for_the_character_it_is_not() -> None:
    # The band prints 6; a reading that says G there gets no support from the shape.
    cell_grid = mrz_cells.grid(_band(LINE1, LINE2))
    assert cell_grid is not None
    misread = "G" + LINE2[1:]
    assert mrz_cells.shape_settled_positions(cell_grid, misread, [0]) == set()


def test_o_and_zero_are_not_judged_by_shape() -> None:
    line2 = zone(number="L30686005")
    cell_grid = mrz_cells.grid(_band(LINE1, line2))
    assert cell_grid is not None
    assert mrz_cells.shape_settled_positions(cell_grid, line2, [6, 7]) == set()
