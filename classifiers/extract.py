"""Turn the bytes of a file into pages of text: the text layer first, OCR only where it is needed.

A page of a PDF that has usable text is never OCR'd. A page without it (a scan) is rendered at
300 dpi and read by tesseract. Images are read the same way, after their EXIF orientation is
applied. For an image, the machine readable zone is looked for first: when it validates, the
page is a passport and the full-page OCR (the slow part) is skipped.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pdfplumber
import pillow_heif
from PIL import Image, ImageFilter, ImageOps, ImageSequence, UnidentifiedImageError

from classifiers import mrz, mrz_band, mrz_cells, mrz_rectify, ocr, viz
from classifiers.docx_text import (
    answered_fields,
    body_text,
    script_signatures,
    signature_images,
)
from classifiers.limits import Deadline, Limits, apply_pixel_limit
from classifiers.mrz import MrzReading, find_mrz, merge_names, with_confirmation
from classifiers.sniff import IMAGE_TYPES, FileType
from classifiers.types import ReadError

pillow_heif.register_heif_opener()

log = logging.getLogger(__name__)

# Scans are rendered at their own resolution, at most 300 dpi: the MRZ band is cropped from
# that. The page text is read at 200 dpi: form text is 8-10 pt, 25-pixel capitals, which
# tesseract reads as well as at 300 dpi in less than half the time.
RENDER_DPI = 300
MIN_RENDER_DPI = 200  # a scan is rendered at its own resolution within these bounds
MAX_IMAGE_SIDE = 3508  # A4 at 300 dpi: where the MRZ band is looked for
MAX_OCR_SIDE = 2400  # A4 at 200 dpi: where the page text is read
MIN_USABLE_WORDS = 8
GOOD_QUALITY = 8
SMALL_TEXT_PIXELS = 17  # median word height below which tesseract misreads letters


class ExtractError(Exception):
    def __init__(self, code: ReadError, detail: str = "") -> None:
        super().__init__(detail or code.describe())
        self.code = code
        self.detail = detail


@dataclass
class Page:
    """One page (1-based) as the evidence units see it."""

    number: int
    text: str
    ocr: bool = False
    mrz: MrzReading | None = None
    image: Image.Image | None = None  # the upright grey image that was OCR'd
    words: tuple[ocr.Word, ...] = ()
    rotation: int = 0
    skew: float = 0.0
    full_text_read: bool = True  # False when a validated MRZ made full-page OCR unnecessary
    # Vector curves on a PDF page, grouped into marks (a signature drawn with a pen or tablet
    # is a few curves close together): each mark's box (x0, top, x1, bottom) in points.
    drawn_marks: tuple[tuple[float, float, float, float], ...] = ()
    # A text PDF page's words where they stand ((text, x0, top, x1, bottom) in points) and its
    # drawn horizontal rules (x0, top, x1, bottom): the text alone runs two columns together
    # ("Signature 1 Signature 2"), so what is signed where is read from the positions.
    placed_words: tuple[tuple[str, float, float, float, float], ...] = ()
    rules: tuple[tuple[float, float, float, float], ...] = ()
    # The boxes of the pictures on a text PDF page (a signature scanned and pasted on its line,
    # a logo): what a picture shows is not read, only where it stands.
    pictures: tuple[tuple[float, float, float, float], ...] = ()
    notes: list[str] = field(default_factory=list)


@dataclass
class ExtractedFile:
    detected_type: FileType
    pages: list[Page]
    form_fields: dict[str, str] | None = None  # AcroForm name -> value (None: no AcroForm)
    embedded_images: int = 0  # pictures in a DOCX whose text was read (a signature, a logo)
    signature_images: int = 0  # of those, the ones where a signature goes
    answered_fields: int = 0  # a DOCX's content controls and text form fields with a value
    script_signatures: int = 0  # a DOCX's names typed in a handwriting font where one signs
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


def extract(data: bytes, detected: FileType, limits: Limits, deadline: Deadline) -> ExtractedFile:
    apply_pixel_limit(limits)
    if detected is FileType.PDF:
        return _extract_pdf(data, limits, deadline)
    if detected in IMAGE_TYPES:
        frames = list(_image_frames(data, limits))
        pages = [read_image(frame, number, limits, deadline)
                 for number, frame in enumerate(frames, start=1)]
        return ExtractedFile(detected, pages)
    if detected is FileType.DOCX:
        return _extract_docx(data, limits, deadline)
    raise ExtractError(ReadError.UNSUPPORTED_TYPE)


# ---------------------------------------------------------------------------------------------
# PDF


def usable_text(text: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)
    return len(words) >= MIN_USABLE_WORDS


def _extract_pdf(data: bytes, limits: Limits, deadline: Deadline) -> ExtractedFile:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many unrelated types for bad input
        raise _pdf_error(error) from error
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as error:
            raise _pdf_error(error) from error
        if page_count == 0:
            raise ExtractError(ReadError.EMPTY, "the PDF has no pages")
        if page_count > limits.max_pages:
            raise ExtractError(ReadError.TOO_MANY_PAGES)
        form_fields = _acroform_fields(pdf)
        pages: list[Page] = []
        for number, pdf_page in enumerate(pdf.pages, start=1):
            if deadline.expired():
                raise ExtractError(ReadError.TIMEOUT)
            try:
                text = pdf_page.extract_text() or ""
            except Exception as error:
                raise _pdf_error(error) from error
            if usable_text(text):
                reading = find_mrz(text.splitlines())
                if reading is not None and reading.is_passport:
                    reading = viz.confirm(reading, text.split())
                pages.append(Page(number, text, mrz=reading,
                                  drawn_marks=drawn_marks(pdf_page.curves),
                                  placed_words=_placed_words(pdf_page),
                                  rules=horizontal_rules(pdf_page.lines + pdf_page.rects),
                                  pictures=_picture_boxes(pdf_page)))
                continue
            points = float(pdf_page.width) * float(pdf_page.height)
            if points * (RENDER_DPI / 72) ** 2 > limits.max_pixels:
                raise ExtractError(ReadError.TOO_LARGE, "a page is too large to render")
            try:
                rendered = render_pdf_page(pdf_page, _render_dpi(pdf_page))
            except Exception as error:
                raise _pdf_error(error) from error
            page = read_image(rendered, number, limits, deadline)
            if text.strip():
                page.text = f"{text}\n{page.text}"
            pages.append(page)
    return ExtractedFile(FileType.PDF, pages, form_fields=form_fields)


# pdfium, which pdfplumber renders pages with, is not thread-safe: two threads rendering at once
# crash the process (a segfault in pypdfium2's get_page, seen when a browser asked the dashboard
# for several thumbnails at once). Rendering takes turns; everything else runs side by side.
_PDFIUM = threading.Lock()


# How close two curves are to be strokes of one mark, in points (about 2 mm); past how many
# curves a page is artwork.
_MARK_GAP = 6.0
_MAX_CURVES = 300


def drawn_marks(curves: list[dict[str, Any]]) -> tuple[tuple[float, float, float, float], ...]:
    """The boxes of a PDF page's curves merged where they touch or nearly touch (within
    `_MARK_GAP`), top to bottom and left to right: one box per drawn mark. Pure."""
    boxes = [[float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])]
             for c in curves]
    if len(boxes) > _MAX_CURVES:
        # Vector artwork (a map, a chart, a crest), not a hand's strokes: one mark for all.
        boxes = [[min(b[0] for b in boxes), min(b[1] for b in boxes),
                  max(b[2] for b in boxes), max(b[3] for b in boxes)]]
    # Pass after pass, each box joins the first mark it touches; a mark that grew may touch
    # another, so until a pass merges nothing (a few passes, each over pairs at most once).
    while True:
        marks: list[list[float]] = []
        for box in boxes:
            mark = next((m for m in marks if _touch(m, box)), None)
            if mark is None:
                marks.append(box)
            else:
                mark[:] = [min(mark[0], box[0]), min(mark[1], box[1]),
                           max(mark[2], box[2]), max(mark[3], box[3])]
        if len(marks) == len(boxes):
            break
        boxes = marks
    return tuple(sorted(((b[0], b[1], b[2], b[3]) for b in boxes),
                        key=lambda b: (round(b[1]), b[0])))


def _placed_words(pdf_page: pdfplumber.page.Page) -> tuple[tuple[str, float, float, float,
                                                                  float], ...]:
    try:
        words = pdf_page.extract_words()
    except Exception:  # positions are a help to the signature places, never a reason to fail
        return ()
    return tuple((str(w["text"]), float(w["x0"]), float(w["top"]), float(w["x1"]),
                  float(w["bottom"])) for w in words)


def _picture_boxes(pdf_page: pdfplumber.page.Page) -> tuple[tuple[float, float, float,
                                                                    float], ...]:
    try:
        return tuple((float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]))
                     for i in pdf_page.images)
    except Exception:  # as with the words: a help to the signature places, never a failure
        return ()


# A rule one signs on is at least an inch long and a hairline thick; past how many a page is a
# grid of cells, not a form with lines to sign.
_RULE_MIN_WIDTH = 60.0
_RULE_MAX_THICKNESS = 2.0
_MAX_RULES = 200


def horizontal_rules(objects: list[dict[str, Any]]) -> tuple[tuple[float, float, float,
                                                                    float], ...]:
    """The horizontal lines drawn on a PDF page (lines, and rectangles a hairline high, as
    many PDF writers draw them), top to bottom: where a signature line may be. Pure."""
    rules = sorted({(round(float(o["x0"]), 1), round(float(o["top"]), 1),
                     round(float(o["x1"]), 1), round(float(o["bottom"]), 1)) for o in objects
                    if float(o["bottom"]) - float(o["top"]) <= _RULE_MAX_THICKNESS
                    and float(o["x1"]) - float(o["x0"]) >= _RULE_MIN_WIDTH},
                   key=lambda r: (r[1], r[0]))
    return tuple(rules) if len(rules) <= _MAX_RULES else ()


def _touch(a: list[float], b: list[float]) -> bool:
    """Two boxes that overlap or lie within `_MARK_GAP` of each other."""
    return (a[0] - _MARK_GAP <= b[2] and b[0] - _MARK_GAP <= a[2]
            and a[1] - _MARK_GAP <= b[3] and b[1] - _MARK_GAP <= a[3])


def render_pdf_page(pdf_page: pdfplumber.page.Page, resolution: int) -> Image.Image:
    """The page as a picture at `resolution` dpi (the only way this package calls pdfium)."""
    with _PDFIUM:
        return pdf_page.to_image(resolution=resolution).original


def _render_dpi(pdf_page: pdfplumber.page.Page) -> int:
    """Just enough resolution for a page without text: the scan's own, within 200-300 dpi.

    A scanner's page is one picture; rendering it above its own resolution adds no detail,
    only pixels to render, deskew and downscale again (a 200 dpi scan rendered at 300 dpi
    costs about twice as much before OCR, for the same text). Below 200 dpi the text is too
    small for tesseract, so it is enlarged while rendering; a page with no picture filling
    it (vector art) gets the full 300 dpi.
    """
    try:
        page_area = float(pdf_page.width) * float(pdf_page.height)
        pictures = [image for image in pdf_page.images
                    if (image["x1"] - image["x0"]) * (image["bottom"] - image["top"])
                    >= 0.5 * page_area]
        if not pictures:
            return RENDER_DPI
        picture = max(pictures, key=lambda image: image["srcsize"][0] * image["srcsize"][1])
        # The longer sides match whether or not the picture is placed turned a quarter.
        inches = max(picture["x1"] - picture["x0"], picture["bottom"] - picture["top"]) / 72
        native = max(picture["srcsize"]) / inches
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return RENDER_DPI
    return round(min(RENDER_DPI, max(MIN_RENDER_DPI, native)))


def _pdf_error(error: Exception) -> ExtractError:
    chain = [error, error.__cause__, error.__context__, *getattr(error, "args", ())]
    names = " ".join(type(e).__name__ + " " + str(e) for e in chain if e is not None)
    if re.search(r"Password|Encrypt|decrypt", names, re.IGNORECASE):
        return ExtractError(ReadError.ENCRYPTED)
    return ExtractError(ReadError.CORRUPT, type(error).__name__)


def _acroform_fields(pdf: pdfplumber.PDF) -> dict[str, str] | None:
    """Terminal AcroForm fields and their values; None when the PDF has no form."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    try:
        catalog = resolve1(pdf.doc.catalog)
        if "AcroForm" not in catalog:
            return None
        roots = resolve1(resolve1(catalog["AcroForm"]).get("Fields", []))
    except Exception:
        return None

    def as_text(value: object) -> str:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            name = value.name
            return "" if name in ("Off", b"Off") else (
                name.decode("latin-1") if isinstance(name, bytes) else str(name))
        if isinstance(value, bytes):
            return decode_text(value)
        if isinstance(value, list):
            return " ".join(as_text(v) for v in value)
        return "" if value is None else str(value)

    fields: dict[str, str] = {}

    def walk(node: object, prefix: str, depth: int) -> None:
        item = resolve1(node)
        if not isinstance(item, dict) or depth > 20:
            return
        name = as_text(item.get("T")) if item.get("T") is not None else ""
        full = f"{prefix}.{name}" if prefix and name else (name or prefix)
        kids = resolve1(item.get("Kids", []))
        named_kids = [k for k in kids or [] if isinstance(resolve1(k), dict)
                      and resolve1(k).get("T") is not None]
        if named_kids:
            for kid in named_kids:
                walk(kid, full, depth + 1)
            return
        fields[full or f"field{len(fields) + 1}"] = as_text(item.get("V")).strip()

    try:
        for root in roots or []:
            walk(root, "", 0)
    except Exception:
        return fields or None
    return fields


# ---------------------------------------------------------------------------------------------
# Images


def _open_image(data: bytes, limits: Limits) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ExtractError(ReadError.TOO_LARGE, "the image has too many pixels") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ExtractError(ReadError.CORRUPT, type(error).__name__) from error
    if image.width * image.height > limits.max_pixels:
        raise ExtractError(ReadError.TOO_LARGE, "the image has too many pixels")
    return image


def _image_frames(data: bytes, limits: Limits) -> Iterator[Image.Image]:
    image = _open_image(data, limits)
    frame_count = getattr(image, "n_frames", 1)
    if frame_count > limits.max_pages:
        raise ExtractError(ReadError.TOO_MANY_PAGES)
    try:
        for frame in ImageSequence.Iterator(image):
            if frame.width * frame.height > limits.max_pixels:
                raise ExtractError(ReadError.TOO_LARGE, "the image has too many pixels")
            upright = ImageOps.exif_transpose(frame)
            upright.load()
            yield upright
            if getattr(image, "format", "") == "GIF":
                break  # an animated GIF is a logo or a meme, not a multi-page scan
    except ExtractError:
        raise
    except Image.DecompressionBombError as error:
        raise ExtractError(ReadError.TOO_LARGE, "the image has too many pixels") from error
    except (OSError, ValueError, SyntaxError) as error:
        raise ExtractError(ReadError.CORRUPT, type(error).__name__) from error


# A picture in a DOCX at least this large on both sides is a photographed or scanned page, not
# a logo (~300 x 90), a signature (~400 x 140) or an icon.
MIN_PAGE_PICTURE_SIDE = 600


def _page_sized(data: bytes) -> bool:
    """Whether a DOCX's picture is large enough to be a page photographed or scanned (its
    size read from the header, the pixels not decoded)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return min(image.size) >= MIN_PAGE_PICTURE_SIDE
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombError):
        return False  # an unreadable picture beside readable text: the text is the document


# The HR dashboard's thumbnails open images exactly as the reader does (limits, EXIF turn).
image_frames = _image_frames


def read_image(image: Image.Image, number: int, limits: Limits, deadline: Deadline) -> Page:
    """Read one page image: MRZ band first, then the full page, turned upright when needed."""
    if deadline.expired():
        raise ExtractError(ReadError.TIMEOUT)
    grey, _ = ocr.scale_to(ocr.to_grey(image), MAX_IMAGE_SIDE)
    try:
        return _read_grey(grey, number, limits, deadline)
    except ocr.OcrTimeout as error:
        raise ExtractError(ReadError.TIMEOUT, "OCR took too long") from error


def _read_grey(grey: Image.Image, number: int, limits: Limits, deadline: Deadline) -> Page:
    def budget() -> float:
        if deadline.expired():
            raise ExtractError(ReadError.TIMEOUT)
        return deadline.budget(limits.page_timeout_seconds)

    upright, skew = ocr.deskew(grey)
    # A small picture (a 600-pixel scan, a thumbnail) is enlarged for the zone search only:
    # its MRZ glyphs are too thin for the ink and grid measures at their own size.
    searched = _enlarged(upright)
    zone = _read_mrz(searched, budget)
    rotation = 0
    if zone is None:
        # No MRZ band lies horizontally: the photo may be a quarter turn off.
        turned = searched.transpose(Image.Transpose.ROTATE_90)
        if mrz_band.find_bands(turned):
            turned, turned_skew = ocr.deskew(turned)
            zone = _read_mrz(turned, budget)
            if zone is not None:
                searched, skew, rotation = turned, turned_skew, 90
    if zone is None:
        # A phone photo held at a slant: the usual deskew looks only a few degrees either way.
        # Only when nothing was found, so level scans never pay for the wider search.
        steep = ocr.estimate_skew(grey, max_degrees=WIDE_SKEW_DEGREES)
        if abs(steep - skew) >= 3:
            # The corners a steep turn uncovers take the photo's typical grey: white corners
            # would make a band crop's contrast stretch turn the whole zone black.
            fill = int(np.median(np.asarray(grey)))
            turned = _enlarged(grey.rotate(steep, resample=Image.Resampling.BICUBIC,
                                           expand=True, fillcolor=fill))
            zone = _read_mrz(turned, budget)
            if zone is not None:
                searched, skew = turned, steep
    if zone is None:
        # A lamp's reflection or a shadow across the zone: the glyphs there are too faint for
        # the band search's fixed contrast. Stretch the contrast locally and look once more;
        # only when nothing was found, so evenly lit pages never pay for it.
        stretched = local_contrast(searched)
        zone = _read_mrz(stretched, budget)
        if zone is not None:
            searched = stretched
    if zone is None and not _framed_by_paper(grey):
        swept = _swept_zone(grey, budget)
        if swept is not None:
            searched, skew, zone = swept
    if zone is not None:
        upright = searched
        flip, reading, box = zone
        if flip:
            box = (upright.width - box[2], upright.height - box[3], upright.width - box[0],
                   upright.height - box[1])
            upright = upright.rotate(flip, expand=True)
            rotation = (rotation + flip) % 360
        printed: list[str] = []
        if reading.is_passport:
            printed = _viz_words(upright, box, budget)
            reading = viz.confirm(reading, printed)
        if reading.is_passport or reading.format.value != "TD3":
            # A passport zone, validated or not: the page is a passport data page, and the
            # visual zone above it was all the rest of the page that needed reading.
            text = "\n".join([" ".join(printed), *reading.lines]) if printed else \
                "\n".join(reading.lines)
            return Page(number, text, ocr=True, mrz=reading, image=upright,
                        rotation=rotation, skew=skew, full_text_read=False)

    upright, _ = ocr.scale_to(upright, MAX_OCR_SIDE)
    result = ocr.read_words(upright, timeout=budget())
    if result.quality() < GOOD_QUALITY:
        turned_image, turned_result, turned_by = _best_orientation(upright, result, budget)
        if turned_by:
            upright, result = turned_image, turned_result
            rotation = (rotation + turned_by) % 360
    if result.words and _median_height(result) < SMALL_TEXT_PIXELS:
        # A phone photo of a whole A4 page: letters too small for tesseract. Enlarge once.
        factor = min(2.0, MAX_OCR_SIDE * 1.4 / max(upright.size))
        if factor > 1.2:
            larger = upright.resize((round(upright.width * factor),
                                     round(upright.height * factor)), Image.Resampling.BICUBIC)
            larger_result = ocr.read_words(larger, timeout=budget())
            if larger_result.quality() > result.quality():
                upright, result = larger, larger_result
    reading = zone[1] if zone is not None else find_mrz(result.lines)
    if reading is not None and reading.is_passport:
        # The whole page was read anyway: its words, but for the zone's own, are the visual
        # zone.
        page_lines: dict[tuple[int, int, int], list[str]] = {}
        for word in result.words:
            page_lines.setdefault(word.line_key, []).append(word.text)
        reading = viz.confirm(reading, viz.words_off_zone(list(page_lines.values()),
                                                          reading.lines))
    return Page(number, result.text, ocr=True, mrz=reading, image=upright,
                words=result.words, rotation=rotation, skew=skew)


LOCAL_CONTRAST_TILES = 24  # windows across the long side over which contrast is stretched
LOCAL_CONTRAST_FLOOR = 40  # grey levels of range below which a window is stretched no further


def local_contrast(grey: Image.Image) -> Image.Image:
    """Each pixel stretched between the darkest and lightest values around it (CLAHE-like).

    Glare leaves glyphs 20 grey levels below their paper, where the rest of the page has 150:
    after the stretch both are black on white. The range is floored so that blank paper's
    noise is not stretched into ink. Minima and maxima are taken at a reduced size and
    smoothed: milliseconds, and no tile edges."""
    step = max(1, max(grey.size) // (LOCAL_CONTRAST_TILES * 8))
    small = grey.resize((max(1, grey.width // step), max(1, grey.height // step)),
                        Image.Resampling.BOX)
    window = max(3, (max(small.size) // LOCAL_CONTRAST_TILES) | 1)
    blur = ImageFilter.GaussianBlur(window / 2)
    darkest = small.filter(ImageFilter.MinFilter(window)).filter(blur).resize(
        grey.size, Image.Resampling.BILINEAR)
    lightest = small.filter(ImageFilter.MaxFilter(window)).filter(blur).resize(
        grey.size, Image.Resampling.BILINEAR)
    pixels = np.asarray(grey, dtype=np.float32)
    low = np.asarray(darkest, dtype=np.float32)
    high = np.asarray(lightest, dtype=np.float32)
    span = np.maximum(high - low, LOCAL_CONTRAST_FLOOR)
    # Paper stays paper: the stretch is anchored at the light end, ink goes toward black.
    out = 255.0 - (high - pixels) * (255.0 / span)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


WIDE_SKEW_DEGREES = 25.0  # how far a slanted photo is levelled when the zone is not found
MIN_SEARCH_SIDE = 1200  # pixels on the long side below which the zone search enlarges


def _enlarged(image: Image.Image) -> Image.Image:
    longest = max(image.size)
    if longest >= MIN_SEARCH_SIDE:
        return image
    factor = MIN_SEARCH_SIDE / longest
    return image.resize((round(image.width * factor), round(image.height * factor)),
                        Image.Resampling.BICUBIC)


def _median_height(result: ocr.OcrPage) -> float:
    heights = sorted(w.height for w in result.words if w.confidence >= 50)
    return float(heights[len(heights) // 2]) if heights else 0.0


def _best_orientation(image: Image.Image, result: ocr.OcrPage, budget: Callable[[], float]
                      ) -> tuple[Image.Image, ocr.OcrPage, int]:
    """Try OSD, then the other quarter turns, keeping whichever reads best."""
    osd = ocr.detect_orientation(ocr.scale_to(image, 2000)[0], timeout=budget())
    if osd is not None and osd.rotate and osd.confidence >= 1.0:
        order = [osd.rotate] + [r for r in (90, 270, 180) if r != osd.rotate]
    else:
        order = [90, 270, 180]
    best = (image, result, 0)
    for degrees in order:
        # OSD reports the clockwise angle that makes the text upright; PIL rotates anticlockwise.
        candidate = image.rotate(-degrees, expand=True)
        candidate_result = ocr.read_words(candidate, timeout=budget())
        if candidate_result.quality() > best[1].quality():
            best = (candidate, candidate_result, degrees)
        if best[1].quality() >= GOOD_QUALITY:
            break
    return best


# How a band is read once it looks like an MRZ: (line height in pixels, treatment, by cells).
# The probe asking whether a band is an MRZ at all reads the crop the first cell reading reads
# (the same image: the cell reading that follows costs no read of its own). When it does not
# read as a passport's zone, the lowest band (where a data page prints its zone) is probed
# once more smaller, as it was before, and that probe decides.
_PROBE = (32, "binary", False)
_SMALL_PROBE = (24, "binary", False)
_MRZ_ATTEMPTS = ((32, "binary", True), (40, "sharpened", True), (40, "sharpened", False),
                 (20, "plain", False))


class _BandReader:
    """The prepared versions of one band crop and their tesseract readings, read in batches.

    Every tesseract call pays ~0.1 s to start and load its model, as much as reading a crop,
    so crops that will probably be needed are read together (`ocr.read_mrz_bands`): the
    decisions in `_read_mrz` stay the same as reading them one by one, only the number of
    processes drops.
    """

    def __init__(self, crop: Image.Image, line_height: int,
                 box: tuple[int, int, int, int]) -> None:
        self.crop = crop
        self.line_height = line_height
        self.box = box  # where the crop lies in the image searched
        self._prepared: dict[tuple[int, str], Image.Image] = {}
        self._grids: dict[tuple[int, str], mrz_cells.CellGrid | None] = {}

    def prepared(self, height: int, treatment: str) -> Image.Image:
        key = (height, treatment)
        if key not in self._prepared:
            self._prepared[key] = _prepare_band(self.crop, self.line_height, height, treatment)
        return self._prepared[key]

    def grid(self, height: int, treatment: str) -> mrz_cells.CellGrid | None:
        key = (height, treatment)
        if key not in self._grids:
            self._grids[key] = mrz_cells.grid(self.prepared(height, treatment))
        return self._grids[key]

    def first_grid(self) -> tuple[int, mrz_cells.CellGrid] | None:
        """The cell grid of the first cell attempt whose band fits one, with its height."""
        return next(((height, g) for height, treatment, by_cells in _MRZ_ATTEMPTS
                     if by_cells and (g := self.grid(height, treatment)) is not None), None)

    def wanted(self, attempts: tuple[tuple[int, str, bool], ...]) -> list[Image.Image]:
        """The images these attempts would send to tesseract (a cell attempt needs a grid),
        to read ahead in the same call; none when tesseract runs in-process, where a crop not
        read costs nothing and one read ahead may never be needed."""
        if not ocr.batching_pays():
            return []
        return [self.prepared(height, treatment) for height, treatment, by_cells in attempts
                if not by_cells or self.grid(height, treatment) is not None]


# The visual zone above a TD3 band: the data page is 125 x 88 mm, its 2 MRZ lines 112 mm wide
# near the bottom edge, so the page above them reaches about 0.6 band widths up.
VIZ_HEIGHT_PER_BAND_WIDTH = 0.62
VIZ_WIDTH = 700  # pixels across the crop: VIZ capitals of about 20 px, enough for tesseract
VIZ_SKIP_LEFT = 0.22  # share of the band width left of the fields (the holder's photo)
VIZ_PSM = 11      # sparse text: fields scattered around a photo, not paragraphs


def _viz_words(image: Image.Image, box: tuple[int, int, int, int],
               budget: Callable[[], float]) -> list[str]:
    """One OCR pass over the page above the band, the witness for the MRZ (`classifiers.viz`).

    Only the crop above the band is read, at a resolution just enough for its capitals."""
    left, top, right, _ = box
    width = right - left
    # The holder's photo fills the left quarter of a TD3 data page; the fields are right of it.
    crop_box = (max(0, left + round(VIZ_SKIP_LEFT * width)),
                max(0, top - round(VIZ_HEIGHT_PER_BAND_WIDTH * width)),
                min(image.width, right + round(0.03 * width)), top)
    if crop_box[3] - crop_box[1] < 0.15 * width:
        return []  # the band is at the top of the picture: no visual zone in the frame
    crop = image.crop(crop_box)
    factor = min(2.5, VIZ_WIDTH / max(1, crop.width))
    if abs(factor - 1) > 0.05:
        size = (max(1, round(crop.width * factor)), max(1, round(crop.height * factor)))
        crop = crop.resize(size, Image.Resampling.BILINEAR if factor < 1
                           else Image.Resampling.BICUBIC)
    try:
        words = ocr.read_words(crop, timeout=budget(), psm=VIZ_PSM)
    except ocr.OcrUnavailable:
        return []
    return [w.text for w in words.words]


SWEEP_ANGLES = tuple(range(-24, 25, 3))  # degrees the thorough search turns the photo by
SWEEP_READS = 2  # turned pictures read at most: a zone is found at neighbouring angles alike
SWEEP_BANDS_PER_ANGLE = 3  # bands per angle whose glyph spacing is looked at
SWEEP_CHECKS = 24  # and in all: a page of prose at every angle must stay cheap


def _swept_zone(grey: Image.Image, budget: Callable[[], float]
                ) -> tuple[Image.Image, float, tuple[int, MrzReading, tuple[int, int, int, int]]
                           ] | None:
    """The last search, when no other found a zone: a page small among other papers, lying at
    its own slant, its edges and their lines longer than its zone. Thorough band search at
    every few degrees (`mrz_band.find_turned_bands`); of the bands whose glyphs are evenly
    spaced, the longest (a zone is longest where it lies level) are read, at most
    `SWEEP_READS`. (turned picture, its angle, zone) or None."""
    searched = _enlarged(grey)
    candidates: list[tuple[int, float, mrz_band.Band]] = []
    checked = 0
    for angle, bands in mrz_band.find_turned_bands(searched, SWEEP_ANGLES):
        # A passport's zone is two lines; a page of prose has many groups of two or three:
        # the few longest two-line bands per angle are looked at, so many at most in all.
        for band in [b for b in bands if b.lines == 2][:SWEEP_BANDS_PER_ANGLE]:
            if checked >= SWEEP_CHECKS:
                break
            checked += 1
            if mrz_band.looks_monospaced(_turned_crop(searched, angle, band.box)):
                candidates.append((band.box[2] - band.box[0], float(angle), band))
    fill = int(np.median(np.asarray(grey)))
    read_angles: list[float] = []
    for _, angle, band in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if len(read_angles) >= SWEEP_READS:
            break
        if any(abs(angle - done) < 4 for done in read_angles):
            continue  # the same zone, found again a step away
        read_angles.append(angle)
        turned = searched.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                                 fillcolor=fill)
        zone = _read_mrz(turned, budget, bands=[band])
        if zone is not None:
            return turned, angle, zone
    return None


PAPER_GREY = 215  # grey level above which a pixel is paper (or a scanner's white), not a desk
PAPER_FRAME = 0.9  # share of the picture's edge that is paper in a scan or a cropped page


def _framed_by_paper(grey: Image.Image) -> bool:
    """Whether the picture's edges are paper: a scan or a page cropped to itself, not a
    photo of a page lying on a desk. The sweep is for photos; on a scanned page without a
    zone (a form) it would cost seconds for nothing."""
    pixels = np.asarray(grey)
    margin = max(2, round(0.03 * min(pixels.shape)))
    edges = np.concatenate([pixels[:margin].ravel(), pixels[-margin:].ravel(),
                            pixels[:, :margin].ravel(), pixels[:, -margin:].ravel()])
    return float((edges >= PAPER_GREY).mean()) >= PAPER_FRAME


def _turned_crop(image: Image.Image, angle: float, box: tuple[int, int, int, int]
                 ) -> Image.Image:
    """`image.rotate(angle, expand=True).crop(box)`, turning only the neighbourhood of the box
    (a whole photo costs tens of milliseconds to turn, and the sweep looks at many boxes)."""
    radians = np.radians(angle)
    cos, sin = float(np.cos(radians)), float(np.sin(radians))
    turned_width = abs(image.width * cos) + abs(image.height * sin)
    turned_height = abs(image.width * sin) + abs(image.height * cos)
    # The box's centre, from the turned picture back into the image (PIL turns about the
    # centre: turned = R (p - centre) + turned centre).
    dx = (box[0] + box[2]) / 2 - turned_width / 2
    dy = (box[1] + box[3]) / 2 - turned_height / 2
    cx = image.width / 2 + dx * cos - dy * sin
    cy = image.height / 2 + dx * sin + dy * cos
    width, height = box[2] - box[0], box[3] - box[1]
    half = (width + height) / 2 + 2
    around = image.crop((round(cx - half), round(cy - half), round(cx + half),
                         round(cy + half)))
    turned = around.rotate(angle, resample=Image.Resampling.BILINEAR)
    centre = turned.width / 2
    return turned.crop((round(centre - width / 2), round(centre - height / 2),
                        round(centre + width / 2), round(centre + height / 2)))


def _read_mrz(image: Image.Image, budget: Callable[[], float],
              bands: list[mrz_band.Band] | None = None
              ) -> tuple[int, MrzReading, tuple[int, int, int, int]] | None:
    """Find an MRZ band and read it, the right way up or upside down: (flip, reading).

    One quick tesseract read per band and direction tells whether it is an MRZ at all. Then the
    cell reading (`mrz_cells`), which also gets the `<` fillers and so the names right, is
    tried before tesseract's other readings; the first cell reading that passes the checks wins.

    Tesseract runs at most twice per band: once for the probes of every candidate band in both
    directions together with the first cell reading of the first band upright (enough for a
    clean scan), and once more for all the remaining readings of the band that is an MRZ (a
    phone photo usually needs them all).

    `bands`: the candidates found already (by a thorough search) instead of the usual search.
    """
    readers: list[tuple[int, _BandReader]] = []
    found = mrz_band.find_bands(image)[:4] if bands is None else bands
    # The lowest band is where a data page prints its MRZ: probed even when print or a
    # watermark over it hides the even glyph spacing.
    lowest = max(found, key=lambda b: b.box[3], default=None)
    for band in found:
        if len(readers) >= 4:
            break
        crop = image.crop(band.box)
        if band is not lowest and not mrz_band.looks_monospaced(crop):
            continue
        for flip in (0, 180):
            readers.append((flip, _BandReader(crop.rotate(flip) if flip else crop,
                                              band.line_height, band.box)))
    if not readers:
        return None
    if ocr.batching_pays():
        # One program start for every probe (and the likely next read) instead of one each.
        probes = [reader.prepared(*_PROBE[:2]) for _, reader in readers]
        ocr.read_mrz_bands(probes, timeout=budget(),
                           also=readers[0][1].wanted(_MRZ_ATTEMPTS[:1]))
    first: tuple[int, MrzReading, tuple[int, int, int, int]] | None = None
    for index, (flip, reader) in enumerate(readers):
        zone = _read_band(reader, budget, cells_first=index == 0,
                          small_probe=lowest is not None and reader.box == lowest.box)
        if zone is not None:
            first = flip, zone, reader.box
            break
    if first is not None and (first[1].checks_ok or first[1].format.value != "TD3"):
        return first
    # Nothing read, or a zone whose checks fail: a keystoned photo's lines slope apart and its
    # glyphs shrink toward the far end, a shadow's edge or a reflection defeats the band's one
    # threshold. Read the band once more warped level and its contrast stretched locally
    # (only now: a zone read well never pays for it); that replaces the first reading only
    # when it reads better.
    # The band read, or when none was, the candidates whose two lines the warp finds.
    again = [band for band in found if band.box == first[2]] if first is not None else found
    for band in again[:SECOND_READ_BANDS]:
        second = _second_reading(image, band, budget, read_before=first is not None,
                                 flips=(first[0],) if first is not None else (0, 180))
        if second is not None and (first is None or _better(second[1], first[1])):
            return second
    return first


SECOND_READ_MARGIN = (2.0, 1.0)  # line heights added around a band before the warp (x, y)
SECOND_READ_BANDS = 2  # candidates read a second time at most
# A zone read before (its checks failed) is warped only when its corners are this many line
# spacings off a level rectangle; nearer level it is read again only contrast-stretched (on
# the seed-1 hard set, warping zones 0.02-0.18 off lost three readings the stretch gets).
SECOND_READ_MIN_CORRECTION = 0.3
# The band search's line height for a zone, over its line spacing (0.6 to 0.67 on the desk
# photos of the tuning seed): how a rectified zone is scaled for reading.
RECTIFIED_LINE_HEIGHT = 0.65


def _second_reading(image: Image.Image, band: mrz_band.Band, budget: Callable[[], float],
                    *, read_before: bool, flips: tuple[int, ...] = (0, 180)
                    ) -> tuple[int, MrzReading, tuple[int, int, int, int]] | None:
    """The band warped level (`mrz_rectify`, when its two lines are found), its contrast
    stretched locally, and read in the directions `flips` (a zone read before only the way it
    was read).

    `read_before`: the band was read as a zone (its checks failed), so it is read again even
    when the warp does not find its lines; a band not read at all only when it does."""
    left, top, right, bottom = band.box
    margin_x, margin_y = (round(m * band.line_height) for m in SECOND_READ_MARGIN)
    around = image.crop((max(0, left - margin_x), max(0, top - margin_y),
                         min(image.width, right + margin_x), min(image.height, bottom + margin_y)))
    rectified = mrz_rectify.rectify(around, band.line_height)
    if rectified is not None and read_before and \
            rectified.correction < SECOND_READ_MIN_CORRECTION:
        rectified = None  # about level already: the warp's own imprecision would cost more
    if rectified is not None:
        # The warp put the zone where it says, with a margin: the whole picture is the band.
        crop = local_contrast(rectified.image)
        line_height = max(1, round(RECTIFIED_LINE_HEIGHT * rectified.line_spacing))
    elif read_before:
        flat = local_contrast(around)
        bands = mrz_band.find_bands(flat)
        if not bands:
            return None
        crop, line_height = flat.crop(bands[0].box), bands[0].line_height
    else:
        return None
    for flip in flips:
        reader = _BandReader(crop.rotate(flip) if flip else crop, line_height, band.box)
        zone = _read_band(reader, budget, cells_first=True)
        if zone is not None:
            return flip, zone, band.box
    return None


def _read_band(reader: _BandReader, budget: Callable[[], float], *, cells_first: bool = False,
               small_probe: bool = False) -> MrzReading | None:
    if cells_first:
        # The likeliest band, upright: a clean zone's first cell reading passes every check,
        # and then the probe that asks "is this an MRZ?" is a tesseract read the answer did
        # not need. When it does not pass, the probe and the other readings follow as before
        # (this reading is cached and not made twice: it is the probe).
        height, treatment, _ = _MRZ_ATTEMPTS[0]
        cell_grid = reader.grid(height, treatment)
        if cell_grid is not None:
            read = ocr.read_mrz_bands([reader.prepared(height, treatment)], timeout=budget())[0]
            lines = mrz_cells.read_grid(cell_grid, read.chars)
            reading = find_mrz(lines) if lines is not None else None
            if reading is not None and reading.checks_ok and reading.is_passport:
                return _settle_by_shapes(reading, reader)
    probe = ocr.read_mrz_bands([reader.prepared(*_PROBE[:2])], timeout=budget())[0].lines
    best = find_mrz(probe) if _mrz_like(probe) else None
    small_read = small_probe and (not _mrz_like(probe) or (
        best is not None and best.format.value != "TD3"))
    if small_read:
        probe = ocr.read_mrz_bands([reader.prepared(*_SMALL_PROBE[:2])],
                                   timeout=budget())[0].lines
        best = find_mrz(probe) if _mrz_like(probe) else None
    if not _mrz_like(probe):
        return None
    if best is not None and best.format.value != "TD3":
        return best
    voter = None
    if best is not None and not small_read and not best.checks_ok:
        # The large probe's reading is chosen only when it passes: one that fails leaves the
        # choice to the readings made before it was the probe (the small one among them), and
        # only votes on the names.
        voter, best = best, None
    tesseract_readings = [r for r in (best, voter) if r is not None]
    for index, (height, treatment, by_cells) in enumerate(_MRZ_ATTEMPTS):
        prepared = reader.prepared(height, treatment)
        if by_cells:
            cell_grid = reader.grid(height, treatment)
            if cell_grid is None:
                continue
        elif best is not None and best.checks_ok and not _noisy_names(best):
            break  # tesseract's reading passed and its names look clean
        # When this reading is not cached yet, the later attempts are read in the same call.
        read = ocr.read_mrz_bands([prepared], timeout=budget(),
                                  also=reader.wanted(_MRZ_ATTEMPTS[index + 1:]))[0]
        if by_cells:
            assert cell_grid is not None
            lines = mrz_cells.read_grid(cell_grid, read.chars)
            if lines is None:
                continue
        else:
            lines = read.lines
        reading = find_mrz(lines)
        if reading is None:
            continue
        if by_cells and reading.checks_ok:
            return _settle_by_shapes(reading, reader)
        if not by_cells:
            tesseract_readings.append(reading)
        if best is None or _better(reading, best):
            best = reading
    if not small_read and (best is None or not best.checks_ok):
        # No reading passed: the small probe's reading (thin strokes read best small) is one
        # more candidate, chosen unless another reads strictly better, as when it was the
        # first reading made.
        small = ocr.read_mrz_bands([reader.prepared(*_SMALL_PROBE[:2])],
                                   timeout=budget())[0].lines
        reading = find_mrz(small) if _mrz_like(small) else None
        if reading is not None and reading.format.value == "TD3":
            tesseract_readings.insert(0, reading)
            if best is None or not _better(best, reading):
                best = reading
    if best is not None:
        # Tesseract's names carry noise at their edges; let its readings vote.
        same_zone = [r for r in tesseract_readings if r.is_passport]
        if best in same_zone and len(same_zone) >= 2:
            same_zone.remove(best)
            best = merge_names([best, *same_zone])
        best = _settle_by_shapes(best, reader)
    return best


def _settle_by_shapes(reading: MrzReading, reader: _BandReader) -> MrzReading:
    """Drop the alternatives that the glyphs of the band rule out (a clear 6 is no G).

    Only the document number's 6/G choices are judged (`mrz_cells.shape_settled_positions`);
    when no alternative is left, the check digits' tie is settled and the reading may be
    confirmed (the visual zone still has its say on names and codes)."""
    reading = _round_letters_by_height(reading, reader)
    if not reading.alternatives or not reading.is_passport:
        return reading
    line2 = reading.lines[1]
    differing = sorted({i for alternative in reading.alternatives for i in range(9)
                        if alternative[i] != line2[i]})
    found = reader.first_grid()
    if found is None or not differing:
        return reading
    cell_grid = found[1]
    settled = mrz_cells.shape_settled_positions(cell_grid, line2, differing)
    left = tuple(a for a in reading.alternatives
                 if not any(a[i] != line2[i] for i in settled))
    if not left:
        unsettled = tuple(u for u in reading.unsettled
                          if not u.startswith(viz.NUMBER_AMBIGUITY))
        return with_confirmation(replace(
            reading, alternatives=left, unsettled=unsettled,
            repairs=(*reading.repairs, "document number settled by the glyph shapes")))
    if left != reading.alternatives:
        reading = with_confirmation(replace(reading, alternatives=left))
    # A G read as 6 (or back) that the glyph shows plainly: the alternative with exactly those
    # characters changed becomes the reading. The number stays untrusted (the check digits'
    # tie is still there) until the printed page shows it.
    switched = mrz_cells.shape_switched_positions(cell_grid, line2, differing)
    chosen = next((a for a in left if switched and
                   {i for i in differing if a[i] != line2[i]} == switched), None)
    if chosen is None:
        return reading
    moved = mrz.with_line2(reading, chosen)
    return with_confirmation(replace(
        moved, repairs=(*moved.repairs, "G and 6 in the document number by their shapes")))


def _round_letters_by_height(reading: MrzReading, reader: _BandReader) -> MrzReading:
    """Choose between O and 0 in the document number by the height of their glyphs.

    The check digits cannot choose when a pair of them weighs nothing, and a number whose
    check fails with O and 0 mixed up can pass with several pairs swapped: OCR-B's digits
    stand taller than its capitals (`mrz_cells.round_letters_by_height`). The reading that
    agrees with the heights becomes the best one; the number stays untrusted
    (`NUMBER_BY_HEIGHT`) and the others stay alternatives, for the printed page to settle.
    """
    line2 = reading.lines[1]
    if not reading.is_passport or reading.passport is None \
            or not mrz_cells.round_positions(line2):
        return reading  # nothing to judge: no band is prepared for it
    found = reader.first_grid()
    if found is None:
        return reading
    height, cell_grid = found
    letters = mrz_cells.round_letters_by_height(reader.prepared(height, "plain"), cell_grid,
                                                line2)
    if not letters:
        return reading

    def agrees(line: str) -> bool:
        return all(line[i].isalpha() == is_letter for i, is_letter in letters.items())

    if agrees(line2):
        return reading
    if not reading.checks.get("document_number"):
        rewritten = "".join(("O" if letters[i] else "0") if i in letters else c
                            for i, c in enumerate(line2))
        again = find_mrz([reading.lines[0], rewritten])
        if again is None or again.passport is None or not again.checks_ok \
                or not agrees(again.lines[1]):
            return reading
        passport = replace(again.passport, surname=reading.passport.surname,
                           given_names=reading.passport.given_names)
        kept = tuple(u for u in reading.unsettled if u.startswith("given names:"))
        unsettled = (*dict.fromkeys((*again.unsettled, *kept)), mrz.NUMBER_BY_HEIGHT)
        return with_confirmation(replace(
            again, passport=passport, unsettled=unsettled, dropped_names=reading.dropped_names,
            repairs=(*again.repairs, "O and 0 in the document number by their heights")))
    chosen = next((a for a in reading.alternatives if agrees(a)), None)
    if chosen is None:
        return reading
    moved = mrz.with_line2(reading, chosen)
    return with_confirmation(replace(
        moved, unsettled=(*moved.unsettled, mrz.NUMBER_BY_HEIGHT),
        repairs=(*moved.repairs, "O and 0 in the document number by their heights")))


def _noisy_names(reading: MrzReading) -> bool:
    """Names that may carry a misread filler at an edge (…K, X…) or a stray one-letter part."""
    if reading.passport is None:
        return True
    parts = [reading.passport.surname, *reading.passport.given_names.split()]
    return any(len(part) <= 1 or part[-1] in "KCXSER" or part[0] in "KCX" for part in parts)


def _mrz_like(lines: list[str]) -> bool:
    return any(len(line) >= 25 and line.count("<") >= 3 for line in lines)


def _better(a: MrzReading, b: MrzReading) -> bool:
    return (a.checks_ok, sum(a.checks.values())) > (b.checks_ok, sum(b.checks.values()))


def _prepare_band(crop: Image.Image, line_height: int, target: int, treatment: str
                  ) -> Image.Image:
    factor = target / max(1, line_height)
    size = (max(1, round(crop.width * factor)), max(1, round(crop.height * factor)))
    out = crop.resize(size, Image.Resampling.LANCZOS)
    if treatment == "plain":
        return out
    out = ImageOps.autocontrast(out, cutoff=1)
    if treatment == "binary":
        return out.point(lambda v: 255 if v > 140 else 0)
    return out.filter(ImageFilter.UnsharpMask(2, 150, 3))


# ---------------------------------------------------------------------------------------------
# DOCX


def _extract_docx(data: bytes, limits: Limits, deadline: Deadline) -> ExtractedFile:
    import docx  # python-docx; imported here because most files are never DOCX

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ExtractError(ReadError.CORRUPT, type(error).__name__) from error
    except Exception as error:  # python-docx raises its own types for malformed parts
        raise ExtractError(ReadError.CORRUPT, type(error).__name__) from error
    try:
        text = body_text(document)
    except RecursionError as error:  # content controls nested beyond reason: a hostile file
        raise ExtractError(ReadError.CORRUPT, "nested too deep") from error
    pages = [Page(1, text)]
    images = [rel.target_part.blob for rel in document.part.rels.values()
              if "image" in rel.reltype and not rel.is_external]
    if usable_text(text):
        # A few lines typed around a photo or scan of the paper itself ("Please find my signed
        # TB form below"): the paper is in the picture, so it is read too. Logos, signatures
        # and icons are far smaller than a photographed page.
        for blob in [blob for blob in images if _page_sized(blob)][:limits.max_pages - 1]:
            for frame in _image_frames(blob, limits):
                pages.append(read_image(frame, len(pages) + 1, limits, deadline))
        return ExtractedFile(FileType.DOCX, pages, embedded_images=len(images),
                             signature_images=signature_images(document),
                             answered_fields=answered_fields(document),
                             script_signatures=script_signatures(document))
    # The text says nothing: the document is a wrapper around scans or photos.
    if len(images) > limits.max_pages:
        raise ExtractError(ReadError.TOO_MANY_PAGES)
    pages = [Page(1, text)] if text.strip() else []
    for blob in images:
        for frame in _image_frames(blob, limits):
            pages.append(read_image(frame, len(pages) + 1, limits, deadline))
    return ExtractedFile(FileType.DOCX, pages or [Page(1, text)])
