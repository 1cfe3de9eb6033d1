"""Tesseract inside this process: libtesseract's C API, its model loaded once per process.

Starting the `tesseract` program costs about 0.13 s of CPU before it reads a pixel (loading
the model and its word lists): as much as reading two MRZ bands, and a passport photo needs
several reads. The library the program links (Debian's `libtesseract5`, installed with
`tesseract-ocr`) does the same recognition in this process once it is loaded, so a read costs
only its recognition, and a crop is read only when it is needed.

The readings are the program's, character for character: the same library, the same settings,
the same pixels and the resolution the program would see (the 96 dpi that Pillow writes into
the BMP file `ocr` hands the program). `tests/classifiers/test_tesseract_api.py` compares them.

One engine per thread, per language and per `TESSDATA_PREFIX` (an operator pointing it
elsewhere gets a fresh load, and an error if the data is missing there). A process forked from
a thread keeps that thread's engine, loaded (`preload`: the worker loads it once, and each
document's reader child starts with it); the engines of other threads are not kept. The C API
runs in the calling thread, so OpenMP must stay at one thread (`OMP_THREAD_LIMIT=1`, which
`classifiers.ocr` sets): a forked child cannot use an OpenMP thread pool its parent started.

The time budget stops recognition, not the layout analysis before it (a fraction of a page's
time); the document's child process is the hard limit.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import threading
import time
from dataclasses import dataclass

from PIL import Image

# The resolution tesseract sees in the BMP files that `ocr` writes for the program (Pillow's
# default 96 dpi): the same value here keeps the layout analysis of both paths identical.
SOURCE_DPI = 96
# Where the library may be, Debian/Ubuntu's name first. Tests point it nowhere to take the
# library away.
LIBRARY_NAMES: tuple[str, ...] = ("libtesseract.so.5", "libtesseract.so.4", "libtesseract.dylib")


class EngineUnavailable(Exception):
    """The library cannot be loaded here: the caller runs the `tesseract` program instead."""


class LanguageDataMissing(Exception):
    """The library loaded, but not the language's data: the installation's fault."""


class RecognitionFailed(Exception):
    """Tesseract gave up on an image (too large, no lines), or ran out of its time budget."""

    def __init__(self, message: str, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@dataclass(frozen=True, slots=True)
class Recognition:
    tsv: str  # tesseract's TSV, header first, as the program writes it
    boxes: str  # its box file ("c left bottom right top page"), empty unless asked


def _bind(library: ctypes.CDLL) -> ctypes.CDLL:
    api, text, char_p, int_ = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[list[object], object]] = {
        "TessBaseAPICreate": ([], api),
        "TessBaseAPIDelete": ([api], None),
        "TessBaseAPIInit3": ([api, char_p, char_p], int_),
        "TessBaseAPISetVariable": ([api, char_p, char_p], int_),
        "TessBaseAPISetPageSegMode": ([api, int_], None),
        "TessBaseAPISetImage": ([api, char_p, int_, int_, int_, int_], None),
        "TessBaseAPISetSourceResolution": ([api, int_], None),
        "TessBaseAPIRecognize": ([api, ctypes.c_void_p], int_),
        "TessBaseAPIGetTsvText": ([api, int_], text),
        "TessBaseAPIGetBoxText": ([api, int_], text),
        "TessBaseAPIClear": ([api], None),
        "TessBaseAPIEnd": ([api], None),
        "TessDeleteText": ([text], None),
        "TessMonitorCreate": ([], ctypes.c_void_p),
        "TessMonitorDelete": ([ctypes.c_void_p], None),
        "TessMonitorSetDeadlineMSecs": ([ctypes.c_void_p, int_], None),
        "TessVersion": ([], char_p),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = result
    return library


_LOADED: dict[str, ctypes.CDLL | None] = {}
_LOAD_LOCK = threading.Lock()


def load_library(names: tuple[str, ...]) -> ctypes.CDLL:
    """libtesseract with its C API bound; EngineUnavailable when it is not installed."""
    key = "|".join(names)
    with _LOAD_LOCK:
        if key not in _LOADED:
            _LOADED[key] = None
            for name in names:
                try:
                    library = _bind(ctypes.CDLL(name))
                except (OSError, AttributeError):
                    continue  # not there, or a library without the C API functions we call
                if library.TessVersion().decode(errors="replace").startswith(("5.", "4.")):
                    _LOADED[key] = library
                    _quiet_leptonica()
                    break
        library = _LOADED[key]
    if library is None:
        raise EngineUnavailable("libtesseract (4 or 5) is not installed")
    return library


# Leptonica, the image library under tesseract, prints its complaints ("box outside
# rectangle" on a crop at the image's edge) to stderr; the program's stderr went nowhere.
_LEPTONICA_NAMES = ("liblept.so.5", "libleptonica.so.6", "liblept.dylib", "libleptonica.dylib")
_LEPTONICA_SILENT = 6  # L_SEVERITY_NONE


def _quiet_leptonica() -> None:
    for name in _LEPTONICA_NAMES:
        try:
            leptonica = ctypes.CDLL(name)
            leptonica.setMsgSeverity.argtypes = [ctypes.c_int]
            leptonica.setMsgSeverity(_LEPTONICA_SILENT)
            return
        except (OSError, AttributeError):
            continue


class Engine:
    """One loaded model: images in, tesseract's TSV (and box) text out. Not thread-safe: one
    per thread (`engine()`)."""

    def __init__(self, library: ctypes.CDLL, language: str, datapath: str | None) -> None:
        self._library = library
        self.owner = threading.get_ident()  # the thread that made it, the only one to end it
        self._handle = library.TessBaseAPICreate()
        if not self._handle:
            raise EngineUnavailable("libtesseract could not create an engine")
        # Tesseract's warnings ("Detected 12 diacritics", "Empty page!!") go where the
        # program's did: nowhere. Set before Init, whose own messages it also silences.
        library.TessBaseAPISetVariable(self._handle, b"debug_file", os.devnull.encode())
        path = datapath.encode() if datapath else None
        if library.TessBaseAPIInit3(self._handle, path, language.encode()) != 0:
            library.TessBaseAPIDelete(self._handle)
            self._handle = None
            raise LanguageDataMissing(
                f"Failed loading language '{language}' (TESSDATA_PREFIX={datapath or 'default'})")

    def recognise(self, image: Image.Image, *, psm: int, alphabet: str = "",
                  boxes: bool = False, timeout: float = 0.0) -> Recognition:
        """Read one image. `alphabet`: the only characters allowed (empty: all). `timeout`:
        seconds of recognition before tesseract stops (0: none)."""
        library, handle = self._library, self._handle
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB" if "A" in image.getbands() or image.mode == "P" else "L")
        depth = 1 if image.mode == "L" else 3
        library.TessBaseAPISetPageSegMode(handle, psm)
        library.TessBaseAPISetVariable(handle, b"tessedit_char_whitelist", alphabet.encode())
        library.TessBaseAPISetImage(handle, image.tobytes(), image.width, image.height, depth,
                                    image.width * depth)
        library.TessBaseAPISetSourceResolution(handle, SOURCE_DPI)
        monitor = library.TessMonitorCreate()
        started = time.monotonic()
        try:
            if timeout > 0:
                library.TessMonitorSetDeadlineMSecs(monitor, max(1, round(timeout * 1000)))
            if library.TessBaseAPIRecognize(handle, monitor) != 0:
                timed_out = timeout > 0 and time.monotonic() - started >= timeout
                raise RecognitionFailed(
                    f"tesseract took more than {timeout:.1f} s" if timed_out
                    else "tesseract could not read the image", timed_out)
            tsv = self._text(library.TessBaseAPIGetTsvText(handle, 0))
            box = self._text(library.TessBaseAPIGetBoxText(handle, 0)) if boxes else ""
        finally:
            library.TessMonitorDelete(monitor)
            library.TessBaseAPIClear(handle)
        return Recognition(_TSV_HEADER + tsv, box)

    def _text(self, pointer: int | None) -> str:
        if not pointer:
            return ""
        try:
            return ctypes.string_at(pointer).decode("utf-8", errors="replace")
        finally:
            self._library.TessDeleteText(pointer)

    @property
    def is_open(self) -> bool:
        return self._handle is not None

    def close(self) -> None:
        if self._handle:
            self._library.TessBaseAPIEnd(self._handle)
            self._library.TessBaseAPIDelete(self._handle)
            self._handle = None


# The program writes this header line before the rows; the C API returns the rows only.
_TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
               "height\tconf\ttext\n")

_LOCAL = threading.local()
# This process's engines, ended at exit (tesseract warns of a leak otherwise).
_OPEN: list[Engine] = []
_OPEN_LOCK = threading.Lock()


def engine(language: str) -> Engine:
    """This thread's engine for `language`, loaded on first use (EngineUnavailable: no library;
    LanguageDataMissing: no data for the language)."""
    datapath = os.environ.get("TESSDATA_PREFIX")
    key = (language, datapath, LIBRARY_NAMES)
    current: tuple[tuple[object, ...], Engine] | None = getattr(_LOCAL, "engine", None)
    if current is not None and current[0] == key and current[1].is_open:
        return current[1]
    if current is not None:
        _LOCAL.engine = None
        _forget(current[1])
    loaded = Engine(load_library(LIBRARY_NAMES), language, datapath)
    _LOCAL.engine = (key, loaded)
    with _OPEN_LOCK:
        _OPEN.append(loaded)
    return loaded


def preload(language: str) -> None:
    """Load this thread's engine now, so that a process forked from this thread starts with
    it loaded (a document's reader child saves the ~0.12 s of CPU a load costs)."""
    engine(language)


def _after_fork_in_child() -> None:
    """A forked child keeps only the engine of the thread that forked: that thread was in
    `fork`, not in a read, so its engine is idle and whole. The other threads' engines may
    have been mid-read; they are dropped (never ended: their state is not to be trusted), and
    locks another thread held at the fork are made anew."""
    global _LOAD_LOCK, _OPEN_LOCK
    _LOAD_LOCK = threading.Lock()
    _OPEN_LOCK = threading.Lock()
    current = getattr(_LOCAL, "engine", None)
    _OPEN[:] = [current[1]] if current is not None else []


def _forget(old: Engine) -> None:
    with _OPEN_LOCK:
        if old in _OPEN:
            _OPEN.remove(old)
    old.close()


def close_all() -> None:
    """End this thread's engines (at exit; tests). Another thread's engine is only dropped:
    ending it from here, after its thread (a web server's worker, say) is gone, corrupted the
    heap at exit ("malloc_consolidate(): unaligned fastbin chunk"); the process is ending, so
    the memory goes back with it."""
    me = threading.get_ident()
    with _OPEN_LOCK:
        mine = [item for item in _OPEN if item.owner == me]
        _OPEN.clear()
    _LOCAL.engine = None
    for item in mine:
        item.close()


atexit.register(close_all)
os.register_at_fork(after_in_child=_after_fork_in_child)
