"""The worker cycle on a folder source and folder outbox (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from classifiers.limits import Limits
from classifiers.types import Classification
from mailbot.views import all_cases
from tests.support.mailbox import NOW, VERDICTS, Mailbox, body, mail


@pytest.fixture
def mailbox(tmp_path: Path, db_url: str) -> Mailbox:
    return Mailbox(tmp_path, db_url)


def test_first_contact_opens_a_case_and_replies_in_the_thread(mailbox: Mailbox) -> None:
    mailbox.receive(mail("Maria Santos <maria@example.com>", "My documents", "passport.jpg",
                         "cv.pdf", sent=NOW - timedelta(hours=2), message_id="<m1@example.com>"))
    mailbox.cycle()

    case = mailbox.case("maria@example.com")
    assert case["case_id"] == "HSM-0001"
    assert case["nationality"] == "BRA" and case["tb_exempt"] is False
    assert case["missing"] == ["antecedents", "tb_declaration"]
    (reply,) = mailbox.replies_to("maria@example.com")
    assert reply["Subject"] == "Re: My documents [HSM-0001]"
    assert reply["In-Reply-To"] == "<m1@example.com>"
    assert reply["Auto-Submitted"] == "auto-replied"
    text = body(reply)
    assert "Passport of MARIA SANTOS, valid until 2031-05-01" in text
    assert "cv.pdf: not one of the documents we ask for" in text


def test_rerunning_over_the_same_folder_processes_nothing_twice(mailbox: Mailbox) -> None:
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    mailbox.cycle()
    mailbox.cycle()
    assert len(mailbox.sent()) == 1
    assert mailbox.classifier.calls == ["passport.jpg"]


def test_mails_of_one_cycle_get_one_reply_naming_them_all(mailbox: Mailbox) -> None:
    mailbox.receive(mail("maria@example.com", "Passport", "passport.jpg",
                         sent=NOW - timedelta(hours=3), message_id="<a@example.com>"))
    mailbox.receive(mail("maria@example.com", "Forms", "antecedents.pdf", "tb.pdf",
                         sent=NOW - timedelta(hours=1), message_id="<b@example.com>"))
    mailbox.cycle()

    (reply,) = mailbox.replies_to("maria@example.com")
    assert reply["In-Reply-To"] == "<b@example.com>"
    assert reply["References"].split() == ["<a@example.com>", "<b@example.com>"]
    assert "We now have every document we need" in body(reply)
    assert mailbox.case("HSM-0001")["status"] == "complete"
    (hr,) = mailbox.replies_to("hr@mailbot.example")
    assert "[HSM-0001] complete" in hr["Subject"]
    assert sorted(p.get_filename() for p in hr.iter_attachments()) == [
        "antecedents.pdf", "passport.jpg", "tb.pdf"]


def test_piecemeal_documents_over_several_cycles(mailbox: Mailbox) -> None:
    mailbox.receive(mail("maria@example.com", "Passport", "passport.jpg", sent=NOW))
    mailbox.cycle()
    mailbox.receive(mail("maria@example.com", "Re: Passport [HSM-0001]", "antecedents.pdf",
                         sent=NOW + timedelta(hours=1)))
    mailbox.cycle(NOW + timedelta(hours=2))
    replies = mailbox.replies_to("maria@example.com")
    assert len(replies) == 2
    assert "Still missing:\n  - TB test declaration" in body(replies[1])
    assert mailbox.case("HSM-0001")["missing"] == ["tb_declaration"]


def test_mails_are_applied_in_the_order_they_were_sent(mailbox: Mailbox) -> None:
    # The newer mail is written to the folder first.
    mailbox.receive(mail("maria@example.com", "New", "passport.jpg", sent=NOW))
    mailbox.receive(mail("maria@example.com", "Old", "old-passport.jpg",
                         sent=NOW - timedelta(days=2)))
    mailbox.cycle()
    case = mailbox.case("HSM-0001")
    assert "passport" not in case["missing"]  # the newest, valid passport wins
    assert [m["subject"] for m in case["mails"]] == ["Old", "New"]  # type: ignore[index]


def test_exempt_nationality_completes_without_tb(mailbox: Mailbox) -> None:
    mailbox.receive(mail("emily@example.org", "Docs", "us-passport.png", "antecedents.pdf",
                         sent=NOW))
    mailbox.cycle()
    case = mailbox.case("emily@example.org")
    assert case["status"] == "complete" and case["tb_exempt"] is True


def test_problems_are_told_in_plain_words(mailbox: Mailbox) -> None:
    mailbox.receive(mail("olena@example.com", "Docs", "old-passport.jpg", "broken.pdf",
                         "blank-antecedents.pdf", sent=NOW))
    mailbox.cycle()
    case = mailbox.case("olena@example.com")
    assert set(case["problems"]) == {  # type: ignore[arg-type]
        "passport_expired", "antecedents_blank", "unreadable_attachment"}
    text = body(mailbox.replies_to("olena@example.com")[0])
    assert "your passport expired on 2025-03-14" in text
    assert "broken.pdf: we could not read this file: the file is damaged or incomplete" in text
    assert "the antecedents certificate you sent is empty" in text


def test_a_question_is_flagged_for_hr(mailbox: Mailbox) -> None:
    mailbox.receive(mail("olena@example.com", "Question",
                         body="How long does the IND take to decide?\n", sent=NOW))
    mailbox.cycle()
    assert mailbox.case("olena@example.com")["needs_human"] is True
    text = body(mailbox.replies_to("olena@example.com")[0])
    assert "It had no documents attached" in text
    assert "a colleague from HR will answer you personally" in text


@pytest.mark.parametrize("headers", [
    {"Auto_Submitted": "auto-replied"},
    {"Precedence": "bulk", "List_Id": "<news.jobs.example>"},
])
def test_machines_get_no_reply_but_are_stored(mailbox: Mailbox, headers: dict[str, str]) -> None:
    mailbox.receive(mail("maria@example.com", "Out of office", sent=NOW, **headers))
    mailbox.cycle()
    assert mailbox.sent() == []
    assert all_cases(mailbox.engine) == []


def test_bounce_from_mailer_daemon_gets_no_reply(mailbox: Mailbox) -> None:
    mailbox.receive(mail("MAILER-DAEMON@mx.example.net", "Undelivered", sent=NOW))
    mailbox.cycle()
    assert mailbox.sent() == []


def test_documents_from_a_stranger_are_held_and_candidate_told(mailbox: Mailbox) -> None:
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW))
    mailbox.cycle()
    mailbox.receive(mail("someone@else.example", "Re: Docs [HSM-0001]", "antecedents.pdf",
                         sent=NOW + timedelta(minutes=5)))
    mailbox.cycle(NOW + timedelta(minutes=10))

    assert mailbox.replies_to("someone@else.example") == []
    replies = mailbox.replies_to("maria@example.com")
    assert len(replies) == 2
    assert "from an address that is not yours on file" in body(replies[1])
    assert "antecedents" in mailbox.case("HSM-0001")["missing"]  # type: ignore[operator]
    review = [m for m in mailbox.replies_to("hr@mailbot.example") if "needs review" in m["Subject"]]
    assert len(review) == 1 and "mailbot case link HSM-0001 someone@else.example" in body(review[0])


def test_reply_cap_per_address_stops_loops(mailbox: Mailbox) -> None:
    for n in range(5):
        mailbox.receive(mail("maria@example.com", f"Mail {n}", sent=NOW + timedelta(minutes=n)))
        mailbox.cycle(NOW + timedelta(minutes=n, seconds=30))
    assert len(mailbox.replies_to("maria@example.com")) == 3


def test_a_duplicate_delivery_is_recorded_not_processed(mailbox: Mailbox) -> None:
    raw = mail("maria@example.com", "Docs", "passport.jpg", sent=NOW, message_id="<dup@x>")
    mailbox.receive(raw)
    mailbox.receive(raw)
    mailbox.cycle()
    assert len(mailbox.replies_to("maria@example.com")) == 1
    assert mailbox.classifier.calls == ["passport.jpg"]


def test_a_mail_that_keeps_failing_is_set_aside_and_queue_moves_on(
    mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox.receive(mail("bad@example.com", "Boom", "cv.pdf", sent=NOW))
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg",
                         sent=NOW + timedelta(minutes=1)))

    def explode(data: bytes, filename: str, limits: Limits) -> Classification:
        if filename == "cv.pdf":
            raise RuntimeError("classifier bug")
        return VERDICTS[filename]

    mailbox.classifier = explode  # type: ignore[assignment]
    for _ in range(mailbox.settings.max_attempts):
        mailbox.cycle()
    assert len(mailbox.replies_to("maria@example.com")) == 1
    review = [m for m in mailbox.replies_to("hr@mailbot.example") if "needs review" in m["Subject"]]
    assert len(review) == 1
    assert "processing failed 5 time(s): RuntimeError: classifier bug" in body(review[0])


def test_a_forged_sender_is_quarantined_without_reply(mailbox: Mailbox) -> None:
    mailbox.settings = mailbox.settings.model_copy(update={"authserv_id": "mx.mailbot.example"})
    forged = "mx.mailbot.example; spf=fail smtp.mailfrom=example.com; dmarc=fail header.from=x"
    other_server = "evil.example; dmarc=fail header.from=example.com"
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", sent=NOW,
                         Authentication_Results=forged))
    mailbox.receive(mail("emily@example.org", "Docs", "us-passport.png", sent=NOW,
                         Authentication_Results=other_server))
    mailbox.cycle()
    assert mailbox.replies_to("maria@example.com") == []
    assert len(mailbox.replies_to("emily@example.org")) == 1  # only our own server counts
    review = [m for m in mailbox.replies_to("hr@mailbot.example") if "needs review" in m["Subject"]]
    assert len(review) == 1 and "failed spf=fail, dmarc=fail" in body(review[0])
