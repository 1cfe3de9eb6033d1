"""Both partners sign the relationship declaration (issue 13): the signature places of a form and
which of them are signed, on texts in the shapes forms come back in, and the verdict on a copy
that one partner signed."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from classifiers.classify import verdict
from classifiers.extract import ExtractedFile, Page
from classifiers.filled import inked_signature_labels
from classifiers.ocr import Word
from classifiers.signatures import SignaturePlace, partners_signed, places, signature_shaped
from classifiers.sniff import FileType
from classifiers.types import Kind
from tests.classifiers.test_family_kinds import WANTED_TEXTS


def _signed(text: str) -> list[bool | None]:
    return [place.signed for place in places(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Signature partner 1: M. Visser   Signature partner 2: C. Gonzalez", [True, True]),
    ("Signature partner 1: M. Visser   Signature partner 2: ____________", [True, False]),
    ("Signature partner 1: ________\nSignature partner 2: ________", [False, False]),
    ("Handtekening referent  [handtekening]\nHandtekening vreemdeling  ..........",
     [True, False]),
    ("Place: Eindhoven   Date: 21-01-2026   Signature sponsor: F.L. Jansen", [True]),
    ("Handtekeningen: K. de Groot / A. Tanaka", [True, True]),
    ("Firmado: S. Moreno Castro      A. P. Ribeiro", [True, True]),
    ("Signature partner 1: /s/ Mark Visser\nSignature partner 2: (signed)", [True, True]),
    ("Unterschrift: T. Nowicki          Unterschrift: ____", [True, False]),
    # Captions under the lines signed on, names or marks above them by column.
    ("Natalie Grace Kim                      Jonas Felix Braun\n"
     "(signature)                            (signature)", [True, True]),
    ("/s/ Mark Visser                ______________________\n"
     "Signature partner 1            Signature partner 2", [True, False]),
    # A name under a caption is the name printed under the line: the text cannot tell.
    ("Signature referent             Signature vreemdeling\n"
     "A. Jansen", [None, None]),
    # OCR's damage to the label and the mark.
    ("5ignature of partner 1: [signafure]\nSiqnature of partner 2: ______", [True, False]),
    # A long label: the rest of it is not a signer's name.
    ("3. Signature of the applicant or legal representative  x", [True]),
    ("| Signature of the applicant or legal representative | (signed) |", [True]),
    # Bilingual: one place.
    ("Handtekening / Signature: P. Raman", [True]),
])
def test_signature_places_and_which_are_signed(text: str, expected: list[bool | None]) -> None:
    assert _signed(text) == expected


@pytest.mark.parametrize("text", [
    "The signature of the registrar is hereby legalised by the Ministry.",
    "Signed by the civil registrar of Leiden.",
    "4 Signature",
    "Ondertekening",
    "Part C - Signature",
    "Die Echtheit der Unterschriften wird beglaubigt: Mag. F. Pichler, Notar",
])
def test_words_about_signing_are_not_signature_places(text: str) -> None:
    assert places(text) == []


def test_an_empty_place_on_a_scan_is_left_to_the_ink() -> None:
    # OCR does not read handwriting: a place it read as empty is untold, not unsigned.
    assert _signed("Signature partner 1:\nSignature partner 2:") == [None, None]
    found = places("Signature partner 1: ______\nSignature partner 2: A. Jansen")
    scanned = partners_signed(found, scanned=True)
    assert (scanned.signed, scanned.unsure) == (1, True)
    assert partners_signed(found, extra_signed=1, scanned=True).signed == 2
    typed = partners_signed(found)
    assert (typed.signed, typed.missing, typed.unsure) == (1, ("partner 1",), False)


def test_the_partners_verdict() -> None:
    both = [SignaturePlace("partner 1", True, 0), SignaturePlace("partner 2", True, 0)]
    one = [SignaturePlace("partner 1", True, 0), SignaturePlace("partner 2", False, 1)]
    none = [SignaturePlace("partner 1", False, 0), SignaturePlace("partner 2", None, 1)]
    assert not partners_signed(both).one_of_two and partners_signed(both).signed == 2
    assert partners_signed(one).one_of_two and partners_signed(one).missing == ("partner 2",)
    assert partners_signed(none).unsigned
    # A DOCX's signature picture fills the place its text left open.
    assert partners_signed(none, extra_signed=1).one_of_two
    # So does a mark of a signature's shape drawn on a PDF page; a round seal is none.
    assert signature_shaped((80, 416, 215, 438)) and not signature_shaped((410, 305, 490, 385))
    assert not signature_shaped((100, 100, 110, 108))  # a tick in a box
    assert partners_signed([]).signed is None and not partners_signed([]).one_of_two


# test_family_kinds' English relationship declaration, its second signature left to each test.
DECLARATION = WANTED_TEXTS[Kind.RELATIONSHIP_DECLARATION][0].replace("C. Gonzalez", "{second}")
assert "{second}" in DECLARATION


def _classified(text: str, **extracted: int) -> tuple[Kind, bool, int | None, tuple[str, ...]]:
    result = verdict(ExtractedFile(FileType.PDF, [Page(1, text)], **extracted))
    return result.kind, result.review, result.signatures, result.reasons


def test_a_declaration_both_partners_signed_counts() -> None:
    kind, review, signatures, _ = _classified(DECLARATION.format(second="C. Gonzalez"))
    assert (kind, review, signatures) == (Kind.RELATIONSHIP_DECLARATION, False, 2)


def test_a_declaration_one_partner_signed_goes_to_hr_naming_the_place() -> None:
    kind, review, signatures, reasons = _classified(DECLARATION.format(second="__________"))
    assert (kind, review, signatures) == (Kind.RELATIONSHIP_DECLARATION, True, 1)
    assert any("one partner only" in r and "partner 2" in r for r in reasons), reasons
    # The second partner signed in a picture on the DOCX's signature line: it counts.
    kind, review, signatures, _ = _classified(DECLARATION.format(second=""),
                                              signature_images=1)
    assert (review, signatures) == (False, 2)


def test_other_papers_say_nothing_of_signatures() -> None:
    text = """Consent letter of the parent who stays behind
I, Ahmed Hassan, born 12-02-1980, father of Yusuf Hassan (born 08-06-2015), hereby
give my permission for my son to move to the Netherlands with his mother.
Place: Cairo   Date: 05-01-2026
Signature: A. Hassan"""
    assert verdict(ExtractedFile(FileType.PDF, [Page(1, text)])).signatures is None


def _scan(ink_left: bool, ink_right: bool) -> Page:
    """Two signature labels side by side on a white page, with a scribble after either."""
    image = Image.new("L", (1200, 400), 245)
    draw = ImageDraw.Draw(image)
    for inked, x in ((ink_left, 200), (ink_right, 800)):
        if inked:
            draw.line([(x, 120), (x + 60, 90), (x + 120, 140), (x + 180, 95), (x + 240, 130)],
                      fill=20, width=4)
    words = (Word("Signature", 95, 20, 100, 130, 20, (1, 1, 1)),
             Word("Signature", 95, 620, 100, 130, 20, (1, 1, 1)))
    return Page(1, "Signature    Signature", ocr=True, image=image, words=words)


def test_ink_is_judged_per_signature_place_on_a_scan() -> None:
    assert inked_signature_labels(_scan(True, True)) == [True, True]
    # The left box ends where the right label begins: its ink is not the left place's.
    assert inked_signature_labels(_scan(False, True)) == [False, True]
    assert inked_signature_labels(_scan(True, False)) == [True, False]
    assert inked_signature_labels(_scan(False, False)) == [False, False]


def test_ink_goes_to_its_own_place_and_is_not_counted_twice() -> None:
    """Given a scan whose OCR made words of the first partner's signature and whose first box
    holds that signature's ink, when its places are judged, then the second place, empty, is
    not signed by the first one's ink."""
    from classifiers.signatures import form_signatures

    page = _scan(True, False)
    page.text = "Signature: Aoxvbl       Signature:"
    assert [p.signed for p in places(page.text)] == [True, None]
    assert form_signatures([page]).signed == 1
    # Bare captions side by side, each with its box of ink or none.
    assert form_signatures([_scan(False, True)]).missing == ("signature 1",)


def test_curves_that_touch_are_one_drawn_mark() -> None:
    """Given a squiggle drawn as two overlapping curves, a chain of strokes that only touches
    through a third, and a stroke far away, when a PDF page's curves are grouped, then each
    group is one mark, listed top to bottom."""
    from classifiers.extract import drawn_marks

    def curve(x0: float, top: float, x1: float, bottom: float) -> dict[str, float]:
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}

    curves = [curve(300, 500, 340, 510), curve(80, 416, 211, 438), curve(86, 426, 215, 434),
              curve(360, 500, 400, 510), curve(338, 500, 362, 510)]
    assert drawn_marks(curves) == ((80.0, 416.0, 215.0, 438.0), (300.0, 500.0, 400.0, 510.0))


def test_thin_rectangles_and_lines_are_rules_and_boxes_are_not() -> None:
    from classifiers.extract import horizontal_rules

    objects = [{"x0": 48, "top": 580, "x1": 238, "bottom": 580},
               {"x0": 298, "top": 579.6, "x1": 488, "bottom": 580.4},
               {"x0": 48, "top": 300, "x1": 290, "bottom": 320},  # a field's box
               {"x0": 48, "top": 400, "x1": 56, "bottom": 400}]  # a tick's stroke
    # Top to bottom: a row of lines is told by their tops being close, not equal.
    assert horizontal_rules(objects) == ((298.0, 579.6, 488.0, 580.4),
                                         (48.0, 580.0, 238.0, 580.0))
