"""Forms as candidates send them back (bench.forms_sent): each shape filled counts as filled, and
its blank twin from the same template stays blank. Word's hiding places for answers (content
controls around rows and cells, legacy drop-downs, a name typed in a script font), values in
the middle of a dotted leader, statements with the name written into their blank, marks beside
an option, dates as people write them, an empty scanned signature box."""

from __future__ import annotations

import io
import random

import docx
import numpy as np
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image

from bench import forms_sent
from classifiers.docx_text import (
    answered_fields,
    body_text,
    script_signatures,
    signature_images,
)
from classifiers.extract import Page, extract
from classifiers.filled import (
    answer_dates,
    answered_questions,
    filled_statements,
    judge,
    label_values,
    reads_as_answer,
    signature_ink,
)
from classifiers.limits import DEFAULT_LIMITS, Deadline
from classifiers.ocr import Word
from classifiers.sniff import FileType
from fixtures.synth import _raster

NS = nsdecls("w")


def _judged(data: bytes) -> bool | None:
    """The filled judgement of a DOCX, whatever kind the model would give it."""
    document = extract(data, FileType.DOCX, DEFAULT_LIMITS, Deadline(30))
    return judge(document.pages, document.form_fields, document.signature_images,
                 document.answered_fields, document.script_signatures).filled


@pytest.mark.parametrize("shape", forms_sent.TEXT_SHAPES)
def test_every_word_shape_is_filled_when_filled_and_blank_when_blank(shape: str) -> None:
    cases = forms_sent.dev_set(21, 4, 0, (shape,))
    assert len(cases) == 8
    for case in cases:
        assert _judged(case.data) is case.filled, (shape, case.topic, case.signature)


def _document(*blocks: str) -> docx.document.Document:
    document = docx.Document()
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(f"<w:body {NS}>{block}</w:body>")[0])
    return document


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"
                              for c in cells) + "</w:tr>"


def test_rows_and_cells_inside_content_controls_are_read() -> None:
    # Given a table whose rows stand in a repeating-section control, one cell in a control
    rows = ("<w:sdt><w:sdtPr/><w:sdtContent>" + _row("Full name", "Priya Raman")
            + "<w:tr><w:tc><w:p><w:r><w:t>Date of birth</w:t></w:r></w:p></w:tc>"
            "<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p><w:r><w:t>12-03-1990</w:t></w:r></w:p>"
            "</w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>")
    document = _document(f"<w:tbl>{rows}</w:tbl>")
    # Then they read as the table's rows, the controlled cell in its place
    assert body_text(document).splitlines() == ["Full name | Priya Raman",
                                                "Date of birth | 12-03-1990"]


def _dropdown(chosen: int | None) -> str:
    result = f'<w:result w:val="{chosen}"/>' if chosen is not None else ""
    return ('<w:p><w:r><w:t xml:space="preserve">Nationality: </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="D1"/><w:ddList>'
            f'{result}<w:listEntry w:val=" "/><w:listEntry w:val="Indian"/>'
            '<w:listEntry w:val="Polish"/></w:ddList></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def test_a_legacy_drop_down_reads_as_the_entry_chosen_and_its_default_as_nothing() -> None:
    chosen = _document(_dropdown(2))
    assert body_text(chosen) == "Nationality: Polish"
    assert answered_fields(chosen) == 1
    for blank in (_document(_dropdown(None)), _document(_dropdown(0))):
        assert body_text(blank) == "Nationality: "
        assert answered_fields(blank) == 0


def _script(text: str, font: str = "Segoe Script") -> str:
    return (f'<w:p><w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
            f'<w:t>{text}</w:t></w:r></w:p>')


def _plain(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_name_typed_in_a_script_font_where_one_signs_is_a_signature() -> None:
    signed = _document(_plain("Full name: Priya Raman"), _plain("Signature of the applicant:"),
                       _script("Priya Raman"))
    assert script_signatures(signed) == 1
    # A decorative title in a script font, or a script name far from any signature line, is not
    assert script_signatures(_document(_script("Welcome to Brightwave"),
                                       _plain("Signature of the applicant:"),
                                       _plain("______________"))) == 0
    assert script_signatures(_document(_plain("Signature:"), _plain("a"), _plain("b"),
                                       _plain("c"), _script("Priya Raman"))) == 0
    # And a typed name in a plain font under the label is no script signature
    assert script_signatures(_document(_plain("Signature:"), _plain("Priya Raman"))) == 0


def test_a_script_font_given_by_a_style_counts_too() -> None:
    document = _document(_plain("Handtekening:"), '<w:p><w:pPr><w:pStyle w:val="Sig"/></w:pPr>'
                         "<w:r><w:t>M. Kowalczyk</w:t></w:r></w:p>")
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {NS} w:type="paragraph" w:styleId="Sig"><w:name w:val='
                            '"Sig"/><w:rPr><w:rFonts w:ascii="Brush Script MT" w:hAnsi="Brush '
                            'Script MT"/></w:rPr></w:style>'))
    assert script_signatures(document) == 1


@pytest.mark.parametrize(("written", "date"), [
    ("Date of birth: 1990-03-12", "1990-03-12"),
    ("Date: February 3, 2026", "February 3, 2026"),
    ("Dated this 3rd day of February 2026", "3rd day of February 2026"),
    ("Born on the 12th of March 1990", "12th of March 1990"),
    ("Datum: 3e februari 2026", "3e februari 2026"),
])
def test_dates_as_people_write_them_are_written_dates(written: str, date: str) -> None:
    assert answer_dates(written) == [date]


def test_version_lines_and_year_first_versions_are_no_written_dates() -> None:
    assert answer_dates("Version 2025-01-15\nVersie 1.4 (januari 2025)\nForm 2024.1.2") == []


def test_an_answer_between_the_dots_of_a_leader_is_an_answer() -> None:
    assert label_values("Naam: ........ Priya Raman ........") == ["naam"]
    assert label_values("Naam: ................................") == []
    assert label_values("Name ...................... Date of birth ..........") == []


def test_a_name_written_into_the_statement_s_blank_is_an_answer() -> None:
    assert filled_statements("I, Priya Raman, born on 12-03-1990 in Chennai, declare that") == [
        "Priya Raman"]
    assert filled_statements("Ondergetekende, M. Kowalczyk, geboren op 3 maart 1991") == [
        "M. Kowalczyk"]
    for blank in ("I, ______________, born on __________, declare that",
                  "I, the undersigned, declare that I will undergo a TB test.",
                  "Ik, ondergetekende, verklaar dat", "I, (name) ........, born on ....."):
        assert filled_statements(blank) == [], blank
    filled = judge([Page(1, "Statement on TB testing\nI, Priya Raman, born on 12-03-1990 in "
                               "Chennai, declare that I will undergo a TB test.")], None)
    assert filled.filled is True, filled.reasons


@pytest.mark.parametrize(("answered", "blank"), [
    ("Have you had TB before?   Yes      No X", "Have you had TB before?   Yes      No"),
    ("Ooit tbc gehad?  v Nee   Ja", "Ooit tbc gehad?  Ja / Nee"),
    ("I agree to undergo TB testing: Yes", "I agree to undergo TB testing: Yes / No"),
])
def test_a_mark_beside_one_option_or_an_answer_after_the_colon_answers(answered: str,
                                                                       blank: str) -> None:
    assert len(answered_questions(answered)) == 1
    assert answered_questions(blank) == []


def test_a_bilingual_numbered_label_has_its_answer_after_the_wider_space() -> None:
    assert label_values("1. Getekend te / Signed at  Istanbul") == ["getekend te / signed at"]
    assert label_values("1. Getekend te / Signed at  ________") == []


def test_a_dotted_leader_read_as_letters_is_no_answer_but_a_name_written_on_it_is() -> None:
    assert not reads_as_answer("J Names ee ere a ee ees eerste tp ee aa re ON cya")
    assert not reads_as_answer("| PLA Ces esii css csates cose crotaes tee Setter ass iccteh")
    assert reads_as_answer("__.Tripoli STE RENGr ere aE ne A Geer e ents ae")
    assert reads_as_answer("Priya Raman")


def _signature_page(signed: bool, footer: bool = False) -> Page:
    """A scanned signature line: the label, a rule, and a scribble on it or not; with a
    printed return address of numbers under it (what OCR read of it as its words)."""
    page = Image.new("RGB", (1240, 600), "white")
    from PIL import ImageDraw

    draw = ImageDraw.Draw(page)
    face = _raster.font("sans", 25)
    draw.text((90, 300), "Signature:", fill="black", font=face)
    draw.line([(240, 334), (820, 334)], fill="black", width=2)
    words = [Word("Signature:", 95.0, 90, 300, 128, 25, (1, 1, 1))]
    if footer:
        x = 280
        for number, token in enumerate(("Postbus", "1200,", "5600", "BE", "Eindhoven,", "tel.",
                                        "040", "1234567")):
            draw.text((x, 420), token, fill="black", font=face)
            width = int(draw.textlength(token, font=face))
            words.append(Word(token, 93.0, x, 420, width, 25, (1, 2, number)))
            x += width + 12
    if signed:
        _raster.draw_squiggle(page, (280, 250, 780, 330), random.Random(4))
    grey = _raster.scan(page, random.Random(5)).convert("L")
    return Page(1, "Signature:", ocr=True, image=grey, words=tuple(words))


def test_the_grain_of_an_empty_scanned_signature_box_is_no_ink() -> None:
    assert not signature_ink(_signature_page(signed=False))
    assert signature_ink(_signature_page(signed=True))
    grey = np.asarray(_signature_page(signed=False).image)
    assert grey.std() > 1  # the scan has grain: the box is not trivially empty
    # A printed postcode and box number under the line are the form, not ink
    assert not signature_ink(_signature_page(signed=False, footer=True))
    assert signature_ink(_signature_page(signed=True, footer=True))


def test_the_bench_draws_the_same_forms_from_the_same_seed() -> None:
    first = forms_sent.dev_set(23, 1, 0, ("docx_sig_cell",))
    again = forms_sent.dev_set(23, 1, 0, ("docx_sig_cell",))
    texts = [body_text(docx.Document(io.BytesIO(c.data))) for c in first]
    assert texts == [body_text(docx.Document(io.BytesIO(c.data))) for c in again]
    # A signed one carries its signature picture in the table cell (a logo is no signature)
    for case in forms_sent.dev_set(23, 4, 0, ("docx_sig_cell",)):
        signed = case.filled and not case.signature.startswith("/")
        assert signature_images(docx.Document(io.BytesIO(case.data))) == int(signed)


def _docx_with_picture(size: tuple[int, int]) -> bytes:
    from PIL import ImageDraw

    page = Image.new("RGB", size, "white")
    ImageDraw.Draw(page).text((60, 60), "Statement on TB testing", fill="black",
                              font=_raster.font("sans", 40))
    document = docx.Document()
    document.add_paragraph("Below is a photo of the signed TB form, as asked by the HR team.")
    document.add_picture(io.BytesIO(_raster.encode(page, "png")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_page_photographed_into_a_word_document_is_read_and_a_logo_is_not() -> None:
    from tests.support.need import need_program

    need_program("tesseract")
    # Given a few typed lines over a photo of a page
    document = extract(_docx_with_picture((1240, 1754)), FileType.DOCX, DEFAULT_LIMITS,
                       Deadline(60))
    # Then the photo is read as the document's second page
    assert len(document.pages) == 2 and document.pages[1].ocr
    assert "tb testing" in document.pages[1].text.lower()
    # And a logo-sized picture beside the same lines is not read
    small = extract(_docx_with_picture((300, 90)), FileType.DOCX, DEFAULT_LIMITS, Deadline(60))
    assert len(small.pages) == 1


def test_a_photo_whose_fields_ocr_did_not_read_is_not_called_blank() -> None:
    # Given a hurried photo of which OCR read the statement and little else
    unread = Page(1, "I declare that I have never been convicted of a criminal offence\n"
                     "Are you currently being prosecuted anywhere?\nSi\n%", ocr=True)
    # Then its fields were not seen empty: HR looks
    assert judge([unread], None).filled is None
    # And a scan of which OCR read the labels, with nothing after them, is blank
    read = Page(1, "I declare that I have never been convicted of a criminal offence\n"
                   "Full name:\nDate of birth:\nNationality:\nSignature:", ocr=True)
    assert judge([read], None).filled is False
