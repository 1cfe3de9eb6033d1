"""Blank or filled, whoever drew the form: dotted leaders, underlines, letter boxes, grids,
labelled boxes, version dates in the footer — scanned and photographed, through real OCR.

A blank form must never count (it would tick the checklist for nothing) and a filled one must
never be called blank (the candidate would be told so wrongly); where OCR cannot tell, the
verdict is "review" and HR looks. The styles were tuned on seeds 0-5; these are other seeds.
"""

from __future__ import annotations

import pytest

from classifiers import classify, clear_caches
from classifiers.filled import _TICKED, answer_dates
from fixtures.synth.form_styles import STYLES, blank_form_case

HELD_OUT_SEEDS = (101, 102)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("shape", ["scan", "photo"])
@pytest.mark.parametrize("filled", [False, True], ids=["blank", "filled"])
def test_a_form_is_never_counted_blank_or_filled_wrongly(style: str, shape: str,
                                                         filled: bool) -> None:
    for seed in HELD_OUT_SEEDS:
        topic = ("tb", "antecedents")[seed % 2]
        case = blank_form_case(topic, style, shape, filled=filled, seed=seed)
        clear_caches()
        verdict = classify(case.data, case.filename)
        assert verdict.kind.value in ("tb_declaration", "antecedents"), verdict.reasons
        if filled:
            assert verdict.filled is not False, verdict.reasons
        else:
            assert verdict.filled is False or verdict.review, verdict.reasons


def test_version_and_page_dates_are_not_answers() -> None:
    assert answer_dates("Form 7601 - version 12-12-2023 - page 1 of 1") == []
    assert answer_dates("Versie 05-07-2023 - HR-04 - pagina 1/1") == []
    assert answer_dates("7601 (05-11-2020)") == []
    assert answer_dates("HR-04 (02-11-2022)") == []
    assert answer_dates("Updated 01-07-2024") == []


def test_written_dates_are_answers_also_when_ocr_glues_the_next_word_on() -> None:
    assert answer_dates("Date of birth: 14-03-1990") == ["14-03-1990"]
    assert answer_dates("Place and date: Amsterdam, 01-05-2026signature:") == ["01-05-2026"]
    assert answer_dates("24-04-1997") == ["24-04-1997"]


@pytest.mark.parametrize("text", ["[X] Yes", "Yes DX] No", "LX] Yes", "|X| ja", "☒ No"])
def test_a_crossed_box_as_ocr_reads_it_is_a_tick(text: str) -> None:
    assert _TICKED.findall(text)


@pytest.mark.parametrize("text", ["[ ] Yes", "Mr X", "Xavier", "Box X marks the spot"])
def test_an_empty_box_or_a_letter_x_is_not_a_tick(text: str) -> None:
    assert not _TICKED.findall(text)


def _docx_form(rows: list[tuple[str, str]], *, table: bool, below: bool = False) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_heading("Declaration regarding tuberculosis screening", 1)
    document.add_paragraph("I declare that I am willing to undergo a TB test after arrival in "
                           "the Netherlands.")
    if table:
        grid = document.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = grid.add_row().cells
            cells[0].text, cells[1].text = label, value
    elif below:  # the label, and its answer in the paragraph under it
        for label, value in rows:
            document.add_paragraph(label)
            document.add_paragraph(value)
    else:
        for label, value in rows:
            document.add_paragraph(f"{label}\t{value}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_RETYPED = [("Full name", "Priya Raman"), ("Passport no.", "Z1234567"),
            ("Country of birth", "India"), ("Place, date", "Amsterdam, 3 November 2026"),
            ("Signature", "P. Raman")]


@pytest.mark.parametrize(("table", "below"), [(True, False), (False, False), (False, True)],
                         ids=["table", "tabs", "answer-below"])
def test_a_retyped_docx_with_other_labels_is_judged_by_its_answers(table: bool,
                                                                   below: bool) -> None:
    filled = classify(_docx_form(_RETYPED, table=table, below=below), "form.docx")
    blank = classify(_docx_form([(label, "") for label, _ in _RETYPED], table=table,
                                below=below), "form.docx")
    assert (filled.filled, filled.review) == (True, False), filled.reasons
    assert (blank.filled, blank.review) == (False, False), blank.reasons
