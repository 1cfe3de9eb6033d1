"""The one interface every delivery offers to the outbox sender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Envelope:
    message_id: str            # fixed when the outbox row was written; used to avoid double sends
    sender: str
    recipients: tuple[str, ...]
    raw: bytes                 # the complete RFC 5322 message


class Delivery(Protocol):
    name: str

    def deliver(self, envelope: Envelope) -> None:
        """Hand the message over. Raises `TransientError` when it should be retried later."""
        ...

    def already_delivered(self, message_id: str) -> bool | None:
        """After a crash mid-send: True/False when the delivery can tell, None when it cannot.
        Raises `TransientError` when it could tell but not now (the Sent folder is away)."""
        ...

    def close(self) -> None: ...


class QueueOnly:
    """For administrative commands: mails stay queued for the running worker to send."""

    name = "queue only"

    def deliver(self, envelope: Envelope) -> None:
        from mailbot.errors import TransientError

        raise TransientError("this command only queues mail; the worker sends it")

    def already_delivered(self, message_id: str) -> bool | None:
        return False

    def close(self) -> None:
        pass
