"""Reply composition: exact, friendly words from a checklist."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.replies.compose import (
    CaseSummary,
    ReplyContext,
    asks_question,
    compose_reply,
    reference_in,
    reply_subject,
)

TB_LIST = load_tb_exempt_list()
WHEN = datetime(2026, 11, 10, tzinfo=UTC)
CASE = CaseSummary("HSM-0042", "Maria Santos", "maria.santos@example.com")
PASSPORT = DocumentFact(
    kind="passport", filename="passport.jpg", received_at=WHEN,
    passport=PassportFacts("SANTOS", "MARIA", "BRA", date(2031, 5, 1), True),
)


def reply(documents: list[DocumentFact], received: list[DocumentFact], **extra: object) -> str:
    checklist = evaluate(documents, TB_LIST)
    text = compose_reply(ReplyContext(CASE, checklist, tuple(received), **extra))  # type: ignore[arg-type]
    return text.text


def test_received_passport_is_named_with_validity_and_rest_is_missing() -> None:
    text = reply([PASSPORT], [PASSPORT])
    assert "Passport of MARIA SANTOS, valid until 2031-05-01" in text
    assert "Still missing:" in text
    assert "Antecedents certificate" in text
    assert "TB test declaration" in text
    assert "HR takes it from here" not in text


def test_tb_unknown_until_passport_read() -> None:
    text = reply([], [])
    assert "Not needed if your nationality is on the TB-exemption list" in text
    assert "It had no documents attached" in text


def test_complete_case_confirms_hr_takes_over() -> None:
    forms = [DocumentFact(kind=k, filename=f"{k}.pdf", received_at=WHEN, filled=True)
             for k in ("antecedents", "tb_declaration")]
    text = reply([PASSPORT, *forms], forms)
    assert "We now have every document we need. HR takes it from here" in text
    assert "Still missing" not in text


def test_unreadable_file_is_named_with_reason() -> None:
    broken = DocumentFact(kind="other", filename="antecedents.pdf", received_at=WHEN,
                          error="corrupt", error_detail="the file is damaged or incomplete")
    text = reply([broken], [broken])
    assert "antecedents.pdf: we could not read this file: the file is damaged or incomplete" \
        in text


def test_blank_form_is_explained() -> None:
    blank = DocumentFact(kind="antecedents", filename="form.pdf", received_at=WHEN, filled=False)
    text = reply([blank], [blank])
    assert "the antecedents certificate you sent is empty" in text


def test_question_promises_a_human_answer() -> None:
    assert "a colleague from HR will answer you personally" in reply([], [], asked_question=True)


def test_html_escapes_inbound_text() -> None:
    evil = DocumentFact(kind="other", filename="<script>x</script>.pdf", received_at=WHEN)
    html = compose_reply(ReplyContext(CASE, evaluate([], TB_LIST), (evil,))).html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_subject_carries_reference_once() -> None:
    assert reply_subject("Re: RE: Fwd: my documents [HSM-0042]", "HSM-0042") == \
        "Re: my documents [HSM-0042]"
    assert reply_subject("", "HSM-0001") == "Re: Your HSM visa documents [HSM-0001]"
    assert reference_in("Re: my documents [HSM-0042]") == "HSM-0042"
    assert reference_in("no tag") is None


def test_question_detection_ignores_quoted_history() -> None:
    assert asks_question("How long does the IND take?\n")
    assert not asks_question("Here are my documents.\n\nOn Mon, X wrote:\n> Any questions?")
    assert not asks_question("See https://example.com/?a=1")


def test_question_detection_is_fast_on_a_hostile_megabyte() -> None:
    import time

    started = time.monotonic()
    assert not asks_question("x" * 1_000_000)
    assert not asks_question(("a" * 5000 + ":/") * 200)
    assert time.monotonic() - started < 0.5
