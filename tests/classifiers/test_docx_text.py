"""A Word form reads as it stands: answers in content controls, ticked boxes, document order."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from classifiers.classify import classify
from classifiers.docx_text import body_text
from classifiers.types import Kind

NS = nsdecls("w", "w14")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _inline_control(text: str, *, placeholder: bool = False) -> str:
    shows = "<w:showingPlcHdr/>" if placeholder else ""
    return f"<w:sdt><w:sdtPr>{shows}</w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>"


def _paragraph(*content: str) -> object:
    return parse_xml(f"<w:p {NS}>{''.join(content)}</w:p>")


def _legacy_checkbox(checked: bool) -> str:
    state = '<w:checked/>' if checked else '<w:default w:val="0"/>'
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
            f'<w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _document(*paragraphs: object) -> docx.document.Document:
    document = docx.Document()
    body = document.element.body
    for paragraph in paragraphs:
        body.insert(len(body) - 1, paragraph)  # before the section properties
    return document


def _bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_given_answers_in_content_controls_when_read_then_they_are_text() -> None:
    document = _document(
        _paragraph(_run("Surname: "), _inline_control("Okafor")),
        parse_xml(f"<w:sdt {NS}><w:sdtPr/><w:sdtContent><w:p>{_run('Place of birth: Lagos')}"
                  "</w:p></w:sdtContent></w:sdt>"),
    )
    assert body_text(document).splitlines() == ["Surname: Okafor", "Place of birth: Lagos"]


def test_given_a_control_showing_its_placeholder_when_read_then_it_is_no_answer() -> None:
    document = _document(_paragraph(_run("Surname: "),
                                    _inline_control("Click or tap here to enter text.",
                                                    placeholder=True)))
    assert body_text(document) == "Surname: "


@pytest.mark.parametrize(("checked", "mark"), [(True, "[X]"), (False, "[ ]")])
def test_given_a_legacy_check_box_when_read_then_it_reads_as_a_box(checked: bool,
                                                                   mark: str) -> None:
    document = _document(_paragraph(_legacy_checkbox(checked), _run(" No, I have not")))
    assert body_text(document) == f"{mark} No, I have not"


def test_given_wingdings_boxes_when_read_then_ticked_and_empty_differ() -> None:
    document = _document(_paragraph('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>',
                                    _run(" Yes "),
                                    '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>',
                                    _run(" No")))
    assert body_text(document) == "[X] Yes [ ] No"


def test_given_deleted_text_and_tables_when_read_then_document_order_without_deletions(
) -> None:
    document = docx.Document()
    document.add_paragraph("Declaration")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Date of birth"
    table.rows[0].cells[1].text = "01-02-1990"
    document.add_paragraph("Signature")
    body = document.element.body
    body.insert(len(body) - 1, _paragraph(
        '<w:del w:id="1" w:author="x"><w:r><w:delText>old answer</w:delText></w:r></w:del>',
        _run("kept")))
    assert body_text(document).splitlines() == [
        "Declaration", "Date of birth | 01-02-1990", "Signature", "kept"]


def test_given_a_filled_form_in_content_controls_when_classified_then_filled() -> None:
    """End to end through the extractor: before, python-docx's paragraphs skipped the
    controls, and a retyped, filled form was called blank."""
    lines = [
        ("Declaration of willingness to undergo a tuberculosis (TB) test", None),
        ("I declare that I will take a test for tuberculosis (TB) within three months of "
         "arriving in the Netherlands and will cooperate with the examination.", None),
        ("Surname: ", "Okafor"), ("Given names: ", "Chinedu Emmanuel"),
        ("Date of birth: ", "14-03-1988"), ("Nationality: ", "Nigerian"),
        ("Place and date: ", "Lagos, 12-11-2026"), ("Signature: ", "C. Okafor"),
    ]
    document = _document(*(
        _paragraph(_run(label), _inline_control(answer)) if answer else _paragraph(_run(label))
        for label, answer in lines))
    result = classify(_bytes(document), "tb.docx")
    assert result.kind is Kind.TB_DECLARATION
    assert result.filled is True


def _checkbox_control(checked: bool, glyph: str) -> str:
    return ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="' + ("1" if checked else "0")
            + '"/></w14:checkbox></w:sdtPr><w:sdtContent>' + _run(glyph)
            + "</w:sdtContent></w:sdt>")


@pytest.mark.parametrize(("checked", "glyph", "mark"),
                         [(True, "☐", "[X]"), (False, "☒", "[ ]"), (True, "☒", "[X]")])
def test_given_a_check_box_control_when_read_then_its_checked_state_decides(
        checked: bool, glyph: str, mark: str) -> None:
    """Tools that fill Word forms set `w14:checked` and leave the glyph inside as the template
    had it: the state is the answer, not the picture of the box."""
    document = _document(_paragraph(_checkbox_control(checked, glyph), _run(" No")))
    assert body_text(document) == f"{mark} No"


def test_given_a_different_first_page_when_read_then_its_header_and_footer_are_text() -> None:
    document = docx.Document()
    document.add_paragraph("Declaration TB test")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Surname: Okafor"
    section.first_page_footer.paragraphs[0].text = "Place: Lagos  Date: 12-11-2026"
    section.header.paragraphs[0].text = "Page header"
    lines = body_text(document).splitlines()
    assert lines == ["Declaration TB test", "Page header", "Surname: Okafor",
                     "Place: Lagos  Date: 12-11-2026"]


def test_given_a_first_page_header_only_document_is_read_once() -> None:
    """Without "different first page" the first-page header Word may keep is not shown, and
    so not read."""
    document = docx.Document()
    document.add_paragraph("Body")
    section = document.sections[0]
    section.first_page_header.paragraphs[0].text = "not shown"
    section.different_first_page_header_footer = False
    assert body_text(document) == "Body"
