"""Each sign of a filled-in form, shown once where it is (a filled copy) and once where it must
not be (the blank copy of the same form): a blank form must never tick the checklist, and a
filled one should rarely show only one sign and go to HR for it."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from PIL import Image, ImageDraw

from classifiers.classify import classify
from classifiers.docx_text import answered_fields, signature_images
from classifiers.extract import Page
from classifiers.filled import answered_questions, judge, label_values, typed_signature

NS = nsdecls("w", "w14")


@pytest.mark.parametrize(("answered", "blank"), [
    ("Have you had tuberculosis before?\nNo", "Have you had tuberculosis before?\nYes / No"),
    ("Bent u ooit veroordeeld? Nee", "Bent u ooit veroordeeld? Ja / Nee"),
    ("Are proceedings pending against you?\nX  No", "Are proceedings pending against you?\n"
                                                     "   Yes     No"),
    # OCR reads the empty box as "O" and the crossed one as something else.
    ("Do you have a cough lasting weeks?\nO Yes KI No", "Do you have a cough lasting weeks?\n"
                                                        "O Yes O No"),
])
def test_a_question_with_one_answer_chosen_is_answered(answered: str, blank: str) -> None:
    assert len(answered_questions(answered)) == 1
    assert answered_questions(blank) == []


def test_the_next_question_is_not_the_answer_of_the_one_before() -> None:
    text = ("1. Are criminal proceedings brought against you?\n☐ Yes ☐ No\n"
            "Have you ever received a prison sentence?  ' Yes ☐ No")
    assert answered_questions(text) == []


@pytest.mark.parametrize("signed", ["Signature: /s/ P. Raman", "(signed) Omar Haddad",
                                    "Signature of the applicant:\nP. Raman",
                                    "Handtekening: K. Yamamoto"])
def test_a_typed_signature_is_a_signature(signed: str) -> None:
    assert typed_signature(signed)


@pytest.mark.parametrize("blank", ["Signature:", "Signature | Handtekening", "Signature: Date:",
                                   "Signature of the applicant:\nPlace and date:"])
def test_a_signature_label_alone_is_not_a_signature(blank: str) -> None:
    assert not typed_signature(blank)


def test_values_after_labels_no_list_knows_are_answers() -> None:
    filled = "Employer: Brightwave Photonics B.V.\nMobile:\t+31 6 12345678\nArrival in NL: 3 June"
    assert label_values(filled) == ["employer", "mobile", "arrival in nl"]


@pytest.mark.parametrize("blank", [
    "Naam werknemer:\t", "Address in the Netherlands ________________",
    "Part 1: Applicant", "Note: Please fill in every field", "Return this form to: HR, Postbus 12",
    "Verklaring en ondertekening | Declaration", "Geboren op |Birthdate: dd-mn-yyyy",
    "Gegevens vreemdeling | About you", "Paspoortnummer / Travel document number [ ]",
])
def test_more_label_headings_and_addresses_are_not_answers(blank: str) -> None:
    assert label_values(blank, below=True) == []


def test_an_example_date_or_a_reference_is_not_a_written_date() -> None:
    blank = "Date of birth:\nExample: 31-12-1990\nRef. HR/2024/117\nSignature:"
    assert judge([Page(1, blank)], None).filled is False


def test_one_answer_and_a_typed_signature_make_a_filled_form() -> None:
    form = ("Statement about criminal history\nFull legal name: Omar Haddad\nDate of birth:\n"
            "Are criminal proceedings pending against you?\nYes / No\n"
            "Signature: (signed) O. Haddad")
    verdict = judge([Page(1, form)], None)
    assert verdict.filled is True, verdict.reasons
    assert "a typed signature" in verdict.reasons[0]
    blank = form.replace("Omar Haddad", "").replace("(signed) O. Haddad", "")
    assert judge([Page(1, blank)], None).filled is False


def test_a_value_in_a_word_field_is_one_answer_not_two() -> None:
    # "Employer" pre-filled by HR in a content control: the field and its label line are the
    # same answer, and one answer alone does not make the form filled.
    form = "TB examination consent\nEmployer:\tBrightwave Photonics B.V.\nName:\t\nSignature:"
    assert judge([Page(1, form)], None, answered_controls=1).filled is None


# ----------------------------------------------------------------------------- DOCX


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _document(*paragraphs: str) -> docx.document.Document:
    document = docx.Document()
    document.add_heading("Verklaring bereidheid tuberculose-onderzoek", 1)
    document.add_paragraph("I will have myself examined for tuberculosis within three months.")
    for xml in paragraphs:
        target = document.add_paragraph()._p
        for child in parse_xml(f"<w:p {NS}>{xml}</w:p>"):
            target.append(child)
    return document


def _control(value: str) -> str:
    if not value:
        return ("<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>"
                + _run("Click or tap here to enter text.") + "</w:sdtContent></w:sdt>")
    return f"<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{_run(value)}</w:sdtContent></w:sdt>"


def _legacy(value: str, default: str = "") -> str:
    preset = f'<w:default w:val="{default}"/>' if default else ""
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/>'
            f'<w:textInput>{preset}</w:textInput></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(value or "\u2002" * 5)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_word_fields_with_a_value_are_counted_and_empty_ones_are_not() -> None:
    filled = _document(_run("Mobile: ") + _control("+31 6 1234 5678"),
                       _run("Employee: ") + _legacy("Priya Raman"))
    blank = _document(_run("Mobile: ") + _control(""), _run("Employee: ") + _legacy(""),
                      _run("Name: ") + _legacy("Your name", default="Your name"))
    assert answered_fields(filled) == 2
    assert answered_fields(blank) == 0


def _png(draw_signature: bool) -> bytes:
    image = Image.new("RGB", (300, 90), "white")
    pen = ImageDraw.Draw(image)
    if draw_signature:
        pen.line([(10, 60), (60, 20), (110, 70), (170, 15), (280, 55)], fill="navy", width=4)
    else:
        pen.rectangle([0, 0, 90, 90], fill=(0, 70, 140))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _docx_with_pictures(*, logo: bool, signature: bool) -> bytes:
    document = docx.Document()
    if logo:
        document.add_picture(io.BytesIO(_png(False)), width=Cm(3))
    document.add_heading("TB examination consent", 1)
    document.add_paragraph("I agree to a TB test after my arrival in the Netherlands.")
    document.add_paragraph("Name:\tPriya Raman")
    document.add_paragraph("Signature of the applicant:")
    if signature:
        document.add_picture(io.BytesIO(_png(True)), width=Cm(5))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_picture_on_the_signature_line_is_a_signature_and_a_letterhead_logo_is_not() -> None:
    signed = docx.Document(io.BytesIO(_docx_with_pictures(logo=True, signature=True)))
    unsigned = docx.Document(io.BytesIO(_docx_with_pictures(logo=True, signature=False)))
    assert signature_images(signed) == 1
    assert signature_images(unsigned) == 0
    # One answer (the name) and a logo: not signed, so HR looks rather than it counting.
    verdict = classify(_docx_with_pictures(logo=True, signature=False), "form.docx")
    assert verdict.filled is not True, verdict.reasons
    verdict = classify(_docx_with_pictures(logo=True, signature=True), "form.docx")
    assert verdict.filled is True, verdict.reasons


def test_dates_with_the_month_in_words_are_written_dates_and_a_version_month_is_not() -> None:
    from classifiers.filled import answer_dates

    assert answer_dates("Date of birth  01 Dec 1988\nDate: 3 November 2026") == [
        "01 Dec 1988", "3 November 2026"]
    assert answer_dates("Datum (dd-mm-jjjj)  20 juli 2025") == ["20 juli 2025"]
    assert answer_dates("Version January 2024\nUpdated 1 March 2024") == []


def test_a_numbered_field_has_its_answer_after_a_wider_space() -> None:
    assert label_values("4. Signed at  Kyiv\n5. Klantnummer IND  9040432416") == [
        "signed at", "klantnummer ind"]
    assert label_values("4. Signed at  ______\n2. Declaration  Please read this first") == []


def test_a_filled_box_beside_an_empty_one_answers_the_question() -> None:
    assert answered_questions("Heeft u ooit valse gegevens gegeven?\n□ ja ■ nce")
    assert answered_questions("Heeft u ooit valse gegevens gegeven?\n□ ja □ nee") == []


def _text_box_form(filled: bool, signature: str) -> bytes:
    """A form retyped with its answers in text boxes over the answer lines (bench.forms'
    `docx_textbox` shape), and its statement speaking of 'the undersigned'."""
    import random

    from bench.forms import Spec, render_docx

    fields = [("Name in full", "Priya Raman" if filled else ""),
              ("Mobile", "+31 6 12345678" if filled else "")]
    spec = Spec("antecedents", "Criminal record self-declaration",
                "The undersigned has no criminal record in any country of residence.", fields,
                "Have you been sentenced for a crime?", "Yes / No",
                ("Eindhoven", "01-03-2026") if filled else ("", ""), signature, filled=filled)
    return render_docx(spec, "docx_textbox", random.Random(3))


def test_empty_text_boxes_and_the_undersigned_are_no_signature_image() -> None:
    # Given a blank form whose answer lines and signature line are empty text boxes
    blank = _text_box_form(filled=False, signature="")
    # Then no text box counts as a picture, and the form is blank (it went to HR before)
    assert signature_images(docx.Document(io.BytesIO(blank))) == 0
    assert classify(blank, "form.docx").filled is False
    # And the same form with answers and a typed signature in its boxes is filled
    filled = _text_box_form(filled=True, signature="/s/ P. Raman")
    assert signature_images(docx.Document(io.BytesIO(filled))) == 0
    assert classify(filled, "form.docx").filled is True


def test_a_grid_s_column_labels_are_no_answers_and_the_row_under_them_is() -> None:
    header = "Applicant's surname | Given name(s) | D.O.B. | Country of citizenship"
    # Given a grid whose labels head the columns, left blank
    blank = f"Criminal record self-declaration\n{header}\n |  |  | \nSignature of the applicant:"
    # Then the other labels of the row are not the first label's answer
    assert label_values(blank, below=True) == []
    assert judge([Page(1, blank)], None).filled is False
    # And in the filled one every answered cell under a label is an answer
    filled = blank.replace(" |  |  | ", "KOWALCZYK | Marta | 26.03.1991 | ")
    assert label_values(filled, below=True) == ["applicant's surname", "given name(s)",
                                                "d.o.b."]
    assert judge([Page(1, filled)], None).filled is True
    # A two-column table is still a label and its answer per row
    assert label_values("Surname | Raman\nGiven names | Priya", below=True) == [
        "surname", "given names"]
    # And a bordered label-and-box table is no grid: the next row's label is no answer
    bordered = ("| Familienaam | |            | |\n| Alle voornamen |  |\n"
                "| Datum van geboorte | dd-mm-yyyy |\n| Getekend te |  |\n"
                "| Datum (dd-mm-jjjj) | [                ] |\n"
                "| GESLACHT (M/V) | SEX (M/F) | [                ] |\n| FAMILIENAAM | NAME | ___ |")
    assert label_values(bordered, below=True) == []


def _captioned_signature_page(signed: bool) -> Page:
    """A scanned signature block whose caption is printed under the line signed on."""
    import random

    from classifiers.extract import extract
    from classifiers.limits import DEFAULT_LIMITS, Deadline
    from classifiers.sniff import sniff
    from fixtures.synth import _raster

    page = Image.new("RGB", (1240, 700), "white")
    draw = ImageDraw.Draw(page)
    font = _raster.font("sans", 26)
    draw.text((100, 100), "I will take part in a TB test after my arrival.", fill="black",
              font=font)
    draw.line([(100, 400), (700, 400)], fill="black", width=2)
    if signed:
        _raster.draw_squiggle(page, (140, 320, 640, 396), random.Random(4), colour=(90, 110, 170))
    draw.text((100, 410), "Signature of the applicant", fill="black", font=font)
    data = _raster.encode(_raster.scan(page, random.Random(5)), "png", dpi=150)
    return extract(data, sniff(data), DEFAULT_LIMITS, Deadline(60)).pages[0]


def test_a_signature_above_its_caption_is_ink_in_the_signature_box() -> None:
    from classifiers.filled import signature_ink

    assert signature_ink(_captioned_signature_page(signed=True))
    assert not signature_ink(_captioned_signature_page(signed=False))


def test_ocr_answers_written_on_the_line_under_their_label_are_answers() -> None:
    filled = ("TB examination consent\nEmployee:\nChidera Okonkwo\nMobile:\n+31 6 82086003\n"
              "Arrival in NL:\nHave you had tuberculosis before?\nPlace and date:\n"
              "Signature of the applicant")
    assert judge([Page(1, filled, ocr=True)], None).filled is True
    blank = "\n".join(line for line in filled.splitlines()
                      if line not in ("Chidera Okonkwo", "+31 6 82086003"))
    assert judge([Page(1, blank, ocr=True)], None).filled is False


@pytest.mark.parametrize("heading", ["Deel C - Ondertekening", "Part C - Signature", "Signing",
                                     "Declaration and Signature"])
def test_the_next_sections_heading_is_no_answer_to_the_last_field(heading: str) -> None:
    """On a blank form the last field's label ends its line with nothing after it; the heading
    under it is capitalised like a written name, and was read as that field's answer."""
    blank = f"Surname: ______\nE-mailadres / E-mail address | :  |\n{heading}\nI declare that I"
    assert label_values(blank, below=True) == []
    assert label_values("E-mail address:\nPriya Raman", below=True) == ["e-mail address"]


@pytest.mark.parametrize(("label", "heading"), [("Date of birth:", "Antecedents"),
                                                ("Signature", "7101 1/1"),
                                                ("Nationality | ", "Questions")])
def test_what_stands_under_a_label_answers_it_only_if_it_fits_the_label(label: str,
                                                                        heading: str) -> None:
    """Given a blank scan's last field and the heading or form number under it,
    when its labels are read, then no answer is found: a date has digits or a month, a
    signature letters, and an empty table cell is not answered on the next line."""
    assert label_values(f"Surname:\n{label}\n{heading}", below=True) == []
    assert label_values("Date of birth:\n12-03-1990", below=True) == ["date of birth"]
    assert label_values("Signature\nP. Raman", below=True) == ["signature"]


def test_a_speck_between_the_printed_options_is_no_answer_after_a_colon() -> None:
    question = "5. Has an EU/EEA country or Switzerland ever imposed an entry ban on you?"
    assert answered_questions(f"{question}\nentry ban on you Yes : No") == []
    assert answered_questions("I agree to take part in a TB test: Yes") != []


def _signature_box_scan(*, signed: bool, tilt: float) -> Page:
    """A scanned signature label over an empty box, laid crooked on the glass, with dust."""
    import random

    from classifiers.extract import extract
    from classifiers.limits import DEFAULT_LIMITS, Deadline
    from classifiers.sniff import sniff
    from fixtures.synth import _raster

    page = Image.new("RGB", (1240, 900), "white")
    draw = ImageDraw.Draw(page)
    font = _raster.font("sans", 26)
    draw.text((100, 100), "I declare that the answers given above are true.", fill="black",
              font=font)
    draw.text((100, 200), "Signature", fill="black", font=font)
    draw.rectangle([(100, 240), (700, 420)], outline="black", width=2)
    if signed:
        _raster.draw_squiggle(page, (160, 280, 600, 390), random.Random(4), colour=(40, 40, 60))
    dust = random.Random(7)
    draw.point([(dust.randrange(1240), dust.randrange(900)) for _ in range(6000)],
               fill=(60, 60, 60))
    turned = page.rotate(tilt, expand=False, fillcolor="white", resample=Image.BICUBIC)
    data = _raster.encode(turned, "png", dpi=150)
    return extract(data, sniff(data), DEFAULT_LIMITS, Deadline(60)).pages[0]


@pytest.mark.parametrize("tilt", [0.0, 1.5])
def test_a_crooked_box_border_and_dust_are_no_ink_and_a_signature_is(tilt: float) -> None:
    """Given a dusty scan of a signature box, when its ink is judged, then the dust and the
    box's border are not a signature and a pen's stroke is."""
    from classifiers.filled import inked_signature_labels

    assert inked_signature_labels(_signature_box_scan(signed=False, tilt=tilt)) == [False]
    assert inked_signature_labels(_signature_box_scan(signed=True, tilt=tilt)) == [True]


def test_a_picture_over_a_typed_line_with_its_caption_under_it_is_a_signature() -> None:
    """Given a table cell holding a picture, a line of underscores, the caption and the printed
    name, one paragraph each, when the DOCX is read, then the picture is where one signs."""
    document = docx.Document()
    document.add_paragraph("Plaats en datum: Utrecht, 02-03-2026")
    cell = document.add_table(rows=1, cols=2).rows[0].cells[0]
    cell.paragraphs[0].add_run().add_picture(io.BytesIO(_png(True)))
    for text in ("____________________", "Handtekening referent", "WILHELMINA DE BOER"):
        cell.add_paragraph(text)
    assert signature_images(document) == 1
