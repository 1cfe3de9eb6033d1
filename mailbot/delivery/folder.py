"""Deliver outbound mail as `.eml` files into a folder (the demo default, and for dry runs)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from mailbot.delivery.base import Envelope
from mailbot.errors import TransientError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _stem(message_id: str) -> str:
    return _UNSAFE.sub("_", message_id.strip("<>"))[:150]


class FolderDelivery:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = f"outbox folder {root}"
        root.mkdir(parents=True, exist_ok=True)

    def deliver(self, envelope: Envelope) -> None:
        if self.already_delivered(envelope.message_id):
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        final = self.root / f"{stamp}-{_stem(envelope.message_id)}.eml"
        temporary = final.with_suffix(".tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(envelope.raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)  # atomic: a reader never sees half a mail
        except OSError as exc:  # disk full, folder gone: the mail waits in the outbox
            temporary.unlink(missing_ok=True)
            raise TransientError(f"cannot write to {self.root}: {exc.strerror}") from exc

    def already_delivered(self, message_id: str) -> bool:
        return any(self.root.glob(f"*-{_stem(message_id)}.eml"))

    def close(self) -> None:
        pass
