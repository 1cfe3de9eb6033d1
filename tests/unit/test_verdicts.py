"""A file's verdict keeps its type on every hop: classifier → DocumentVerdict → row → fact.

The row's columns are a contract (`cases --json`, `case show`, the stored database): what the
classifier said is stored exactly as `classify --json` prints it, and read back unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from classifiers.types import (
    Classification,
    FieldTrust,
    Kind,
    PageVerdict,
    PassportData,
    ReadError,
)
from mailbot.checklist import PassportFacts
from mailbot.mime.types import Attachment
from mailbot.store.models import Document, ReviewDecision
from mailbot.store.types import EnumText
from mailbot.store.verdicts import (
    DocumentVerdict,
    HrDecision,
    document_fact,
    document_row,
    hr_read_passport,
)

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SCAN = Attachment(filename="scan.pdf", content_type="application/pdf", data=b"%PDF-1.7 scan")
PASSPORT = PassportData(
    document_type="P", issuing_country="NLD", surname="DE VRIES", given_names="ANNA MARIA",
    document_number="XR1234567", nationality="NLD", birth_date=date(1990, 4, 1), sex="F",
    expiry_date=date(2031, 5, 1), checks_ok=True, confirmed=True,
    disagreements=("the name printed above reads DE VRIES",),
)
CLASSIFIED = Classification(
    kind=Kind.PASSPORT, confidence=0.9712, reasons=("the MRZ validates",), filled=None,
    pages=(PageVerdict(1, Kind.PASSPORT, 0.97123, ocr=True), PageVerdict(2, Kind.OTHER, 0.4)),
    passport=PASSPORT, detected_type="pdf", review=True,
)


def row_for(verdict: DocumentVerdict, case_id: int | None = 7) -> Document:
    return document_row(SCAN, verdict, case_id=case_id, inbound_id=3, received_at=WHEN,
                        held=False)


def test_the_row_stores_the_verdict_as_classify_json_prints_it() -> None:
    row = row_for(DocumentVerdict.of_classification(CLASSIFIED))
    printed = CLASSIFIED.to_json()
    assert row.kind is Kind.PASSPORT and row.confidence == 0.9712 and row.review is True
    assert row.pages == printed["pages"] and row.passport == printed["passport"]
    assert row.reasons == ["the MRZ validates"] and row.detected_type == "pdf"
    assert (row.filename, row.sha256, row.size) == ("scan.pdf", SCAN.sha256, len(SCAN.data))
    assert row.error is None and row.error_detail is None and row.decision is None


def test_a_read_error_is_stored_as_its_code_and_sentence() -> None:
    failed = Classification(kind=Kind.OTHER, confidence=0.0, error=ReadError.ENCRYPTED)
    row = row_for(DocumentVerdict.of_classification(failed))
    assert row.error == "encrypted" and row.error_detail == ReadError.ENCRYPTED.describe()


def test_an_earlier_row_gives_back_the_same_verdict() -> None:
    fresh = DocumentVerdict.of_classification(CLASSIFIED)
    again = DocumentVerdict.of_row(row_for(fresh))
    assert again.passport == PASSPORT and again.kind is Kind.PASSPORT
    assert [page.to_json() for page in again.pages] == CLASSIFIED.to_json()["pages"]
    assert row_for(again).model_dump(exclude={"id"}) == row_for(fresh).model_dump(exclude={"id"})


def test_hr_decision_follows_the_bytes_only_within_its_case() -> None:
    decided = row_for(DocumentVerdict.of_classification(CLASSIFIED))
    decided.decision, decided.decided_kind = ReviewDecision.ACCEPTED, Kind.PASSPORT
    decided.decided_by, decided.decided_at, decided.decision_reason = "anna.hr", WHEN, None
    reused = DocumentVerdict.of_row(decided)
    assert reused.hr == HrDecision(ReviewDecision.ACCEPTED, Kind.PASSPORT, "anna.hr", WHEN,
                                   None, case_id=7)
    same_case = row_for(reused, case_id=7)
    assert (same_case.decision, same_case.decided_kind, same_case.decided_by) == (
        ReviewDecision.ACCEPTED, Kind.PASSPORT, "anna.hr")
    other_case = row_for(reused, case_id=8)
    assert other_case.decision is None and other_case.decided_kind is None
    assert other_case.decided_by is None and other_case.decided_at is None


def test_an_unpackable_attachment_is_an_unreadable_other() -> None:
    bomb = Attachment(filename="x.zip", content_type="application/zip", data=b"",
                      error="zip_bomb", error_detail="the archive expands too much")
    row = row_for(DocumentVerdict.unreadable(bomb))
    assert (row.kind, row.error, row.error_detail) == (
        Kind.OTHER, "zip_bomb", "the archive expands too much")
    plain = row_for(DocumentVerdict.unreadable(SCAN))
    assert (plain.error, plain.error_detail) == ("unreadable", "the attachment could not be "
                                                               "unpacked")


def test_the_fact_counts_hr_word_over_the_classifier() -> None:
    row = row_for(DocumentVerdict.of_classification(CLASSIFIED))
    row.kind, row.error, row.error_detail = Kind.OTHER, "corrupt", "the file is damaged"
    row.decision, row.decided_kind = ReviewDecision.ACCEPTED, Kind.ANTECEDENTS
    fact = document_fact(row)
    assert fact.kind is Kind.ANTECEDENTS and fact.accepted_by_hr and fact.confidence == 1.0
    assert fact.error is None and fact.error_detail == ""
    row.decision, row.decision_reason = ReviewDecision.REJECTED, None
    rejected = document_fact(row)
    assert rejected.kind is Kind.OTHER and rejected.rejected_reason == "no reason given"
    assert rejected.error == "corrupt"


def test_the_fact_reads_the_stored_passport() -> None:
    fact = document_fact(row_for(DocumentVerdict.of_classification(CLASSIFIED)))
    assert fact.passport is not None
    assert (fact.passport.surname, fact.passport.nationality, fact.passport.expiry_date) == (
        "DE VRIES", "NLD", date(2031, 5, 1))
    assert fact.passport.checks_ok and fact.passport.confirmed is True


def test_a_passport_stored_before_readings_were_confirmed_lets_the_check_digits_decide() -> None:
    row = row_for(DocumentVerdict.of_classification(CLASSIFIED))
    assert row.passport is not None
    row.passport = {key: value for key, value in row.passport.items()
                    if key not in ("confirmed", "disagreements")}
    fact = document_fact(row)
    assert fact.passport is not None and fact.passport.confirmed is None
    assert fact.passport.nationality_known


def test_the_fact_reads_the_reader_trust_per_field_and_notes_the_number_for_hr() -> None:
    trust = (FieldTrust("nationality", True, "an ICAO code read as printed"),
             FieldTrust("expiry_date", True, "its check digit and the composite pass"),
             FieldTrust("document_number", False, "the check digits cannot choose (O or 0)"))
    classified = replace(CLASSIFIED, passport=replace(PASSPORT, confirmed=False, trust=trust))
    fact = document_fact(row_for(DocumentVerdict.of_classification(classified)))
    assert fact.passport is not None
    assert fact.passport.nationality_trusted is True and fact.passport.expiry_trusted is True
    assert fact.passport.nationality_known
    assert fact.passport.hr_notes == ("document number: the check digits cannot choose (O or 0)",)


def test_hr_reading_the_nationality_overrides_an_untrusted_one() -> None:
    read = PassportFacts("SATO", "HARUTO", "JPA", date(2031, 5, 1), True, confirmed=False,
                         nationality_trusted=False, expiry_trusted=False)
    fact = hr_read_passport(read, "JPN", date(2031, 5, 2))
    assert fact.nationality_known and fact.expiry_known and fact.nationality == "JPN"


def test_a_kind_column_refuses_a_value_that_is_no_kind() -> None:
    column = EnumText(Kind)
    assert column.process_bind_param(Kind.TB_DECLARATION, dialect=None) == "tb_declaration"
    assert column.process_bind_param("passport", dialect=None) == "passport"
    assert column.process_result_value("other", dialect=None) is Kind.OTHER
    assert column.process_bind_param(None, dialect=None) is None
    with pytest.raises(ValueError):
        column.process_bind_param("visa", dialect=None)
