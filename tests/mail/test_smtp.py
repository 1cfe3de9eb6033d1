"""SmtpDelivery against a real aiosmtpd: delivery, faults, auth, and the exactly-once journal."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from mailbot.auth import MailAuthError
from mailbot.delivery.base import Envelope
from mailbot.delivery.smtp import DeliveryInDoubt, PermanentDeliveryError, SmtpDelivery
from mailbot.errors import TransientError
from mailbot.sources.imap import ImapSentFolder
from tests.mail.messages import reply
from tests.support.dovecot import DovecotServer
from tests.support.smtp_server import SmtpServer

pytestmark = [
    pytest.mark.slow,
    # Loopback test server only: AUTH without TLS is deliberate here.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

BOT = "hsm-documents@mailbot.example"
CANDIDATE = "ana.candidate@example.org"


def envelope(n: int, *recipients: str) -> Envelope:
    mid, raw = reply(n)
    return Envelope(message_id=mid, sender=BOT, recipients=recipients or (CANDIDATE,), raw=raw)


def delivery(settings: Any, **kwargs: Any) -> SmtpDelivery:
    kwargs.setdefault("timeout", 5)
    return SmtpDelivery(settings, **kwargs)


def test_deliver_hands_over_envelope_and_exact_bytes(
    smtp_server: SmtpServer, make_settings: Any
) -> None:
    out = delivery(make_settings(smtp=smtp_server))
    first, second = envelope(1), envelope(2, CANDIDATE, "hr@mailbot.example")
    try:
        out.deliver(first)
        out.deliver(second)  # over the same connection
    finally:
        out.close()
    got = smtp_server.wait_for(2)
    assert [g.mail_from for g in got] == [BOT, BOT]
    assert got[0].envelope_to == [CANDIDATE]
    assert got[1].envelope_to == [CANDIDATE, "hr@mailbot.example"]
    assert got[0].raw.rstrip(b"\r\n") == first.raw.rstrip(b"\r\n")  # 8-bit body intact
    assert got[0].message_id == first.message_id
    assert out.already_delivered(first.message_id) is True
    assert out.already_delivered("<never-tried@mailbot.example>") is False


def test_smtp_down_is_transient_then_mail_goes_out(
    smtp_server: SmtpServer, make_settings: Any
) -> None:
    out = delivery(make_settings(smtp=smtp_server))
    out.deliver(envelope(1))  # a connection is open...
    smtp_server.stop()  # ...and the server goes away
    with pytest.raises(TransientError, match="not sent") as info:
        out.deliver(envelope(2))
    assert not isinstance(info.value, DeliveryInDoubt)  # nothing reached DATA
    with pytest.raises(TransientError, match="ConnectionRefused"):
        out.deliver(envelope(2))
    assert out.already_delivered(envelope(2).message_id) is False  # safe to send again
    smtp_server.start()
    out.deliver(envelope(2))
    out.close()
    assert len(smtp_server.wait_for(2)) == 2


def test_451_is_transient_and_550_permanent(smtp_server: SmtpServer, make_settings: Any) -> None:
    out = delivery(make_settings(smtp=smtp_server))
    mail = envelope(1)
    smtp_server.refuse(451, "4.7.1 Greylisted, try again later")
    with pytest.raises(TransientError, match="451") as transient:
        out.deliver(mail)
    assert not isinstance(transient.value, DeliveryInDoubt)
    assert out.already_delivered(mail.message_id) is False  # the server said no: not in doubt
    smtp_server.refuse(550, "5.7.1 Message rejected")
    with pytest.raises(PermanentDeliveryError, match="550") as permanent:
        out.deliver(mail)
    assert permanent.value.code == 550
    assert not isinstance(permanent.value, TransientError)
    smtp_server.accept()
    out.deliver(mail)
    out.close()
    assert len(smtp_server.wait_for(1)) == 1


def test_recipient_refusals(smtp_server: SmtpServer, make_settings: Any, caplog: Any) -> None:
    smtp_server.refused_recipients = {"gone@example.org"}
    out = delivery(make_settings(smtp=smtp_server))
    with pytest.raises(PermanentDeliveryError, match=r"recipient gone@example\.org"):
        out.deliver(envelope(1, "gone@example.org"))
    with caplog.at_level(logging.WARNING):
        out.deliver(envelope(2, CANDIDATE, "gone@example.org"))  # one good recipient: sent
    out.close()
    assert smtp_server.wait_for(1)[0].envelope_to == [CANDIDATE]
    assert "gone@example.org (550)" in caplog.text


def test_password_and_xoauth2_login(make_settings: Any, tmp_path: Path) -> None:
    with SmtpServer(require_auth=True, users={"bot@mailbot.example": "s3cret"}) as server:
        out = delivery(make_settings(smtp=server))
        out.deliver(envelope(1))
        out.close()
        token = tmp_path / "token"
        token.write_text("s3cret\n")  # the test server checks tokens like passwords
        oauth = make_settings(smtp=server, smtp_password="", smtp_oauth2_token_file=token)
        out = delivery(oauth)
        out.deliver(envelope(2))
        out.close()
        assert [g.auth_login for g in server.wait_for(2)] == ["bot@mailbot.example"] * 2

        wrong = delivery(make_settings(smtp=server, smtp_password="wrong"))
        with pytest.raises(MailAuthError, match="535") as info:
            wrong.deliver(envelope(3))
        assert "wrong" not in str(info.value)
        token.write_text("expired")
        with pytest.raises(MailAuthError, match=r"XOAUTH2\) refused"):
            delivery(oauth).deliver(envelope(4))
        assert len(server.received) == 2


def test_slow_server_leaves_delivery_in_doubt(
    smtp_server: SmtpServer, make_settings: Any
) -> None:
    """The client times out after DATA while the server accepts: at most once → ask a human."""
    smtp_server.data_delay = 1.5
    out = delivery(make_settings(smtp=smtp_server), timeout=0.5)
    mail = envelope(1)
    with pytest.raises(DeliveryInDoubt, match="may have accepted"):
        out.deliver(mail)
    assert smtp_server.wait_for(1, timeout=5)  # it did arrive
    assert out.already_delivered(mail.message_id) is None  # SMTP alone cannot tell
    out.close()


def test_sent_folder_resolves_the_doubt(
    smtp_server: SmtpServer, dovecot: DovecotServer, make_settings: Any
) -> None:
    """A provider that files accepted mail into Sent (as Gmail/M365 do) makes the answer exact."""
    smtp_server.save_to_sent = lambda raw: dovecot.append(raw, "Sent", flags=[b"\\Seen"])
    settings = make_settings(imap=dovecot, smtp=smtp_server)
    sent = ImapSentFolder(settings, backoff=0.05)
    out = delivery(settings, timeout=0.5, sent_folder=sent, sent_folder_authoritative=True)
    accepted, refused = envelope(1), envelope(2)
    smtp_server.data_delay = 1.5
    with pytest.raises(DeliveryInDoubt):
        out.deliver(accepted)
    smtp_server.wait_for(1, timeout=5)
    assert out.already_delivered(accepted.message_id) is True
    # In doubt but not in Sent: provably not accepted, so sending again is safe.
    out.journal.set(refused.message_id, "data")
    assert out.already_delivered(refused.message_id) is False
    # Without the provider guarantee, "not in Sent" proves nothing.
    out.sent_folder_authoritative = False
    assert out.already_delivered(refused.message_id) is None
    out.close()


def test_copy_to_sent(smtp_server: SmtpServer, dovecot: DovecotServer, make_settings: Any) -> None:
    settings = make_settings(imap=dovecot, smtp=smtp_server)
    sent = ImapSentFolder(settings, backoff=0.05)
    out = delivery(settings, sent_folder=sent, copy_to_sent=True)
    mail = envelope(1)
    out.deliver(mail)
    assert sent.contains(mail.message_id)
    out.close()
    assert len(dovecot.messages("Sent")) == 1
