"""O or 0 by glyph height: OCR-B's digits stand taller than its capitals, so the two ovals that
weigh differently in every check digit, but look alike, can be told apart on a clean print."""

from __future__ import annotations

from pathlib import Path

from classifiers import mrz_cells
from classifiers.mrz import NUMBER_BY_HEIGHT, parse_td3, with_line2
from tests.classifiers.test_mrz import LINE1, TODAY, zone
from tests.classifiers.test_mrz_shapes import _band

_MONOSPACED_EQUAL_HEIGHTS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


def _judged(printed: str, read: str, font_path: Path | None = None) -> dict[int, bool]:
    band = _band(LINE1, printed, font_path)
    cell_grid = mrz_cells.grid(band)
    assert cell_grid is not None
    return mrz_cells.round_letters_by_height(band, cell_grid, read)


def test_given_letters_o_printed_when_read_as_zeros_then_heights_tell_each_apart() -> None:
    printed = zone(number="L30686OO5", nationality="NGA", birth="730110", expiry="281026")
    read = printed.replace("L30686OO5", "L30686005")  # the zone as tesseract reads it
    assert _judged(printed, read) == {2: False, 6: True, 7: True}


def test_given_zeros_printed_when_read_as_letters_then_they_are_judged_digits() -> None:
    printed = zone(number="X70809300", nationality="IND", birth="711212", expiry="320628")
    read = printed[:2] + "O" + printed[3:]
    judged = _judged(printed, read)
    assert judged and not any(judged.values())


def test_given_a_font_whose_digits_and_capitals_stand_alike_then_nothing_is_judged() -> None:
    # Not every state's print shows OCR-B's height difference: without it, no verdict.
    printed = zone(number="L30686OO5", nationality="NGA", birth="730110", expiry="281026")
    assert _judged(printed, printed, _MONOSPACED_EQUAL_HEIGHTS) == {}


def test_given_a_number_without_o_or_zero_then_nothing_is_judged() -> None:
    printed = zone(number="L898902C3")
    assert _judged(printed, printed) == {}


def test_choosing_an_alternative_moves_number_and_dates_and_keeps_the_old_line() -> None:
    reading = parse_td3(LINE1, zone(number="X70809300"), today=TODAY)
    other = zone(number="X7O8093O0", birth="740813")
    moved = with_line2(reading, other, today=TODAY)
    assert moved.lines[1] == other
    assert moved.passport is not None and moved.passport.document_number == "X7O8093O0"
    assert moved.passport.birth_date is not None and moved.passport.birth_date.day == 13
    assert reading.lines[1] in moved.alternatives and other not in moved.alternatives


def test_a_number_chosen_by_height_is_not_trusted_but_the_nationality_stays_trusted() -> None:
    from dataclasses import replace

    from classifiers.mrz import with_confirmation

    reading = parse_td3(LINE1, zone(number="L898902C3"), today=TODAY)
    assert reading.passport is not None and reading.passport.confirmed
    doubted = with_confirmation(replace(reading, unsettled=(NUMBER_BY_HEIGHT,)))
    assert doubted.passport is not None and not doubted.passport.confirmed
    assert doubted.passport.trusted("document_number") is False
    assert doubted.passport.trusted("nationality") is True
