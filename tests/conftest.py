"""Shared fixtures: settings and databases for both SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot.config import Settings
from tests.support.databases import database_url

# tesseract's own threading makes a page about twice as slow on 2 cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mailbot.sqlite3'}"


def make_settings(tmp_path: Path, url: str, **extra: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=url, **extra)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _umask_left_as_found() -> Iterator[None]:
    """The CLI, run in-process, sets umask 077 for the data folder (mailbot.boot); a test must
    not hand that on to the servers the next tests start."""
    found = os.umask(0o022)
    os.umask(found)
    yield
    os.umask(found)
