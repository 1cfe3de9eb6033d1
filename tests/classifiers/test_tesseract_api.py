"""Tesseract in-process (`classifiers.tesseract_api`) reads exactly what the program reads.

Real tesseract both ways: the same MRZ crops and pages go once through libtesseract in this
process and once through the `tesseract` program (the library taken away), and every word,
confidence, box and character position must be the same. Then the engine's own duties: one
load per process and thread, a fresh load when TESSDATA_PREFIX changes, a forked child loads
its own, a time budget that stops recognition.
"""

from __future__ import annotations

import io
import multiprocessing
import random
import threading
from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw, ImageFont

from classifiers import clear_caches, ocr, tesseract_api
from classifiers.extract import _MRZ_ATTEMPTS, _PROBE, _SMALL_PROBE, _prepare_band
from classifiers.mrz_band import find_bands
from tests.support.need import need, need_program

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _library_here() -> bool:
    try:
        tesseract_api.load_library(tesseract_api.LIBRARY_NAMES)
    except tesseract_api.EngineUnavailable:
        return False
    return True


@pytest.fixture(autouse=True)
def _tesseract(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    need_program("tesseract")
    need(_library_here(), "libtesseract is not installed (Debian: libtesseract5)")
    monkeypatch.delenv(ocr.CACHE_DIR_ENV, raising=False)
    clear_caches()
    yield
    clear_caches()


def _without_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract_api, "LIBRARY_NAMES", ("libtesseract-not-here.so",))


def _passport_photo() -> Image.Image:
    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    data = synth.passport(random_person(random.Random(5), nationality="BRA"), "photo_jpeg",
                          seed=5)
    return ocr.to_grey(Image.open(io.BytesIO(data)))


def _mrz_crops() -> list[Image.Image]:
    """The crops the passport reader sends tesseract: every treatment and scale, both ways up."""
    grey = _passport_photo()
    band = find_bands(grey)[0]
    crop = grey.crop(band.box)
    out = []
    for height, treatment, _ in (_PROBE, _SMALL_PROBE, *_MRZ_ATTEMPTS):
        prepared = _prepare_band(crop, band.line_height, height, treatment)
        out.extend([prepared, prepared.rotate(180)])
    return out


def _text_page() -> Image.Image:
    page = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, 32)
    for row, line in enumerate(("Antecedents certificate", "Surname: Oyelaran  Date: 12-08-1974",
                                "Have you ever been convicted?  [x] no  [ ] yes",
                                "Signature ..................", "Verklaring omtrent gedrag")):
        draw.text((60, 60 + 110 * row), line, font=font, fill=0)
    return page


def _band_readings(crops: list[Image.Image]) -> list[tuple[list[object], list[object]]]:
    clear_caches()
    return [(list(r.page.words), list(r.chars)) for r in
            (ocr.read_mrz_bands([crop], timeout=60)[0] for crop in crops)]


def test_mrz_crops_read_in_process_exactly_as_the_program_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given the crops of a phone photo's zone, in every preparation the reader uses
    crops = _mrz_crops()
    # When they are read in-process, and again by the tesseract program (batched in one call)
    assert not ocr.batching_pays()
    in_process = _band_readings(crops)
    _without_library(monkeypatch)
    assert ocr.batching_pays()
    clear_caches()
    batched = ocr.read_mrz_bands(crops, timeout=120)
    by_program = [(list(r.page.words), list(r.chars)) for r in batched]
    # Then every word, confidence, box and character position is the same
    assert any(words for words, _ in in_process)
    assert in_process == by_program


@pytest.mark.parametrize("psm", [3, 11])
def test_page_words_read_in_process_exactly_as_the_program_reads_them(
    psm: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _text_page()
    in_process = ocr.read_words(page, timeout=60, psm=psm)
    _without_library(monkeypatch)
    clear_caches()
    by_program = ocr.read_words(page, timeout=60, psm=psm)
    assert "convicted?" in in_process.text
    assert in_process == by_program


def test_one_engine_per_thread_loaded_once() -> None:
    first = tesseract_api.engine(ocr.LANGUAGES)
    assert tesseract_api.engine(ocr.LANGUAGES) is first
    other: list[tesseract_api.Engine] = []
    thread = threading.Thread(target=lambda: other.append(tesseract_api.engine(ocr.LANGUAGES)))
    thread.start()
    thread.join()
    assert other and other[0] is not first


def _child_reads(conn: multiprocessing.connection.Connection) -> None:
    inherited = [id(item) for item in tesseract_api._OPEN]
    engine = tesseract_api.engine(ocr.LANGUAGES)
    words = ocr.read_words(_text_page(), timeout=60)
    conn.send((inherited, id(engine), "Antecedents" in words.text))
    conn.close()


def test_a_forked_child_keeps_the_forking_threads_engine_loaded_and_reads() -> None:
    # Given an engine preloaded in this thread, and another loaded in a second thread
    tesseract_api.preload(ocr.LANGUAGES)
    parent = tesseract_api.engine(ocr.LANGUAGES)
    thread = threading.Thread(target=lambda: tesseract_api.engine(ocr.LANGUAGES))
    thread.start()
    thread.join()
    # When this thread forks a child that reads a page
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_reads, args=(sender,))
    child.start()
    assert receiver.poll(60)
    inherited, used, read = receiver.recv()
    child.join(10)
    # Then the child kept only this thread's engine, read with it without loading, and read
    assert inherited == [id(parent)] and used == id(parent) and read
    assert child.exitcode == 0


def test_language_data_elsewhere_loads_afresh_and_fails_as_the_installation(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    tesseract_api.engine(ocr.LANGUAGES)  # loaded from the default data
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # an empty folder
    with pytest.raises(ocr.OcrUnavailable, match="Failed loading language"):
        ocr.read_words(_text_page(), timeout=60)


def test_recognition_past_its_budget_is_a_timeout() -> None:
    page = Image.new("L", (2000, 2800), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, 28)
    for row in range(60):
        draw.text((40, 40 + 44 * row), "The quick brown fox jumps over the lazy dog " * 2,
                  font=font, fill=0)
    with pytest.raises(ocr.OcrTimeout):
        ocr.read_words(page, timeout=0.2)
