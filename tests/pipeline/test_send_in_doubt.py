"""A send left in doubt by a crash, when the Sent folder that settles it is away for a while:
the row waits for the folder instead of going to HR at the first try (SQLite and PostgreSQL).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from mailbot.delivery.base import Envelope
from mailbot.errors import TransientError
from mailbot.outbox import Outbox
from mailbot.store.db import open_database
from mailbot.store.models import OutboundMail, OutboundState
from tests.conftest import make_settings

DUE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class SentFolderAway:
    """A delivery whose Sent folder answers only once it is back (a fake for the decision:
    the real Sent-folder check runs against Dovecot in tests/mail/test_crash_safety.py)."""

    name = "fake"

    def __init__(self) -> None:
        self.answer: bool | None = None
        self.away = True
        self.delivered: list[str] = []

    def deliver(self, envelope: Envelope) -> None:
        self.delivered.append(envelope.message_id)

    def already_delivered(self, message_id: str) -> bool | None:
        if self.away:
            raise TransientError("IMAP server: connection refused")
        return self.answer

    def close(self) -> None:
        pass


def in_doubt(tmp_path: Path, url: str, delivery: SentFolderAway,
             now: list[datetime]) -> tuple[Outbox, int]:
    engine = open_database(url)
    outbox = Outbox(make_settings(tmp_path, url), engine, delivery, clock=lambda: now[0])
    with Session(engine) as session:
        row = OutboundMail(message_id="<r1@mailbot.example>", recipients=["ana@example.com"],
                           raw=b"Subject: x\r\n\r\nx\r\n", state=OutboundState.SENDING,
                           attempts=1, next_attempt_at=DUE, claimed_by="gone-host:1:1")
        session.add(row)
        session.commit()
        assert row.id is not None
        return outbox, row.id


def state_of(outbox: Outbox, row_id: int) -> str:
    with Session(outbox.engine) as session:
        row = session.get(OutboundMail, row_id)
        assert row is not None
        return row.state


def test_a_send_in_doubt_waits_for_the_sent_folder_and_is_settled_once_it_answers(
        tmp_path, db_url) -> None:
    # Given a reply a crash left in `sending`, and a Sent folder that cannot be asked now
    delivery, now = SentFolderAway(), [DUE + timedelta(minutes=1)]
    outbox, row_id = in_doubt(tmp_path, db_url, delivery, now)

    # When the worker's cycles come and go while the folder is away
    outbox.send()
    now[0] += timedelta(minutes=10)
    outbox.send()

    # Then the reply is neither sent again nor handed to HR yet
    assert state_of(outbox, row_id) == OutboundState.SENDING and delivery.delivered == []

    # When the folder is back and has the reply
    delivery.away, delivery.answer = False, True
    outbox.send()

    # Then it is recorded as sent, never sent a second time
    assert state_of(outbox, row_id) == OutboundState.SENT and delivery.delivered == []


def test_a_sent_folder_away_for_long_hands_the_doubt_to_hr(tmp_path, db_url) -> None:
    # Given a reply in doubt whose Sent folder stays away for more than an hour
    delivery, now = SentFolderAway(), [DUE + timedelta(hours=1, minutes=1)]
    outbox, row_id = in_doubt(tmp_path, db_url, delivery, now)

    # When the worker tries once more
    outbox.send()

    # Then HR decides ("may not have been sent"), and nothing went out twice
    assert state_of(outbox, row_id) == OutboundState.UNCONFIRMED and delivery.delivered == []
