"""The glyph-shape witness: a 6 and a G weigh alike in every check digit, OCR-B draws them apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


# --- a G read as 6 (or back), switched when the glyph shows it plainly -------------------------

GERMAN = zone(number="CWV0GX42K", nationality="D<<")


def test_given_a_printed_g_read_as_6_then_the_shape_and_its_open_bowl_switch_it() -> None:
    cell_grid = mrz_cells.grid(_band(LINE1, GERMAN))
    assert cell_grid is not None
    misread = GERMAN.replace("CWV0GX", "CWV06X")
    assert mrz_cells.shape_switched_positions(cell_grid, misread, [4]) == {4}


def test_given_a_printed_6_read_as_g_then_its_closed_bowl_switches_it_back() -> None:
    cell_grid = mrz_cells.grid(_band(LINE1, LINE2))
    assert cell_grid is not None
    misread = "G" + LINE2[1:]
    assert mrz_cells.shape_switched_positions(cell_grid, misread, [0]) == {0}


def test_given_characters_read_as_printed_then_nothing_is_switched() -> None:
    for line2, positions in ((LINE2, [0, 2]), (GERMAN, [4])):
        cell_grid = mrz_cells.grid(_band(LINE1, line2))
        assert cell_grid is not None
        assert mrz_cells.shape_switched_positions(cell_grid, line2, positions) == set()


def test_a_bowl_is_background_the_ink_closes_in() -> None:
    ring = np.zeros((12, 10), dtype=bool)
    ring[1:11, 1:9] = True
    ring[3:9, 3:7] = False  # the hole
    assert mrz_cells.encloses_bowl(ring)
    opened = ring.copy()
    opened[4:6, 7:9] = False  # a gap to the right: a C, or a G's mouth
    assert not mrz_cells.encloses_bowl(opened)
    speck = ring.copy()
    speck[3:9, 3:7] = True
    speck[5, 5] = False  # one pixel of paper in the ink is no bowl
    assert not mrz_cells.encloses_bowl(speck)


def test_given_a_reading_that_chose_6_where_the_band_prints_g_then_g_becomes_the_reading() -> None:
    from classifiers.extract import _BandReader, _settle_by_shapes
    from classifiers.mrz import find_mrz

    misread = GERMAN.replace("CWV0GX", "CWV06X")
    reading = find_mrz([LINE1, misread])
    assert reading is not None and GERMAN in reading.alternatives
    band = _band(LINE1, GERMAN)
    settled = _settle_by_shapes(reading, _BandReader(band, 30, (0, 0, *band.size)))
    assert settled.lines[1] == GERMAN
    assert settled.passport is not None and settled.passport.document_number == "CWV0GX42K"
    # The check digits still cannot choose: the number waits for the printed page.
    assert settled.passport.trusted("document_number") is False
    assert misread in settled.alternatives
