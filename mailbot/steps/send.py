"""Send: hand every due mail of the outbox to the delivery (SMTP or a folder)."""

from __future__ import annotations

from mailbot.outbox import Outbox, SendTally
from mailbot.steps import CycleReport, describe


class Send:
    name = "send"

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    def where(self) -> str:
        return f"sending through {describe(self.outbox.delivery)}"

    def what_to_check(self) -> str:
        return ("check the outgoing mail server and its credentials; replies stay queued and "
                "are sent once it is back")

    def run(self, report: CycleReport) -> None:
        tally = SendTally()
        try:
            self.outbox.send(tally)
        finally:  # what went out before a failure counts too
            report.sent += tally.sent
            report.send_failures += tally.failures
