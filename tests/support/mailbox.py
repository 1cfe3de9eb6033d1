"""A folder mailbox with a fast lookup classifier, for Given/When/Then tests of the worker.

The classifier is replaced by a lookup on the attachment's name so these tests run in
milliseconds; the real classifier is exercised in tests/classifiers and tests/e2e.
"""

from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from pathlib import Path

from classifiers.limits import Limits
from classifiers.types import Classification, Kind, PassportData, ReadError
from mailbot.delivery.base import Envelope
from mailbot.delivery.folder import FolderDelivery
from mailbot.errors import PermanentDeliveryError
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
from mailbot.store.repo import DbSourceState
from mailbot.views import one_case
from tests.conftest import make_settings

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
BOT = "hsm-documents@mailbot.example"


def passport(nationality: str = "BRA", expiry: date = date(2031, 5, 1)) -> Classification:
    return Classification(
        kind=Kind.PASSPORT, confidence=0.99, reasons=("MRZ valid",),
        passport=PassportData("P", nationality, "SANTOS", "MARIA", "YA1234567", nationality,
                              date(1990, 2, 3), "F", expiry, True, confirmed=True),
    )


VERDICTS: dict[str, Classification] = {
    "passport.jpg": passport(),
    "us-passport.png": passport("USA"),
    "old-passport.jpg": passport(expiry=date(2025, 3, 14)),
    "antecedents.pdf": Classification(kind=Kind.ANTECEDENTS, confidence=0.95, filled=True),
    "blank-antecedents.pdf": Classification(kind=Kind.ANTECEDENTS, confidence=0.9, filled=False),
    "tb.pdf": Classification(kind=Kind.TB_DECLARATION, confidence=0.95, filled=True),
    "cv.pdf": Classification(kind=Kind.OTHER, confidence=0.8),
    "broken.pdf": Classification(kind=Kind.OTHER, confidence=0.0, error=ReadError.CORRUPT),
}


class LookupClassifier:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, data: bytes, filename: str, limits: Limits) -> Classification:
        self.calls.append(filename)
        return VERDICTS[filename]


def mail(sender: str, subject: str, *files: str, sent: datetime, body: str = "Hello,\n",
         message_id: str | None = None, in_reply_to: str | None = None,
         **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = BOT
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = message_id or f"<{abs(hash((sender, subject, sent)))}@example.com>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    for name in files:
        message.add_attachment(f"content of {name}".encode(), maintype="application",
                               subtype="octet-stream", filename=name)
    return message.as_bytes()


class RefusingDelivery(FolderDelivery):
    """The outbox folder, where the servers of some addresses refuse our mail for good (550)."""

    def __init__(self, root: Path, refused: set[str]) -> None:
        super().__init__(root)
        self.refused = refused

    def deliver(self, envelope: Envelope) -> None:
        if set(envelope.recipients) & self.refused:
            raise PermanentDeliveryError("550 5.1.1 mailbox unavailable")
        super().deliver(envelope)


class Mailbox:
    """Given/When/Then helper: a folder of .eml files, a worker and its outbox."""

    def __init__(self, tmp_path: Path, url: str) -> None:
        self.inbox = tmp_path / "inbox"
        self.outbox = tmp_path / "outbox"
        self.inbox.mkdir()
        self.settings = make_settings(tmp_path, url, max_replies_per_address_per_day=3)
        self.engine = open_database(url)
        self.classifier = LookupClassifier()
        self.count = 0
        self.refused: set[str] = set()  # addresses whose server refuses our mail for good

    def receive(self, raw: bytes) -> None:
        self.count += 1
        (self.inbox / f"{self.count:03d}.eml").write_bytes(raw)

    def cycle(self, now: datetime = NOW) -> Worker:
        worker = Worker(self.settings, self.engine,
                        FolderSource(self.inbox, DbSourceState(self.engine)),
                        RefusingDelivery(self.outbox, self.refused), classify=self.classifier,
                        clock=lambda: now)
        worker.run_cycle()
        return worker

    def sent(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(path.read_bytes(), policy=default)  # type: ignore[misc]
                for path in sorted(self.outbox.glob("*.eml"))]

    def replies_to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.sent() if m["To"] == address]

    def case(self, key: str) -> dict[str, object]:
        found = one_case(self.engine, key)
        assert found is not None
        return found


def body(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")
