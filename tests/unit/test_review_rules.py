"""Three outcomes in the pure rules and the reply words: counted, rejected, or in review."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply

TB_LIST = load_tb_exempt_list()
RECEIVED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
CASE = CaseSummary("HSM-0001", "Maria Santos", "maria@example.com")


def passport() -> DocumentFact:
    return DocumentFact(kind="passport", filename="passport.jpg", received_at=RECEIVED,
                        passport=PassportFacts("SANTOS", "MARIA", "BRA", date(2031, 5, 1), True))


def form(kind: str, name: str | None = None, **extra: object) -> DocumentFact:
    values: dict[str, object] = {"filled": True, **extra}
    return DocumentFact(kind=kind, filename=name or f"{kind}.pdf", received_at=RECEIVED,
                        **values)  # type: ignore[arg-type]


def test_an_item_whose_only_document_waits_for_hr_is_in_review_not_missing() -> None:
    # Given a passport, an antecedents form and a TB declaration the classifier doubts
    unsure = form("tb_declaration", "tb-scan.pdf", review=True)
    # When the checklist is evaluated
    checklist = evaluate([passport(), form("antecedents"), unsure], TB_LIST)
    # Then the TB item is in review, nothing is missing, and the case is not complete
    assert checklist.in_review == ["tb_declaration"]
    assert checklist.missing == []
    assert not checklist.complete
    assert checklist.item("tb_declaration").reviewing == (unsure,)


def test_a_file_in_review_of_no_wanted_kind_still_keeps_the_case_open() -> None:
    checklist = evaluate([passport(), form("antecedents"), form("tb_declaration"),
                          form("other", "mystery.pdf", review=True)], TB_LIST)
    assert checklist.missing == [] and checklist.in_review == []
    assert not checklist.complete  # never complete while anything is in review


def test_a_document_in_review_gives_no_nationality() -> None:
    unsure_passport = replace(passport(), review=True)
    checklist = evaluate([unsure_passport], TB_LIST)
    assert checklist.in_review == ["passport"]
    assert checklist.facts.nationality is None
    assert checklist.item("tb_declaration").needed is None


def test_hr_acceptance_counts_even_a_form_the_classifier_called_blank() -> None:
    accepted = form("antecedents", filled=False, accepted_by_hr=True)
    checklist = evaluate([passport(), accepted, form("tb_declaration")], TB_LIST)
    assert checklist.complete


def test_hr_rejection_does_not_count_and_says_why() -> None:
    rejected = form("tb_declaration", "tb.pdf", rejected_reason="it is the referral form")
    checklist = evaluate([passport(), form("antecedents"), rejected], TB_LIST)
    assert checklist.missing == ["tb_declaration"] and checklist.in_review == []
    assert [(p.code, p.detail, p.filename) for p in checklist.problems] == [
        ("rejected_by_hr", "it is the referral form", "tb.pdf")]


def test_standing_changes_when_hr_settles_a_file_and_only_then() -> None:
    unsure = form("tb_declaration", "tb-scan.pdf", review=True, document_id=3)
    waiting = evaluate([passport(), form("antecedents"), unsure], TB_LIST)
    settled = evaluate([passport(), form("antecedents"),
                        replace(unsure, review=False, accepted_by_hr=True)], TB_LIST)
    again = evaluate([passport(), form("antecedents"),
                      replace(unsure, review=False, accepted_by_hr=True)], TB_LIST)
    assert waiting.standing != settled.standing
    assert settled.standing == again.standing


def test_the_reply_says_hr_checks_the_file_by_hand_and_never_that_it_is_missing() -> None:
    # Given a mail whose TB declaration the classifier is unsure about
    unsure = form("tb_declaration", "Verklaring tbc 2019.pdf", review=True)
    documents = [passport(), form("antecedents"), unsure]
    # When the reply is composed
    text = compose_reply(ReplyContext(CASE, evaluate(documents, TB_LIST),
                                      received=tuple(documents))).text
    # Then the file is named, HR checks it by hand, and nothing is called missing
    assert ("  - Verklaring tbc 2019.pdf: we could not tell for sure what this file is, so a "
            "colleague from HR is checking it by hand. You do not need to send it again; we "
            "will write to you as soon as HR has looked at it.") in text
    assert ("Being checked by hand:\n  - TB test declaration: a colleague from HR is checking "
            "Verklaring tbc 2019.pdf by hand. You do not need to send it again.") in text
    assert "missing" not in text.lower()
    assert "There is nothing else you need to send for now." in text
    assert "We now have every document" not in text


def test_a_doubted_file_of_unknown_kind_is_named_next_to_what_is_missing() -> None:
    documents = [passport(), form("other", "scan0001.pdf", review=True)]
    text = compose_reply(ReplyContext(CASE, evaluate(documents, TB_LIST),
                                      received=tuple(documents))).text
    assert "Still missing:" in text
    assert ("A colleague from HR is also checking scan0001.pdf by hand. If that is one\nof the "
            "documents above, you do not need to send it again") in text


def test_the_reply_after_a_rejection_gives_hr_s_reason() -> None:
    rejected = form("tb_declaration", "tb.pdf",
                    rejected_reason="this is the TB test referral form, not the declaration")
    documents = [passport(), form("antecedents"), rejected]
    composed = compose_reply(ReplyContext(CASE, evaluate(documents, TB_LIST), received=(),
                                          reviewed=(rejected,)))
    assert "A colleague from HR has checked your file(s) by hand:" in composed.text
    assert ("  - tb.pdf: a colleague from HR checked this file by hand and could not accept "
            "it: this is the TB test referral form, not the declaration.") in composed.text
    assert "Still missing:\n  - TB test declaration" in composed.text
    assert "It had no documents attached" not in composed.text
    assert "could not accept it: this is the TB test referral form" in composed.html


def test_a_passport_whose_zone_did_not_fully_validate_is_checked_by_hr_not_asked_again(
) -> None:
    # Given a passport whose code lines were read but one check digit failed (our misreading
    # of a clear photo as often as a bad photo), sent for review by the classifier
    misread = replace(passport(), review=True,
                      passport=replace(passport().passport, checks_ok=False))
    documents = [misread, form("antecedents"), form("tb_declaration")]
    # When the checklist is evaluated and the reply composed
    checklist = evaluate(documents, TB_LIST)
    text = compose_reply(ReplyContext(CASE, checklist, received=tuple(documents))).text
    # Then the passport is in review, not missing, and the candidate is not asked for a
    # clearer photo of a good one
    assert checklist.in_review == ["passport"] and checklist.missing == []
    assert "passport_unreadable" not in checklist.problem_codes
    assert ("  - Passport (passport.jpg): our reader could not make out every character of the "
            "two lines of <<< characters at the bottom of the photo page, so a colleague from "
            "HR is checking it by hand.") in text
    assert "clearer" not in text.lower() and "missing" not in text.lower()
