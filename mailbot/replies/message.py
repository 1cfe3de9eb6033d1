"""Build the RFC 5322 bytes of an outbound mail. Every header value is made single-line here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def single_line(value: str) -> str:
    """Remove CR, LF and other controls: inbound text must never become a new header."""
    return _CONTROL.sub(" ", value).strip()


def new_message_id(from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "mailbot.invalid"
    return make_msgid(idstring="mailbot", domain=single_line(domain))


@dataclass(frozen=True)
class FileAttachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class OutgoingMail:
    message_id: str
    from_address: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    date: datetime
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    auto_submitted: str = "auto-replied"
    attachments: Sequence[FileAttachment] = field(default=())


def render(mail: OutgoingMail) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["Message-ID"] = mail.message_id
    message["Date"] = format_datetime(mail.date)
    message["From"] = formataddr((single_line(mail.from_name), single_line(mail.from_address)))
    message["To"] = ", ".join(single_line(address) for address in mail.to)
    message["Subject"] = single_line(mail.subject)
    if mail.in_reply_to:
        message["In-Reply-To"] = single_line(mail.in_reply_to)
    if mail.references:
        message["References"] = " ".join(single_line(ref) for ref in mail.references)
    # RFC 3834: mark ourselves so other robots do not answer us.
    message["Auto-Submitted"] = mail.auto_submitted
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=single_line(attachment.filename),
        )
    return message.as_bytes()
