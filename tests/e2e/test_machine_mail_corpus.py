"""The machine-mail corpus (fixtures/machine_mail) through the real worker, as `make demo` runs
it: folder source, real parser, real classifier, real store (SQLite and PostgreSQL), outbox.

0 replies to machines; every person answered exactly once (a forwarded candidate, never the
forwarder); every mail set aside or held has an HR notice and its documents read; a second
cycle does nothing.
"""

from __future__ import annotations

import email
import json
import shutil
from email.message import Message
from typing import Any

import pytest
from sqlmodel import Session, select

from fixtures.machine_mail.generate import CORPUS, FORWARDER, check_corpus
from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
from mailbot.store.models import Document, InboundMessage
from mailbot.store.repo import DbSourceState
from tests.conftest import make_settings
from tests.support.databases import database_url

EXPECTED: dict[str, dict[str, str]] = json.loads((CORPUS / "EXPECTED.json").read_text())
STATE_OF_OUTCOME = {"answered": "processed", "ignored": "ignored", "held": "held",
                    "needs_review": "needs_review"}
HR = "hr@mailbot.example"


def test_the_committed_corpus_is_what_the_generator_writes() -> None:
    assert check_corpus() == []


def test_the_corpus_covers_every_family() -> None:
    kinds = {entry["kind"] for entry in EXPECTED.values()}
    assert kinds >= {"bounce", "autoreply", "list", "bulk", "notification", "feedback",
                     "challenge", "spam", "person", "no_sender", "forward"}
    assert sum(e["outcome"] != "answered" for e in EXPECTED.values()) >= 50


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp(f"machine-mail-{request.param}")
    mailbox = tmp / "mailbox"
    shutil.copytree(CORPUS, mailbox)
    (mailbox / "EXPECTED.json").unlink()
    with database_url(request.param, tmp) as url:
        settings = make_settings(tmp, url, forwarders=FORWARDER, document_timeout_seconds=30.0)
        engine = open_database(url)

        def cycle() -> Any:
            worker = Worker(settings, engine, FolderSource(mailbox, DbSourceState(engine)),
                            FolderDelivery(tmp / "outbox"))
            return worker.run_cycle()

        first = cycle()
        sent_after_first = sorted(p.name for p in (tmp / "outbox").glob("*.eml"))
        second = cycle()
        with Session(engine) as session:
            inbound = {row.source_key.removeprefix("folder:"): row
                       for row in session.exec(select(InboundMessage)).all()}
            documents = list(session.exec(select(Document)).all())
            for row in [*inbound.values(), *documents]:
                session.expunge(row)
        engine.dispose()
        sent = [email.message_from_bytes(p.read_bytes())
                for p in sorted((tmp / "outbox").glob("*.eml"))]
        yield {"first": first, "second": second, "inbound": inbound, "documents": documents,
               "sent": sent, "sent_after_first": sent_after_first}


def _to(message: Message) -> str:
    return str(message["To"]).strip().lower()


def test_every_mail_ends_as_expected(run: Any) -> None:
    wrong = {name: (run["inbound"][name].state, run["inbound"][name].note)
             for name, entry in EXPECTED.items()
             if run["inbound"][name].state != STATE_OF_OUTCOME[entry["outcome"]]}
    assert wrong == {}


def test_no_reply_to_any_machine(run: Any) -> None:
    people = {entry["reply_to"] for entry in EXPECTED.values() if entry["outcome"] == "answered"}
    recipients = [_to(m) for m in run["sent"]]
    assert set(recipients) - {HR} <= people
    assert FORWARDER not in recipients


def test_every_person_answered_exactly_once(run: Any) -> None:
    replies = [_to(m) for m in run["sent"] if m["Auto-Submitted"] == "auto-replied"]
    people = sorted(e["reply_to"] for e in EXPECTED.values() if e["outcome"] == "answered")
    assert sorted(replies) == people


def test_hr_is_told_of_every_mail_kept_for_them(run: Any) -> None:
    notices = "\n".join(
        f"{m['Subject']}" for m in run["sent"] if _to(m) == HR)
    for name, entry in EXPECTED.items():
        if entry["outcome"] in ("held", "needs_review"):
            assert f"mail #{run['inbound'][name].id} " in notices, name


def test_documents_of_mails_kept_for_hr_are_read(run: Any) -> None:
    for name, entry in EXPECTED.items():
        if entry["outcome"] not in ("held", "needs_review"):
            continue
        raw = (CORPUS / name).read_bytes()
        if b"application/pdf" not in raw:
            continue
        found = [d for d in run["documents"] if d.inbound_id == run["inbound"][name].id]
        assert found and all(d.held for d in found), name
        assert all(d.error is None for d in found), name


def test_a_forwarded_candidate_gets_the_case(run: Any) -> None:
    forwarded = [name for name, e in EXPECTED.items()
                 if e["kind"] == "forward" and e["outcome"] == "answered"]
    for name in forwarded:
        row = run["inbound"][name]
        assert row.sender == FORWARDER and row.case_id is not None


def test_a_reply_to_a_forwarded_candidate_threads_on_the_candidate_s_own_mail(run: Any) -> None:
    # 072: HR's rule attached Ivan's mail; Ivan's client knows his Message-ID, not HR's.
    reply = next(m for m in run["sent"] if _to(m) == "ivan.petrov@example.bg")
    assert str(reply["In-Reply-To"]).startswith("<ivan.cv.")
    assert "itsync.example" not in str(reply["References"])


def test_a_second_cycle_does_nothing(run: Any) -> None:
    assert run["second"].fetched == 0
    assert run["second"].replies_queued == 0
    assert run["first"].send_failures == 0
    assert len(run["sent"]) == len(run["sent_after_first"])


def test_relayed_people_are_answered_at_their_own_address_never_at_the_relay(run: Any) -> None:
    # platforms.py: a careers form (X-Original-From), a forwarder's rewritten From, a web
    # form's Reply-To; a group whose writer cannot be told is set aside for HR
    recipients = {_to(m) for m in run["sent"]}
    assert {"anna.jansen@gmail.example", "bram.peeters@telenet.example",
            "chen.wei@example.cn"} <= recipients
    assert not recipients & {"careers@acme.example", "website@acme.example",
                             "bram.peeters=telenet.example@relay.example",
                             "relocation-team@acme.example"}
    unknown = next(row for name, row in run["inbound"].items()
                   if name.endswith("person-via-group-address-unknown.eml"))
    assert unknown.state == "needs_review" and "relayed" in (unknown.note or "")
