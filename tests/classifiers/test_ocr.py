"""The OCR layer with the real tesseract: rotation, the cache, the MRZ band of a tiny sample."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers import Kind, classify, clear_caches, ocr
from tests.support.need import need_program

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    need_program("tesseract")
    clear_caches()


def _passport_png(rotate: int = 0) -> bytes:
    page = Image.new("L", (1250, 880), 235)
    draw = ImageDraw.Draw(page)
    draw.text((40, 30), "PASSPORT  UTOPIA", font=ImageFont.truetype(SANS, 34), fill=0)
    draw.text((380, 120), "Surname / Nom", font=ImageFont.truetype(SANS, 24), fill=60)
    draw.text((380, 150), "ERIKSSON", font=ImageFont.truetype(SANS, 30), fill=0)
    mrz_font = ImageFont.truetype(OCRB, 38)
    draw.text((40, 730), LINE1, font=mrz_font, fill=0)
    draw.text((40, 790), LINE2, font=mrz_font, fill=0)
    if rotate:
        page = page.rotate(rotate, expand=True, fillcolor=235)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_passport_image_any_quarter_turn(rotate: int) -> None:
    verdict = classify(_passport_png(rotate))
    assert verdict.kind is Kind.PASSPORT
    assert verdict.passport is not None and verdict.passport.checks_ok
    assert (verdict.passport.surname, verdict.passport.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert verdict.passport.document_number == "L898902C3"


def test_the_same_bytes_are_never_read_twice() -> None:
    data = _passport_png()
    classify(data)
    calls = ocr.tesseract_calls()
    classify(data)
    assert ocr.tesseract_calls() == calls


def test_the_ocr_cache_is_keyed_by_pixels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.CACHE_DIR_ENV, str(tmp_path))
    image = Image.open(io.BytesIO(_passport_png())).convert("L")
    first = ocr.read_words(image, timeout=20)
    calls = ocr.tesseract_calls()
    ocr.CACHE.clear()  # memory gone; the disk cache answers
    again = ocr.read_words(image.copy(), timeout=20)
    assert ocr.tesseract_calls() == calls
    assert again.text == first.text


def test_skew_is_estimated() -> None:
    image = Image.open(io.BytesIO(_passport_png())).convert("L")
    tilted = image.rotate(3, expand=True, fillcolor=235)
    assert abs(ocr.estimate_skew(tilted) + 3) <= 1.0


def test_an_upside_down_zone_costs_no_probe_read_of_its_own() -> None:
    """Given a clean passport page lying upside down, when it is classified, then the band is
    read upright (its first cell reading, which is also the probe that finds no zone there,
    and the smaller probe of the lowest band) and turned (its probe, whose crop the cell
    reading that validates reads too), and the visual zone once: four tesseract reads, not
    the five a probe of its own size cost per direction."""
    data = _passport_png(180)
    calls = ocr.tesseract_calls()
    verdict = classify(data)
    assert verdict.passport is not None and verdict.passport.checks_ok
    assert verdict.passport.document_number == "L898902C3"
    assert ocr.tesseract_calls() - calls == 4
