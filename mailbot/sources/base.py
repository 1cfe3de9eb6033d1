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
