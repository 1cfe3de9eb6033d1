"""The visual zone as second reading: pure rules over the words printed above the MRZ."""

from __future__ import annotations

from dataclasses import replace

from classifiers.mrz import NAMES_SEPARATOR_SHIFTED, parse_td3
from classifiers.viz import confirm, viz_tokens
from tests.classifiers.test_mrz import LINE1, LINE2, TODAY, name_line, zone

PAGE = ["PASSPORT", "Surname", "ERIKSSON", "Given", "names", "ANNA", "MARIA", "Nationality",
        "UTOPIAN", "Code", "UTO", "Passport", "No.", "L898902C3", "12", "AUG", "1974"]


def test_transliterations_and_accents_are_compared_as_the_mrz_spells_them() -> None:
    tokens = viz_tokens(["Müller", "JOSÉ", "Ærøskøbing"])
    assert {"MUELLER", "MULLER", "JOSE", "AEROESKOEBING"} <= set(tokens)


def test_a_clean_zone_the_page_agrees_with_stays_confirmed() -> None:
    reading = confirm(parse_td3(LINE1, LINE2, today=TODAY), PAGE, today=TODAY)
    assert reading.passport is not None and reading.passport.confirmed
    assert reading.passport.given_names == "ANNA MARIA"


def test_filler_noise_on_a_name_is_removed_by_the_printed_name() -> None:
    line1 = name_line("OKAFOR<<FOLAKES<<<<<<<<<<<", state="NGA")
    reading = parse_td3(line1, zone(nationality="NGA"), today=TODAY)
    assert reading.passport is not None and reading.passport.given_names == "FOLAKES"
    confirmed = confirm(reading, ["OKAFOR", "FOLAKE", "NGA"], today=TODAY)
    assert confirmed.passport is not None
    assert confirmed.passport.given_names == "FOLAKE" and confirmed.passport.confirmed


def test_filler_noise_on_both_edges_of_a_name_is_removed_by_the_printed_name() -> None:
    # `<<DIVYA<<` with both doubled fillers misread: KDIVYAKK (two letters at most per edge).
    line1 = name_line("NAIR<<KDIVYAKK<<<<<<<<<<<", state="IND")
    reading = parse_td3(line1, zone(nationality="IND"), today=TODAY)
    assert reading.passport is not None and reading.passport.given_names == "KDIVYAKK"
    confirmed = confirm(reading, ["NAIR", "DIVYA", "IND"], today=TODAY)
    assert confirmed.passport is not None
    assert confirmed.passport.given_names == "DIVYA" and confirmed.passport.confirmed
    # Three letters at one edge are more than a misread `<<`: the zone's spelling stays,
    # unconfirmed.
    longer = confirm(parse_td3(name_line("NAIR<<DIVYAKKK<<<<<<<<<<", state="IND"),
                               zone(nationality="IND"), today=TODAY),
                     ["NAIR", "DIVYA", "IND"], today=TODAY)
    assert longer.passport is not None
    assert longer.passport.given_names == "DIVYAKKK" and not longer.passport.confirmed


def test_a_filler_read_as_a_letter_between_given_names_is_split_by_the_page() -> None:
    line1 = name_line("OKAFOR<<CHINEDU<KEMMANUELX<<<<", state="NGA")
    reading = parse_td3(line1, zone(nationality="NGA"), today=TODAY)
    confirmed = confirm(reading, ["OKAFOR", "CHINEDU", "EMMANUEL"], today=TODAY)
    assert confirmed.passport is not None
    assert confirmed.passport.given_names == "CHINEDU EMMANUEL"
    joined = parse_td3(name_line("HOSSEINI<<AMIRSNAVID", state="IRN"), zone(nationality="IRN"),
                       today=TODAY)
    split = confirm(joined, ["HOSSEINI", "AMIR", "NAVID"], today=TODAY)
    assert split.passport is not None and split.passport.given_names == "AMIR NAVID"


def test_a_second_given_name_after_a_doubled_filler_comes_back_when_printed() -> None:
    line1 = name_line("OKAFOR<<CHINEDU<<EMMANUEL", state="NGA")
    reading = parse_td3(line1, zone(nationality="NGA"), today=TODAY)
    assert reading.passport is not None and not reading.passport.confirmed
    restored = confirm(reading, ["OKAFOR", "CHINEDU", "EMMANUEL"], today=TODAY)
    assert restored.passport is not None
    assert restored.passport.given_names == "CHINEDU EMMANUEL"
    # Restored but not confirmed: a doubled filler inside the name is a filler put in, or the
    # surname's separator shifted (`VAN<DER` read `VAN<<DER`); the page prints the same
    # words either way, not which line they stand on.
    assert not restored.passport.confirmed
    assert [t.reason for t in restored.passport.trust if t.field == "names"] == [
        NAMES_SEPARATOR_SHIFTED]
    noise = confirm(parse_td3(name_line("OKAFOR<<CHINEDU<<EMMAXX", state="NGA"),
                              zone(nationality="NGA"), today=TODAY),
                    ["OKAFOR", "CHINEDU"], today=TODAY)
    assert noise.passport is not None and noise.passport.given_names == "CHINEDU"
    # EMMAXX may be a second name the page's OCR missed: dropped, but not confirmed.
    assert not noise.passport.confirmed
    fillers = confirm(parse_td3(name_line("OKAFOR<<CHINEDU<<KKXS", state="NGA"),
                                zone(nationality="NGA"), today=TODAY),
                      ["OKAFOR", "CHINEDU"], today=TODAY)
    assert fillers.passport is not None and fillers.passport.given_names == "CHINEDU"
    assert fillers.passport.confirmed


def test_a_name_the_page_spells_otherwise_is_a_disagreement_not_a_choice() -> None:
    line1 = name_line("MABROUK<<MOHANED", state="EGY")
    reading = confirm(parse_td3(line1, zone(nationality="EGY"), today=TODAY),
                      ["MABROUK", "MOHAMED", "EGY"], today=TODAY)
    assert reading.passport is not None
    assert reading.passport.given_names == "MOHANED"  # never silently replaced
    assert not reading.passport.confirmed
    assert any("spells a name differently" in r for r in reading.passport.disagreements)


def test_the_printed_number_settles_a_k_the_check_digits_cannot() -> None:
    line2 = zone(number="1234567K")
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.passport is not None and not reading.passport.confirmed
    with_k = confirm(reading, [*PAGE, "1234567K"], today=TODAY)
    assert with_k.passport is not None
    assert with_k.passport.document_number == "1234567K" and with_k.passport.confirmed
    without = confirm(reading, [*PAGE, "1234567"], today=TODAY)
    assert without.passport is not None
    assert without.passport.document_number == "1234567" and without.passport.confirmed
    neither = confirm(reading, PAGE, today=TODAY)
    assert neither.passport is not None and not neither.passport.confirmed


def test_the_printed_number_settles_o_or_zero() -> None:
    line2 = zone(number="OO1234567")  # really two letters O
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.passport is not None and reading.passport.document_number == "001234567"
    settled = confirm(reading, [*PAGE, "OO1234567"], today=TODAY)
    assert settled.passport is not None
    assert settled.passport.document_number == "OO1234567" and settled.passport.confirmed


def test_a_repaired_nationality_is_confirmed_by_the_printed_code() -> None:
    reading = parse_td3(name_line("SATO<<HARUTO", state="UTO"), zone(nationality="3PN"),
                        today=TODAY)
    assert reading.passport is not None and not reading.passport.confirmed
    # The page prints both codes: the issuing state differs from the nationality, and no check
    # digit covers the first line, so it needs the page's word as much as the nationality does.
    seen = confirm(reading, ["SATO", "HARUTO", "UTO", "JPN"], today=TODAY)
    assert seen.passport is not None and seen.passport.confirmed
    unseen = confirm(reading, ["SATO", "HARUTO", "UTO"], today=TODAY)
    assert unseen.passport is not None and not unseen.passport.confirmed


def test_names_the_page_does_not_show_are_not_confirmed() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    for words in ([], ["PASSPORT", "UTO", "L898902C3"]):
        unseen = confirm(reading, words, today=TODAY)
        assert unseen.passport is not None and not unseen.passport.confirmed
        assert unseen.passport.disagreements == (
            "the names could not be confirmed on the printed page",)
        assert unseen.lines == reading.lines


def test_a_failing_number_is_repaired_from_the_printed_one_when_the_checks_then_pass() -> None:
    # Letters O between digits, read as zeros: four pairs of its O and 0 pass the check digit,
    # so no MRZ rule repairs them (`mrz._round_pair_reading`); the printed page does.
    line2 = zone(number="X7O8093O0")
    read = "X70809300" + line2[9:]
    reading = parse_td3(LINE1, read, today=TODAY)
    assert not reading.checks_ok
    repaired = confirm(reading, [*PAGE, "X7O8093O0"], today=TODAY)
    assert repaired.checks_ok and repaired.passport is not None
    assert repaired.passport.document_number == "X7O8093O0"
    assert "document number from the printed page" in repaired.repairs
    unrelated = confirm(reading, [*PAGE, "X99999999"], today=TODAY)
    assert not unrelated.checks_ok


def test_printed_dates_in_the_usual_layouts() -> None:
    from classifiers.viz import _printed_dates

    words = ["12", "AUG", "1974", "01.07.2014", "30", "MAR/MAR", "1972", "13", "LIP/JUL",
             "2016", "22/02/78"]
    assert _printed_dates(words) >= {"740812", "140701", "720330", "160713", "780222"}


def test_a_page_showing_zeros_is_no_witness_against_letters_o() -> None:
    line2 = zone(number="L30686OO5")  # the O pair weighs like 00 at weights 7 and 3
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.passport is not None and reading.passport.document_number == "L30686005"
    zeros = confirm(reading, [*PAGE, "L30686005"], today=TODAY)
    assert zeros.passport is not None and not zeros.passport.confirmed


def test_a_printed_g_settles_g_or_6_but_a_printed_6_is_no_witness() -> None:
    # A blurred desk photo read a G as 6 both in the zone and on the page, and the wrong
    # number was validated: OCR leans to the digit on the page as in the zone. A page showing
    # the letter is a witness for it; one showing the digit leaves the number unsettled (as 0
    # and O, above), with the digit reading kept.
    reading = parse_td3(LINE1, zone(number="616174876"), today=TODAY)
    assert reading.passport is not None and not reading.passport.confirmed
    letter = confirm(reading, [*PAGE, "G16174876"], today=TODAY)
    assert letter.passport is not None
    assert letter.passport.document_number == "G16174876" and letter.passport.confirmed
    digit = confirm(reading, [*PAGE, "616174876"], today=TODAY)
    assert digit.passport is not None
    assert digit.passport.document_number == "616174876" and not digit.passport.confirmed
    assert not digit.passport.trusted("document_number")
    unseen = confirm(reading, PAGE, today=TODAY)
    assert unseen.passport is not None and not unseen.passport.confirmed


def test_a_capital_i_read_as_an_exclamation_mark_is_no_lost_letter() -> None:
    # `MORAD!` on the page: split at the `!`, MORADI would look like MORAD with filler noise
    # and be "repaired" to a wrong name that then passes as confirmed.
    assert "MORADI" in viz_tokens(["MORAD!"])
    line1 = name_line("MORADI<<NAVID", state="IRN")
    reading = parse_td3(line1, zone(nationality="IRN"), today=TODAY)
    seen = confirm(reading, ["MORAD!", "NAVID", "IRN"], today=TODAY)
    assert seen.passport is not None
    assert seen.passport.surname == "MORADI" and seen.passport.confirmed


def test_an_i_or_l_the_page_does_not_show_at_a_names_edge_is_not_stripped_as_noise() -> None:
    # MORADI on the zone, MORAD on the page: a lost thin letter or a filler read as I; the
    # reading keeps the zone's name and is not confirmed (a K or an X there is filler noise).
    reading = parse_td3(name_line("MORADI<<NAVID", state="IRN"), zone(nationality="IRN"),
                        today=TODAY)
    unsure = confirm(reading, ["MORAD", "NAVID", "IRN"], today=TODAY)
    assert unsure.passport is not None
    assert unsure.passport.surname == "MORADI" and not unsure.passport.confirmed
    noisy = parse_td3(name_line("MORADIK<<NAVID", state="IRN"), zone(nationality="IRN"),
                      today=TODAY)
    stripped = confirm(noisy, ["MORADI", "NAVID", "IRN"], today=TODAY)
    assert stripped.passport is not None
    assert stripped.passport.surname == "MORADI" and stripped.passport.confirmed


def test_the_zones_own_lines_among_the_page_words_are_no_witness() -> None:
    # A whole-page read holds the MRZ lines too: letters after the name field's end are not
    # given names because the zone's own line "prints" them.
    line1 = name_line("ADEYEMI<<NGOZI<<<<<<<<<SSSSY", state="NGA")
    reading = parse_td3(line1, zone(nationality="NGA"), today=TODAY)
    assert reading.dropped_names == ("SSSSY",)
    page = ["ADEYEMI", "NGOZI", "NGA", line1.lower(), zone(nationality="NGA")]
    seen = confirm(reading, page, today=TODAY)
    assert seen.passport is not None and seen.passport.given_names == "NGOZI"


def test_a_name_the_page_shows_with_a_letter_fewer_at_an_edge_is_kept_but_not_confirmed() -> None:
    # NGOZIY on the zone, NGOZI on the page: a stray letter in the zone or one lost on the page.
    reading = parse_td3(name_line("ADEYEMI<<NGOZIY", state="NGA"), zone(nationality="NGA"),
                        today=TODAY)
    seen = confirm(reading, ["ADEYEMI", "NGOZI", "NGA"], today=TODAY)
    assert seen.passport is not None and seen.passport.given_names == "NGOZIY"
    assert not seen.passport.confirmed
    assert any("letter more or less" in r for r in seen.passport.disagreements)


# A long name cut at the field's end: `OLUWASEUN<B` is OLUWASEUN BABATUNDE.
_CUT_LINES = ("P<EGYVENKATARAGHAVAN<SRINIVASAN<<OLUWASEUN<B",
              "P821228976EGY8512110M3204027<<<<<<<<<<<<<<<2")
_CUT_PAGE = ["VENKATARAGHAVAN-SRINIVASAN", "OLUWASEUN", "BABATUNDE", "EGYPTIAN"]


def test_the_cut_last_letter_of_a_long_name_lost_by_the_vote_is_restored_from_the_page() -> None:
    reading = parse_td3(*_CUT_LINES)
    voted = replace(reading, passport=replace(reading.passport, given_names="OLUWASEUN"))
    confirmed = confirm(voted, _CUT_PAGE)
    assert confirmed.passport.given_names == "OLUWASEUN B"
    assert confirmed.passport.confirmed


def test_the_cut_last_letter_lost_and_not_printed_is_never_confirmed_away() -> None:
    reading = parse_td3(*_CUT_LINES)
    voted = replace(reading, passport=replace(reading.passport, given_names="OLUWASEUN"))
    page = [word for word in _CUT_PAGE if word != "BABATUNDE"]  # the page's OCR missed it
    assert not confirm(voted, page).passport.confirmed
