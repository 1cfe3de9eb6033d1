"""The true type of a file from its bytes, never from its name or MIME header."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum

import filetype


class FileType(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    TIFF = "tiff"
    HEIF = "heif"
    WEBP = "webp"
    GIF = "gif"
    BMP = "bmp"
    DOCX = "docx"
    ZIP = "zip"
    OTHER = "other"


IMAGE_TYPES = frozenset({FileType.JPEG, FileType.PNG, FileType.TIFF, FileType.HEIF,
                         FileType.WEBP, FileType.GIF, FileType.BMP})

_FILETYPE_EXTENSIONS = {
    "pdf": FileType.PDF, "jpg": FileType.JPEG, "png": FileType.PNG, "tif": FileType.TIFF,
    "heic": FileType.HEIF, "avif": FileType.HEIF, "webp": FileType.WEBP, "gif": FileType.GIF,
    "bmp": FileType.BMP, "docx": FileType.DOCX, "zip": FileType.ZIP,
}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def sniff(data: bytes) -> FileType:
    """pdf, jpeg, png, tiff, heif, webp, gif, bmp, docx, zip or other."""
    head = data[:1024]
    # Scanners and mail clients sometimes put junk before %PDF; readers accept it within 1 KB.
    if b"%PDF-" in head:
        return FileType.PDF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return FileType.HEIF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    kind = filetype.guess(head)
    if kind is not None and kind.extension in _FILETYPE_EXTENSIONS:
        found = _FILETYPE_EXTENSIONS[kind.extension]
        return _sniff_zip(data) if found in (FileType.DOCX, FileType.ZIP) else found
    return FileType.OTHER


def _sniff_zip(data: bytes) -> FileType:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # A truncated DOCX has lost its central directory but still names its parts up front.
        return FileType.DOCX if b"word/" in data[:4096] else FileType.ZIP
    return FileType.DOCX if "word/document.xml" in names else FileType.ZIP
