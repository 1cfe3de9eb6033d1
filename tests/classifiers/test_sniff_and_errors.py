"""The type comes from the bytes; unreadable files are still classified, never raised."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from classifiers import Kind, Limits, ReadError, classify
from classifiers.sniff import FileType, sniff


def _image_bytes(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=fmt)
    return buffer.getvalue()


def _docx_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n%...", FileType.PDF),
    (b"junk before the header %PDF-1.4\n", FileType.PDF),
    (_image_bytes("JPEG"), FileType.JPEG),
    (_image_bytes("PNG"), FileType.PNG),
    (_image_bytes("TIFF"), FileType.TIFF),
    (_image_bytes("WEBP"), FileType.WEBP),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", FileType.HEIF),
    (_docx_like(), FileType.DOCX),
    (_plain_zip(), FileType.ZIP),
    (b"just some text", FileType.OTHER),
])
def test_sniff_reads_the_bytes(data: bytes, expected: FileType) -> None:
    assert sniff(data) is expected


def test_a_jpeg_named_pdf_is_a_jpeg() -> None:
    verdict = classify(_image_bytes("JPEG", (200, 100)), filename="passport.pdf")
    assert verdict.detected_type == "jpeg"
    assert verdict.error is None


@pytest.mark.parametrize(("data", "code"), [
    (b"", ReadError.EMPTY),
    (b"\x89\x00 not a known format at all", ReadError.UNSUPPORTED_TYPE),
    (_plain_zip(), ReadError.UNSUPPORTED_TYPE),
    (b"%PDF-1.4\n1 0 obj <<", ReadError.CORRUPT),
    (_image_bytes("PNG")[:40], ReadError.CORRUPT),
    (_docx_like(), ReadError.CORRUPT),
])
def test_unreadable_files_are_other_with_a_code(data: bytes, code: ReadError) -> None:
    verdict = classify(data, filename="x")
    assert verdict.kind is Kind.OTHER
    assert verdict.error is code
    assert verdict.reasons and verdict.reasons[0] == code.describe()


def test_limits_on_bytes_and_pixels() -> None:
    data = _image_bytes("PNG", (400, 400))
    assert classify(data, limits=Limits(max_bytes=100)).error is ReadError.TOO_LARGE
    assert classify(data, limits=Limits(max_pixels=10_000)).error is ReadError.TOO_LARGE


def test_too_many_tiff_pages() -> None:
    frames = [Image.new("L", (50, 50), 255) for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    verdict = classify(buffer.getvalue(), limits=Limits(max_pages=2))
    assert verdict.error is ReadError.TOO_MANY_PAGES


def test_encrypted_pdf() -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    canvas.drawString(100, 700, "Appendix Antecedents certificate")
    canvas.save()
    assert classify(buffer.getvalue()).error is ReadError.ENCRYPTED


def test_to_json_has_the_contract_keys() -> None:
    payload = classify(b"", filename="x").to_json("x")
    assert {"path", "kind", "confidence", "filled", "pages", "reasons", "error",
            "passport"} <= payload.keys()
