"""Health: probe tesseract and the disk, judge the service, and alert the operators once per
incident (queued in the outbox; the next cycle's send step sends it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from mailbot.monitor import Monitor
from mailbot.steps import CycleReport

log = logging.getLogger("mailbot")


@dataclass
class Health:
    monitor: Monitor
    name = "health"
    where = "checking the service's health"
    what_to_check = "check the database; the health is judged again next cycle"

    def run(self, report: CycleReport) -> None:
        try:
            report.health = self.monitor.check(report).level.word
        except IntegrityError:
            # Another worker recorded the same component or opened the same incident at this
            # moment; its transaction holds the alert. The next cycle judges again.
            log.info("health: another worker wrote the same row; judged again next cycle")
