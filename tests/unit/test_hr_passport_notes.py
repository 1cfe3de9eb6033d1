"""HR's complete notice carries what the passport reader could not settle (issue 10): an O or
a 0 in the document number is HR's note to check on the attached page, never the candidate's
problem and never a value presented as validated."""

from __future__ import annotations

from datetime import UTC, date, datetime

from classifiers.types import Kind
from mailbot.cases import passport_notes
from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.replies.hr import CompleteNotice, compose_complete

WHEN = datetime(2026, 11, 10, tzinfo=UTC)
NOTE = "document number: the check digits cannot choose the document number between 2 " \
       "readings (O or 0)"


def passport(notes: tuple[str, ...]) -> DocumentFact:
    return DocumentFact(kind=Kind.PASSPORT, filename="passport.jpg", received_at=WHEN,
                        document_id=1, passport=PassportFacts(
                            "SATO", "HARUTO", "JPN", date(2031, 5, 1), True, confirmed=False,
                            nationality_trusted=True, expiry_trusted=True, hr_notes=notes))


def test_the_counted_passport_gives_its_notes_to_hr() -> None:
    checklist = evaluate([passport((NOTE,))], load_tb_exempt_list())
    assert passport_notes(checklist) == (NOTE,)
    assert passport_notes(evaluate([], load_tb_exempt_list())) == ()


def test_the_complete_notice_lists_the_notes_in_both_parts() -> None:
    notice = CompleteNotice("HSM-0042", "Haruto Sato", "haruto@example.com", "JPN", "2031-05-01",
                            ((Kind.PASSPORT, "passport.jpg"),), passport_notes=(NOTE,))
    _, text = compose_complete(notice)
    assert "could not settle" in text.text and NOTE in text.text
    assert "O or 0" in text.html


def test_a_notice_without_notes_says_nothing_about_them() -> None:
    notice = CompleteNotice("HSM-0042", "Haruto Sato", "haruto@example.com", "JPN", "2031-05-01",
                            ((Kind.PASSPORT, "passport.jpg"),))
    _, text = compose_complete(notice)
    assert "could not settle" not in text.text and "could not settle" not in text.html
