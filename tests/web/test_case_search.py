"""The dashboard's case list query (repo.search_cases) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import Session

from mailbot.store import repo
from mailbot.store.db import open_database
from mailbot.store.models import Case, utcnow


def test_search_filter_sort_and_page(db_url: str, tmp_path: Path) -> None:
    engine = open_database(db_url)
    now = utcnow()
    with Session(engine) as session:
        session.add_all([
            Case(reference="HSM-0001", email="maria@example.com", name="Maria Santos",
                 status="complete", last_activity_at=now - timedelta(days=1)),
            Case(reference="HSM-0002", email="arjun@example.com", name="Arjun Patel",
                 missing=["passport"], in_review=["antecedents"],
                 last_activity_at=now - timedelta(days=20)),
            Case(reference="HSM-0003", email="chen@example.org", name="Chen Wei",
                 needs_human=True, last_activity_at=now - timedelta(days=2)),
            Case(reference="HSM-0004", email="old@example.org", name="Old Closed",
                 closed=True, last_activity_at=now - timedelta(days=40)),
        ])
        session.commit()

        def refs(**query: object) -> list[str]:
            found, total = repo.search_cases(session, **query)  # type: ignore[arg-type]
            assert total >= len(found)
            return [case.reference for case in found]

        assert refs(text="SANTOS") == ["HSM-0001"]
        assert refs(text="example.org", sort="reference", descending=False) == [
            "HSM-0003", "HSM-0004"]
        assert refs(text="hsm-0002") == ["HSM-0002"]
        assert refs(show="complete") == ["HSM-0001"]
        assert refs(show="incomplete", sort="name", descending=False) == ["HSM-0002",
                                                                          "HSM-0003"]
        assert refs(show="in_review") == ["HSM-0002"]
        assert refs(show="needs_human") == ["HSM-0003"]
        assert refs(show="waiting", waiting_since=now - timedelta(days=14)) == ["HSM-0002"]
        assert refs() == ["HSM-0001", "HSM-0003", "HSM-0002", "HSM-0004"]  # newest first
        assert refs(offset=1, limit=2) == ["HSM-0003", "HSM-0002"]
        assert repo.search_cases(session, limit=1)[1] == 4
