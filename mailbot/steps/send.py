"""Send: hand every due mail of the outbox to the delivery (SMTP or a folder)."""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.outbox import Outbox, SendTally
from mailbot.steps import CycleReport, describe


@dataclass
class Send:
    outbox: Outbox
    name = "send"
    what_to_check = ("check the outgoing mail server and its credentials; replies stay queued "
                     "and are sent once it is back")

    @property
    def where(self) -> str:
        return f"sending through {describe(self.outbox.delivery)}"

    def run(self, report: CycleReport) -> None:
        tally = SendTally()
        try:
            self.outbox.send(tally)
        finally:  # what went out before a failure counts too
            report.sent += tally.sent
            report.send_failures += tally.failures
            for kind, count in tally.by_kind.items():
                report.sent_by_kind[kind] = report.sent_by_kind.get(kind, 0) + count
