"""A reply to a mail with a very long Message-ID threads: through the real worker and the real
SMTP path (aiosmtpd), In-Reply-To and References hold the ids verbatim, never RFC 2047 words."""

from __future__ import annotations

import email
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from mailbot.delivery.smtp import SmtpDelivery
from mailbot.pipeline import Worker
from mailbot.sources.folder import FolderSource
from mailbot.store.db import open_database
from mailbot.store.repo import DbSourceState
from tests.support.smtp_server import SmtpServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

BOT = "hsm-documents@mailbot.example"
CANDIDATE = "ana.candidate@example.org"
# Exchange/JavaMail-style: 120 characters, no spaces, longer than the email package's fold width.
LONG_ID = "<" + "AM0PR01MB1234567890ABCDEF.1700000000000.JavaMail.exchange." + "x" * 48 \
    + "@example.org>"
PARENT_ID = "<" + "p" * 100 + "@mail.example.org>"


def test_reply_to_a_120_character_message_id_holds_it_verbatim(
    smtp_server: SmtpServer, make_settings: Any, tmp_path: Path
) -> None:
    assert len(LONG_ID) == 120
    mailbox = tmp_path / "mailbox"
    mailbox.mkdir()
    (mailbox / "long-id.eml").write_bytes((
        f"From: Ana Candidate <{CANDIDATE}>\r\nTo: {BOT}\r\nSubject: My documents\r\n"
        f"Date: Mon, 23 Nov 2026 09:00:00 +0100\r\nMessage-ID:\r\n {LONG_ID}\r\n"
        f"In-Reply-To: {PARENT_ID}\r\nReferences: {PARENT_ID}\r\n"
        "Content-Type: text/plain\r\n\r\nHello, I will send my passport soon.\r\n").encode())
    settings = make_settings(smtp=smtp_server)
    engine = open_database(settings.effective_database_url)
    delivery = SmtpDelivery(settings, timeout=5)
    try:
        report = Worker(settings, engine, FolderSource(mailbox, DbSourceState(engine)),
                        delivery).run_cycle()
    finally:
        delivery.close()
    assert report.sent == 1
    (got,) = smtp_server.wait_for(1)
    assert f"\r\nIn-Reply-To: {LONG_ID}\r\n".encode() in got.raw
    assert b"=?" not in got.raw.split(b"\r\n\r\n", 1)[0]  # no encoded word in the header block
    message = email.message_from_bytes(got.raw, policy=default)
    assert str(message["In-Reply-To"]) == LONG_ID
    assert str(message["References"]).split() == [PARENT_ID, LONG_ID]
