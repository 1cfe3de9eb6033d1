"""A passport zone that fails a check digit: when the page counts, when HR reads it."""

from __future__ import annotations

from classifiers.classify import partial_zone_counts, score_page, verdict
from classifiers.extract import ExtractedFile, Page
from classifiers.mrz import find_mrz
from classifiers.sniff import FileType
from classifiers.types import Kind

LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
VALID = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
NUMBER_MISREAD = "L898942C36UTO7408122F1204159ZE184226B<<<<<10"   # document number digit
EXPIRY_MISREAD = "L898902C36UTO7408122F1204169ZE184226B<<<<<10"   # expiry day digit


def zone_page(line2: str, text: str = "", full_text_read: bool = False) -> Page:
    lines = [LINE1, line2]
    return Page(1, (text + "\n" if text else "") + "\n".join(lines), mrz=find_mrz(lines),
                full_text_read=full_text_read)


def test_a_misread_document_number_leaves_a_passport_that_counts_on_its_expiry() -> None:
    page = zone_page(NUMBER_MISREAD)
    assert page.mrz is not None and set(page.mrz.failed_checks) == {"document_number",
                                                                     "composite"}
    assert partial_zone_counts(page.mrz)
    result = verdict(ExtractedFile(FileType.PDF, [page]))
    assert result.kind is Kind.PASSPORT and not result.review, result.reasons
    assert result.passport is not None
    assert result.passport.trusted("expiry_date") is True and not result.passport.checks_ok
    assert result.passport.trusted("document_number") is False
    assert not result.passport.confirmed
    assert not any("not sure of the expiry date" in r for r in result.reasons), result.reasons
    assert any("not sure of the document number" in r for r in result.reasons)


def test_a_misread_expiry_goes_to_hr_as_a_passport() -> None:
    page = zone_page(EXPIRY_MISREAD)
    assert page.mrz is not None and not partial_zone_counts(page.mrz)
    result = verdict(ExtractedFile(FileType.PDF, [page]))
    assert result.kind is Kind.PASSPORT and result.review
    assert result.passport is not None and result.passport.trusted("expiry_date") is False


def test_a_valid_zone_is_not_a_partial_one_and_counts_with_a_checked_expiry() -> None:
    page = zone_page(VALID)
    assert page.mrz is not None and not partial_zone_counts(page.mrz)
    result = verdict(ExtractedFile(FileType.PDF, [page]))
    assert result.passport is not None and result.passport.trusted("expiry_date") is True


def test_a_partly_valid_zone_quoted_in_a_letter_goes_to_review() -> None:
    letter = ("Dear HR team,\nbelow you find the two lines of my passport, as you asked on the "
              "phone. I will send the scan tomorrow when I am back home.\nKind regards,\nAnna")
    score = score_page(zone_page(NUMBER_MISREAD, letter, full_text_read=True))
    assert score.kind is Kind.PASSPORT and score.review, score.reasons


def test_an_id_card_code_is_never_a_partial_passport() -> None:
    page = zone_page(NUMBER_MISREAD)
    assert page.mrz is not None
    from dataclasses import replace

    assert not partial_zone_counts(replace(page.mrz, document_code="I<"))
