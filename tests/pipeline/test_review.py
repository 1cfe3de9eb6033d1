"""The HR review queue through the real worker, store and outbox (SQLite and PostgreSQL).

Doubted verdicts (`Classification.review`) come from the worker's `classify=` injection; the
documents HR decides on are real text PDFs, so the training export reads real page texts.
"""

from __future__ import annotations

import getpass
import io
import json
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from classifiers.limits import Limits
from classifiers.types import Classification, Kind
from mailbot.cli import app
from mailbot.delivery.base import QueueOnly
from mailbot.digest import build_digest, send_digest
from mailbot.review import Decision, decide, training_path
from mailbot.services import Services, build_services
from mailbot.store import repo
from mailbot.store.models import AuditEntry, OutboundKind, OutboundMail, ReviewDecision
from tests.support.mailbox import BOT, NOW, VERDICTS, Mailbox, body, mail, passport

TB_TEXT = [
    "Declaration regarding tuberculosis screening",
    "I, Maria Santos, born 3 February 1990, declare that I am willing to be examined",
    "for tuberculosis within three months after my arrival in the Netherlands.",
    "Place and date: Sao Paulo, 20 November 2026        Signature: M. Santos",
]

DOUBTED: dict[str, Classification] = {
    "tb-scan.pdf": Classification(kind=Kind.TB_DECLARATION, confidence=0.52, filled=True,
                                  reasons=("about tuberculosis", "form-like, title unknown"),
                                  review=True),
    "mystery.pdf": Classification(kind=Kind.OTHER, confidence=0.40, review=True,
                                  reasons=("about criminal antecedents, kind of paper unclear",)),
    "maybe-passport.jpg": Classification(
        kind=Kind.PASSPORT, confidence=0.5, review=True,
        reasons=("MRZ P<BRA YA1234567 validates", "page is not clearly a passport"),
        passport=passport().passport),
    # The zone read with one check digit failing: no nationality to decide the TB item on.
    "misread-passport.jpg": Classification(
        kind=Kind.PASSPORT, confidence=0.6, review=True,
        reasons=("machine readable zone found; check digits fail: document number, composite",
                 "uncertain: the passport MRZ does not fully validate"),
        passport=replace(passport("USA").passport, nationality="U5A", checks_ok=False,
                         confirmed=False)),
}


class DoubtingClassifier:
    """The sample verdicts, plus the doubted ones above, looked up by file name."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, data: bytes, filename: str, limits: Limits) -> Classification:
        self.calls.append(filename)
        return DOUBTED.get(filename) or VERDICTS[filename]


def text_pdf(lines: list[str]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    for number, line in enumerate(lines):
        canvas.drawString(60, 780 - 18 * number, line)
    canvas.save()
    return buffer.getvalue()


def mail_with(sender: str, subject: str, files: dict[str, bytes], *, sent: datetime,
              message_id: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, BOT, subject
    message["Date"], message["Message-ID"] = format_datetime(sent), message_id
    message.set_content("Hello,\n")
    for name, data in files.items():
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()


@pytest.fixture
def mailbox(tmp_path: Path, db_url: str) -> Mailbox:
    box = Mailbox(tmp_path, db_url)
    box.classifier = DoubtingClassifier()  # type: ignore[assignment]
    return box


def hr(mailbox: Mailbox, now: datetime = NOW + timedelta(hours=1)) -> Services:
    """What `mailbot review accept|reject` uses: queues mail, sends nothing itself."""
    return build_services(mailbox.settings, mailbox.engine, QueueOnly(), clock=lambda: now)


def maria_sends_forms_hr_must_check(mailbox: Mailbox) -> int:
    """Given Maria's passport and antecedents, and a TB declaration the classifier doubts."""
    mailbox.receive(mail("Maria Santos <maria@example.com>", "My documents", "passport.jpg",
                         "antecedents.pdf", sent=NOW - timedelta(hours=3),
                         message_id="<m1@example.com>"))
    mailbox.receive(mail_with("Maria Santos <maria@example.com>", "Re: My documents",
                              {"tb-scan.pdf": text_pdf(TB_TEXT)}, sent=NOW - timedelta(hours=2),
                              message_id="<m2@example.com>"))
    mailbox.cycle()
    with Session(mailbox.engine) as session:
        (waiting,) = [doc.id for doc in repo.review_queue(session)
                      if doc.filename == "tb-scan.pdf"]
    assert waiting is not None
    return waiting


def pending(mailbox: Mailbox) -> list[int]:
    with Session(mailbox.engine) as session:
        return [doc.id for doc in repo.review_queue(session) if doc.id is not None]


def outbox_rows(mailbox: Mailbox, kind: OutboundKind) -> list[OutboundMail]:
    with Session(mailbox.engine) as session:
        return list(session.exec(select(OutboundMail).where(OutboundMail.kind == kind)).all())


def accept(document: int, kind: str = "tb_declaration", by: str = "anna.hr") -> Decision:
    return Decision(document, ReviewDecision.ACCEPTED, by, kind=kind)


# ------------------------------------------------------------------------------ the queue


def test_a_doubted_document_is_in_review_and_the_candidate_is_told_hr_checks_it(
    mailbox: Mailbox,
) -> None:
    maria_sends_forms_hr_must_check(mailbox)

    case = mailbox.case("HSM-0001")
    assert case["in_review"] == ["tb_declaration"]
    assert case["missing"] == [] and case["status"] == "incomplete"
    last = body(mailbox.replies_to("maria@example.com")[-1])
    assert "tb-scan.pdf: we could not tell for sure what this file is, so a colleague from HR " \
           "is checking it by hand." in last
    assert "Still missing" not in last
    assert outbox_rows(mailbox, OutboundKind.HR_COMPLETE) == []  # not complete while in review


def test_the_digest_lists_what_waits_for_review_oldest_first(mailbox: Mailbox) -> None:
    mailbox.receive(mail("olena@example.com", "Docs", "mystery.pdf",
                         sent=NOW - timedelta(days=2)))
    maria_sends_forms_hr_must_check(mailbox)

    data = build_digest(hr(mailbox))
    assert [(row.reference, row.detail.split(": ")[1].split(" (")[0])
            for row in data.in_review] == [("HSM-0001", "mystery.pdf"),
                                           ("HSM-0002", "tb-scan.pdf")]
    send_digest(mailbox.cycle().services)
    (digest,) = [m for m in mailbox.replies_to("hr@mailbot.example") if "digest" in m["Subject"]]
    assert "2 to review" in digest["Subject"]
    text = body(digest)
    section = text.split("Waiting for your review, oldest first (mailbot review) (2):\n")[1]
    assert section.index("mystery.pdf") < section.index("tb-scan.pdf")
    assert "HSM-0001" in section.splitlines()[0] and "HSM-0002" in section.splitlines()[1]


# ------------------------------------------------------------------------------ decisions


def test_accepting_completes_the_case_and_replies_exactly_once(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    replies_before = len(mailbox.replies_to("maria@example.com"))

    # When HR accepts the doubted file as the TB declaration, twice
    first = decide(hr(mailbox), accept(document))
    again = decide(hr(mailbox, NOW + timedelta(hours=2)), accept(document))
    mailbox.cycle(NOW + timedelta(hours=3))
    mailbox.cycle(NOW + timedelta(hours=4))

    # Then the case is complete, the candidate got one reply, HR one "complete" mail
    assert first.changed and first.reply_queued and first.status == "complete"
    assert not again.changed and not again.reply_queued
    case = mailbox.case("HSM-0001")
    assert case["status"] == "complete" and case["in_review"] == [] and case["missing"] == []
    replies = mailbox.replies_to("maria@example.com")
    assert len(replies) == replies_before + 1
    text = body(replies[-1])
    assert "A colleague from HR has checked your file(s) by hand:" in text
    assert "TB test declaration (tb-scan.pdf): a colleague from HR checked this file by hand: " \
           "it counts." in text
    assert "We now have every document we need." in text
    # Threaded like any reply: under the mail that carried the file.
    assert replies[-1]["In-Reply-To"] == "<m2@example.com>"
    assert replies[-1]["Subject"] == "Re: My documents [HSM-0001]"
    assert replies[-1]["Auto-Submitted"] == "auto-replied"
    complete = [m for m in mailbox.replies_to("hr@mailbot.example")
                if "complete" in m["Subject"]]
    assert len(complete) == 1
    assert "tb-scan.pdf" in [p.get_filename() for p in complete[0].iter_attachments()]
    # The original verdict and HR's decision side by side, and in the audit trail.
    (doc,) = [d for d in case["received"] if d["filename"] == "tb-scan.pdf"]  # type: ignore
    assert doc["kind"] == "tb_declaration" and doc["confidence"] == 0.52
    assert doc["review"]["state"] == "accepted" and doc["review"]["by"] == "anna.hr"
    assert doc["review"]["kind"] == "tb_declaration" and doc["review"]["classifier_unsure"]
    with Session(mailbox.engine) as session:
        (entry,) = session.exec(select(AuditEntry)).all()
    assert (entry.actor, entry.action, entry.document_id) == ("anna.hr", "review.accepted",
                                                              document)
    assert entry.detail["verdict"]["confidence"] == 0.52 and entry.detail["reply_queued"]
    assert pending(mailbox) == []


def test_a_rejection_with_its_reason_reaches_the_candidate(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)

    outcome = decide(hr(mailbox), Decision(
        document, ReviewDecision.REJECTED, "anna.hr", kind="other",
        reason="this is the TB test referral form, not the declaration"))
    mailbox.cycle(NOW + timedelta(hours=2))

    assert outcome.reply_queued and outcome.missing == ("tb_declaration",)
    case = mailbox.case("HSM-0001")
    assert case["missing"] == ["tb_declaration"] and "rejected_by_hr" in case["problems"]
    text = body(mailbox.replies_to("maria@example.com")[-1])
    assert ("tb-scan.pdf: a colleague from HR checked this file by hand and could not accept "
            "it: this is the TB test referral form, not the declaration.") in text
    assert "Still missing:\n  - TB test declaration" in text
    example = json.loads(training_path(mailbox.settings.data_dir, document).read_text())
    assert example["kind"] == "other" and example["reason"].startswith("this is the TB test")


def test_a_rejection_without_a_kind_exports_nothing(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    decide(hr(mailbox), accept(document))
    assert training_path(mailbox.settings.data_dir, document).exists()
    # HR changes their mind and no longer says what the file is: the old label goes.
    outcome = decide(hr(mailbox, NOW + timedelta(hours=2)), Decision(
        document, ReviewDecision.REJECTED, "bob.hr", reason="unsigned"))
    assert outcome.changed and outcome.exported is None
    assert not training_path(mailbox.settings.data_dir, document).exists()


def test_the_labelled_example_holds_the_page_texts_and_is_private(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)

    outcome = decide(hr(mailbox), accept(document))

    path = training_path(mailbox.settings.data_dir, document)
    assert outcome.exported == path
    example = json.loads(path.read_text())
    assert set(example) == {"kind", "pages", "source", "decided_by", "decided_at", "reason"}
    assert example["kind"] == "tb_declaration" and example["source"] == "hr-review"
    assert example["decided_by"] == "anna.hr" and example["reason"] is None
    assert example["decided_at"] == (NOW + timedelta(hours=1)).isoformat()
    assert len(example["pages"]) == 1 and "tuberculosis screening" in example["pages"][0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_crash_before_the_commit_leaves_nothing_and_the_rerun_replies_once(
    mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mailbot.review

    document = maria_sends_forms_hr_must_check(mailbox)
    replies_before = len(outbox_rows(mailbox, OutboundKind.REPLY))

    # When the decision dies after the reply was queued but before the commit
    real_export = mailbot.review._export

    def crash(*args: object) -> None:
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(mailbot.review, "_export", crash)
    with pytest.raises(KeyboardInterrupt):
        decide(hr(mailbox), accept(document))
    # Then nothing of it stays: still in review, no reply queued
    assert pending(mailbox) == [document]
    assert len(outbox_rows(mailbox, OutboundKind.REPLY)) == replies_before

    # When HR runs it again, and the worker then runs twice
    monkeypatch.setattr(mailbot.review, "_export", real_export)
    decide(hr(mailbox), accept(document))
    decide(hr(mailbox), accept(document))  # and once more, impatient
    mailbox.cycle(NOW + timedelta(hours=2))
    mailbox.cycle(NOW + timedelta(hours=3))
    # Then exactly one reply about it went out
    assert len(outbox_rows(mailbox, OutboundKind.REPLY)) == replies_before + 1
    assert len(mailbox.replies_to("maria@example.com")) == replies_before + 1


def test_a_crash_after_the_decision_before_the_send_sends_once(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    replies_before = len(mailbox.replies_to("maria@example.com"))
    # Given the decision committed its reply to the outbox and the process then died
    decide(hr(mailbox), accept(document))
    (queued,) = [row for row in outbox_rows(mailbox, OutboundKind.REPLY) if row.state == "queued"]
    # When HR, unsure whether it worked, decides again, and the worker restarts
    decide(hr(mailbox, NOW + timedelta(hours=2)), accept(document))
    mailbox.cycle(NOW + timedelta(hours=3))
    mailbox.cycle(NOW + timedelta(hours=4))
    # Then the one queued reply went out once
    replies = mailbox.replies_to("maria@example.com")
    assert len(replies) == replies_before + 1
    assert replies[-1]["Message-ID"] == queued.message_id


def test_hr_overrules_a_confident_verdict(mailbox: Mailbox) -> None:
    # Given a CV the classifier is sure is no wanted document
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", "cv.pdf", sent=NOW))
    mailbox.cycle()
    cv = next(d for d in mailbox.case("HSM-0001")["received"]  # type: ignore[attr-defined]
              if d["filename"] == "cv.pdf")
    # When HR says it is really the antecedents certificate
    outcome = decide(hr(mailbox), accept(cv["document"], "antecedents"))
    mailbox.cycle(NOW + timedelta(hours=2))
    # Then it counts, and Maria hears so once
    assert outcome.reply_queued and outcome.missing == ("tb_declaration",)
    assert mailbox.case("HSM-0001")["missing"] == ["tb_declaration"]
    replies = mailbox.replies_to("maria@example.com")
    assert len(replies) == 2
    assert "Antecedents certificate (cv.pdf): a colleague from HR checked this file by hand" \
           in body(replies[-1])
    # The training example is the bytes' own text: these test bytes are no PDF, so none.
    assert outcome.exported is None


def test_a_decision_that_changes_nothing_for_the_candidate_sends_nothing(
    mailbox: Mailbox,
) -> None:
    mailbox.receive(mail("maria@example.com", "Docs", "passport.jpg", "antecedents.pdf",
                         sent=NOW))
    mailbox.cycle()
    antecedents = next(d for d in mailbox.case("HSM-0001")["received"]  # type: ignore
                       if d["filename"] == "antecedents.pdf")
    outcome = decide(hr(mailbox), accept(antecedents["document"], "antecedents"))
    mailbox.cycle(NOW + timedelta(hours=2))
    assert outcome.changed and not outcome.reply_queued
    assert len(mailbox.replies_to("maria@example.com")) == 1


def test_the_same_file_sent_again_gets_hr_s_decision_not_a_second_review(
    mailbox: Mailbox,
) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    decide(hr(mailbox), accept(document))
    mailbox.receive(mail_with("maria@example.com", "Again", {"tb-scan.pdf": text_pdf(TB_TEXT)},
                              sent=NOW + timedelta(hours=2), message_id="<m3@example.com>"))
    mailbox.cycle(NOW + timedelta(hours=3))
    assert pending(mailbox) == []
    assert mailbox.case("HSM-0001")["status"] == "complete"


# ------------------------------------------------------------------------------ the CLI


@pytest.fixture
def cli_env(mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> Mailbox:
    monkeypatch.setenv("MAILBOT_DATABASE_URL", mailbox.settings.effective_database_url)
    monkeypatch.setenv("MAILBOT_DATA_DIR", str(mailbox.settings.data_dir))
    return mailbox


def test_cli_review_lists_the_queue_with_passport_numbers_masked(cli_env: Mailbox) -> None:
    cli_env.receive(mail("olena@example.com", "Docs", "maybe-passport.jpg",
                         sent=NOW - timedelta(days=1)))
    maria_sends_forms_hr_must_check(cli_env)

    listed = CliRunner().invoke(app, ["review", "--json"])
    assert listed.exit_code == 0, listed.output
    queue = json.loads(listed.output)
    assert [(q["case_id"], q["filename"], q["kind"]) for q in queue] == [
        ("HSM-0001", "maybe-passport.jpg", "passport"), ("HSM-0002", "tb-scan.pdf",
                                                         "tb_declaration")]
    assert queue[0]["reasons"][0] == "MRZ P<BRA YA*****67 validates"
    assert queue[1]["confidence"] == 0.52 and queue[1]["document"] > 0
    table = CliRunner().invoke(app, ["review"])
    assert table.exit_code == 0, table.output
    assert "tb-scan.pdf" in table.output and "YA1234567" not in table.output
    assert "YA1234567" not in listed.output
    shown = CliRunner().invoke(app, ["case", "show", "HSM-0002"])
    assert "waits for HR" in shown.output and "in review: tb_declaration" in shown.output
    cases = json.loads(CliRunner().invoke(app, ["cases", "--json"]).output)
    assert [c["in_review"] for c in cases] == [["passport"], ["tb_declaration"]]


def test_cli_accept_and_reject(cli_env: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(cli_env)
    runner = CliRunner()

    refused = runner.invoke(app, ["review", "reject", str(document)])
    assert refused.exit_code != 0  # a rejection needs a reason for the candidate
    unknown = runner.invoke(app, ["review", "accept", "9999", "passport"])
    assert unknown.exit_code == 2 and "no document 9999" in unknown.output
    wrong_kind = runner.invoke(app, ["review", "accept", str(document), "visa"])
    assert wrong_kind.exit_code == 2 and "unknown kind 'visa'" in wrong_kind.output
    # a relation document would count for nothing in a case without dependants: refused
    no_place = runner.invoke(app, ["review", "accept", str(document), "birth_certificate"])
    assert no_place.exit_code == 2 and "the case has none" in no_place.output

    accepted = runner.invoke(app, ["review", "accept", str(document), "tb_declaration"])
    assert accepted.exit_code == 0, accepted.output
    assert "HSM-0001 is complete" in accepted.output and "one reply" in accepted.output
    assert runner.invoke(app, ["review", "--json"]).output.strip() == "[]"
    case = cli_env.case("HSM-0001")
    (doc,) = [d for d in case["received"] if d["filename"] == "tb-scan.pdf"]  # type: ignore
    assert doc["review"]["by"] == getpass.getuser()  # --by defaults to the OS user

    again = runner.invoke(app, ["review", "accept", str(document), "tb_declaration"])
    assert "already decided so; nothing changed, nothing sent" in again.output

    rejected = runner.invoke(app, ["review", "reject", str(document), "--reason",
                                   "not signed", "--by", "Bob de Vries"])
    assert rejected.exit_code == 0, rejected.output
    assert "missing tb_declaration" in rejected.output
    case = cli_env.case("HSM-0001")
    (doc,) = [d for d in case["received"] if d["filename"] == "tb-scan.pdf"]  # type: ignore
    assert doc["review"] == {"state": "rejected", "classifier_unsure": True, "kind": None,
                             "by": "Bob de Vries", "at": doc["review"]["at"],
                             "reason": "not signed", "nationality": None, "expires": None}
    assert len(outbox_rows(cli_env, OutboundKind.REPLY)) == 3  # the cycle, two decisions


def test_one_decision_settles_every_copy_of_the_file_in_the_case(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    mailbox.receive(mail_with("maria@example.com", "Did you get it?",
                              {"tb-scan.pdf": text_pdf(TB_TEXT)},
                              sent=NOW - timedelta(minutes=30), message_id="<m3@example.com>"))
    mailbox.cycle(NOW + timedelta(minutes=1))
    assert len(pending(mailbox)) == 2  # sent twice before HR looked

    decide(hr(mailbox), accept(document))

    assert pending(mailbox) == []
    assert mailbox.case("HSM-0001")["status"] == "complete"


def test_hr_s_decision_is_not_carried_into_another_candidate_s_case(mailbox: Mailbox) -> None:
    document = maria_sends_forms_hr_must_check(mailbox)
    decide(hr(mailbox), Decision(document, ReviewDecision.REJECTED, "anna.hr",
                                 reason="this is your partner's declaration"))
    # The same bytes from someone else: HR's reason was about Maria, so HR is asked again.
    mailbox.receive(mail_with("olena@example.com", "TB", {"tb-scan.pdf": text_pdf(TB_TEXT)},
                              sent=NOW + timedelta(hours=2), message_id="<o1@example.com>"))
    mailbox.cycle(NOW + timedelta(hours=3))
    assert mailbox.case("olena@example.com")["in_review"] == ["tb_declaration"]
    assert "partner" not in body(mailbox.replies_to("olena@example.com")[-1])


def test_migration_0002_keeps_existing_rows(db_url: str) -> None:
    """An installed 0001 database with cases and documents upgrades without a manual step."""
    from alembic import command
    from sqlalchemy import text

    from mailbot.store.db import alembic_config, make_engine, upgrade

    engine = make_engine(db_url)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO \"case\" (reference, email, name, status, missing, problems, "
            "needs_human, closed, created_at, last_activity_at) VALUES ('HSM-0001', "
            "'a@example.com', '', 'incomplete', '[]', '[]', false, false, "
            "'2026-11-01 10:00:00', '2026-11-01 10:00:00')"))
        connection.execute(text(
            "INSERT INTO inboundmessage (source_key, message_id, raw_sha256, raw, sender, "
            "subject, fetched_at, state, attempts, asks_question, reply_pending, filed) VALUES "
            "('k', '<a@x>', '0', :raw, '', '', '2026-11-01 10:00:00', 'processed', 0, false, "
            "false, true)"), {"raw": b"x"})
        connection.execute(text(
            "INSERT INTO document (case_id, inbound_id, filename, sha256, size, content_type, "
            "kind, confidence, reasons, pages, held, received_at) VALUES (1, 1, 'a.pdf', '0', "
            "1, '', 'antecedents', 0.9, '[]', '[]', false, '2026-11-01 10:00:00')"))
    upgrade(engine)
    with Session(engine) as session:
        (document,) = repo.documents_of(session, 1)
        assert document.review is False and document.decision is None
        case = repo.case_by_reference_or_email(session, "HSM-0001")
        assert case is not None and case.in_review == []


# ------------------------------------------------------------------ a passport HR reads


def john_sends_a_passport_the_bot_misread(mailbox: Mailbox) -> int:
    """Given John (a US citizen: no TB declaration needed) whose passport photo is clear but
    whose zone the reader got one character wrong in, and his antecedents form."""
    mailbox.receive(mail("John Miller <john@example.com>", "Documents", "misread-passport.jpg",
                         "antecedents.pdf", sent=NOW - timedelta(hours=3),
                         message_id="<j1@example.com>"))
    mailbox.cycle()
    (waiting,) = pending(mailbox)
    return waiting


def test_a_misread_passport_waits_for_hr_and_the_candidate_is_not_asked_again(
    mailbox: Mailbox,
) -> None:
    john_sends_a_passport_the_bot_misread(mailbox)
    case = mailbox.case("HSM-0001")
    assert case["in_review"] == ["passport"]
    # never decided on a misread code: TB is asked "unless your nationality is exempt"
    assert case["missing"] == ["tb_declaration"] and case["nationality"] is None
    text = body(mailbox.replies_to("john@example.com")[-1])
    assert "Passport (misread-passport.jpg): our reader could not make out every character" in text
    assert "clearer" not in text


def test_hr_reads_the_nationality_and_the_tb_item_is_settled_by_it(mailbox: Mailbox) -> None:
    document = john_sends_a_passport_the_bot_misread(mailbox)
    replies_before = len(mailbox.replies_to("john@example.com"))

    # When HR accepts the passport with the nationality and expiry the page prints
    outcome = decide(hr(mailbox), Decision(document, ReviewDecision.ACCEPTED, "anna.hr",
                                           kind="passport", nationality="usa",
                                           expires=date(2033, 8, 1)))
    mailbox.cycle(NOW + timedelta(hours=3))

    # Then the TB declaration is not needed (USA is exempt), the case is complete, John gets one
    # reply, and the decision is in the audit trail with what HR read
    assert outcome.status == "complete" and outcome.reply_queued
    case = mailbox.case("HSM-0001")
    assert case["status"] == "complete" and case["nationality"] == "USA"
    assert len(mailbox.replies_to("john@example.com")) == replies_before + 1
    (doc,) = [d for d in case["received"] if d["filename"] == "misread-passport.jpg"]  # type: ignore
    assert doc["review"]["nationality"] == "USA" and doc["review"]["expires"] == "2033-08-01"
    with Session(mailbox.engine) as session:
        (entry,) = session.exec(select(AuditEntry)).all()
    assert entry.detail["nationality"] == "USA" and entry.detail["expires"] == "2033-08-01"


def test_hr_cannot_accept_a_passport_expiring_within_12_months(mailbox: Mailbox) -> None:
    from mailbot.errors import ConfigError

    document = john_sends_a_passport_the_bot_misread(mailbox)
    with pytest.raises(ConfigError, match="not valid for 12 months"):
        decide(hr(mailbox), Decision(document, ReviewDecision.ACCEPTED, "anna.hr",
                                     kind="passport", nationality="USA",
                                     expires=(NOW + timedelta(days=200)).date()))
    assert pending(mailbox) == [document]  # nothing decided, nothing sent


def test_cli_accept_a_passport_with_what_hr_read(cli_env: Mailbox) -> None:
    document = john_sends_a_passport_the_bot_misread(cli_env)
    runner = CliRunner()
    listed = runner.invoke(app, ["review"])
    assert "--nationality CODE --expires YYYY-MM-DD" in listed.output
    bad_code = runner.invoke(app, ["review", "accept", str(document), "passport",
                                   "--nationality", "XYZ"])
    assert bad_code.exit_code == 2 and "not a nationality code" in bad_code.output
    bad_date = runner.invoke(app, ["review", "accept", str(document), "passport",
                                   "--expires", "1 Aug 2033"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    not_a_passport = runner.invoke(app, ["review", "accept", str(document), "antecedents",
                                         "--nationality", "USA"])
    assert not_a_passport.exit_code == 2
    assert "go with `accept DOC passport`" in not_a_passport.output
    accepted = runner.invoke(app, ["review", "accept", str(document), "passport",
                                   "--nationality", "USA", "--expires", "2033-08-01"])
    assert accepted.exit_code == 0, accepted.output
    assert "HSM-0001 is complete" in accepted.output
