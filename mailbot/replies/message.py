"""Build the RFC 5322 bytes of an outbound mail. Every header value is made single-line here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
# Lone surrogates: undecodable inbound bytes as the parser keeps them; no charset can write them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def single_line(value: str) -> str:
    """Remove CR, LF and other controls: inbound text must never become a new header."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", value)).strip()


def literal_text(value: str) -> str:
    """A header text that the email package must not decode again.

    Setting a header parses RFC 2047 words in the value. A subject copied from inbound mail can
    hold the literal text of a broken encoded word (an unknown charset, raw 8-bit bytes), and
    decoding that again made rendering raise, so the mail never went out. Such a text is
    written as one UTF-8 encoded word of itself, which the email package reads back as that
    literal text and can then write out.
    """
    line = single_line(value)
    return Header(line, "utf-8", maxlinelen=100_000).encode() if "=?" in line else line


# What a message-id we write must look like: "<" no spaces, brackets or controls ">".
_WRITABLE_ID = re.compile(r"<[^<>\s\x00-\x1f\x7f]{1,900}>")
FOLD_AT = 78  # RFC 5322 2.1.1: lines SHOULD be at most 78 characters


def thread_header(name: str, ids: Sequence[str]) -> bytes:
    """`In-Reply-To`/`References` as RFC 5322 3.6.4 wants them: plain msg-ids, folded only
    between ids, never RFC 2047-encoded. (The email package's header folding turns an id
    longer than ~77 characters into an "=?utf-8?q?...?=" word, which no client threads on;
    Exchange and JavaMail ids are often that long.) Ids that are not plain msg-ids are left
    out rather than written. Empty bytes when nothing is left."""
    kept = [i for i in (single_line(value) for value in ids) if _WRITABLE_ID.fullmatch(i)]
    if not kept:
        return b""
    lines = [f"{name}: {kept[0]}"]
    for message_id in kept[1:]:
        if len(lines[-1]) + 1 + len(message_id) > FOLD_AT:
            lines.append(f" {message_id}")
        else:
            lines[-1] += f" {message_id}"
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


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
    message["Subject"] = literal_text(mail.subject)
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
    raw = message.as_bytes()
    threading = thread_header("In-Reply-To", [mail.in_reply_to] if mail.in_reply_to else [])
    threading += thread_header("References", mail.references)
    # Written as bytes, next to Message-ID, so no header folding can touch them.
    first_line_end = raw.index(b"\r\n") + 2
    return raw[:first_line_end] + threading + raw[first_line_end:]


_REPLACED_ON_RESEND = (b"message-id", b"date", b"to")


def as_resent(raw: bytes, message_id: str, date: datetime, to: Sequence[str]) -> bytes:
    """A copy of a mail we sent, to go out again: a new Message-ID and Date (a second copy is
    a second message), to the given addresses; every other byte as it was sent, so the
    threading headers and the text the candidate may already have read are the same."""
    split = raw.find(b"\r\n\r\n")
    head, body = (raw[:split + 2], raw[split + 2:]) if split >= 0 else (raw, b"")
    kept: list[bytes] = []
    dropping = False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a folded continuation belongs to the header above
            if not dropping:
                kept.append(line)
            continue
        dropping = line.split(b":", 1)[0].strip().lower() in _REPLACED_ON_RESEND
        if not dropping:
            kept.append(line)
    fresh = (f"Message-ID: {single_line(message_id)}\r\n"
             f"Date: {format_datetime(date)}\r\n"
             f"To: {', '.join(single_line(address) for address in to)}\r\n").encode("ascii")
    return fresh + b"".join(kept) + body
