"""Signature places laid out in columns (issue 13): captions under or beside the lines signed
on, two places on one row, the names printed under the lines, and marks drawn on a text PDF or
pictures in a DOCX matched to the place they stand on."""

from __future__ import annotations

from PIL import Image, ImageDraw

from classifiers.extract import Page
from classifiers.signatures import (
    SignaturePlace,
    form_signatures,
    laid_out,
    marked_places,
    partners_signed,
    places,
)


def _signed(text: str) -> list[bool | None]:
    return [place.signed for place in places(text)]


def test_bilingual_captions_side_by_side_are_two_places_with_their_number() -> None:
    text = ("_____________________          _____________________\n"
            "Unterschrift / Signature 1     Unterschrift / Signature 2\n"
            "HANNA ELISE VOGT               PIETER JAN DE WIT")
    found = places(text)
    # The lines over the captions are empty in the text; the names are printed under them.
    assert [(p.role, p.signed) for p in found] == [("1", False), ("2", False)]
    assert found[0].column < found[1].column == found[0].column_end
    assert partners_signed(found, marked=frozenset({0})).missing == ("signature 2",)


def test_a_name_printed_under_a_caption_is_not_a_signature() -> None:
    assert _signed("Signature of the sponsor        Signature of the partner\n"
                   "Wilhelmina de Boer              Tomasz Kowalczyk") == [None, None]
    # OCR reads the two columns one after the other: the name between the captions is the
    # first one's printed name, not a signature over the second.
    assert _signed("Handtekening referent\nWilhelmina de Boer\n"
                   "Handtekening partner\nTomasz Kowalczyk") == [None, None]
    # A name over a caption still stands on the line signed on.
    assert _signed("W. de Boer            ______________\n"
                   "Signature sponsor     Signature partner") == [True, False]


def test_bare_captions_side_by_side_are_places_and_one_alone_is_a_heading() -> None:
    assert _signed("_________________          _________________\n"
                   "Signature                  Signature\n"
                   "W. DE BOER                 T. KOWALCZYK") == [False, False]
    assert _signed("W. de Boer                 T. Kowalczyk\n"
                   "Handtekening               Handtekening") == [True, True]
    assert places("Signature") == places("Signature                  Date") == []


def test_a_caption_typed_after_its_line_leaves_the_line_to_other_evidence() -> None:
    found = places("______________ Handtekening referent WILHELMINA DE BOER | "
                   "______________ Handtekening partner TOMASZ KOWALCZYK")
    assert [(p.role, p.signed) for p in found] == [("referent", None), ("partner", None)]
    # Two labels with their lines after them are labels, not captions.
    assert _signed("Signature partner 1: ______   Signature partner 2: ______") == [False, False]
    # A mark typed on the line before the caption signs it; a name typed there may be in a
    # handwriting font (counted as such) or plain: the text cannot tell; another field never.
    assert _signed("/s/ W. de Boer ______ Signature sponsor | ______ Signature partner") == [
        True, None]
    assert _signed("W. de Boer ______ Signature sponsor | ______ Signature partner") == [
        None, None]
    assert _signed("Place: Leiden ______ Signature sponsor") == [None]


def test_a_name_in_a_handwriting_font_the_text_read_as_signed_is_not_counted_twice() -> None:
    page = Page(1, "Signature partner 1: W. de Boer\nSignature partner 2:")
    assert form_signatures([page], script_signatures=1).signed == 1
    assert form_signatures([page], script_signatures=2).signed == 2


def test_a_name_printed_after_the_line_signed_on_is_not_a_signature() -> None:
    assert _signed("Handtekening referent ______ WILHELMINA DE BOER | "
                   "Handtekening partner ______ TOMASZ KOWALCZYK") == [None, None]
    assert _signed("Signature partner 1: ________ W. DE BOER\n"
                   "Signature partner 2: ________ /s/ T. Kowalczyk") == [None, True]


def test_captions_that_only_say_whom_are_places_under_a_line() -> None:
    assert [(p.role, p.signed) for p in places(
        "________________        ________________\n"
        "Partner A / Partenaire A        Partner B / Partenaire B")] == [
        ("Partner A", False), ("Partner B", False)]
    # The same words heading a table of answers, or a field label under a rule, are not.
    assert places("Partner A              Partner B\nName    W. de Boer    T. Kowalczyk") == []
    assert places("______________________________________________\n"
                  "Partner 1 - surname and given names      Date of birth") == []


def _word(text: str, x0: float, top: float) -> tuple[str, float, float, float, float]:
    return (text, x0, top, x0 + 5.0 * len(text), top + 9.0)


def _signing_page(marks: tuple[tuple[float, float, float, float], ...]) -> Page:
    """A text PDF page's end: two lines side by side, a caption under each and the partner's
    printed name under it, and `marks` drawn on the page."""
    words = (_word("Place", 50, 480), _word("and", 80, 480), _word("date", 100, 480),
             _word("Utrecht,", 300, 480), _word("02-03-2026", 345, 480),
             _word("Signature", 50, 583), _word("partner", 100, 583), _word("1", 140, 583),
             _word("Signature", 300, 583), _word("partner", 350, 583), _word("2", 390, 583),
             _word("Wilhelmina", 50, 595), _word("de", 105, 595), _word("Boer", 118, 595),
             _word("Tomasz", 300, 595), _word("Kowalczyk", 338, 595))
    rules = ((48.0, 580.0, 238.0, 580.5), (298.0, 580.0, 488.0, 580.5))
    return Page(1, "text of the page", placed_words=words, rules=rules, drawn_marks=marks)


def test_words_are_laid_out_in_columns_and_rules_as_lines() -> None:
    rows = laid_out(_signing_page(()).placed_words, _signing_page(()).rules)
    texts = [row.text.strip() for row in rows]
    assert texts[1].startswith("___") and "   ___" in texts[1]
    assert texts[2].split("   ")[0] == "Signature partner 1"
    # What stands in the second column starts at the same column on every row.
    assert rows[2].text.index("Signature partner 2") == rows[3].text.index("Tomasz")
    assert abs(rows[2].x_at(rows[2].text.index("Signature partner 2")) - 300) < 1


def test_a_mark_drawn_over_a_line_signs_that_place_only() -> None:
    over_the_right_line = (312.0, 545.0, 450.0, 575.0)
    assert form_signatures([_signing_page((over_the_right_line,))]).signed == 1
    verdict = form_signatures([_signing_page((over_the_right_line,))])
    assert verdict.missing == ("partner 1",)
    both = form_signatures([_signing_page(((70.0, 550.0, 210.0, 574.0), over_the_right_line))])
    assert (both.places, both.signed) == (2, 2)
    # Printed names and no mark: signed by no one. A scribble far from the places (in the
    # margin at the top of the page) signs none.
    assert form_signatures([_signing_page(())]).signed == 0
    assert form_signatures([_signing_page(((300.0, 60.0, 420.0, 80.0),))]).signed == 0


def test_a_picture_pasted_on_a_line_of_a_text_pdf_signs_that_place() -> None:
    page = _signing_page(())
    page.pictures = ((70.0, 540.0, 220.0, 576.0),  # a scanned signature over the left line
                     (420.0, 30.0, 520.0, 90.0))  # the letterhead's logo
    verdict = form_signatures([page])
    assert (verdict.signed, verdict.missing) == (1, ("partner 2",))


def test_marks_go_to_the_nearest_place_in_their_column() -> None:
    rows = {row_number: row for row_number, row in enumerate(
        laid_out(_signing_page(()).placed_words, _signing_page(()).rules))}
    found = places("\n".join(row.text for row in rows.values()))
    assert marked_places(found, rows, [(60.0, 550.0, 200.0, 575.0)]) == frozenset({0})
    assert marked_places(found, rows, [(60.0, 100.0, 200.0, 125.0)]) == frozenset()


def test_a_marked_place_counts_whatever_its_text_shows() -> None:
    empty = [SignaturePlace("partner 1", False, 3), SignaturePlace("partner 2", False, 3)]
    assert partners_signed(empty, marked=frozenset({1})).missing == ("partner 1",)
    # A count that does not say where fills only the places the text could not tell.
    assert partners_signed(empty, extra_signed=2).signed == 0


def _scanned_signing_page(*, ink_right: bool, one_rule_across: bool = False) -> Page:
    """A scan's end (144 dpi): two printed rules, "Partner 1" and "Partner 2" under them and
    the printed names under those, and a pen's scribble over the right rule or none."""
    from classifiers.ocr import Word

    image = Image.new("L", (1190, 1684), 240)
    pen = ImageDraw.Draw(image)
    for left, right in ([(100, 980)] if one_rule_across else [(100, 480), (600, 980)]):
        pen.rectangle([left, 1000, right, 1002], fill=30)
    if ink_right:
        pen.line([(630, 990), (690, 940), (750, 985), (820, 935), (900, 975)], fill=20, width=4)
    words = []
    for row, top, texts in ((1, 1010, (("Partner", 100), ("1", 190), ("Partner", 600),
                                       ("2", 690))),
                            (2, 1040, (("Hanna", 100), ("Vogt", 180), ("Pieter", 600),
                                       ("Smit", 690)))):
        for text, left in texts:
            words.append(Word(text, 90, left, top, 14 * len(text), 20, (1, row, 1)))
    return Page(1, "Partner 1 Partner 2\nHanna Vogt Pieter Smit", ocr=True, image=image,
                words=tuple(words))


def test_on_a_scan_captions_of_whom_under_printed_rules_are_signed_by_their_ink() -> None:
    signed = form_signatures([_scanned_signing_page(ink_right=True)])
    assert (signed.places, signed.signed, signed.missing, signed.unsure) == (
        2, 1, ("Partner 1",), True)
    assert form_signatures([_scanned_signing_page(ink_right=False)]).signed == 0
    # Under one rule across (a table's border), the same words head a table: no places.
    assert form_signatures([_scanned_signing_page(ink_right=True,
                                                  one_rule_across=True)]).signed is None


def test_a_printed_rule_is_found_on_a_scan_and_a_line_of_text_is_not() -> None:
    from classifiers.filled import scanned_rules

    image = Image.new("L", (1190, 400), 240)
    pen = ImageDraw.Draw(image)
    pen.rectangle([100, 300, 480, 302], fill=30)
    for x in range(100, 1000, 18):  # a row of letters: dark, but never a run a seventh wide
        pen.rectangle([x, 100, x + 11, 120], fill=20)
    assert scanned_rules(image) == [(100, 300, 481, 303)]
    # A photo's rule slightly aslant (6 pixels over 500) is one rule still.
    aslant = Image.new("L", (1190, 400), 240)
    ImageDraw.Draw(aslant).line([(100, 300), (600, 306)], fill=30, width=3)
    assert [(r[0], r[2]) for r in scanned_rules(aslant)] == [(100, 601)]
