"""A broken OCR installation is our fault: the classifier raises, it never gives a verdict.

Each case breaks the real tesseract in one way an operator can: not installed (program and
library gone), a broken program where the library is missing (the reader falls back to the
program), language data missing (for the library and the program alike), orientation data
missing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers import classify, clear_caches, ocr, tesseract_api
from tests.support.need import need_program

TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    need_program("tesseract")
    monkeypatch.delenv("MAILBOT_OCR_CACHE", raising=False)  # every read runs tesseract
    clear_caches()


def scanned_passport() -> bytes:
    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    return synth.passport(random_person(random.Random(11), nationality="BRA"), "png")


def tessdata_with(tmp_path: Path, *languages: str) -> str:
    folder = tmp_path / "tessdata"
    folder.mkdir()
    for language in languages:
        (folder / f"{language}.traineddata").symlink_to(TESSDATA / f"{language}.traineddata")
    return str(folder)


def library_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract_api, "LIBRARY_NAMES", (str(tmp_path / "libtesseract.so.5"),))


def binary_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library_missing(tmp_path, monkeypatch)  # uninstalled: neither the program nor its library
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "tesseract"))


def binary_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library_missing(tmp_path, monkeypatch)  # the program is what reads
    broken = tmp_path / "tesseract"
    broken.write_text("#!/bin/sh\necho 'segmentation fault' >&2\nexit 139\n")
    broken.chmod(0o755)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(broken))


def language_data_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", tessdata_with(tmp_path))


def language_data_missing_for_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    library_missing(tmp_path, monkeypatch)
    language_data_missing(tmp_path, monkeypatch)


BREAKAGES: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "not installed": binary_missing,
    "binary broken": binary_broken,
    "language data missing": language_data_missing,
    "language data missing (program)": language_data_missing_for_the_program,
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_broken_tesseract_raises_instead_of_calling_the_scan_damaged(
    breakage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a scanned passport and a tesseract broken in one way
    data = scanned_passport()
    BREAKAGES[breakage](tmp_path, monkeypatch)
    # When it is classified, Then the classifier raises OcrUnavailable (no verdict at all)
    with pytest.raises(ocr.OcrUnavailable):
        classify(data, "passport.png")
    # and once tesseract is whole again the same bytes are read for real (nothing was cached)
    monkeypatch.undo()
    verdict = classify(data, "passport.png")
    assert verdict.error is None and verdict.kind.value == "passport"


def text_page() -> Image.Image:
    page = Image.new("L", (1200, 500), 255)
    draw = ImageDraw.Draw(page)
    for row in range(6):
        draw.text((40, 40 + 70 * row), "The quick brown fox jumps over the lazy dog",
                  font=ImageFont.truetype(SANS, 40), fill=0)
    return page


def test_missing_orientation_data_is_an_installation_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given tesseract with its English data but without osd.traineddata
    monkeypatch.setenv("TESSDATA_PREFIX", tessdata_with(tmp_path, "eng"))
    # When the orientation of a page of text is asked, Then that is OcrUnavailable
    with pytest.raises(ocr.OcrUnavailable, match="osd"):
        ocr.detect_orientation(text_page(), timeout=30)
    # and with the data back, the page is read as upright
    monkeypatch.undo()
    clear_caches()
    found = ocr.detect_orientation(text_page(), timeout=30)
    assert found is not None and found.rotate == 0
