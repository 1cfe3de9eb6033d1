"""The worker cycle's steps, one per file: ingest → process → file away → reply → remind →
send → health.

A step is a small object with a `name`, a `run(report)` and the words an operator reads when it
fails (`where` it talks to, `what_to_check`). The worker runs them in order, each inside its own
error boundary (`mailbot.pipeline.Worker.run_cycle`): a step that fails for a transient reason
stops alone, and whatever it left undone is in the database for the next cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class CycleReport:
    fetched: int = 0
    duplicates: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    replies_queued: int = 0
    reminders_queued: int = 0
    sent: int = 0
    sent_by_kind: dict[str, int] = field(default_factory=dict)
    send_failures: int = 0
    seconds_in_documents: float = 0.0
    health: str = ""    # healthy | degraded | failing, as the health step judged it


class Step(Protocol):
    name: str
    what_to_check: str  # for the operator, when the step failed for a while

    def run(self, report: CycleReport) -> None: ...

    @property
    def where(self) -> str:
        """What the step talks to, for the failure line: `fetching from imap mail.example`."""
        ...


def describe(edge: object) -> str:
    """`imap mail.example.org folder INBOX`: enough for an operator to know which server."""
    parts = [str(getattr(edge, "name", type(edge).__name__))]
    for attribute in ("server", "folder"):
        value = getattr(edge, attribute, None)
        if value:
            parts.append(f"{attribute} {value}" if attribute == "folder" else str(value))
    return " ".join(parts)
