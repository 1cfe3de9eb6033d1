"""Persons of a case in the store, on SQLite and PostgreSQL: the migration from 0006 gives
every existing case its candidate person and her documents, and a new case starts with one."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text
from sqlmodel import Session

from mailbot.store import repo
from mailbot.store.db import alembic_config, make_engine, open_database, session_scope
from mailbot.store.models import Case, Document, Relation


def test_migration_from_0006_gives_every_case_its_candidate_and_loses_nothing(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for number, name in ((1, "Priya Raman"), (2, "")):
            connection.execute(text(
                "INSERT INTO \"case\" (id, reference, email, name, status, missing, in_review, "
                "problems, needs_human, closed, created_at, last_activity_at, "
                "reminders_paused) VALUES (:id, :ref, :email, :name, 'incomplete', '[]', "
                "'[]', '[]', false, false, :at, :at, false)"),
                {"id": number, "ref": f"HSM-{number:04d}", "email": f"c{number}@example.com",
                 "name": name, "at": "2026-11-30 10:00:00"})
        connection.execute(text(
            "INSERT INTO inboundmessage (id, source_key, message_id, raw_sha256, raw, sender, "
            "subject, fetched_at, state, attempts, case_id, asks_question, reply_pending, "
            "filed) VALUES (1, 'k', '<m@x>', 'sha', :raw, 'c1@example.com', 's', "
            "'2026-11-30 10:00:00', 'processed', 0, 1, false, false, false)"),
            {"raw": b"raw"})
        connection.execute(text(
            "INSERT INTO document (id, case_id, inbound_id, filename, sha256, size, "
            "content_type, kind, confidence, reasons, pages, held, received_at, review) "
            "VALUES (1, 1, 1, 'passport.jpg', 'sha', 3, 'image/jpeg', 'passport', 0.9, '[]', "
            "'[]', false, '2026-11-30 10:00:00', false)"))
    engine = open_database(db_url)  # upgrades to the newest revision
    with Session(engine) as session:
        first, second = (repo.persons_of(session, case_id) for case_id in (1, 2))
        assert [(p.relation, p.name, p.confirmed) for p in first] == [
            (Relation.CANDIDATE, "Priya Raman", True)]
        assert [(p.relation, p.name) for p in second] == [(Relation.CANDIDATE, "")]
        document = session.get(Document, 1)
        assert document is not None and document.person_id == first[0].id
        assert document.filename == "passport.jpg" and document.kind == "passport"
        case = session.get(Case, 1)
        assert case is not None and case.reference == "HSM-0001"


def test_a_new_case_starts_with_its_candidate(db_url: str) -> None:
    engine = open_database(db_url)
    moment = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
    with session_scope(engine) as session:
        case = repo.open_case(session, "a@example.com", "Ana Lima", when=moment)
        assert case.id is not None
        (candidate,) = repo.persons_of(session, case.id)
        assert candidate.relation == Relation.CANDIDATE and candidate.name == "Ana Lima"
        assert repo.candidate_of(session, case).id == candidate.id  # found, not made again
