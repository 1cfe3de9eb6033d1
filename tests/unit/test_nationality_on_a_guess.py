"""Never decide on a guess: a nationality counts only from a trusted passport reading.

`PassportFacts.confirmed` is the reader's word (`classifiers.types.PassportData.confirmed`): a
passport whose MRZ validated but whose reading was not confirmed still counts as a passport,
but its nationality is unknown, so TB is asked "unless your nationality is exempt" and the
reply asks for a clearer photo.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply

TB_LIST = load_tb_exempt_list()
WHEN = datetime(2026, 11, 10, tzinfo=UTC)
CASE = CaseSummary("HSM-0042", "Haruto Sato", "haruto.sato@example.com")


def japanese_passport(confirmed: bool | None, name: str = "passport.jpg",
                      when: datetime = WHEN) -> DocumentFact:
    return DocumentFact(kind="passport", filename=name, received_at=when, passport=PassportFacts(
        "SATO", "HARUTO", "JPN", date(2031, 5, 1), True, confirmed=confirmed))


def test_a_confirmed_reading_decides_the_tb_exemption() -> None:
    checklist = evaluate([japanese_passport(True)], TB_LIST)
    assert checklist.facts.nationality == "JPN"
    assert checklist.item("tb_declaration").needed is False
    assert "passport_nationality_unconfirmed" not in checklist.problem_codes


def test_an_unconfirmed_reading_counts_as_passport_but_its_nationality_is_unknown() -> None:
    checklist = evaluate([japanese_passport(False)], TB_LIST)
    assert checklist.item("passport").satisfied
    assert checklist.facts.nationality is None
    assert checklist.item("tb_declaration").needed is None  # required unless exempt
    assert "tb_declaration" in checklist.missing
    assert "passport_nationality_unconfirmed" in checklist.problem_codes


def test_a_later_confirmed_passport_settles_it() -> None:
    later = datetime(2026, 11, 12, tzinfo=UTC)
    checklist = evaluate([japanese_passport(False),
                          japanese_passport(True, "clearer.jpg", later)], TB_LIST)
    assert checklist.facts.nationality == "JPN"
    assert checklist.item("tb_declaration").needed is False


def test_readings_stored_before_the_flag_existed_keep_their_check_digit_verdict() -> None:
    checklist = evaluate([japanese_passport(None)], TB_LIST)
    assert checklist.facts.nationality == "JPN"


def test_the_reply_asks_for_a_clearer_photo_and_tb_unless_exempt() -> None:
    doc = japanese_passport(False)
    checklist = evaluate([doc], TB_LIST)
    text = compose_reply(ReplyContext(CASE, checklist, (doc,))).text
    assert "we could not read your passport well enough to be sure of your nationality" in text
    assert "clearer photo" in text
    assert "Not needed if your nationality is on the TB-exemption list" in text
    assert "with your nationality it is not even needed" not in text


# Trust per field (issue 10): the reader says which fields it trusts, and the checklist decides
# on the field it needs, not on the page as a whole.

def passport_read_as(nationality_trusted: bool | None, expiry_trusted: bool | None,
                     hr_notes: tuple[str, ...] = ()) -> DocumentFact:
    return DocumentFact(kind="passport", filename="passport.jpg", received_at=WHEN,
                        passport=PassportFacts(
                            "SATO", "HARUTO", "JPN", date(2031, 5, 1), True, confirmed=False,
                            nationality_trusted=nationality_trusted,
                            expiry_trusted=expiry_trusted, hr_notes=hr_notes))


def test_an_unsettled_document_number_does_not_block_a_trusted_nationality() -> None:
    doc = passport_read_as(True, True, ("document number: the check digits cannot choose"
                                        " the document number between 2 readings (O or 0)",))
    checklist = evaluate([doc], TB_LIST)
    assert checklist.facts.nationality == "JPN"
    assert checklist.item("tb_declaration").needed is False
    assert checklist.item("passport").satisfied
    assert "passport_nationality_unconfirmed" not in checklist.problem_codes
    text = compose_reply(ReplyContext(CASE, checklist, (doc,))).text
    assert "O or 0" not in text  # the number's doubt is HR's note, never the candidate's


def test_an_untrusted_nationality_stays_unknown_whatever_the_page_verdict() -> None:
    checklist = evaluate([passport_read_as(False, True)], TB_LIST)
    assert checklist.item("passport").satisfied
    assert checklist.facts.nationality is None
    assert "passport_nationality_unconfirmed" in checklist.problem_codes


def test_an_untrusted_expiry_does_not_count_as_a_valid_passport() -> None:
    checklist = evaluate([passport_read_as(True, False)], TB_LIST)
    assert not checklist.item("passport").satisfied
    assert "passport_unreadable" in checklist.problem_codes
