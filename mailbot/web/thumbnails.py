"""Page thumbnails of a stored document, rendered from its mail and cached in the data folder.

The file name in the cache is built from the document id and page number only (integers), so
no request can name a path; a document that cannot be rendered has no thumbnail.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from PIL import Image
from sqlmodel import Session

from classifiers.extract import ExtractError, image_frames, render_pdf_page
from classifiers.limits import Limits
from classifiers.sniff import IMAGE_TYPES, FileType, sniff
from mailbot.cases import documents_bytes
from mailbot.store.models import Document
from mailbot.store.private_files import write_private

THUMBNAIL_WIDTH = 480


def cache_path(data_dir: Path, document_id: int, page: int) -> Path:
    return data_dir / "thumbnails" / f"doc-{int(document_id)}-p{int(page)}.png"


def thumbnail(session: Session, data_dir: Path, document: Document, page: int,
              limits: Limits) -> bytes | None:
    """PNG bytes of page `page` (1-based), or None when the document has no such page."""
    assert document.id is not None
    if page < 1 or page > max(len(document.pages), 1):
        return None
    path = cache_path(data_dir, document.id, page)
    if path.exists():
        return path.read_bytes()
    data = documents_bytes(session, [document]).get(document.sha256)
    if data is None:
        return None
    try:
        image = _render(data, page, limits)
    except (ExtractError, OSError, ValueError):
        return None
    if image is None:
        return None
    image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    png = buffer.getvalue()
    write_private(path, png)  # passport pictures: owner-only, like the database
    return png


def _render(data: bytes, page: int, limits: Limits) -> Image.Image | None:
    detected = sniff(data)
    if detected == FileType.PDF:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if page > len(pdf.pages):
                return None
            return render_pdf_page(pdf.pages[page - 1], 60).copy()
    if detected in IMAGE_TYPES:
        for number, frame in enumerate(image_frames(data, limits), start=1):
            if number == page:
                return frame.copy()
    return None  # a Word file or an archive: its pages are text, not pictures
