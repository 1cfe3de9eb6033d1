"""Tesseract, called as little as possible: orientation, deskew, page text and the MRZ band.

Text is read by the library inside this process (`classifiers.tesseract_api`: the model loaded
once, no program started per read) where libtesseract is installed, as it is with Debian's
`tesseract-ocr`; elsewhere by the `tesseract` program, with the same results. Orientation
detection (rare: only pages read badly upright) always runs the program.

Every call is cached by the sha256 of the pixels and the call's settings, in memory and, when
`MAILBOT_OCR_CACHE` names a directory, on disk, so the same image is never read twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image, ImageOps

from classifiers import tesseract_api

# Measured on the 2-core machines: tesseract's own OpenMP threads make one page about twice as
# slow. Parallelism belongs across documents, not inside tesseract. Set before any call spawns.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANGUAGES = "eng"
MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
CACHE_DIR_ENV = "MAILBOT_OCR_CACHE"
_COMMON_WORD_LIST = """
the of and to in for or on with you your are is be have has that this at by from not date name
place birth nationality passport number signature yes no de het een van en in op te voor met u
uw is zijn heeft dat dit bij naar niet datum naam plaats geboortedatum nationaliteit
handtekening ja nee
"""
COMMON_WORDS = frozenset(_COMMON_WORD_LIST.split())


class OcrTimeout(Exception):
    """Tesseract did not finish within its time budget."""


class OcrUnavailable(Exception):
    """Tesseract is missing or failed outright."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int
    line_key: tuple[int, int, int]

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class OcrPage:
    words: tuple[Word, ...]

    @property
    def lines(self) -> list[str]:
        grouped: dict[tuple[int, int, int], list[str]] = {}
        for word in self.words:
            grouped.setdefault(word.line_key, []).append(word.text)
        return [" ".join(parts) for parts in grouped.values()]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def quality(self) -> int:
        """Common words read with confidence: how a good orientation differs from a wrong one.

        Upside-down or sideways text still yields confident "words"; it almost never yields
        "the", "and", "van" or "het".
        """
        return sum(1 for w in self.words
                   if w.confidence >= 60 and w.text.lower().strip(".,:;()") in COMMON_WORDS)

    def line_boxes(self) -> list[tuple[str, tuple[int, int, int, int]]]:
        boxes: dict[tuple[int, int, int], list[Word]] = {}
        for word in self.words:
            boxes.setdefault(word.line_key, []).append(word)
        out = []
        for words in boxes.values():
            box = (min(w.left for w in words), min(w.top for w in words),
                   max(w.right for w in words), max(w.bottom for w in words))
            out.append((" ".join(w.text for w in words), box))
        return out


class _Cache:
    def __init__(self, capacity: int = 512) -> None:
        self._memory: OrderedDict[str, object] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def _disk_path(self, key: str) -> Path | None:
        root = os.environ.get(CACHE_DIR_ENV)
        return Path(root) / key[:2] / f"{key}.json" if root else None

    def get(self, key: str) -> object | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        path = self._disk_path(key)
        if path is not None and path.exists():
            try:
                value = json.loads(path.read_text())
            except (OSError, ValueError):
                return None
            self._remember(key, value)
            return value
        return None

    def put(self, key: str, value: object) -> None:
        self._remember(key, value)
        path = self._disk_path(key)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_text(json.dumps(value))
                temporary.replace(path)
            except OSError:
                pass  # a cache that cannot be written is only slower

    def _remember(self, key: str, value: object) -> None:
        with self._lock:
            self._memory[key] = value
            self._memory.move_to_end(key)
            while len(self._memory) > self._capacity:
                self._memory.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()


CACHE = _Cache()
_CALLS = {"tesseract": 0}


def tesseract_calls() -> int:
    """How many times tesseract really ran (cache misses), for tests and the bench."""
    return _CALLS["tesseract"]


def _key(image: Image.Image, operation: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"{operation}|{image.mode}|{image.size}".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def _run(call, image: Image.Image, timeout: float, **kwargs):  # type: ignore[no-untyped-def]
    _CALLS["tesseract"] += 1
    # pytesseract hands the image over as a file in `image.format`, PNG by default; compressing
    # a page to PNG costs a tenth of a second, writing an uncompressed BMP almost nothing.
    image.format = "BMP"
    try:
        return call(image, timeout=timeout, **kwargs)
    except pytesseract.TesseractError:
        raise
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise OcrTimeout(str(error)) from error
        raise OcrUnavailable(str(error)) from error
    except pytesseract.TesseractNotFoundError as error:
        raise OcrUnavailable("tesseract is not installed") from error


def read_words(image: Image.Image, *, timeout: float, psm: int = 3,
               alphabet: str | None = None) -> OcrPage:
    """Words with boxes and confidences (tesseract's TSV output)."""
    config = f"--psm {psm}"
    if alphabet:
        config += f" -c tessedit_char_whitelist={alphabet}"
    key = _key(image, f"words|{LANGUAGES}|{config}")
    cached = CACHE.get(key)
    if cached is None:
        engine = _engine()
        if engine is not None:
            recognition = _recognise(engine, image, timeout, psm=psm, alphabet=alphabet or "")
            rows = _word_rows(recognition.tsv)
        else:
            rows = _program_word_rows(image, timeout, config)
        CACHE.put(key, rows)
        cached = rows
    assert isinstance(cached, list)
    return OcrPage(tuple(Word(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]))  # type: ignore[arg-type]
                         for r in cached))


def _program_word_rows(image: Image.Image, timeout: float, config: str) -> list[list]:
    try:
        data = _run(pytesseract.image_to_data, image, timeout, lang=LANGUAGES, config=config,
                    output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as error:
        raise OcrUnavailable(str(error)) from error
    rows = []
    for i, text in enumerate(data["text"]):
        if not str(text).strip():
            continue
        rows.append([str(text), float(data["conf"][i]), int(data["left"][i]),
                     int(data["top"][i]), int(data["width"][i]), int(data["height"][i]),
                     [int(data["block_num"][i]), int(data["par_num"][i]),
                      int(data["line_num"][i])]])
    return rows


def _word_rows(tsv: str) -> list[list]:
    """The words of tesseract's TSV as `_program_word_rows` makes them (pytesseract reads the
    confidence as a whole number: 96.54 is 96, and so it is here)."""
    rows = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or not parts[11].strip():
            continue
        rows.append([parts[11], float(int(float(parts[10]))), int(parts[6]), int(parts[7]),
                     int(parts[8]), int(parts[9]), [int(parts[2]), int(parts[3]),
                                                    int(parts[4])]])
    return rows


_PROGRAM_FOUND: dict[tuple[str, str], bool] = {}


def _program_installed() -> bool:
    command = pytesseract.pytesseract.tesseract_cmd
    key = (command, os.environ.get("PATH", ""))
    if key not in _PROGRAM_FOUND:
        _PROGRAM_FOUND[key] = shutil.which(command) is not None
    return _PROGRAM_FOUND[key]


def _engine() -> tesseract_api.Engine | None:
    """This thread's in-process tesseract, or None where only the program is installed.

    The program is part of the installation (orientation detection runs it): where it is
    missing, tesseract is not installed, whatever library is left, and reading says so."""
    if not _program_installed():
        return None
    try:
        return tesseract_api.engine(LANGUAGES)
    except tesseract_api.EngineUnavailable:
        return None
    except tesseract_api.LanguageDataMissing as error:
        raise OcrUnavailable(str(error)) from error


def preload() -> None:
    """Load the in-process tesseract in this thread now, so that the processes forked from it
    (each document's reader) start with the model loaded. Nothing where only the program is
    installed; a missing language is left to the reader to report."""
    with contextlib.suppress(OcrUnavailable):
        _engine()


def batching_pays() -> bool:
    """Whether reading several crops in one call saves time: only when each call starts the
    tesseract program. In-process, a crop costs only its own recognition, so crops that may
    not be needed are better not read at all."""
    return _engine() is None


def _recognise(engine: tesseract_api.Engine, image: Image.Image, timeout: float, *, psm: int,
               alphabet: str, boxes: bool = False) -> tesseract_api.Recognition:
    _CALLS["tesseract"] += 1
    try:
        return engine.recognise(image, psm=psm, alphabet=alphabet, boxes=boxes, timeout=timeout)
    except tesseract_api.RecognitionFailed as error:
        if error.timed_out:
            raise OcrTimeout(str(error)) from error
        raise OcrUnavailable(str(error)) from error


# What tesseract says when its language data is missing: the installation's fault, not the page's.
_MISSING_DATA = ("Error opening data file", "Failed loading language",
                 "couldn't load any languages")


def _installation_fault(error: pytesseract.TesseractError) -> bool:
    return any(sign in str(error) for sign in _MISSING_DATA)


@dataclass(frozen=True, slots=True)
class Orientation:
    rotate: int  # degrees to turn the image counter-clockwise so the text stands upright
    confidence: float


def detect_orientation(image: Image.Image, *, timeout: float) -> Orientation | None:
    """Tesseract's OSD (`--psm 0`); None when the page has too little text to tell."""
    key = _key(image, "osd")
    cached = CACHE.get(key)
    if cached is None:
        try:
            data = _run(pytesseract.image_to_osd, image, timeout, config="--psm 0",
                        output_type=pytesseract.Output.DICT)
            cached = {"rotate": int(data["rotate"]),
                      "confidence": float(data["orientation_conf"])}
        except pytesseract.TesseractError as error:
            if _installation_fault(error):
                raise OcrUnavailable(str(error)) from error
            cached = {"rotate": 0, "confidence": -1.0}  # too little text on the page to tell
        CACHE.put(key, cached)
    assert isinstance(cached, dict)
    if cached["confidence"] < 0:
        return None
    return Orientation(**cached)


def to_grey(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image.convert("L")


def scale_to(image: Image.Image, long_side: int) -> tuple[Image.Image, float]:
    """Downscale so the long side is at most `long_side`; returns the image and the factor."""
    largest = max(image.size)
    if largest <= long_side:
        return image, 1.0
    factor = long_side / largest
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BILINEAR), factor


def estimate_skew(image: Image.Image, max_degrees: float = 6.0) -> float:
    """Small skew in degrees (counter-clockwise positive), from the sharpness of row profiles.

    Text lines make dark rows alternate with light rows only when they are level, so the angle
    that maximises the variance of the row sums is the one that levels them.
    """
    small, _ = scale_to(image, 900)
    ink = ImageOps.invert(ImageOps.autocontrast(small)).point(lambda v: 255 if v > 110 else 0)

    measured: dict[float, float] = {}

    def sharpness(angle: float) -> float:
        # The fine search starts on angles the coarse one measured: measure each angle once.
        if angle not in measured:
            turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=False)
            rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
            measured[angle] = float(np.var(np.diff(rows)))
        return measured[angle]

    best_angle, best = 0.0, sharpness(0.0)
    for step in (1.0, 0.25):
        centre = best_angle
        span = max_degrees if step == 1.0 else 1.0
        angle = centre - span
        while angle <= centre + span + 1e-9:
            value = sharpness(angle)
            if value > best * 1.02:
                best_angle, best = angle, value
            angle += step
    return best_angle


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    angle = estimate_skew(image)
    if abs(angle) < 0.5:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                        fillcolor=255), angle


def read_mrz_lines(band: Image.Image, *, timeout: float) -> list[str]:
    """Lines read from a crop around the MRZ, with only the MRZ alphabet allowed."""
    page = read_words(band, timeout=timeout, psm=6, alphabet=MRZ_ALPHABET)
    return page.lines


Char = tuple[str, float, float]  # a character and its box centre (x, y), top-left origin


@dataclass(frozen=True, slots=True)
class BandReading:
    """One MRZ crop as tesseract read it: the words (lines) and every character's position."""

    page: OcrPage
    chars: tuple[Char, ...]

    @property
    def lines(self) -> list[str]:
        return self.page.lines


_MRZ_PSM = 6  # one uniform block of text: the two or three lines of the zone
_MRZ_CONFIG = ("--psm", str(_MRZ_PSM), "-c", f"tessedit_char_whitelist={MRZ_ALPHABET}")


def read_mrz_bands(bands: Sequence[Image.Image], *, timeout: float,
                   also: Sequence[Image.Image] = ()) -> list[BandReading]:
    """Read MRZ crops, words and character boxes at once. Each crop is cached on its own.

    In-process (`tesseract_api`) each crop is read on its own, only when asked for. With the
    program, starting tesseract and loading its model costs about 0.13 s of CPU a call, as
    much as reading two bands; the several crops one passport photo may need (both directions,
    several scales and treatments) therefore go to one process, listed in a file, and come
    back as one TSV (words, page_num per crop) and one box file (characters, page per crop)
    from a single recognition. LSTM recognition keeps no state between pages, so each crop
    reads exactly as it would alone.

    `also`: for the program only, crops read in the same call if a call is needed for `bands`
    anyway (ones that will probably be wanted next); they are cached, not returned.
    """
    wanted = [*bands, *also]
    keys = [_key(band, "mrz-bands|" + LANGUAGES + "|" + " ".join(_MRZ_CONFIG)) for band in wanted]
    found: dict[str, object] = {}
    missing: list[int] = []
    for index, key in enumerate(keys):
        if key in found:
            continue
        found[key] = CACHE.get(key)
        if found[key] is None:
            missing.append(index)
    engine = _engine()
    if engine is not None:
        # In-process every crop costs only its own reading: the ones asked for, no others.
        for index in (i for i in missing if i < len(bands)):
            recognition = _recognise(engine, wanted[index], timeout, psm=_MRZ_PSM,
                                     alphabet=MRZ_ALPHABET, boxes=True)
            value = _band_results(recognition.tsv, recognition.boxes, [wanted[index]])[0]
            CACHE.put(keys[index], value)
            found[keys[index]] = value
    elif any(index < len(bands) for index in missing):
        for index, value in zip(missing, _run_band_batch([wanted[i] for i in missing], timeout),
                                strict=True):
            CACHE.put(keys[index], value)
            found[keys[index]] = value
    out = []
    for key in keys[:len(bands)]:
        value = found[key]
        assert isinstance(value, dict)
        out.append(BandReading(
            OcrPage(tuple(Word(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]))  # type: ignore[arg-type]
                          for r in value["words"])),
            tuple((c[0], c[1], c[2]) for c in value["chars"])))
    return out


def _run_band_batch(bands: Sequence[Image.Image], timeout: float) -> list[dict[str, list]]:
    _CALLS["tesseract"] += 1
    with tempfile.TemporaryDirectory(prefix="mailbot-mrz-") as folder:
        root = Path(folder)
        paths = []
        for index, band in enumerate(bands):
            # Uncompressed BMP: writing it costs almost nothing, PNG compression does not.
            path = root / f"band{index}.bmp"
            band.save(path, format="BMP")
            paths.append(str(path))
        listing = root / "bands.txt"
        listing.write_text("\n".join(paths) + "\n")
        command = [pytesseract.pytesseract.tesseract_cmd, str(listing), str(root / "out"),
                   "-l", LANGUAGES, *_MRZ_CONFIG, "tsv", "makebox"]
        try:
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise OcrTimeout(f"tesseract took more than {timeout:.1f} s") from error
        except OSError as error:
            raise OcrUnavailable("tesseract is not installed") from error
        if done.returncode != 0:
            raise OcrUnavailable(f"tesseract failed with exit code {done.returncode}")
        tsv = (root / "out.tsv").read_text(encoding="utf-8", errors="replace")
        box = (root / "out.box").read_text(encoding="utf-8", errors="replace")
    return _band_results(tsv, box, bands)


def _band_results(tsv: str, box: str, bands: Sequence[Image.Image]) -> list[dict[str, list]]:
    """Words and characters per crop from one TSV and one box text (pages in crop order)."""
    results: list[dict[str, list]] = [{"words": [], "chars": []} for _ in bands]
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        page = int(parts[1]) - 1  # TSV pages count from 1
        results[page]["words"].append(
            [parts[11], float(parts[10]), int(parts[6]), int(parts[7]), int(parts[8]),
             int(parts[9]), [int(parts[2]), int(parts[3]), int(parts[4])]])
    for row in box.splitlines():
        parts = row.split()
        if len(parts) < 6 or parts[0] not in MRZ_ALPHABET:
            continue
        left, bottom, right, top = (int(v) for v in parts[1:5])
        page = int(parts[5])  # box pages count from 0
        height = bands[page].height
        results[page]["chars"].append([parts[0], (left + right) / 2,
                                       height - (bottom + top) / 2])
    return results
