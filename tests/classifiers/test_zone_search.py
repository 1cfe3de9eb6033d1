"""Finding the zone where the first search misses it: a line split in its middle rows by a
long filler run, a photo slanted past the usual deskew."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.passports import real_passports
from classifiers import classify, clear_caches, mrz_band, mrz_cells, ocr
from classifiers.extract import WIDE_SKEW_DEGREES, local_contrast
from tests.classifiers.test_mrz import zone
from tests.support.need import need_program

LINES = ("P<HUNHANDRA<<ROZALIA<IRMA<<<<<<<<<<<<<<<<<<<",
         "BD00020282HUN7802225F2203012<<<<<<<<<<<<<<06")


def test_the_two_halves_of_one_line_are_joined() -> None:
    # Top and bottom halves of a line (rows 10-18 and 21-29) over the same columns.
    assert mrz_band._join_split_lines([(10, 18, 40, 900), (21, 29, 42, 898)]) == [
        (10, 29, 40, 900)]


def test_two_lines_apart_or_of_other_lengths_stay_two() -> None:
    # The zone's second line, a full line height below the first: not one line.
    apart = [(10, 30, 40, 900), (45, 65, 40, 900)]
    assert mrz_band._join_split_lines(apart) == apart
    # Two real lines set close together (each a line on its own): not joined either.
    close = [(10, 30, 40, 900), (33, 53, 40, 900)]
    assert mrz_band._join_split_lines(close) == close
    # A short word just below a long line: not its other half.
    other = [(10, 18, 40, 900), (20, 28, 40, 300)]
    assert mrz_band._join_split_lines(other) == other


def _page(lines: tuple[str, str] = LINES) -> Image.Image:
    """A data page set in OCR-B with its zone's characters widely spaced (as the Hungarian
    specimen's are)."""
    path = next((p for p in mrz_cells._OCRB_FONTS if p.exists()), None)
    if path is None:
        pytest.skip("the OCR-B font is not installed")
    font = ImageFont.truetype(str(path), 30)
    page = Image.new("L", (1300, 800), 225)
    draw = ImageDraw.Draw(page)
    draw.text((420, 120), "PASSPORT   HUN", font=font, fill=40)
    draw.text((420, 200), "HANDRA", font=font, fill=40)
    draw.text((420, 280), "ROZALIA IRMA", font=font, fill=40)
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            draw.text((60 + column * 26, 560 + row * 60), char, font=font, fill=20)
    return page


@pytest.mark.slow
def test_a_zone_slanted_past_the_usual_deskew_is_read() -> None:
    need_program("tesseract")
    slant = 15.0
    assert slant < WIDE_SKEW_DEGREES
    page = _page().rotate(slant, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=225)
    # The usual deskew (6 degrees at most) leaves it slanted: no band lies level.
    upright, _ = ocr.deskew(page)
    assert not any(band.lines == 2 and band.box[2] - band.box[0] > 800
                   for band in mrz_band.find_bands(upright))
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, format="PNG")
    clear_caches()
    passport = classify(buffer.getvalue(), filename="slanted.png").passport
    assert passport is not None and passport.checks_ok
    assert (passport.document_number, passport.nationality) == ("BD0002028", "HUN")


@pytest.mark.slow
def test_the_hungarian_specimens_zone_is_found() -> None:
    """A clean scan whose `IRMA<<<…` run split the first line in two in the zone search."""
    samples = real_passports()
    if samples is None:
        pytest.skip("the real passport development set (../shared/data/real-passports/) is "
                    "not on this machine")
    need_program("tesseract")
    sample = next((s for s in samples if s.name == "79_pass-hun.png"), None)
    if sample is None:
        pytest.skip("the development set no longer holds the Hungarian specimen")
    grey = ocr.to_grey(Image.open(io.BytesIO(sample.data)))
    assert mrz_band.find_bands(grey.resize((grey.width * 2, grey.height * 2)))
    clear_caches()
    passport = classify(sample.data, filename=sample.name).passport
    assert passport is not None and passport.checks_ok
    assert passport.document_number == sample.expected()["document_number"]


@pytest.mark.slow
def test_a_clean_level_zone_costs_one_tesseract_read_of_its_band(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its first cell reading passes every check: the probe would only have said "an MRZ"."""
    need_program("tesseract")
    if ocr._engine() is None:
        pytest.skip("libtesseract is not loadable here: the program reads bands in batches")
    band_reads: list[tuple[int, int]] = []
    recognise = ocr._recognise

    def counted(engine, image, timeout, **options):  # type: ignore[no-untyped-def]
        if options.get("psm") == 6:
            band_reads.append(image.size)
        return recognise(engine, image, timeout, **options)

    monkeypatch.setattr(ocr, "_recognise", counted)
    buffer = io.BytesIO()
    # No 0 in the number: tesseract reads some widely set OCR-B zeros as O, and two of them
    # are beyond the repairs a document number gets (one look-alike), which is another matter.
    line2 = zone(number="BD1234567", nationality="HUN", birth="780222", expiry="320301",
                 optional="")
    _page((LINES[0], line2)).convert("RGB").save(buffer, format="PNG")
    clear_caches()
    passport = classify(buffer.getvalue(), filename="level.png").passport
    assert passport is not None and passport.checks_ok
    assert passport.document_number == "BD1234567"
    assert len(band_reads) == 1, band_reads


def _glared(page: Image.Image, left: int, strength: float) -> Image.Image:
    """A lamp's reflection over the page right of `left`: everything pulled toward white."""
    pixels = np.asarray(page, dtype=np.float32).copy()
    pixels[:, left:] = 252 - (252 - pixels[:, left:]) * (1 - strength)
    return Image.fromarray(pixels.astype(np.uint8))


def test_local_contrast_makes_faint_glyphs_under_glare_black_and_leaves_paper_white() -> None:
    page = _glared(_page(), left=600, strength=0.85)
    before = np.asarray(page, dtype=np.int16)
    after = np.asarray(local_contrast(page), dtype=np.int16)
    zone_rows = slice(560, 680)
    # Under the glare, the zone's glyphs are barely darker than their paper ...
    assert np.percentile(before[zone_rows, 700:], 1) > 190
    # ... and after the stretch as dark as ink elsewhere, on paper that stays light.
    assert np.percentile(after[zone_rows, 700:], 1) < 80
    assert np.median(after[zone_rows, 700:]) > 200
    # Blank paper with grain is not stretched into ink.
    rng = np.random.default_rng(7)
    blank = Image.fromarray(np.clip(rng.normal(225, 3, (400, 600)), 0, 255).astype(np.uint8))
    assert np.percentile(np.asarray(local_contrast(blank)), 1) > 150


@pytest.mark.slow
def test_a_zone_half_under_a_lamps_reflection_is_found() -> None:
    need_program("tesseract")
    line2 = zone(number="BD1234567", nationality="HUN", birth="780222", expiry="320301",
                 optional="")
    page = _glared(_page((LINES[0], line2)), left=560, strength=0.9)
    # The usual search misses it: the glare breaks the zone's lines into short runs.
    assert not any(band.box[2] - band.box[0] > 900 for band in mrz_band.find_bands(page))
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, format="PNG")
    clear_caches()
    passport = classify(buffer.getvalue(), filename="glare.png").passport
    assert passport is not None and passport.checks_ok
    assert (passport.document_number, passport.nationality) == ("BD1234567", "HUN")
