"""Fast checks of the synthetic fixture generators (fixtures/synth) and the committed mailbox."""

from __future__ import annotations

import email
import io
import os
import subprocess
import sys
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image

from fixtures.synth import documents as docs
from fixtures.synth.corpus import plan_corpus
from fixtures.synth.mailbox import CANDIDATES, EMAILS_DIR, LUKAS, MAILS, expected
from fixtures.synth.people import (
    SPECIMEN,
    SPECIMEN_MRZ,
    check_digit,
    mrva_mrz,
    people,
    td1_mrz,
    td3_check_failures,
    td3_mrz,
)
from tests.support.need import need_program

REPO = Path(__file__).resolve().parents[2]


# --- MRZ -----------------------------------------------------------------------------------------

def test_icao_specimen_is_reproduced() -> None:
    assert td3_mrz(SPECIMEN) == SPECIMEN_MRZ
    assert SPECIMEN_MRZ[1] == "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert td3_check_failures(SPECIMEN_MRZ) == []


def test_check_digit_examples() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<<<<<<<<<<<") == "0"


def test_every_generated_person_passes_all_checks() -> None:
    everyone = [*people(1, 300), *CANDIDATES]
    everyone += [job.args[0] for job in plan_corpus(7) if job.label.get("passport")]
    for person in everyone:
        lines = td3_mrz(person)
        assert [len(line) for line in lines] == [44, 44]
        assert td3_check_failures(lines) == [], (person, lines)


def test_check_failures_detect_a_wrong_digit() -> None:
    line1, line2 = SPECIMEN_MRZ
    broken = line2[:9] + "7" + line2[10:]
    assert "document_number" in td3_check_failures((line1, broken))


def test_germany_is_d_in_the_mrz() -> None:
    line1, line2 = td3_mrz(LUKAS)
    assert line1.startswith("P<D<<BECKER<<LUKAS<")
    assert line2[10:13] == "D<<"


def test_td1_and_visa_are_not_td3() -> None:
    person = people(2, 1)[0]
    assert [len(line) for line in td1_mrz(person)] == [30, 30, 30]
    visa = mrva_mrz(person, "NLD123456")
    assert visa[0].startswith("V<") and len(visa[1]) == 44


# --- documents -----------------------------------------------------------------------------------

def _annotations(pdf_bytes: bytes) -> dict[str, Any]:
    """AcroForm values by field name: text as bytes, checkboxes as the name "Yes" or "Off"."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return {
            a["data"]["T"].decode(): getattr(a["data"].get("V"), "name", a["data"].get("V"))
            for page in pdf.pages for a in page.annots if a["data"].get("T")
        }


def test_acroform_filled_and_blank() -> None:
    person = people(3, 1)[0]
    filled = _annotations(docs.antecedents(person, shape="pdf_acroform"))
    assert filled["surname"] == person.surname.encode()
    assert filled["q1_no"] == "Yes" and filled["q1_yes"] == "Off"
    blank = _annotations(docs.antecedents(None, shape="pdf_acroform", filled=False))
    assert not any(v for k, v in blank.items() if not k.startswith("q"))
    assert all(v == "Off" for k, v in blank.items() if k.startswith("q"))


def test_form_titles_and_footer_codes() -> None:
    person = people(3, 1)[0]
    cases = [
        (docs.antecedents(person, lang="nl"), ("Bijlage Antecedentenverklaring", "7101")),
        (docs.antecedents(person, lang="en"), ("Appendix Antecedents certificate",)),
        (docs.tb_declaration(person, lang="nl"), ("Bijlage Intentieverklaring tbc-onderzoek",
                                                  "7103")),
        (docs.tb_declaration(person, lang="en"),
         ("Appendix Declaration of intent to undergo a TB test",)),
        (docs.tb_referral_form(person), ("TB test referral form",)),
    ]
    for pdf_bytes, needles in cases:
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        for needle in needles:
            assert needle in text


@pytest.mark.parametrize("shape", ["png", "jpeg", "pdf_scan", "tiff", "photo_jpeg", "photo_webp"])
def test_passport_shapes_open(shape: str) -> None:
    data = docs.passport(people(4, 1)[0], shape, photo_size=(800, 600))
    if docs.extension(shape) == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            assert not (pdf.pages[0].extract_text() or "").strip()  # image only
    else:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            assert img.width > 500


def test_exif_orientation_is_written() -> None:
    data = docs.passport(people(4, 1)[0], "photo_jpeg", rotate=90, exif_rotate=True,
                         photo_size=(800, 600))
    with Image.open(io.BytesIO(data)) as img:
        assert img.getexif()[0x0112] == 6
        assert img.height > img.width  # the stored pixels are sideways


def test_broken_files_are_broken() -> None:
    person = people(5, 1)[0]
    assert docs.empty_file() == b""
    truncated = docs.truncated_pdf(person)
    assert truncated.startswith(b"%PDF") and b"%%EOF" not in truncated
    encrypted = docs.encrypted_pdf(person)
    assert b"/Encrypt" in encrypted
    with pytest.raises(PdfminerException), pdfplumber.open(io.BytesIO(encrypted)) as pdf:
        pdf.pages[0].extract_text()
    assert docs.jpeg_named_pdf(person).startswith(b"\xff\xd8")


def test_documents_are_deterministic() -> None:
    person = people(6, 1)[0]
    for make in (
        lambda: docs.antecedents(person, shape="docx"),
        lambda: docs.tb_declaration(person, shape="pdf_scan"),
        lambda: docs.passport(person, "photo_jpeg", photo_size=(800, 600)),
        lambda: docs.encrypted_pdf(person),
    ):
        assert make() == make()


# --- the committed mailbox -----------------------------------------------------------------------

def test_mailbox_check_passes() -> None:
    """The committed mailbox is exactly what the generator produces (byte for byte)."""
    result = subprocess.run(
        [sys.executable, "-m", "fixtures.synth.mailbox", "--check"],
        cwd=REPO, capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_mailbox_is_small() -> None:
    # 20 mails with 40-odd documents, most of them images (6.5 MB with the two declared
    # families): a budget, so that a new mail does not bring a 10 MB photo along.
    total = sum(p.stat().st_size for p in EMAILS_DIR.iterdir())
    assert total < 7_000_000


def _attachments(msg: EmailMessage) -> list[tuple[str, str, bool, str | None]]:
    """(filename, content type, inline, inside) of every named part, nested ones included."""
    found: list[tuple[str, str, bool, str | None]] = []

    def visit(part: EmailMessage, inside: str | None) -> None:
        for sub in part.iter_parts() if part.is_multipart() else ():
            name = sub.get_filename()
            if sub.get_content_type() == "message/rfc822":
                found.append((name or "", "message/rfc822", False, inside))
                visit(sub.get_payload()[0], "forwarded message")
            elif name:
                found.append((name, sub.get_content_type(),
                              sub.get_content_disposition() == "inline", inside))
            else:
                visit(sub, inside)

    visit(msg, None)
    return found


def test_every_eml_parses_with_expected_attachments() -> None:
    want = expected()
    files = sorted(EMAILS_DIR.glob("*.eml"))
    assert [p.name for p in files] == [m["file"] for m in want["messages"]]
    for path, spec in zip(files, want["messages"], strict=True):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        assert not msg.defects, (path.name, msg.defects)
        assert msg["Message-ID"] == spec["message_id"]
        assert msg["To"].addresses[0].addr_spec == "hsm-documents@mailbot.example"
        assert msg["Date"].datetime.year == 2026 and msg["Date"].datetime.month == 11
        if spec["in_reply_to"]:
            assert msg["In-Reply-To"] == spec["in_reply_to"]
            assert spec["in_reply_to"] in msg["References"]
        listed = [(a["filename"], a["content_type"], a["inline"], a["inside"])
                  for a in spec["attachments"] if a["inside"] != "documents.zip"]
        assert _attachments(msg) == listed, path.name
        for part in msg.walk():
            if part.get_filename() and not part.is_multipart():
                assert part["Content-Transfer-Encoding"] == "base64"
                assert part.get_payload(decode=True)


def test_zip_and_forward_contents() -> None:
    msg = email.message_from_bytes(
        (EMAILS_DIR / "06-chen-zip-all-documents.eml").read_bytes(), policy=policy.default)
    zipped = next(p for p in msg.walk() if p.get_filename() == "documents.zip")
    with zipfile.ZipFile(io.BytesIO(zipped.get_payload(decode=True))) as archive:
        assert archive.namelist() == ["passport.jpg", "antecedents_certificate_signed.pdf",
                                      "tb_declaration_signed.pdf"]
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_automatic_mails_are_marked() -> None:
    raw = {p.name: email.message_from_bytes(p.read_bytes(), policy=policy.default)
           for p in EMAILS_DIR.glob("*.eml")}
    ooo = raw["05-arjun-out-of-office.eml"]
    assert ooo["Auto-Submitted"] == "auto-replied" and not _attachments(ooo)
    bounce = raw["08-bounce-from-mailer-daemon.eml"]
    assert bounce.get_content_type() == "multipart/report"
    assert bounce.get_param("report-type") == "delivery-status"
    assert bounce["Return-Path"] == "<>"
    news = raw["11-newsletter-bulk.eml"]
    assert news["Precedence"] == "bulk" and news["List-Id"]
    want = expected()
    senders = {m["from"] for m in want["messages"] if m["automatic"] and not
               any(m["from"] == c.email for c in CANDIDATES)}
    assert senders == set(want["never_reply"])


def test_expected_replies_count_human_mails() -> None:
    want = expected()["candidates"]
    assert want["maria.santos@example.com"]["replies"] == 3
    assert want["arjun.mehta@example.in"]["replies"] == 1
    assert want["olena.kovalenko@example.com"]["needs_human"] is True
    assert want["lukas.becker@example.de"]["tb_exempt"] is True
    assert len(MAILS) >= 14


# --- real OCR ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_real_tesseract_reads_clean_passport_mrz() -> None:
    """REAL OCR: tesseract (eng, --psm 6) reads the MRZ of a clean 300 dpi passport scan.

    Known limit of tesseract's stock `eng` model: long runs of `<` come out partly as K/E/S,
    so line 1 is compared up to the end of the names and its filler run only for the
    look-alike characters; line 2 (numbers and check digits) must be exact.
    """
    need_program("tesseract")
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"  # 2 shared cores: tesseract must not take them all
    line1, line2 = td3_mrz(LUKAS)
    with Image.open(io.BytesIO(docs.passport(LUKAS, "png"))) as scan:
        grey = scan.convert("L")
    mrz_band = grey.crop((0, int(grey.height * 0.72), grey.width, grey.height))
    whitelist = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
    text = pytesseract.image_to_string(
        mrz_band, lang="eng", config=f"--psm 6 -c tessedit_char_whitelist={whitelist}")
    lines = [row.replace(" ", "") for row in text.splitlines() if row.strip()]
    assert line2 in lines, lines
    names = line1.rstrip("<")
    read1 = next(row for row in lines if row.startswith("P<"))
    assert read1.startswith(names), read1
    assert set(read1[len(names):]) <= set("<KESX"), read1
    assert td3_check_failures((line1, lines[lines.index(line2)])) == []


def test_hard_passport_set_is_reproducible_and_labelled_by_valid_zones() -> None:
    from fixtures.synth.hard_passports import hard_passports

    first = hard_passports(seed=5, count=2)
    again = hard_passports(seed=5, count=2)
    assert [s.data for s in first] == [s.data for s in again]
    for sample in first:
        assert td3_check_failures(sample.lines) == [], sample.name


def test_harder_passport_photos_are_reproducible_and_cover_every_harder_condition() -> None:
    from fixtures.synth.hard_passports import HARDER_CONDITIONS, harder_passports

    first = harder_passports(seed=5, count=len(HARDER_CONDITIONS))
    again = harder_passports(seed=5, count=len(HARDER_CONDITIONS))
    assert [s.data for s in first] == [s.data for s in again]
    assert [s.condition for s in first] == list(HARDER_CONDITIONS)
    for sample in first:
        assert td3_check_failures(sample.lines) == [], sample.name


def test_desk_photos_are_reproducible_and_cover_every_desk_condition() -> None:
    from fixtures.synth.hard_passports import DESK_CONDITIONS, desk_passports

    first = desk_passports(seed=5, count=len(DESK_CONDITIONS))
    again = desk_passports(seed=5, count=len(DESK_CONDITIONS))
    assert [s.data for s in first] == [s.data for s in again]
    assert [s.condition for s in first] == list(DESK_CONDITIONS)
    for sample in first:
        assert td3_check_failures(sample.lines) == [], sample.name


def test_a_tilted_camera_keystones_the_desk_and_a_level_one_does_not() -> None:
    from fixtures.synth.desk_scene import Camera

    corners = [(-500.0, -350.0), (500.0, -350.0), (500.0, 350.0), (-500.0, 350.0)]

    def edge_ratio(camera: Camera) -> float:
        (x0, _), (x1, _), (x2, _), (x3, _) = (camera.project(c, (1000.0, 750.0))
                                              for c in corners)
        return (x1 - x0) / (x2 - x3)  # top edge over bottom edge

    assert edge_ratio(Camera(tilt_x=0, tilt_y=0, focal=1600)) == 1.0
    tilted = edge_ratio(Camera(tilt_x=25, tilt_y=0, focal=1600))
    assert not 0.85 < tilted < 1 / 0.85
