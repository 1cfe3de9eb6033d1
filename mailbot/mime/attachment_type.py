"""What a file is: its MIME type for the pipeline, and whether it is a container to open.

The extension table is our own rather than `mimetypes`, which reads /etc/mime.types and so
answers differently on different machines (the hostile corpus expectations must not).
"""

from __future__ import annotations

from enum import Enum

import filetype

from mailbot.mime.tnef import SIGNATURE as TNEF_SIGNATURE

OCTET_STREAM = "application/octet-stream"

_BY_EXTENSION = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "jfif": "image/jpeg",
    "png": "image/png", "gif": "image/gif", "bmp": "image/bmp", "webp": "image/webp",
    "tif": "image/tiff", "tiff": "image/tiff", "heic": "image/heic", "heif": "image/heif",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf", "txt": "text/plain", "htm": "text/html", "html": "text/html",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip", "rar": "application/vnd.rar",
    "7z": "application/x-7z-compressed", "gz": "application/gzip", "tgz": "application/gzip",
    "tar": "application/x-tar", "eml": "message/rfc822",
}
# Declared types that say nothing: sniff the bytes instead.
_GENERIC = {"", OCTET_STREAM, "application/unknown", "application/x-unknown",
            "application/binary", "application/download", "application/force-download"}

# Zip files that are documents, not archives to open.
_ZIP_DOCUMENTS = {"docx", "docm", "dotx", "xlsx", "xlsm", "pptx", "odt", "ods", "odp", "epub",
                  "pages", "numbers", "key", "jar", "apk", "ipa", "xps", "oxps", "3mf", "vsdx"}
_ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip",
              "multipart/x-zip"}
_TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
_MESSAGE_TYPES = {"message/rfc822", "message/global"}

# Archives we do not open, by magic bytes (offset, signature) and by extension.
_REFUSED_MAGIC: list[tuple[int, bytes, str]] = [
    (0, b"Rar!\x1a\x07", "RAR"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"\xfd7zXZ\x00", "xz"),
    (0, b"\x28\xb5\x2f\xfd", "Zstandard"),
    (0, b"MSCF\x00\x00\x00\x00", "cabinet"),
    (0, b"\x60\xea", "ARJ"),
    (7, b"**ACE**", "ACE"),
    (257, b"ustar", "tar"),
]
_REFUSED_EXTENSIONS = {
    "rar": "RAR", "7z": "7-Zip", "gz": "gzip", "tgz": "gzip", "bz2": "bzip2", "tbz": "bzip2",
    "tbz2": "bzip2", "xz": "xz", "txz": "xz", "zst": "Zstandard", "tar": "tar", "cab": "cabinet",
    "arj": "ARJ", "lzh": "LZH", "lha": "LZH", "ace": "ACE", "z": "compress", "lz": "lzip",
    "lzma": "LZMA", "iso": "disk image", "dmg": "disk image", "img": "disk image",
}


class Container(Enum):
    FILE = "file"
    ZIP = "zip"
    TNEF = "tnef"
    MESSAGE = "message"
    REFUSED_ARCHIVE = "refused"


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def guess_type(name: str, data: bytes, declared: str) -> str:
    """The declared type when it means something, else magic bytes, else the extension."""
    if declared not in _GENERIC:
        return declared
    try:
        kind = filetype.guess(data[:8192]) if data else None
    except Exception:  # filetype's matchers are third-party code on hostile bytes
        kind = None
    if kind is not None:
        return str(kind.mime)
    return _BY_EXTENSION.get(extension(name), OCTET_STREAM)


def refused_format(name: str, data: bytes) -> str | None:
    """The name of an archive format we refuse ("RAR", "7-Zip", ...), or None."""
    for offset, magic, label in _REFUSED_MAGIC:
        if data.startswith(magic, offset):
            return label
    if data.startswith(b"BZh") and data[3:4].isdigit() and data.startswith(b"1AY&SY", 4):
        return "bzip2"
    return _REFUSED_EXTENSIONS.get(extension(name))


def container_kind(name: str, content_type: str, data: bytes) -> Container:
    ext = extension(name)
    lower_name = name.lower()
    if (data.startswith(TNEF_SIGNATURE) or content_type in _TNEF_TYPES
            or lower_name in {"winmail.dat", "win.dat"}):
        return Container.TNEF
    if content_type in _MESSAGE_TYPES or ext == "eml":
        return Container.MESSAGE
    is_zip_magic = data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"))
    if ext == "zip" or (content_type in _ZIP_TYPES and ext not in _ZIP_DOCUMENTS):
        return Container.ZIP
    if is_zip_magic and ext not in _ZIP_DOCUMENTS and not content_type.startswith(
        ("application/vnd.", "application/epub")
    ):
        return Container.ZIP
    if refused_format(name, data):
        return Container.REFUSED_ARCHIVE
    return Container.FILE
