"""Trust per field (issue 10): a document number the check digits cannot settle leaves the
nationality and the dates trusted when their own evidence confirms them, and never the reverse.

The zones are built from ICAO 9303 part 4's check-digit rules (`tests.classifiers.test_mrz`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from classifiers import mrz, viz
from classifiers.mrz import MrzReading, parse_td3, with_confirmation
from classifiers.types import TRUSTED_FIELDS, PassportData
from tests.classifiers.test_mrz import LINE1, LINE2, TODAY, name_line, zone


def verdicts(reading: MrzReading) -> dict[str, bool]:
    assert reading.passport is not None
    return {t.field: t.trusted for t in reading.passport.trust}


def reason(reading: MrzReading, name: str) -> str:
    assert reading.passport is not None
    return next(t.reason for t in reading.passport.trust if t.field == name)


def test_a_clean_specimen_trusts_every_field() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    assert verdicts(reading) == dict.fromkeys(TRUSTED_FIELDS, True)
    assert reading.passport is not None and reading.passport.confirmed


def test_an_o_or_0_tie_in_the_number_leaves_nationality_and_dates_trusted() -> None:
    # Zeros at weights 7 and 3 weigh like two letters O: the check digits cannot choose.
    reading = parse_td3(LINE1, zone(number="L0O0K0K01"), today=TODAY)
    trust = verdicts(reading)
    assert trust["document_number"] is False
    assert "O or 0" in reason(reading, "document_number")
    assert "L0O0K0K01" not in reason(reading, "document_number")  # never the number itself
    assert trust["nationality"] and trust["birth_date"] and trust["expiry_date"]
    assert reading.passport is not None and not reading.passport.confirmed


def test_a_k_or_filler_tie_leaves_the_other_fields_trusted() -> None:
    reading = parse_td3(LINE1, zone(number="1234567K"), today=TODAY)
    trust = verdicts(reading)
    assert trust["document_number"] is False and "K or <" in reason(reading, "document_number")
    assert trust["nationality"] and trust["birth_date"] and trust["expiry_date"]


def test_a_repaired_nationality_without_a_witness_is_untrusted_while_dates_are() -> None:
    reading = parse_td3(name_line("SATO<<HARUTO"), zone(nationality="3PN"), today=TODAY)
    trust = verdicts(reading)
    assert trust["nationality"] is False
    assert trust["birth_date"] and trust["expiry_date"] and trust["document_number"]


def test_a_repaired_sex_is_not_confirmed() -> None:
    # `H` for `M`: no check digit covers the sex, so the repair is a guess.
    line2 = LINE2[:20] + "H" + LINE2[21:]
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.passport is not None and reading.passport.sex == "M"
    trust = verdicts(reading)
    assert trust["sex"] is False and "read as 'H'" in reason(reading, "sex")
    assert trust["nationality"] and trust["birth_date"] and trust["expiry_date"]
    assert not reading.passport.confirmed


def test_an_issuing_state_other_than_the_nationality_needs_the_printed_page() -> None:
    reading = parse_td3(name_line("SATO<<HARUTO", state="GBR"), zone(nationality="JPN"),
                        today=TODAY)
    assert verdicts(reading)["issuing_state"] is False
    assert reading.passport is not None and not reading.passport.confirmed
    seen = viz.confirm(reading, ["SATO", "HARUTO", "GBR", "JPN"], today=TODAY)
    assert verdicts(seen)["issuing_state"] is True
    assert seen.passport is not None and seen.passport.confirmed


def test_a_code_that_is_no_icao_code_is_an_untrusted_nationality() -> None:
    reading = parse_td3(LINE1, zone(nationality="QQQ"), today=TODAY)
    assert verdicts(reading)["nationality"] is False


@pytest.mark.parametrize(("position", "field"), [(19, "birth_date"), (27, "expiry_date")])
def test_a_wrong_date_check_digit_distrusts_that_date(position: int, field: str) -> None:
    wrong = str((int(LINE2[position]) + 3) % 10)
    reading = parse_td3(LINE1, LINE2[:position] + wrong + LINE2[position + 1:], today=TODAY)
    trust = verdicts(reading)
    assert trust[field] is False
    # The zone does not validate and nothing printed shows the code: no nationality either.
    assert trust["nationality"] is False


def test_a_wrong_composite_distrusts_every_checked_field() -> None:
    # Each field passes its own check, but the composite says one of them is misread.
    wrong = str((int(LINE2[43]) + 1) % 10)
    reading = parse_td3(LINE1, LINE2[:43] + wrong, today=TODAY)
    trust = verdicts(reading)
    assert not (trust["document_number"] or trust["birth_date"] or trust["expiry_date"])


def test_dates_that_differ_between_passing_readings_are_untrusted() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    other = zone(birth="740821")  # a second reading that passes every check as well
    tied = with_confirmation(replace(reading, alternatives=(other,)))
    trust = verdicts(tied)
    assert trust["birth_date"] is False and "birth date" in reason(tied, "birth_date")
    assert trust["expiry_date"] and trust["document_number"]


def test_an_expiry_before_birth_distrusts_the_dates() -> None:
    reading = parse_td3(LINE1, zone(birth="740812", expiry="700101"), today=TODAY)
    trust = verdicts(reading)
    assert trust["birth_date"] is False and trust["expiry_date"] is False


def test_the_printed_code_makes_a_nationality_trusted_when_the_number_fails() -> None:
    line2 = zone()
    broken = line2[:9] + str((int(line2[9]) + 5) % 10) + line2[10:]  # number check fails
    reading = parse_td3(LINE1, broken, today=TODAY)
    assert verdicts(reading)["nationality"] is False
    seen = viz.confirm(reading, ["Surname", "ERIKSSON", "Given", "names", "ANNA", "MARIA",
                                 "Nationality", "UTO"], today=TODAY)
    assert verdicts(seen)["nationality"] is True
    assert verdicts(seen)["document_number"] is False
    assert seen.passport is not None and not seen.passport.confirmed


def test_a_lone_d_on_the_page_is_no_witness_for_germany() -> None:
    line2 = zone(nationality="D")
    broken = line2[:9] + str((int(line2[9]) + 5) % 10) + line2[10:]
    reading = parse_td3(name_line("MUSTERMANN<<ERIKA", state="D"), broken, today=TODAY)
    seen = viz.confirm(reading, ["MUSTERMANN", "ERIKA", "D"], today=TODAY)
    assert verdicts(seen)["nationality"] is False


def test_names_the_page_spells_otherwise_are_untrusted_alone() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    seen = viz.confirm(reading, ["ERIKSON", "ANNA", "MARIA", "UTO"], today=TODAY)
    trust = verdicts(seen)
    assert trust["names"] is False
    assert trust["nationality"] and trust["birth_date"] and trust["expiry_date"]


@pytest.mark.parametrize("line2", [LINE2, zone(number="L0O0K0K01"), zone(nationality="QQQ"),
                                   LINE2[:43] + "0"])
def test_a_confirmed_reading_trusts_every_field(line2: str) -> None:
    passport = parse_td3(LINE1, line2, today=TODAY).passport
    assert passport is not None and passport.trust
    if passport.confirmed:
        assert all(t.trusted for t in passport.trust)


def test_the_trust_goes_through_json_and_back() -> None:
    passport = parse_td3(LINE1, zone(number="L0O0K0K01"), today=TODAY).passport
    assert passport is not None
    data = passport.to_json()
    assert data["trust"]["document_number"]["trusted"] is False
    assert data["trust"]["nationality"] == {
        "trusted": True, "reason": "an ICAO code read as printed; every check digit passes"}
    back = PassportData.from_json(data)
    assert back.trust == passport.trust
    assert back.trusted("nationality") is True and back.trusted("document_number") is False
    assert PassportData.from_json({"nationality": "UTO"}).trusted("nationality") is None



def test_names_of_a_zone_that_fails_are_trusted_only_when_the_page_prints_them() -> None:
    line2 = zone()
    broken = line2[:9] + str((int(line2[9]) + 5) % 10) + line2[10:]
    reading = parse_td3(LINE1, broken, today=TODAY)
    assert verdicts(reading)["names"] is False
    seen = viz.confirm(reading, ["ERIKSSON", "ANNA", "MARIA"], today=TODAY)
    assert verdicts(seen)["names"] is True
    assert reason(seen, "names") == "the printed page shows them"


def test_a_page_printing_the_number_with_weighed_out_look_alikes_chooses_it() -> None:
    # `X12345BB8` read `X12345888` passes every check; the pair is an alternative and the page
    # printing the letters chooses it.
    line2 = zone(number="X12345BB8")
    reading = parse_td3(LINE1, "X12345888" + line2[9:], today=TODAY)
    assert verdicts(reading)["document_number"] is False
    seen = viz.confirm(reading, ["ERIKSSON", "ANNA", "MARIA", "UTO", "X12345BB8"], today=TODAY)
    assert seen.passport is not None and seen.passport.document_number == "X12345BB8"
    assert verdicts(seen)["document_number"] is True


def test_a_page_printing_another_number_that_fails_the_check_is_no_witness() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    seen = viz.confirm(reading, ["ERIKSSON", "ANNA", "MARIA", "UTO", "L8989O2C3"], today=TODAY)
    assert verdicts(seen)["document_number"] is True
    assert seen.passport is not None and seen.passport.confirmed


def test_the_classifier_reasons_name_what_it_is_not_sure_of_without_the_number() -> None:
    from classifiers.classify import PageScore, _passport_by_mrz
    from classifiers.extract import Page
    from classifiers.limits import Limits

    page = Page(1, "", mrz=parse_td3(LINE1, zone(number="L0O0K0K01"), today=TODAY),
                full_text_read=False)
    score = PageScore(page, prediction=None)
    _passport_by_mrz(score, Limits())
    notes = [r for r in score.reasons if r.startswith("not sure of the document number")]
    assert notes and "O or 0" in notes[0] and "L0O0K0K01" not in notes[0]
    assert not any(r.startswith("not sure of the nationality") for r in score.reasons)


# --- Ways a wrong name could still be trusted (issue 10, blind set: names trusted wrong 2) ---

def test_a_last_filler_read_as_a_letter_is_no_truncation_that_confirms_a_prefix() -> None:
    # The zone lost MARIA's A and its last filler reads K: a prefix of a printed name is no
    # confirmation when the name field did not run to its end.
    line1 = name_line("ERIKSSON<<MARI").removesuffix("<") + "K"
    reading = parse_td3(line1, LINE2, today=TODAY)
    assert reading.passport is not None and reading.passport.given_names == "MARI"
    checked = viz.confirm(reading, ["ERIKSSON", "MARIA", "UTO"], today=TODAY)
    assert verdicts(checked)["names"] is False


def test_a_long_name_cut_at_the_fields_end_is_still_confirmed_by_its_printed_start() -> None:
    line1 = name_line("WOLFESCHLEGELSTEIN<<MAXIMILIANO<BARTHOLOMEW")
    assert not line1.endswith("<")
    reading = parse_td3(line1, LINE2, today=TODAY)
    checked = viz.confirm(reading, ["WOLFESCHLEGELSTEIN", "MAXIMILIANO", "BARTHOLOMEW", "UTO"],
                          today=TODAY)
    assert checked.passport is not None
    assert checked.passport.given_names == "MAXIMILIANO BARTHOL"
    assert verdicts(checked)["names"] is True


def test_names_with_no_doubled_filler_between_them_are_untrusted_even_when_printed() -> None:
    # `ERIKSSON<<ANNA` with its `<<` read as one `<`: every word is on the page, but the page's
    # words cannot say which is the surname.
    reading = parse_td3(name_line("ERIKSSON<ANNA<MARIA"), LINE2, today=TODAY)
    assert reading.passport is not None and reading.passport.given_names == ""
    checked = viz.confirm(reading, ["ERIKSSON", "ANNA", "MARIA", "UTO"], today=TODAY)
    assert verdicts(checked)["names"] is False
    assert "doubled filler" in reason(checked, "names")
    assert checked.passport is not None and not checked.passport.confirmed


def test_a_single_name_holder_printed_on_the_page_stays_trusted() -> None:
    reading = parse_td3(name_line("SUKARNO"), LINE2, today=TODAY)
    checked = viz.confirm(reading, ["SUKARNO", "UTO"], today=TODAY)
    assert verdicts(checked)["names"] is True


def test_the_zones_own_line_on_a_page_read_whole_is_no_witness_for_its_names() -> None:
    # Tesseract set the misread `MARIAS` apart from its fillers by spaces, as its own word.
    page = [["Surname", "ERIKSSON"], ["Given", "names", "ANNA", "MARIA"],
            ["P<UTOERIKSSON<<ANNA", "MARIAS", "<<<<<<<<<<<<<<<<<<<"], [LINE2]]
    words = viz.words_off_zone(page, (name_line("ERIKSSON<<ANNA<MARIAS"), LINE2))
    assert words == ["Surname", "ERIKSSON", "Given", "names", "ANNA", "MARIA"]
    reading = parse_td3(name_line("ERIKSSON<<ANNA<MARIAS<<"), LINE2, today=TODAY)
    # Without the zone's line, MARIAS is MARIA plus filler noise and the page settles it.
    checked = viz.confirm(reading, words, today=TODAY)
    assert checked.passport is not None and checked.passport.given_names == "ANNA MARIA"
    # With it, the zone would have confirmed its own misread.
    unfiltered = viz.confirm(reading, [w for line in page for w in line], today=TODAY)
    assert unfiltered.passport is not None and unfiltered.passport.given_names == "ANNA MARIAS"


def _merged_reads(*names: str) -> MrzReading:
    from classifiers.mrz import merge_names

    def read(field: str) -> MrzReading:
        line1 = name_line(field if "<<" in field else f"TKACHENKO<<{field}", state="UKR")
        return parse_td3(line1, zone(nationality="UKR"), today=TODAY)

    return merge_names([read(field) for field in names])


@pytest.mark.parametrize(("lines", "page", "surname", "given"), [
    # One read kept IRYNA (with a filler read as K before it), two lost it: the vote cut it.
    (("YULIA<KIRYNA", "YULIA", "YULIA"), ["TKACHENKO", "YULIA", "IRYNA", "UKR"],
     "TKACHENKO", "YULIA IRYNA"),
    # The shortest surname every read contains is the first part of a three-part one.
    (("OYELARAN<ADEYEMI<BANKOLE<<MAXIMILIANO", "OYELARAN<<MAXIMILIANO",
      "OYELARAN<<MAXIMILIANO"), ["OYELARAN-ADEYEMI-BANKOLE", "MAXIMILIANO", "UKR"],
     "OYELARAN ADEYEMI BANKOLE", "MAXIMILIANO"),
    # The line joins JUN and YANG by a filler read as S (and has noise around YANG); the two
    # reads that lost YANG outvote it (harder seed 303, a low-resolution photo).
    (("ZHOU<KJUNSKYANGK<<KKKKKKKKKKEEEKEEEKEKK", "ZHOU<<JUN", "ZHOU<<JUN"),
     ["ZHOU", "JUN", "YANG", "CHN"], "ZHOU", "JUN YANG"),
])
def test_a_name_part_the_vote_dropped_comes_back_when_the_line_and_page_both_show_it(
        lines: tuple[str, ...], page: list[str], surname: str, given: str) -> None:
    merged = _merged_reads(*lines)
    assert merged.passport is not None
    assert (merged.passport.surname, merged.passport.given_names) != (surname, given)
    checked = viz.confirm(merged, page, today=TODAY)
    assert checked.passport is not None
    assert (checked.passport.surname, checked.passport.given_names) == (surname, given)
    assert verdicts(checked)["names"] is True


def test_a_name_part_the_vote_dropped_leaves_the_names_untrusted_when_not_all_is_printed(
        ) -> None:
    # The line holds a part the page does not print: it is not taken, and the part the vote
    # dropped (IRYNA, printed) means the names as voted are cut short.
    merged = _merged_reads("YULIA<KIRYNA<XQZT", "YULIA", "YULIA")
    checked = viz.confirm(merged, ["TKACHENKO", "YULIA", "IRYNA", "UKR"], today=TODAY)
    assert checked.passport is not None and checked.passport.given_names == "YULIA"
    assert verdicts(checked)["names"] is False
    assert not checked.passport.confirmed


def test_a_name_the_vote_cleaned_of_filler_noise_stays_trusted() -> None:
    from classifiers.mrz import merge_names

    reads = [parse_td3(name_line(f"ERIKSSON<<ANNA<{given}"), LINE2, today=TODAY)
             for given in ("MARIAK", "MARIA", "MARIAX")]
    checked = viz.confirm(merge_names(reads), PAGE_WORDS, today=TODAY)
    assert checked.passport is not None and checked.passport.given_names == "ANNA MARIA"
    assert verdicts(checked)["names"] is True


PAGE_WORDS = ["ERIKSSON", "ANNA", "MARIA", "UTO", "L898902C3"]


@pytest.mark.parametrize(("field", "page", "why"), [
    # a separator shifted: VAN<DER<BERG read VAN<<DER<BERG (the page prints the same words)
    ("VAN<<DER<BERG<<JAN", ["VAN", "DER", "BERG", "JAN"], mrz.NAMES_SEPARATOR_SHIFTED),
    # a given name cut to a prefix the page prints no more of
    ("LI<<NA<K", ["LI"], mrz.NAMES_NOT_THE_FIELD),
    # a short name made of filler look-alikes taken for filler
    ("KLEIN<<EKE", ["KLEIN"], mrz.NAMES_STRAY_AFTER_END),
])
def test_names_the_field_does_not_hold_exactly_are_untrusted_alone(field: str, page: list[str],
                                                                   why: str) -> None:
    seen = viz.confirm(parse_td3(name_line(field), LINE2, today=TODAY), [*page, "UTO"],
                       today=TODAY)
    trust = verdicts(seen)
    assert trust["names"] is False and reason(seen, "names") == why
    assert all(trust[name] for name in TRUSTED_FIELDS if name != "names")
    # The reason names the doubt, never the name.
    assert not any(part in why for part in field.split("<") if len(part) > 1)


def test_a_number_repaired_to_pass_is_untrusted_alone_until_the_page_prints_it() -> None:
    # `VQ0VC4FP5` fails its check digit; swapping 0 for O beside the Q passes it by chance.
    line2 = zone(number="VO0VC4FP5")
    reading = parse_td3(LINE1, "VQ0VC4FP5" + line2[9:], today=TODAY)
    trust = verdicts(reading)
    assert trust["document_number"] is False
    assert reason(reading, "document_number") == mrz.NUMBER_REPAIRED
    assert all(trust[name] for name in ("nationality", "birth_date", "expiry_date", "sex"))
