"""Reminders through the real worker cycle on a folder mailbox, SQLite and PostgreSQL, with a
clock the test moves: the mail they send, what stops them, the mark for HR, exactly once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mailbot.admin import pause_reminders, resolve_case, resume_reminders
from mailbot.delivery.folder import FolderDelivery
from mailbot.digest import build_digest
from mailbot.replies.hr import compose_digest
from mailbot.services import build_services
from mailbot.steps import CycleReport
from mailbot.steps.remind import Remind, preview
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import OutboundKind, OutboundMail, Reminder
from tests.mail.messages import bounce
from tests.support.mailbox import NOW, Mailbox, body, mail

# NOW is Saturday 28 Nov 2026 12:00 UTC; reminders may go out every day, at any hour, unless a
# test says otherwise (the office-hours schedule is in tests/unit/test_reminders.py).
ANY_TIME = {"reminder_weekdays": "mon-sun", "reminder_hours": "0-24", "timezone": "UTC"}
MARIA = "maria@example.com"


@pytest.fixture
def mailbox(tmp_path: Path, db_url: str) -> Mailbox:
    box = Mailbox(tmp_path, db_url)
    box.settings = box.settings.model_copy(update=ANY_TIME)
    return box


def first_mail(mailbox: Mailbox, *files: str) -> None:
    mailbox.receive(mail(f"Maria Santos <{MARIA}>", "My documents", *files,
                         sent=NOW - timedelta(hours=2), message_id="<m1@example.com>"))
    mailbox.cycle(NOW)


def run_days(mailbox: Mailbox, days: float, every: timedelta = timedelta(hours=6),
             start: datetime = NOW) -> None:
    moment = start
    while moment <= start + timedelta(days=days):
        mailbox.cycle(moment)
        moment += every


def reminders(mailbox: Mailbox) -> list[Any]:
    return [m for m in mailbox.replies_to(MARIA) if "A friendly reminder" in body(m)]


def test_a_reminder_follows_our_reply_in_its_thread_listing_what_is_missing(
        mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    (reply,) = mailbox.replies_to(MARIA)
    mailbox.cycle(NOW + timedelta(days=3) - timedelta(minutes=1))
    assert reminders(mailbox) == []
    mailbox.cycle(NOW + timedelta(days=3))
    mailbox.cycle(NOW + timedelta(days=3, minutes=1))  # the next poll sends nothing more
    (reminder,) = reminders(mailbox)
    assert reminder["Subject"] == reply["Subject"] == "Re: My documents [HSM-0001]"
    assert reminder["In-Reply-To"] == reply["Message-ID"]
    assert reminder["References"].split() == ["<m1@example.com>", reply["Message-ID"]]
    assert reminder["Auto-Submitted"] == "auto-generated"  # RFC 3834: not an answer
    assert reminder["X-Auto-Response-Suppress"] == "All"
    text = body(reminder)
    assert text.startswith("Dear Maria Santos,\n\nA friendly reminder")
    # The reply's own wording of what is missing, word for word.
    missing = body(reply)[body(reply).index("Still missing:"):body(reply).index("Kind regards")]
    assert missing in text
    assert "This is what we received" not in text


def test_three_reminders_at_three_seven_fourteen_days_then_the_case_is_marked_for_hr(
        mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    run_days(mailbox, 21)
    with Session(mailbox.engine) as session:
        rows = [(r.number, r.escalation, (r.at - NOW) / timedelta(days=1))
                for r in session.exec(select(Reminder).order_by(Reminder.id)).all()]
    assert rows == [(1, False, 3), (2, False, 7), (3, False, 14), (4, True, 17)]
    assert len(reminders(mailbox)) == 3
    case = mailbox.case(MARIA)
    assert case["escalated"] == {"at": (NOW + timedelta(days=17)).isoformat(),
                                 "after_reminders": 3}
    services = build_services(mailbox.settings, mailbox.engine, FolderDelivery(mailbox.outbox),
                              clock=lambda: NOW + timedelta(days=18))
    _subject, digest = compose_digest(build_digest(services))
    assert "no answer after 3 reminder(s)" in digest.text
    # HR takes it over: the mark goes, and the ended series does not mark it again.
    resolve_case(mailbox.engine, "HSM-0001")
    run_days(mailbox, 5, start=NOW + timedelta(days=22))
    assert mailbox.case(MARIA)["escalated"] is None
    assert len(reminders(mailbox)) == 3


def test_the_candidates_mail_starts_the_count_again_from_our_answer(mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    run_days(mailbox, 4)  # reminder 1 on day 3
    mailbox.receive(mail(MARIA, "Re: My documents [HSM-0001]", "antecedents.pdf",
                         sent=NOW + timedelta(days=5)))
    mailbox.cycle(NOW + timedelta(days=5))
    run_days(mailbox, 9, start=NOW + timedelta(days=5, hours=6))
    with Session(mailbox.engine) as session:
        rows = [(r.number, (r.at - NOW) / timedelta(days=1))
                for r in session.exec(select(Reminder).order_by(Reminder.id)).all()]
    assert rows == [(1, 3), (1, 8), (2, 12)]
    last = reminders(mailbox)[-1]
    assert "TB test declaration" in body(last) and "Antecedents certificate" not in body(last)


def test_completion_a_question_and_pause_stop_reminders(mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    pause_reminders(mailbox.engine, "HSM-0001")
    run_days(mailbox, 8)
    assert reminders(mailbox) == []
    assert mailbox.case(MARIA)["reminders_paused"] is True
    resume_reminders(mailbox.engine, "HSM-0001", now=NOW + timedelta(days=8))
    run_days(mailbox, 3, start=NOW + timedelta(days=8, hours=6))
    assert len(reminders(mailbox)) == 1  # 3 days after the resume
    # A question waits for HR: no reminders while it does.
    mailbox.receive(mail(MARIA, "Re: My documents [HSM-0001]", body="Can I send it later?\n",
                         sent=NOW + timedelta(days=12)))
    run_days(mailbox, 10, start=NOW + timedelta(days=12))
    assert len(reminders(mailbox)) == 1
    # HR answers it by hand: the next reminder counts from that answer.
    resolve_case(mailbox.engine, "HSM-0001", now=NOW + timedelta(days=22))
    run_days(mailbox, 2.9, start=NOW + timedelta(days=22))
    assert len(reminders(mailbox)) == 1
    mailbox.cycle(NOW + timedelta(days=25))
    assert len(reminders(mailbox)) == 2
    # Complete: never again.
    mailbox.receive(mail(MARIA, "Re: forms [HSM-0001]", "antecedents.pdf", "tb.pdf",
                         sent=NOW + timedelta(days=26)))
    run_days(mailbox, 20, start=NOW + timedelta(days=26))
    assert mailbox.case(MARIA)["status"] == "complete"
    assert len(reminders(mailbox)) == 2


def test_a_bounce_of_our_mail_stops_reminders_and_hr_hears_of_it(mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    (reply,) = mailbox.replies_to(MARIA)
    mailbox.receive(bounce(MARIA, reply["Message-ID"])[1])
    mailbox.cycle(NOW + timedelta(hours=1))
    case = mailbox.case(MARIA)
    assert case["bounced_at"] == (NOW + timedelta(hours=1)).isoformat()
    assert [m["state"] for m in case["mails"]] == ["processed", "ignored"]  # type: ignore[index]
    run_days(mailbox, 20, start=NOW + timedelta(hours=2))
    assert reminders(mailbox) == []
    services = build_services(mailbox.settings, mailbox.engine, FolderDelivery(mailbox.outbox),
                              clock=lambda: NOW + timedelta(days=1))
    assert "bounced" in compose_digest(build_digest(services))[1].text


def test_a_reply_the_candidates_server_refuses_stops_reminders_like_a_bounce(
    mailbox: Mailbox,
) -> None:
    # Given Maria's server refuses our mail for good (550), so our first reply fails
    mailbox.refused.add(MARIA)
    first_mail(mailbox, "passport.jpg")
    case = mailbox.case(MARIA)
    # Then her case says so, as for a bounce mail, and no reminder is ever queued
    assert case["bounced_at"] == NOW.isoformat()
    run_days(mailbox, 20, start=NOW + timedelta(hours=1))
    with Session(mailbox.engine) as session:
        kinds = [row.kind for row in session.exec(select(OutboundMail))]
    assert OutboundKind.REMINDER not in kinds
    services = build_services(mailbox.settings, mailbox.engine, FolderDelivery(mailbox.outbox),
                              clock=lambda: NOW + timedelta(days=1))
    assert "bounced" in compose_digest(build_digest(services))[1].text


def test_reminders_count_in_the_daily_cap(mailbox: Mailbox) -> None:
    mailbox.settings = mailbox.settings.model_copy(update={"max_replies_per_address_per_day": 1})
    first_mail(mailbox, "passport.jpg")
    mailbox.cycle(NOW + timedelta(days=3))
    assert len(reminders(mailbox)) == 1
    mailbox.receive(mail(MARIA, "Re: My documents [HSM-0001]", "antecedents.pdf",
                         sent=NOW + timedelta(days=3, hours=1)))
    mailbox.cycle(NOW + timedelta(days=3, hours=1))
    assert len(mailbox.replies_to(MARIA)) == 2  # the reply, the reminder; the cap held


def test_the_preview_sends_nothing(mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    services = build_services(mailbox.settings, mailbox.engine, FolderDelivery(mailbox.outbox),
                              clock=lambda: NOW + timedelta(hours=1))
    assert preview(services) == []
    (row,) = preview(services, (NOW + timedelta(days=7)).date())
    assert (row["case_id"], row["action"], row["reminder"], row["of"]) == ("HSM-0001", "remind",
                                                                           2, 3)
    assert row["missing"] == ["antecedents", "tb_declaration"]
    with Session(mailbox.engine) as session:
        assert session.exec(select(Reminder)).all() == []
    assert len(mailbox.sent()) == 1


def _reminder_step(mailbox: Mailbox, now: datetime) -> Remind:
    services = build_services(mailbox.settings, mailbox.engine, FolderDelivery(mailbox.outbox),
                              clock=lambda: now)
    return Remind(mailbox.settings, mailbox.engine, services.outbox, services.cases,
                  services.clock)


def test_two_workers_in_the_reminder_window_queue_each_reminder_once(mailbox: Mailbox) -> None:
    for i in range(6):
        mailbox.receive(mail(f"c{i}@example.org", "Docs", "passport.jpg",
                             sent=NOW - timedelta(hours=2), message_id=f"<c{i}@example.org>"))
    mailbox.cycle(NOW)
    due = NOW + timedelta(days=3)
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            _reminder_step(mailbox, due).run(CycleReport())
        except Exception as exc:  # the test reports it below
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Session(mailbox.engine) as session:
        queued = session.exec(select(OutboundMail).where(
            OutboundMail.kind == OutboundKind.REMINDER)).all()
        assert sorted(row.recipients[0] for row in queued) == [
            f"c{i}@example.org" for i in range(6)]
        assert len(session.exec(select(Reminder)).all()) == 6


def test_the_same_reminder_twice_fails_on_its_key_and_takes_its_mail_with_it(
        mailbox: Mailbox) -> None:
    first_mail(mailbox, "passport.jpg")
    _reminder_step(mailbox, NOW + timedelta(days=3)).run(CycleReport())
    with Session(mailbox.engine) as session:
        (recorded,) = session.exec(select(Reminder)).all()
    # A second worker that decided the same reminder before the first one's commit.
    with pytest.raises(IntegrityError), session_scope(mailbox.engine) as session:
        case = repo.case_for_update(session, recorded.case_id)
        assert case is not None
        follows = repo.last_reply(session, recorded.case_id)
        assert follows is not None
        session.add(OutboundMail(kind=OutboundKind.REMINDER, case_id=case.id,
                                 message_id="<second@mailbot.example>", recipients=[MARIA],
                                 raw=b"x"))
        repo.record_reminder(session, Reminder(case_id=recorded.case_id,
                                               series=recorded.series, number=1))
    with Session(mailbox.engine) as session:
        kinds = [row.kind for row in session.exec(select(OutboundMail)).all()]
    assert kinds.count(OutboundKind.REMINDER) == 1


def test_a_send_is_claimed_by_one_worker_only(mailbox: Mailbox) -> None:
    first_mail(mailbox)
    with session_scope(mailbox.engine) as session:
        (row,) = session.exec(select(OutboundMail)).all()
        row.state = "queued"
    assert row.id is not None
    with session_scope(mailbox.engine) as session:
        assert repo.claim_outbound(session, row.id, "host-a:1:1") is True
    with session_scope(mailbox.engine) as session:
        assert repo.claim_outbound(session, row.id, "host-b:2:2") is False
        claimed = session.get(OutboundMail, row.id)
        assert claimed is not None
        assert (claimed.state, claimed.claimed_by, claimed.attempts) == ("sending", "host-a:1:1",
                                                                         2)


def test_a_live_worker_on_this_host_is_not_a_crash() -> None:
    from mailbot.outbox import claimant_alive, this_process

    assert claimant_alive(this_process()) is True
    host, pid, started = this_process().split(":")
    assert claimant_alive(f"{host}:{pid}:{int(started or 0) + 1}") is False  # a reused pid
    assert claimant_alive(f"{host}:999999999:1") is False
    assert claimant_alive(None) is False
    assert claimant_alive(f"another-host:{pid}:{started}") is False


def test_cli_previews_pauses_and_resumes(mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from mailbot.cli import app

    # The CLI runs on the real clock: days far enough ahead keep this test independent of it.
    for name, value in {**ANY_TIME, "reminder_days": "1000,2000,3000",
                        "database_url": mailbox.settings.effective_database_url,
                        "data_dir": str(mailbox.settings.data_dir)}.items():
        monkeypatch.setenv(f"MAILBOT_{name.upper()}", value)
    first_mail(mailbox, "passport.jpg")
    day = (NOW + timedelta(days=1000)).date().isoformat()

    def mailbot(*args: str) -> str:
        result = CliRunner().invoke(app, list(args))
        assert result.exit_code == 0, (result.output, result.exception)
        return result.output

    assert "no reminders due now" in mailbot("reminders")
    (row,) = json.loads(mailbot("reminders", "--json", "--at", day))
    assert (row["case_id"], row["action"], row["reminder"]) == ("HSM-0001", "remind", 1)
    assert "reminder 1 of 3" in mailbot("reminders", "--at", day)
    assert "reminders paused" in mailbot("case", "pause", "HSM-0001")
    assert json.loads(mailbot("reminders", "--json", "--at", day)) == []
    (case,) = json.loads(mailbot("cases", "--json"))
    assert (case["reminders_paused"], case["escalated"], case["bounced_at"]) == (True, None, None)
    assert "counts from now" in mailbot("case", "resume", "HSM-0001")
    # The new series counts from the resume (today), so that day is no longer its day.
    assert json.loads(mailbot("reminders", "--json", "--at", day)) == []
    result = CliRunner().invoke(app, ["reminders", "--at", "next week"])
    assert result.exit_code == 2 and "--at" in result.output
    assert len(mailbox.sent()) == 1  # the reply; the preview sent nothing
