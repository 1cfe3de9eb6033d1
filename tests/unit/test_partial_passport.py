"""A passport whose zone fails a check outside the expiry: it counts on its checked expiry,
its nationality is not decided on, and the candidate is asked for a clearer photo for it —
never told the passport is missing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from classifiers.types import FieldTrust, PassportData
from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply
from mailbot.store.verdicts import passport_facts

TB_LIST = load_tb_exempt_list()
RECEIVED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
CASE = CaseSummary("HSM-0042", "Maria Santos", "maria.santos@example.com")


def passport(expiry_trusted: bool | None, expiry: date = date(2031, 5, 1)) -> DocumentFact:
    # The document number's check failed (so checks_ok is False and nothing is confirmed).
    return DocumentFact(kind="passport", filename="passport.jpg", received_at=RECEIVED,
                        passport=PassportFacts("SANTOS", "MARIA", "BRA", expiry, False,
                                               confirmed=False, nationality_trusted=False,
                                               expiry_trusted=expiry_trusted))


def antecedents() -> DocumentFact:
    return DocumentFact(kind="antecedents", filename="antecedents.pdf", received_at=RECEIVED,
                        filled=True)


def test_a_checked_expiry_counts_but_the_nationality_is_not_decided_on() -> None:
    checklist = evaluate([passport(expiry_trusted=True), antecedents()], TB_LIST)
    assert checklist.item("passport").satisfied
    assert "passport" not in checklist.missing
    assert checklist.facts.nationality is None
    assert checklist.item("tb_declaration").needed is None  # asked "unless exempt"
    assert checklist.problem_codes == ["passport_nationality_unconfirmed"]
    assert not checklist.complete


def test_an_unchecked_or_unrecorded_expiry_is_still_unreadable() -> None:
    for expiry_trusted in (False, None):
        checklist = evaluate([passport(expiry_trusted)], TB_LIST)
        assert not checklist.item("passport").satisfied, expiry_trusted
        assert checklist.problem_codes == ["passport_unreadable"], expiry_trusted


def test_a_checked_expiry_still_needs_twelve_months() -> None:
    checklist = evaluate([passport(expiry_trusted=True, expiry=date(2027, 1, 1))], TB_LIST)
    assert checklist.problem_codes == ["passport_expires_within_12_months"]


def test_the_reply_asks_for_a_clearer_photo_and_never_calls_the_passport_missing() -> None:
    documents = [passport(expiry_trusted=True), antecedents()]
    text = compose_reply(ReplyContext(CASE, evaluate(documents, TB_LIST),
                                      received=tuple(documents))).text
    assert ("  - Passport of MARIA SANTOS, valid until 2031-05-01: we could not read your "
            "passport well enough to be sure of your nationality") in text
    assert "clearer photo" in text
    missing = text.split("Still missing:", 1)[1]
    assert "Passport" not in missing and "TB test declaration" in missing


def test_the_stored_reading_keeps_the_expiry_trusted_on_its_own_check() -> None:
    trust = (FieldTrust("expiry_date", True, "its own check digit passes"),
             FieldTrust("document_number", False, "the document number's check digit fails"),
             FieldTrust("nationality", False, "the printed page does not show it"))
    reading = PassportData("P", "BRA", "SANTOS", "MARIA", "YA1234567", "BRA", date(1990, 2, 3),
                           "F", date(2031, 5, 1), checks_ok=False, trust=trust)
    stored = reading.to_json()
    assert PassportData.from_json(stored) == reading
    facts = passport_facts(stored)
    assert facts.expiry_decidable and not facts.nationality_known
    older = {key: value for key, value in stored.items() if key != "trust"}
    assert not passport_facts(older).expiry_decidable  # read before the reader judged fields
