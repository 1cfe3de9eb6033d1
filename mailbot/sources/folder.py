"""A folder of `.eml` files or a Maildir as the mailbox (the demo default, and handy for replays).

The folder is only read: what was processed is remembered in the database, so re-running over
the same folder never processes a mail twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from mailbot.sources.base import FetchedMail, SourceState

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def header_date(value: object) -> datetime | None:
    """A Date header value as an aware datetime, or None when missing or nonsense."""
    try:
        parsed = parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def sent_date(raw: bytes) -> datetime:
    """The Date header, or the epoch when it is missing or nonsense (such mails go first)."""
    return header_date(BytesHeaderParser().parsebytes(raw).get("Date")) or _EPOCH


class FolderSource:
    def __init__(self, root: Path, state: SourceState) -> None:
        self.root = root
        self.state = state
        self.name = f"folder {root}"

    def _files(self) -> list[Path]:
        if (self.root / "cur").is_dir() or (self.root / "new").is_dir():  # Maildir
            candidates = [*self.root.glob("new/*"), *self.root.glob("cur/*")]
        else:
            candidates = list(self.root.rglob("*.eml"))
        return [path for path in candidates if path.is_file()]

    def fetch(self) -> Iterator[FetchedMail]:
        pending: list[tuple[datetime, str, FetchedMail]] = []
        for path in self._files():
            relative = path.relative_to(self.root).as_posix()
            if relative.startswith(("new/", "cur/")):  # Maildir moves new -> cur; same mail
                relative = relative.split("/", 1)[1].split(":2,", 1)[0]
            key = f"folder:{relative}"
            if self.state.is_known(key):
                continue
            raw = path.read_bytes()
            pending.append((sent_date(raw), relative, FetchedMail(source_key=key, raw=raw)))
        pending.sort(key=lambda item: (item[0], item[1]))
        for _, _, mail in pending:
            yield mail

    def file(self, mail: FetchedMail, *, needs_review: bool) -> None:
        """Nothing to move: the folder is read-only input and the database keeps the state."""

    def close(self) -> None:
        pass
