"""ICAO 9303 edge cases where a wrong reading passes every check digit (issue 10).

Check digits weigh 7, 3, 1. Two look-alikes whose values differ by d, side by side at weights 7
and 3, change the sum by 10 d: nothing. K and `<` differ by 20: nothing at any weight. So a zone
misread that way validates, and the composite (which weighs the number alike) cannot help. The
reader must then read it right or say the number is not settled, never present the wrong value
as validated, and the other fields keep their own verdicts.
"""

from __future__ import annotations

import pytest

from classifiers import mrz, viz
from classifiers.mrz import parse_td3
from tests.classifiers.test_mrz import LINE1, TODAY, name_line, zone

# (letter, digit) pairs OCR swaps in OCR-B, both directions.
PAIRS = [("O", "0"), ("B", "8"), ("S", "5"), ("I", "1"), ("Z", "2"), ("G", "6"), ("D", "0"),
         ("Q", "0")]
# Numbers holding no look-alike of their own at the swapped places: the swap is the only doubt.
BASES = ["123457789", "AB3457789", "X12345778", "L89871243"]
WEIGHT_7_AND_3 = (0, 3, 6)  # a position of weight 7 followed by one of weight 3


def misread(base: str, at: int, printed: str, read: str) -> tuple[str, str]:
    true = base[:at] + printed * 2 + base[at + 2:]
    wrong = base[:at] + read * 2 + base[at + 2:]
    return true, wrong


CASES = [(*misread(base, at, a, b), f"{a}{a}->{b}{b}")
         for letter, digit in PAIRS for a, b in ((letter, digit), (digit, letter))
         for base in BASES for at in WEIGHT_7_AND_3]


@pytest.mark.parametrize(("true", "read", "swap"), CASES,
                         ids=[f"{c[0]}-read-{c[1]}" for c in CASES])
def test_a_weighed_out_pair_is_never_a_validated_wrong_number(true: str, read: str,
                                                               swap: str) -> None:
    line2 = zone(number=true)
    reading = parse_td3(LINE1, read + line2[9:], today=TODAY)
    passport = reading.passport
    assert passport is not None and reading.checks_ok, "the misread passes every check"
    if passport.document_number != true:
        assert passport.trusted("document_number") is False, swap
        assert not passport.confirmed
        # The truth is among the readings offered to a witness (a 0 stands for O as a D or Q
        # does: the round letter is offered).
        offered = {line[0:9] for line in reading.alternatives}
        assert true in offered or true.replace("D", "O").replace("Q", "O") in offered
    # The number's doubt is the number's alone.
    assert passport.trusted("nationality") and passport.trusted("birth_date")
    assert passport.trusted("expiry_date")


@pytest.mark.parametrize("number", ["1234567K", "X12K4", "AB12K", "C01X00TKK"])
def test_a_k_before_the_fillers_is_never_a_validated_filler(number: str) -> None:
    # `...K<` and `...<<` weigh the same: a K read before the fillers may be a filler misread,
    # and back, so the number is not settled by the check digits. (A K the zone shows as `<` is
    # a filler: the band's cells are matched with the OCR-B `<`, which no K resembles.)
    passport = parse_td3(LINE1, zone(number=number), today=TODAY).passport
    assert passport is not None
    if passport.document_number != number or number.endswith("K"):
        assert passport.trusted("document_number") is False and not passport.confirmed
    assert passport.trusted("nationality") and passport.trusted("expiry_date")


@pytest.mark.parametrize("number", ["L898902C3", "123457789", "X1234577", "AB3457789"])
def test_numbers_without_a_weighed_out_pair_stay_confirmed(number: str) -> None:
    # The other side: no doubt is raised where the check digits do settle the number.
    passport = parse_td3(LINE1, zone(number=number), today=TODAY).passport
    assert passport is not None and passport.document_number == number
    assert passport.confirmed and passport.trusted("document_number")


def test_a_scattered_pair_is_left_to_the_printed_page() -> None:
    # B at weight 3 (position 1) and at weight 7 (position 3) also weigh out, but letters
    # scattered among digits are no number format, and flagging every such pair would doubt
    # most numbers: the zone alone keeps what it read, and the printed page is the witness.
    true = "1B3B57789"
    line2 = zone(number=true)
    reading = parse_td3(LINE1, "183857789" + line2[9:], today=TODAY)
    assert reading.checks_ok and reading.passport is not None
    seen = viz.confirm(reading, ["ERIKSSON", "ANNA", "MARIA", "UTO", true], today=TODAY)
    assert seen.passport is not None and not seen.passport.confirmed
    assert seen.passport.trusted("document_number") is False
    assert seen.passport.trusted("nationality") and seen.passport.trusted("expiry_date")


def test_a_dutch_number_never_holds_the_letter_o() -> None:
    # government.nl: the letter O is not used in Dutch passport numbers, only the digit 0. An
    # O pair the check digits cannot tell from 00 is settled for an NLD passport only.
    line2 = zone(number="XR1001R58", nationality="NLD")
    for read in (line2, "XR1OO1R58" + line2[9:]):
        dutch = parse_td3(name_line("DE<VRIES<<ANNA", state="NLD"), read, today=TODAY)
        assert dutch.passport is not None and dutch.passport.document_number == "XR1001R58"
        assert dutch.passport.trusted("document_number") and dutch.passport.confirmed
    other = parse_td3(name_line("DE<VRIES<<ANNA", state="UTO"), line2, today=TODAY)
    assert other.passport is not None and not other.passport.trusted("document_number")


# Names: no check digit covers them, and the printed page prints words, not where the zone's
# fillers were. (true field, field as read, what the page's OCR shows): every misread below
# passes every check digit; the reading may be confirmed only with the true names.
NAME_MISREADS = [
    # stray letters after the fillers
    ("ADEYEMI<<FOLAKE", "ADEYEMI<<FOLAKE<<<<S<<<<", ["ADEYEMI", "FOLAKE"]),
    ("ADEYEMI<<FOLAKE", "ADEYEMI<<FOLAKE<<SSY", ["ADEYEMI", "FOLAKE"]),
    ("ADEYEMI<<FOLAKE", "ADEYEMI<<FOLAKES", ["ADEYEMI", "FOLAKE"]),
    # `<` read as K, L or E
    ("OKAFOR<<CHINEDU<EMMANUEL", "OKAFOR<<CHINEDU<KEMMANUELX", ["OKAFOR", "CHINEDU", "EMMANUEL"]),
    ("ERIKSSON<<ANNA<MARIA", "ERIKSSON<<ANNALMARIA", ["ERIKSSON", "ANNA", "MARIA"]),
    ("ERIKSSON<<ANNA<MARIA", "ERIKSSON<<ANNA<MARIAL", ["ERIKSSON", "ANNA", "MARIA"]),
    ("ERIKSSON<<ANNA<MARIA", "ERIKSSONE<ANNA<MARIA", ["ERIKSSON", "ANNA", "MARIA"]),
    ("KLEIN<<ELKE", "KLEIN<<E<KE", ["KLEIN"]),
    ("KLEIN<<ELKE", "KLEIN<<EKE", ["KLEIN"]),
    # cut names: a letter or a whole part read as filler, the page's OCR missing a line
    ("LI<<NA", "LI<<N", ["LI", "NA"]),
    ("LI<<NA", "LI<<NA<K", ["LI"]),
    ("NGUYEN<<THI<MAI", "NGUYEN<<THI<M<I", ["NGUYEN", "THI"]),
    ("PETERSEN<<LARS<ERIK", "PETERSEN<<LARS<<RIK", ["PETERSEN", "LARS"]),
    ("SMITH<<JOHN", "SMITH<<J<HN", ["SMITH"]),
    # doubled and lost letters
    ("ERIKSSON<<ANNA", "ERIKSSON<<ANNNA", ["ERIKSSON", "ANNA"]),
    ("ERIKSSON<<ANNA", "ERIKSON<<ANNA", ["ERIKSSON", "ANNA"]),
    # a filler read as a letter between name parts, and a separator shifted
    ("KARIMI<<AMIR<NAVID", "KARIMI<<AMIRSNAVID", ["KARIMI", "AMIR", "NAVID"]),
    ("VAN<DER<BERG<<JAN", "VAN<<DER<BERG<<JAN", ["VAN", "DER", "BERG", "JAN"]),
    ("VAN<DER<BERG<<JAN", "VAN<DER<<BERG<<JAN", ["VAN", "DER", "BERG", "JAN"]),
    ("GARCIA<LOPEZ<<MARIA", "GARCIA<<LOPEZ<<MARIA", ["GARCIA", "LOPEZ", "MARIA"]),
]


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace("<", " "), given.replace("<", " ")


@pytest.mark.parametrize(("true", "read", "page"), NAME_MISREADS,
                         ids=[f"{m[0]}-read-{m[1]}" for m in NAME_MISREADS])
def test_a_misread_name_is_never_confirmed_wrong(true: str, read: str, page: list[str]) -> None:
    reading = parse_td3(name_line(read), zone(), today=TODAY)
    assert reading.checks_ok, "the misread passes every check"
    seen = viz.confirm(reading, [*page, "UTO", "UTOPIA"], today=TODAY)
    passport = seen.passport
    assert passport is not None
    if (passport.surname, passport.given_names) != _names(true):
        assert passport.trusted("names") is False
        assert not passport.confirmed
    # The names' doubt is the names' alone.
    assert passport.trusted("nationality") and passport.trusted("expiry_date")


@pytest.mark.parametrize(("field", "page"), [
    ("ERIKSSON<<ANNA<MARIA", ["ERIKSSON", "ANNA", "MARIA"]),
    ("ERIKSSON<<ANNA<MARIAK<<<", ["ERIKSSON", "ANNA", "MARIA"]),
    ("NAIR<<KDIVYAKK", ["NAIR", "DIVYA"]),
    ("OKAFOR<<CHINEDU<<KKXS", ["OKAFOR", "CHINEDU"]),
    ("DE<LA<CRUZ<<ANA", ["DE", "LA", "CRUZ", "ANA"]),
])
def test_names_the_field_holds_exactly_stay_confirmed(field: str, page: list[str]) -> None:
    # The other side: filler noise the page rules out does not doubt the names.
    seen = viz.confirm(parse_td3(name_line(field), zone(), today=TODAY), page, today=TODAY)
    assert seen.passport is not None and seen.passport.confirmed


@pytest.mark.parametrize(("field", "surname", "given", "verdict"), [
    ("ERIKSSON<<ANNA<MARIA", "ERIKSSON", "ANNA MARIA", None),
    ("ERIKSSON<<ANNA<MARIA", "ERIKSSON", "ANNA", mrz.NAMES_NOT_THE_FIELD),
    ("ERIKSSON<<ANNA<<MARIA", "ERIKSSON", "ANNA MARIA", mrz.NAMES_SEPARATOR_SHIFTED),
    ("VAN<<DER<BERG", "VAN DER", "BERG", mrz.NAMES_SEPARATOR_SHIFTED),
    ("SINGH<<<<<<<<", "SINGH", "", None),
    ("SINGH<<EE<<<<", "SINGH", "", mrz.NAMES_STRAY_AFTER_END),
    ("SINGH<<<<<<EE<", "SINGH", "", None),
    ("SINGH<<EEKKEEKKEEK<<", "SINGH", "", None),
    ("SINGHKK<<<", "SINGH", "", None),
    ("HOSSEINI<<AMIRSNAVID", "HOSSEINI", "AMIR NAVID", None),
    ("HOSSEINI<<AMIRLNAVID", "HOSSEINI", "AMIR NAVID", mrz.NAMES_NOT_THE_FIELD),
    ("SMITHKKJOHN", "SMITH", "JOHN", None),
    # names hold no digits: a digit is its look-alike letter, as the name was read
    ("SM1TH<<J0HN", "SMITH", "JOHN", None),
    ("SM1TH<<JOHN", "SMLTH", "JOHN", mrz.NAMES_NOT_THE_FIELD),
])
def test_the_name_field_must_hold_the_names_and_only_filler(
        field: str, surname: str, given: str, verdict: str | None) -> None:
    assert mrz.name_field_mismatch(field.ljust(39, "<"), surname, given) == verdict


# A number as read fails its check digit and one swap makes it pass: (true, as read). The
# repair tries O->0, S->5 and the like; the misread may be one it does not try (Q for O, 0
# for D), or a swap elsewhere passes by chance.
REPAIRED_NUMBERS = [
    ("VO0VC4FP5", "VQ0VC4FP5"),  # Q read for O; 0 -> O beside it passes by chance
    ("DS853134<", "0S853134<"),  # 0 read for D; S -> 5 passes
    ("ARC8CBZ31", "ARC8CB231"),  # 2 read for Z; 8 -> B passes
    ("ZP55S1LZ9", "ZPS5S1LZ9"),  # S read for 5; 1 -> I passes
    ("JHR7B0UI7", "JHR7B0U17"),  # 1 read for I; B -> 8 passes
]


@pytest.mark.parametrize(("true", "read"), REPAIRED_NUMBERS)
def test_a_number_repaired_to_pass_its_check_digit_needs_the_printed_page(true: str,
                                                                          read: str) -> None:
    line2 = zone(number=true)
    reading = parse_td3(LINE1, read + line2[9:], today=TODAY)
    passport = reading.passport
    assert passport is not None and reading.checks_ok
    assert passport.document_number != true.rstrip("<"), "the repair guessed wrong"
    assert passport.trusted("document_number") is False and not passport.confirmed
    assert passport.trusted("nationality") and passport.trusted("expiry_date")
    # The page printing the truth is no witness for the guess; printing the guess, it is.
    page = ["ERIKSSON", "ANNA", "MARIA", "UTO"]
    truth = viz.confirm(reading, [*page, true.rstrip("<")], today=TODAY).passport
    assert truth is not None and truth.document_number != true.rstrip("<")
    assert not truth.confirmed and truth.trusted("document_number") is False
    guessed = viz.confirm(reading, [*page, passport.document_number], today=TODAY).passport
    assert guessed is not None and guessed.confirmed


def test_a_number_whose_check_digit_alone_was_misread_stays_trusted() -> None:
    # The number as read passes with the digit its look-alike stands for: nothing guessed.
    line2 = zone(number="L898902C3")
    reading = parse_td3(LINE1, line2[:9] + "G" + line2[10:], today=TODAY)
    assert reading.passport is not None and reading.passport.trusted("document_number")


def test_a_german_number_tie_goes_to_the_alphabet_germany_uses_but_stays_untrusted() -> None:
    # German serial numbers hold no O: of `CHJOOK179` and `CHJ00K179` (two O at weights 7
    # and 3 weigh out as two zeros do), the reading without the O is chosen; the other stays
    # an alternative, so the number is not confirmed on the rule alone.
    true = "CHJ00K179"
    line2 = zone(number=true, nationality="D")
    for read in (line2, "CHJOOK179" + line2[9:]):
        reading = parse_td3(name_line("MUELLER<<JONAS", state="D"), read, today=TODAY)
        passport = reading.passport
        assert passport is not None and passport.document_number == true
        assert passport.trusted("document_number") is False
        # A page showing zeros is no witness against O (its OCR leans to digits too): the
        # choice stays, and so does the doubt.
        seen = viz.confirm(reading, ["MUELLER", "JONAS", true], today=TODAY).passport
        assert seen is not None and seen.document_number == true
        assert seen.trusted("document_number") is False
