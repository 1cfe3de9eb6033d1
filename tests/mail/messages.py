"""Small candidate mails for the IMAP/SMTP tests (the document fixtures live in fixtures/)."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def candidate_mail(
    n: int,
    *,
    sender: str = "ana.candidate@example.org",
    to: str = "candidates@mailbot.example",
    subject: str | None = None,
    body: str | None = None,
    message_id: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject or f"My documents, part {n}"
    msg["Date"] = format_datetime(datetime(2025, 1, 1, 9, 0, n % 60, tzinfo=UTC))
    msg["Message-ID"] = message_id or make_msgid(f"m{n}", domain="example.org")
    msg.set_content(body or f"Hello, here is part {n} of my documents.\n")
    return msg.as_bytes(policy=policy.SMTP)  # CRLF, as IMAP stores it


def reply(n: int, *, to: str = "ana.candidate@example.org") -> tuple[str, bytes]:
    """(Message-ID, raw) of a reply as the outbox would hand it over."""
    mid = make_msgid(f"reply{n}", domain="mailbot.example")
    msg = EmailMessage()
    msg["From"] = "HSM documents <hsm-documents@mailbot.example>"
    msg["To"] = to
    msg["Subject"] = f"Re: My documents [HSM-{n:04d}]"
    msg["Message-ID"] = mid
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(f"Thank you, we received document {n}. Ünïcödé is fine.\n")
    return mid, msg.as_bytes(policy=policy.SMTP)


# ---------------------------------------------------------------------- scenario mails

BOT_ADDRESS = "candidates@mailbot.example"


def person_mail(
    sender: str,
    name: str,
    *,
    subject: str = "Documents for my visa",
    body: str = "Hello,\n\nplease find my documents attached.\n\nKind regards\n",
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
    minute: int = 0,
) -> tuple[str, bytes]:
    """(Message-ID, raw) of a mail a person writes; attachments are (filename, bytes, mime)."""
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender}>"
    msg["To"] = BOT_ADDRESS
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 11, 28, 9, minute % 60, 0, tzinfo=UTC))
    mid = make_msgid("cand", domain=sender.split("@")[1])
    msg["Message-ID"] = mid
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = " ".join((*references, in_reply_to))
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return mid, msg.as_bytes(policy=policy.SMTP)


def forwarded(sender: str, name: str, inner: bytes, *, minute: int = 0) -> tuple[str, bytes]:
    """The person forwards an earlier mail (with its attachments) as message/rfc822."""
    mid, raw = person_mail(
        sender, name, subject="Fwd: Documents for my visa",
        body="Forwarding the mail I sent from my other account.\n", minute=minute,
    )
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    inner_msg = message_from_bytes(inner, policy=policy.default)
    msg.add_attachment(inner_msg)  # message/rfc822
    return mid, msg.as_bytes(policy=policy.SMTP)


def out_of_office(sender: str, name: str, *, minute: int = 0) -> tuple[str, bytes]:
    return person_mail(
        sender, name, subject="Automatic reply: Documents for your visa",
        body="I am out of the office until Monday.\n",
        headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
        minute=minute,
    )


def bounce(original_to: str, original_mid: str) -> tuple[str, bytes]:
    """A delivery status notification (RFC 3464) from the candidate's mail server."""
    mid = make_msgid("bounce", domain="mx.example.org")
    text = f"""\
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: {BOT_ADDRESS}
Subject: Undelivered Mail Returned to Sender
Date: Sat, 28 Nov 2026 10:00:00 +0000
Message-ID: {mid}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

Your message to {original_to} could not be delivered: no such user.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {original_to}
Action: failed
Status: 5.1.1

--b1
Content-Type: text/rfc822-headers

Message-ID: {original_mid}
Subject: Re: Documents for my visa

--b1--
"""
    return mid, text.replace("\n", "\r\n").encode()
