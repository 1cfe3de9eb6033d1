"""The one interface every mail source offers to the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FetchedMail:
    """Raw bytes of one mail plus a key that names it uniquely within its source.

    IMAP: `imap:<folder>:<uidvalidity>:<uid>`; folder: `folder:<relative path>`.
    """

    source_key: str
    raw: bytes


class MailSource(Protocol):
    name: str

    def fetch(self) -> Iterator[FetchedMail]:
        """Yield mails not yet filed, oldest first. Must not change their state on the server."""
        ...

    def file(self, mail: FetchedMail, *, needs_review: bool) -> None:
        """Move a mail whose result is durably stored out of the way. Idempotent."""
        ...

    def close(self) -> None: ...


class SourceState(Protocol):
    """Small durable key/value memory a source may keep (e.g. IMAP UIDVALIDITY, last UID).

    Backed by the database (`source_state` table) so it survives restarts and is shared by hosts.
    """

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def is_known(self, source_key: str) -> bool:
        """True when a mail with this source key is already durably stored."""
        ...


class NoSource:
    """For administrative commands that change cases but fetch nothing."""

    name = "no source"

    def fetch(self) -> Iterator[FetchedMail]:
        return iter(())

    def file(self, mail: FetchedMail, *, needs_review: bool) -> None:
        pass

    def close(self) -> None:
        pass
