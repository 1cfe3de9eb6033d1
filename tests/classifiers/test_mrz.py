"""The MRZ suite: ICAO specimen, every check digit wrong in turn, each OCR confusion, names."""

from __future__ import annotations

from datetime import date

import pytest

from classifiers.mrz import (
    MrzFormat,
    check_digit,
    find_mrz,
    parse_td3,
    parse_yymmdd,
    split_name_field,
)

LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
TODAY = date(2011, 1, 1)  # the specimen expires in 2012


def test_check_digit_weights_and_values() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("<<<<<<") == "0"
    assert check_digit("ZE184226B<<<<<") == "1"


def test_specimen_parses_with_every_field() -> None:
    reading = parse_td3(LINE1, LINE2, today=TODAY)
    passport = reading.passport
    assert passport is not None
    assert reading.checks_ok and passport.checks_ok
    assert reading.repairs == ()
    assert (passport.document_type, passport.issuing_country) == ("P", "UTO")
    assert (passport.surname, passport.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert passport.document_number == "L898902C3"
    assert passport.nationality == "UTO"
    assert passport.birth_date == date(1974, 8, 12)
    assert passport.sex == "F"
    assert passport.expiry_date == date(2012, 4, 15)


@pytest.mark.parametrize(("position", "check"), [
    (9, "document_number"), (19, "birth_date"), (27, "expiry_date"),
    (42, "personal_number"), (43, "composite"),
])
def test_each_wrong_check_digit_is_caught(position: int, check: str) -> None:
    wrong = str((int(LINE2[position]) + 3) % 10) if LINE2[position].isdigit() else "7"
    line2 = LINE2[:position] + wrong + LINE2[position + 1:]
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert not reading.checks_ok
    assert reading.checks[check] is False
    assert reading.passport is not None and reading.passport.checks_ok is False


@pytest.mark.parametrize(("position", "misread"), [
    (5, "O"),   # document number: 0 read as O
    (3, "B"),   # 8 read as B
    (15, "O"),  # birth date: 0 read as O
    (21, "I"),  # expiry: 1 read as I
    (23, "O"),
    (26, "S"),  # 5 read as S
    (22, "Z"),  # 2 read as Z
    (40, "K"),  # a filler read as K
    (41, "C"),  # a filler read as C
    (9, "G"),   # check digit 6 read as G
])
def test_ocr_confusions_are_repaired(position: int, misread: str) -> None:
    line2 = LINE2[:position] + misread + LINE2[position + 1:]
    if line2 == LINE2:
        pytest.skip("no confusion at this position")
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.checks_ok, reading.checks
    assert reading.lines[1] == LINE2
    assert reading.repairs


def test_six_read_as_g_in_a_digit_field() -> None:
    line2 = LINE2.replace("7408122", "74O8122")
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.passport is not None and reading.passport.birth_date == date(1974, 8, 12)


def test_letter_o_in_a_document_number_is_kept_when_its_check_passes() -> None:
    number = "AO1234567"[:9]
    line2 = number + check_digit(number) + LINE2[10:]
    body = line2[0:10] + line2[13:20] + line2[21:43]
    line2 = line2[:43] + check_digit(body)
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert reading.checks_ok
    assert reading.passport is not None and reading.passport.document_number == "AO1234567"


def test_an_unrepairable_field_fails_and_is_not_invented() -> None:
    line2 = LINE2.replace("L898902C3", "L898902D3")  # C read as D: no look-alike repairs it
    reading = parse_td3(LINE1, line2, today=TODAY)
    assert not reading.checks["document_number"]


def test_name_line_fillers_read_as_k_and_c() -> None:
    assert split_name_field("ERIKSSON<<ANNA<MARIA<<<<K<<KKKKKKKKKKKKK")[:2] == \
        ("ERIKSSON", "ANNA MARIA")
    assert split_name_field("ERIKSSONKKANNA<MARIACCCCCCCCCCCCCCCCCCCC")[:2] == \
        ("ERIKSSON", "ANNA MARIA")
    assert split_name_field("ERIKSSONK<ANNA<MARIA<<<<<<<<<<<<<<<<<<<")[:2] == \
        ("ERIKSSON", "ANNA MARIA")


def test_names_ending_in_k_or_c_keep_their_letter() -> None:
    assert split_name_field("BECK<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<<<<<<")[:2] == ("BECK", "ERIK")
    assert split_name_field("MARC<<LUC<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<")[:2] == ("MARC", "LUC")


def test_digits_in_names_become_letters() -> None:
    assert split_name_field("ER1KSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<")[:2] == ("ERIKSSON", "ANNA")


def test_fillers_read_as_k_in_the_document_code_and_lines_found_in_text() -> None:
    text = f"PASSPORT\nsome words here\n{LINE1.replace('P<', 'PK', 1)}\n{LINE2}\n"
    reading = find_mrz(text.splitlines(), today=TODAY)
    assert reading is not None and reading.checks_ok
    assert reading.document_code == "P<"


def test_guillemets_and_dropped_fillers_are_fitted_to_44() -> None:
    lines = [LINE1.replace("<<<<<<<<<<", "««««", 1), LINE2.replace("<<<<<", "<<<<", 1)]
    reading = find_mrz(lines, today=TODAY)
    assert reading is not None and reading.checks_ok


def test_germany_uses_d() -> None:
    number = "C01X00T47"
    line2 = f"{number}{check_digit(number)}D<<6408125F2702283<<<<<<<<<<<<<<<"
    body = line2[0:10] + line2[13:20] + line2[21:43]
    line2 += check_digit(body)
    reading = parse_td3("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<", line2,
                        today=date(2026, 11, 28))
    assert reading.checks_ok
    assert reading.passport is not None
    assert (reading.passport.issuing_country, reading.passport.nationality) == ("D", "D")
    assert "issuing state code is not an ICAO code" not in reading.notes


def test_td1_id_card_is_recognised_and_is_not_a_passport() -> None:
    lines = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
             "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    reading = find_mrz(lines, today=TODAY)
    assert reading is not None
    assert reading.format is MrzFormat.TD1
    assert not reading.is_passport
    assert reading.passport is None


def test_visa_is_not_a_passport() -> None:
    reading = parse_td3("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", LINE2, today=TODAY)
    assert not reading.is_passport
    assert any("visa" in note for note in reading.notes)


def test_prose_of_the_right_length_is_not_an_mrz() -> None:
    text = ["Please find attached my passport and the antecedents form", "Kind regards from me"]
    assert find_mrz(text) is None


def test_century_birth_in_the_past_expiry_up_to_twenty_years_ahead() -> None:
    today = date(2026, 11, 28)
    assert parse_yymmdd("991231", future_years=0, today=today) == date(1999, 12, 31)
    assert parse_yymmdd("250101", future_years=0, today=today) == date(2025, 1, 1)
    assert parse_yymmdd("261231", future_years=0, today=today) == date(1926, 12, 31)
    assert parse_yymmdd("350101", future_years=20, today=today) == date(2035, 1, 1)
    assert parse_yymmdd("460101", future_years=20, today=today) == date(2046, 1, 1)
    assert parse_yymmdd("500101", future_years=20, today=today) == date(1950, 1, 1)
    assert parse_yymmdd("991332", future_years=20, today=today) is None
