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
