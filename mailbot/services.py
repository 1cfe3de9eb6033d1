"""The services every entry point shares: settings, database, clock, outbox and cases.

The worker's steps, HR's commands (`mailbot case`, `mailbot review`) and the digest each take
this, never a whole worker: what they need is the store, the clock and the two services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from classifiers.limits import Limits
from mailbot.cases import Cases
from mailbot.checklist.family import load_family_rules
from mailbot.checklist.tb_exempt import TbExemptList, load_tb_exempt_list
from mailbot.config import Settings
from mailbot.delivery.base import Delivery
from mailbot.outbox import Outbox
from mailbot.store.models import utcnow


@dataclass(frozen=True)
class Services:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime]
    outbox: Outbox
    cases: Cases
    document_limits: Limits


def build_services(settings: Settings, engine: Engine, delivery: Delivery, *,
                   clock: Callable[[], datetime] = utcnow,
                   tb_list: TbExemptList | None = None) -> Services:
    outbox = Outbox(settings, engine, delivery, clock)
    cases = Cases(settings, outbox, tb_list or load_tb_exempt_list(settings.tb_exempt_file),
                  load_family_rules(settings.family_rules_file))
    return Services(settings, engine, clock, outbox, cases, settings.document_limits())
