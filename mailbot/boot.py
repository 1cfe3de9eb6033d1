"""Wiring in one place: settings in, a ready worker out (Salmon's "boot")."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import Engine

from mailbot.config import SentCheck, Settings
from mailbot.delivery.base import Delivery, QueueOnly
from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.sources.base import MailSource, NoSource
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
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


def build_admin_worker(settings: Settings) -> Worker:
    """A worker that can change cases and queue mail, but fetches and sends nothing."""
    return Worker(settings, database(settings), NoSource(), QueueOnly())


def build_worker(
    settings: Settings, *, source: Path | None = None, outbox: Path | None = None
) -> Worker:
    engine = database(settings)
    return Worker(settings, engine, build_source(settings, engine, source),
                  build_delivery(settings, outbox))
