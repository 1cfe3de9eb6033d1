"""A family case end to end through the worker, on SQLite and PostgreSQL, with real generated
documents and the real classifier: the spouse's passport is the spouse's, a child's passport
before HR declared the child opens a proposed dependant HR confirms, forms whose person cannot
be told wait for HR, and relation documents are settled through HR's review."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from classifiers.classify import classify
from fixtures.synth import documents
from fixtures.synth.people import Person, random_person
from mailbot.admin import NewPerson, add_case, add_person, confirm_person, list_persons
from mailbot.delivery.base import QueueOnly
from mailbot.digest import gather
from mailbot.errors import ConfigError
from mailbot.review import Decision, decide
from mailbot.services import Services, build_services
from mailbot.store import repo
from mailbot.store.models import AuditEntry, ReviewDecision
from tests.support.mailbox import BOT, NOW, Mailbox, body

RNG = random.Random(13)
JOAO = replace(random_person(RNG, nationality="BRA", sex="M"), surname="SANTOS",
               given_names="JOAO PEDRO", birth_date=date(1988, 4, 2))
MARIA = replace(random_person(RNG, nationality="DEU", sex="F"), surname="SANTOS",
                given_names="MARIA", birth_date=date(1990, 9, 9))
ANA = replace(random_person(RNG, nationality="BRA", sex="F"), surname="SANTOS",
              given_names="ANA", birth_date=date(2012, 6, 1))   # 14 on the check date
ADDRESS = "joao@example.com"


def passport(person: Person) -> bytes:
    return documents.passport(person, "png", easy_photo=True)


def family_mail(subject: str, files: dict[str, bytes], *, sent: datetime) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = f"Joao Santos <{ADDRESS}>", BOT, subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{abs(hash((subject, sent)))}@example.com>"
    message.set_content("Hello,\n")
    for name, data in files.items():
        subtype = "png" if name.endswith(".png") else "pdf"
        message.add_attachment(data, maintype="image" if subtype == "png" else "application",
                               subtype=subtype, filename=name)
    return message.as_bytes()


@pytest.fixture
def mailbox(tmp_path: Path, db_url: str) -> Mailbox:
    box = Mailbox(tmp_path, db_url)
    box.classifier = classify  # type: ignore[assignment]  # the real reader, real OCR
    return box


def hr(mailbox: Mailbox, now: datetime = NOW + timedelta(hours=1)) -> Services:
    return build_services(mailbox.settings, mailbox.engine, QueueOnly(), clock=lambda: now)


def person(case: dict[str, Any], relation: str | None, name: str = "") -> dict[str, Any]:
    return next(p for p in case["persons"] if p["relation"] == relation
                and (not name or p["name"] == name))


def document_id(mailbox: Mailbox, filename: str) -> int:
    with Session(mailbox.engine) as session:
        case = repo.case_by_reference_or_email(session, ADDRESS)
        assert case is not None and case.id is not None
        found = [doc.id for doc in repo.documents_of(session, case.id)
                 if doc.filename == filename]
        assert len(found) == 1 and found[0] is not None
        return found[0]


def test_a_family_case_end_to_end(mailbox: Mailbox) -> None:
    reference = add_case(mailbox.engine, ADDRESS, "Joao Santos")
    spouse = add_person(hr(mailbox), reference, NewPerson("spouse", "MARIA SANTOS"), by="anna")
    assert spouse["confirmed"] and spouse["relation"] == "spouse"

    # The candidate sends his own passport, his wife's, and an antecedents form filled in
    # with a wrong birth date: it matches no person's passport, so it counts for no one.
    mailbox.receive(family_mail("Our documents", {
        "joao-passport.png": passport(JOAO), "maria-passport.png": passport(MARIA),
        "antecedents.pdf": documents.antecedents(replace(JOAO, birth_date=date(1988, 4, 9)))},
        sent=NOW - timedelta(hours=3)))
    mailbox.cycle()
    case = mailbox.case(reference)
    candidate, wife = person(case, "candidate"), person(case, "spouse")
    assert [doc["filename"] for doc in candidate["received"]] == ["joao-passport.png"]
    assert [doc["filename"] for doc in wife["received"]] == ["maria-passport.png"]
    assert wife["nationality"] == "DEU" and wife["tb_exempt"] is True
    assert wife["birth_date"] == "1990-09-09"
    assert wife["missing"] == ["antecedents", "marriage_certificate"]
    # The form bears his name: HR checks it as his, it is not "missing" for him (nor hers).
    assert candidate["missing"] == ["tb_declaration"]
    assert candidate["in_review"] == ["antecedents"]
    assert case["missing"] == candidate["missing"]  # the keys of before stay the candidate's
    assert case["unplaced"] == ["antecedents.pdf"] and case["status"] == "incomplete"
    (reply,) = mailbox.replies_to(ADDRESS)
    text = body(reply)
    assert "For you:" in text and "For your spouse MARIA SANTOS:" in text
    assert "could not tell for whom in your family antecedents.pdf is" in text

    # A child's passport before HR declared the child: a proposed dependant.
    mailbox.receive(family_mail("Ana", {"ana-passport.png": passport(ANA)},
                                sent=NOW - timedelta(hours=2)))
    mailbox.cycle()
    case = mailbox.case(reference)
    proposed = person(case, None)
    assert proposed["name"] == "ANA SANTOS" and proposed["confirmed"] is False
    assert proposed["birth_date"] == "2012-06-01"
    text = body(mailbox.replies_to(ADDRESS)[-1])
    assert "We also received documents of ANA SANTOS" in text
    assert "HR will confirm how ANA SANTOS belongs to your application" in text

    with Session(mailbox.engine) as session:  # HR's digest asks who she is
        digest = gather(session, NOW - timedelta(days=1), NOW + timedelta(hours=1), 3)
    assert any("a passport of ANA SANTOS (born 2012-06-01)" in row.detail
               and f"case person confirm {reference} {proposed['id']}" in row.detail
               for row in digest.needs_human)
    assert any("passport (proposed ANA SANTOS): ana-passport.png" in row.detail
               for row in digest.new_documents)

    confirm_person(hr(mailbox), reference, proposed["id"], "child", by="anna")
    case = mailbox.case(reference)
    daughter = person(case, "child")
    assert daughter["confirmed"] and daughter["id"] == proposed["id"]
    assert daughter["missing"] == ["antecedents", "tb_declaration", "birth_certificate"]
    assert [p["relation"] for p in list_persons(mailbox.engine, reference)] == [
        "candidate", "spouse", "child"]

    # HR says whose the form is; without saying, it is refused (never the wrong person).
    form = document_id(mailbox, "antecedents.pdf")
    with pytest.raises(ConfigError, match="--person"):
        decide(hr(mailbox), Decision(form, ReviewDecision.ACCEPTED, "anna", kind="antecedents"))
    decide(hr(mailbox), Decision(form, ReviewDecision.ACCEPTED, "anna", kind="antecedents",
                                 person_id=candidate["id"]))

    # Relation documents the model does not know yet reach the checklist through review.
    mailbox.receive(family_mail("Certificates", {
        "certidao-ana.pdf": documents.birth_certificate(ANA),
        "casamento.pdf": documents.birth_certificate(MARIA, seed=1)},
        sent=NOW - timedelta(hours=1)))
    mailbox.cycle()
    decide(hr(mailbox), Decision(document_id(mailbox, "certidao-ana.pdf"),
                                 ReviewDecision.ACCEPTED, "anna", kind="birth_certificate",
                                 person_id=daughter["id"]))
    decide(hr(mailbox), Decision(document_id(mailbox, "casamento.pdf"), ReviewDecision.ACCEPTED,
                                 "anna", kind="marriage_certificate", person_id=wife["id"]))
    case = mailbox.case(reference)
    assert person(case, "candidate")["missing"] == ["tb_declaration"]
    assert person(case, "spouse")["missing"] == ["antecedents"]
    assert person(case, "child")["missing"] == ["antecedents", "tb_declaration"]
    assert case["unplaced"] == [] and case["status"] == "incomplete"
    with Session(mailbox.engine) as session:
        actions = [entry.action for entry in session.exec(select(AuditEntry)).all()]
    assert actions.count("case.person.add") == 1 and "case.person.confirm" in actions
