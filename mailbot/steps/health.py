"""Health: probe tesseract and the disk, judge the service, and alert the operators once per
incident (queued in the outbox; the next cycle's send step sends it)."""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.monitor import Monitor
from mailbot.steps import CycleReport


@dataclass
class Health:
    monitor: Monitor
    name = "health"
    where = "checking the service's health"
    what_to_check = "check the database; the health is judged again next cycle"

    def run(self, report: CycleReport) -> None:
        report.health = self.monitor.check(report).level.word
