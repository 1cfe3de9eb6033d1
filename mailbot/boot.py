"""Wiring in one place: settings in, a ready worker, services or reader out (Salmon's "boot").

Every command of `mailbot/cli.py` gets what it works with from here, so a setting means the same
thing to the worker, to HR's commands and to `mailbot classify`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from classifiers.classify import classify as classify_document
from classifiers.types import Classification
from mailbot.config import SentCheck, Settings
from mailbot.delivery.base import Delivery, QueueOnly
from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.services import Services, build_services
from mailbot.sources.base import MailSource
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
from mailbot.store.models import utcnow
from mailbot.store.repo import DbSourceState


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Library chatter (pdfminer font warnings, imapclient protocol lines) is not for operators.
    for noisy in ("pdfminer", "imapclient", "PIL", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def prepare_data_dir(settings: Settings) -> None:
    """Passports live here: owner-only permissions, also when the folder already existed."""
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(settings.data_dir, 0o700)
    os.umask(0o077)


def database(settings: Settings) -> Engine:
    prepare_data_dir(settings)
    return open_database(settings.effective_database_url)


def build_source(settings: Settings, engine: Engine, folder: Path | None) -> MailSource:
    state = DbSourceState(engine)
    if folder is not None:
        return FolderSource(folder, state)
    settings.require("imap_host", "imap_user")
    from mailbot.sources.imap import ImapSource  # imported late: the demo needs no IMAP

    return ImapSource(settings, state)


def build_delivery(settings: Settings, outbox: Path | None) -> Delivery:
    if outbox is not None:
        return FolderDelivery(outbox)
    settings.require("smtp_host")
    from mailbot.delivery.smtp import SmtpDelivery

    if settings.smtp_sent_check == SentCheck.OFF:
        return SmtpDelivery(settings)
    settings.require("imap_host", "imap_user")
    from mailbot.sources.imap import ImapSentFolder

    return SmtpDelivery(
        settings,
        sent_folder=ImapSentFolder(settings, folder=settings.smtp_sent_folder),
        sent_folder_authoritative=settings.smtp_sent_check == SentCheck.PROVIDER,
        copy_to_sent=settings.smtp_sent_check == SentCheck.APPEND,
    )


def build_admin_services(settings: Settings, *, outbox: Path | None = None,
                         send: bool = False) -> Services:
    """What HR's commands work with: the store, the cases and the outbox. Mail they queue is
    sent by the running worker, unless `send` (the digest's `--send`) gives them a delivery."""
    delivery = build_delivery(settings, outbox) if send else QueueOnly()
    return build_services(settings, database(settings), delivery)


def build_reader(settings: Settings) -> Callable[[bytes, str], Classification]:
    """`mailbot classify`: the worker's reader with the worker's limits and review thresholds,
    in this process (one file at a time, no child to isolate it)."""
    limits = settings.document_limits()

    def read(data: bytes, filename: str) -> Classification:
        return classify_document(data, filename, limits)

    return read


def build_worker(
    settings: Settings, *, source: Path | None = None, outbox: Path | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> Worker:
    """`clock`: what "now" is to the worker (a test moves it days ahead for reminders)."""
    engine = database(settings)
    return Worker(settings, engine, build_source(settings, engine, source),
                  build_delivery(settings, outbox), clock=clock)


def build_web(settings: Settings) -> object:
    """`mailbot web`: the dashboard over HR's services (mail it queues is sent by the worker)."""
    from mailbot.web.app import create_app

    return create_app(build_admin_services(settings))
