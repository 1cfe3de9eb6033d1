"""The store on SQLite and PostgreSQL: migrations, time zones, uniqueness."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mailbot.store.db import open_database, session_scope, upgrade
from mailbot.store.models import Case, InboundMessage
from mailbot.store.repo import DbSourceState


def test_schema_upgrades_and_is_idempotent(db_url: str) -> None:
    engine = open_database(db_url)
    upgrade(engine)  # a second start changes nothing and does not fail


def test_datetimes_come_back_timezone_aware(db_url: str) -> None:
    engine = open_database(db_url)
    moment = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
    with session_scope(engine) as session:
        session.add(Case(reference="HSM-0001", email="a@example.com", created_at=moment))
    with Session(engine) as session:
        case = session.get(Case, 1)
        assert case is not None and case.created_at == moment
        assert case.created_at.tzinfo is not None


def test_a_source_key_is_stored_once(db_url: str) -> None:
    engine = open_database(db_url)
    row = {"source_key": "folder:a.eml", "message_id": "<a@x>", "raw_sha256": "0", "raw": b"x"}
    with session_scope(engine) as session:
        session.add(InboundMessage(**row))
    assert DbSourceState(engine).is_known("folder:a.eml")
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(InboundMessage(**row))


def test_source_state_remembers_values(db_url: str) -> None:
    state = DbSourceState(open_database(db_url))
    assert state.get("imap:uidvalidity") is None
    state.set("imap:uidvalidity", "42")
    state.set("imap:uidvalidity", "43")
    assert state.get("imap:uidvalidity") == "43"


def test_migrations_match_the_models(db_url: str) -> None:
    """A model change without a migration would need a manual DROP later: catch it here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = open_database(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
