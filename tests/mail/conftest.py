"""Fixtures for the mail tests: a real Dovecot, a real aiosmtpd, and an in-memory SourceState.

For TLS: `test_ca` (a throwaway CA) and `server_cert` (localhost + 127.0.0.1, signed by it), made
once per session.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from mailbot.config import Settings, load_settings
from tests.support.dovecot import DovecotServer, ServerCert, dovecot
from tests.support.need import need
from tests.support.smtp_server import SmtpServer, smtp_server

if TYPE_CHECKING:
    from tests.mail.certs import TestCA

__all__ = ["MemoryState", "dovecot", "smtp_server"]


class MemoryState:
    """SourceState in a dict; `stored` plays the pipeline's store of durably kept source keys."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.stored: set[str] = set()

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value

    def is_known(self, source_key: str) -> bool:
        return source_key in self.stored


@pytest.fixture
def state() -> MemoryState:
    return MemoryState()


@pytest.fixture
def make_settings(tmp_path: Path) -> Any:
    """Settings pointing at the given servers; keyword arguments override."""

    def make(
        imap: DovecotServer | None = None, smtp: SmtpServer | None = None, **more: Any
    ) -> Settings:
        values: dict[str, Any] = {"data_dir": tmp_path / "data"}
        if imap is not None:
            values.update(imap.settings_overrides())
        if smtp is not None:
            values.update(smtp.settings_overrides())
        values.update(more)
        return load_settings(**values)

    return make


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> TestCA:
    """A CA no system trusts: clients accept its certificates only when given its file."""
    need(
        importlib.util.find_spec("cryptography") is not None,
        "cryptography is not installed (pip install -e '.[dev]')",
    )
    from tests.mail.certs import TestCA  # late: collecting the other tests must not need it

    return TestCA(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def server_cert(test_ca: TestCA) -> ServerCert:
    """The test servers' certificate: SAN localhost and IP 127.0.0.1."""
    return test_ca.issue("server")
