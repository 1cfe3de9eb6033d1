"""The checklist rules: pure functions over document facts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.checklist.rules import add_years

TB_LIST = load_tb_exempt_list()
RECEIVED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def passport(expiry: date, nationality: str = "BRA", checks_ok: bool = True,
             received: datetime = RECEIVED, name: str = "passport.jpg") -> DocumentFact:
    return DocumentFact(
        kind="passport", filename=name, received_at=received,
        passport=PassportFacts("SANTOS", "MARIA", nationality, expiry, checks_ok),
    )


def form(kind: str, filled: bool | None = True, received: datetime = RECEIVED) -> DocumentFact:
    return DocumentFact(kind=kind, filename=f"{kind}.pdf", received_at=received, filled=filled)


def test_nothing_received_lists_everything_with_tb_unknown() -> None:
    checklist = evaluate([], TB_LIST)
    assert checklist.missing == ["passport", "antecedents", "tb_declaration"]
    assert checklist.item("tb_declaration").needed is None
    assert not checklist.complete


def test_all_three_documents_complete_the_case() -> None:
    checklist = evaluate([passport(date(2031, 5, 1)), form("antecedents"),
                          form("tb_declaration")], TB_LIST)
    assert checklist.complete
    assert checklist.missing == []
    assert checklist.facts.nationality == "BRA"
    assert checklist.facts.tb_exempt is False


def test_exempt_nationality_needs_no_tb_declaration() -> None:
    checklist = evaluate([passport(date(2031, 5, 1), "USA"), form("antecedents")], TB_LIST)
    assert checklist.complete
    assert checklist.item("tb_declaration").needed is False


def test_germany_as_d_in_the_mrz_is_exempt() -> None:
    checklist = evaluate([passport(date(2031, 5, 1), "D<<"), form("antecedents")], TB_LIST)
    assert checklist.facts.nationality == "DEU"
    assert checklist.complete


def test_expired_passport_keeps_item_missing_with_problem() -> None:
    checklist = evaluate([passport(date(2025, 3, 14))], TB_LIST)
    assert "passport" in checklist.missing
    assert checklist.problem_codes == ["passport_expired"]


def test_passport_valid_less_than_a_year_after_receipt_is_not_enough() -> None:
    checklist = evaluate([passport(date(2027, 6, 30))], TB_LIST)
    assert "passport" in checklist.missing
    assert checklist.problem_codes == ["passport_expires_within_12_months"]


@pytest.mark.parametrize(("expiry", "ok"), [(date(2027, 11, 10), True),
                                            (date(2027, 11, 9), False)])
def test_twelve_months_boundary_is_inclusive(expiry: date, ok: bool) -> None:
    checklist = evaluate([passport(expiry)], TB_LIST)
    assert ("passport" not in checklist.missing) is ok


def test_mrz_that_does_not_validate_is_not_accepted() -> None:
    checklist = evaluate([passport(date(2031, 5, 1), checks_ok=False)], TB_LIST)
    assert checklist.problem_codes == ["passport_unreadable"]
    assert checklist.facts.nationality is None


def test_a_later_valid_passport_replaces_an_expired_one() -> None:
    later = datetime(2026, 11, 20, tzinfo=UTC)
    documents = [passport(date(2025, 3, 14)), passport(date(2032, 1, 1), received=later,
                                                       name="new.jpg")]
    checklist = evaluate(documents, TB_LIST)
    assert "passport" not in checklist.missing
    assert checklist.item("passport").satisfied_by == documents[1]
    assert checklist.problem_codes == []


def test_blank_form_never_ticks_the_checklist() -> None:
    checklist = evaluate([form("antecedents", filled=False)], TB_LIST)
    assert "antecedents" in checklist.missing
    assert "antecedents_blank" in checklist.problem_codes


def test_unreadable_attachment_is_a_problem_until_complete() -> None:
    broken = DocumentFact(kind="other", filename="antecedents.pdf", received_at=RECEIVED,
                          error="corrupt", error_detail="the file is damaged")
    assert "unreadable_attachment" in evaluate([broken], TB_LIST).problem_codes
    complete = evaluate([broken, passport(date(2031, 5, 1), "USA"), form("antecedents")], TB_LIST)
    assert complete.complete and complete.problem_codes == []


def test_held_documents_do_not_count() -> None:
    held = DocumentFact(kind="antecedents", filename="a.pdf", received_at=RECEIVED, filled=True,
                        held=True)
    assert "antecedents" in evaluate([held], TB_LIST).missing


def test_add_years_handles_leap_day() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_tb_list_is_data_with_source_and_date() -> None:
    assert TB_LIST.source and TB_LIST.as_of
    assert TB_LIST.is_exempt("DEU") and TB_LIST.is_exempt("D")
    assert not TB_LIST.is_exempt("KOR")  # no entry visa, but not TB-exempt
    assert not TB_LIST.is_exempt("IND")
