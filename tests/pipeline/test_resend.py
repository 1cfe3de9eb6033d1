"""HR resends the last reply (`mailbot case resend`, the dashboard's button): the same reply
once more, to the case's own address, as a new message sent exactly once (SQLite and PostgreSQL).
"""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mailbot.admin import resend_last_reply
from mailbot.delivery.base import QueueOnly
from mailbot.errors import ConfigError
from mailbot.services import build_services
from mailbot.store.models import AuditEntry, Case, OutboundKind, OutboundMail
from tests.support.mailbox import NOW, Mailbox, mail


def replies(mailbox: Mailbox) -> list[OutboundMail]:
    with Session(mailbox.engine) as session:
        return list(session.exec(select(OutboundMail).where(
            OutboundMail.kind == OutboundKind.REPLY).order_by(OutboundMail.id)))  # type: ignore[arg-type]


def test_resend_queues_one_copy_of_the_last_reply_in_its_thread(tmp_path, db_url) -> None:
    # Given Maria's mail answered and the reply sent
    mailbox = Mailbox(tmp_path, db_url)
    mailbox.receive(mail("Maria Santos <maria@example.com>", "My documents", "passport.jpg",
                         sent=NOW - timedelta(hours=2), message_id="<m1@example.com>"))
    mailbox.cycle()
    assert len(replies(mailbox)) == 1 and replies(mailbox)[0].state == "sent"
    hr = build_services(mailbox.settings, mailbox.engine, QueueOnly(),
                        clock=lambda: NOW + timedelta(hours=1))

    # When HR resends it, and clicks again before the worker sent the copy
    said = resend_last_reply(hr, "HSM-0001", by="anna.hr")
    with pytest.raises(ConfigError, match="has not been sent yet"):
        resend_last_reply(hr, "HSM-0001", by="anna.hr")
    mailbox.cycle(NOW + timedelta(hours=1))
    mailbox.cycle(NOW + timedelta(hours=2))

    # Then one copy went out: same text and threading, a new Message-ID, to Maria only
    assert said == "the last reply to HSM-0001 goes out again to maria@example.com"
    first, copy = replies(mailbox)
    assert copy.state == "sent" and copy.recipients == ["maria@example.com"]
    assert copy.message_id != first.message_id and copy.subject == first.subject
    sent = [m for m in mailbox.sent() if m["Message-ID"] == copy.message_id]
    assert len(sent) == 1 and sent[0]["To"] == "maria@example.com"
    old = email.message_from_bytes(first.raw, policy=email.policy.default)
    again = email.message_from_bytes(copy.raw, policy=email.policy.default)
    assert again["In-Reply-To"] == old["In-Reply-To"] == "<m1@example.com>"
    assert again.get_body(("plain",)).get_content() == old.get_body(("plain",)).get_content()
    with Session(mailbox.engine) as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "case.resend"))
    assert entry.actor == "anna.hr" and entry.detail["copy"] == copy.message_id


def test_resend_is_refused_with_a_reason_when_there_is_nothing_to_resend(tmp_path,
                                                                        db_url) -> None:
    mailbox = Mailbox(tmp_path, db_url)
    hr = build_services(mailbox.settings, mailbox.engine, QueueOnly(), clock=lambda: NOW)
    from mailbot.admin import add_case

    add_case(mailbox.engine, "ana@example.com", "Ana")
    with pytest.raises(ConfigError, match="has no reply to resend yet"):
        resend_last_reply(hr, "HSM-0001")
    mailbox.receive(mail("Ana <ana@example.com>", "Docs", "passport.jpg",
                         sent=NOW - timedelta(hours=1), message_id="<a1@example.com>"))
    mailbox.cycle()
    with Session(mailbox.engine) as session:
        case = session.exec(select(Case)).one()
        case.bounced_at = NOW
        session.add(case)
        session.commit()
    with pytest.raises(ConfigError, match="bounced; link a working address"):
        resend_last_reply(hr, "HSM-0001")
