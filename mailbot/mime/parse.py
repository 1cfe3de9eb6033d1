"""`parse_mail`: raw bytes in, a `ParsedMail` out, whatever the bytes are.

Who does what, and why:
  - bounded_read.py looks at the raw bytes first (size, line count, multipart nesting) because the
    stdlib parser's cost grows with lines x depth; over a cap only the headers are read.
  - The stdlib parser (compat32 policy) builds the MIME tree. We need the tree itself, not a
    flat list of parts, to tell a forwarded mail's files from the candidate's own and to
    open containers in place; compat32 keeps header values opaque so nothing is parsed
    behind our back (policy.default's header parser is quadratic on crafted input).
  - mail-parser (the product owner's choice, `mailparser.parse_from_bytes`) reads the
    sender, recipients and date from the From/To/Date lines: its address scanner is bounded
    and fails closed on ambiguous mailboxes (on 3.11.7 `email.utils.getaddresses` still has
    CVE-2023-27043), and its date parser says what it could not read. It gets only those
    lines, and we do not use its attachment list: it flattens forwarded mails, names
    nameless parts randomly, re-encodes every attachment, and runs compat32's quadratic
    parameter parser on each Content-Type (55 s for one crafted 160 KB header).
  - headers.py decodes the header values we use and strips CR/LF/NUL after decoding
    (CVE-2024-6923); unpack.py finds the body text and every document.
Every step is bounded by `MimeLimits`; anything unexpected ends in a `defects` line, never
in an exception.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import UTC, datetime
from email.message import Message

import mailparser

from mailbot.mime.bounded_read import read_message
from mailbot.mime.headers import decode_words, header_text, message_ids, raw_text
from mailbot.mime.mail_limits import MimeLimits
from mailbot.mime.text import clean_body, clean_line, has_unsafe, html_to_text
from mailbot.mime.types import ParsedMail
from mailbot.mime.unpack import Unpacker

# mail-parser logs raw header values (attacker-controlled, possibly personal data) at
# WARNING/ERROR; what it finds wrong reaches HR through `defects` instead.
logging.getLogger("mailparser").setLevel(logging.CRITICAL)

SYNTHETIC_DOMAIN = "mailbot.invalid"
MAX_DEFECTS = 100
MAX_RECIPIENTS = 100
MAX_REFERENCES = 50
MAX_PEOPLE_HEADERS = 20
MAX_PEOPLE_HEADER_CHARS = 64 * 1024
# An addr-spec we are willing to reply to: no spaces, quotes, brackets or separators.
_ADDRESS = re.compile(r"[^\s<>()\[\],;:\\\"@]{1,64}@[^\s<>()\[\],;:\\\"@]{1,255}")
_SINGLE_HEADERS = ("from", "subject", "date", "message-id", "to")


def synthetic_message_id(raw: bytes) -> str:
    """A stable id for a mail that has none: the same bytes always get the same id."""
    return f"<{hashlib.sha256(raw).hexdigest()[:32]}@{SYNTHETIC_DOMAIN}>"


def parse_mail(raw: bytes, limits: MimeLimits | None = None) -> ParsedMail:
    """Parse one raw mail. Never raises; time and memory are bounded by `limits`."""
    data = _as_bytes(raw)
    try:
        return _parse(data, limits or MimeLimits())
    except Exception as exc:  # the contract: whatever the bytes, the queue moves on
        return _empty(data, [f"The mail could not be read ({type(exc).__name__}); "
                             "it needs a person to look at it."])


def _as_bytes(raw: object) -> bytes:
    if isinstance(raw, bytes):
        return raw
    if isinstance(raw, bytearray | memoryview):
        return bytes(raw)
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _empty(raw: bytes, defects: list[str]) -> ParsedMail:
    return ParsedMail(
        message_id=synthetic_message_id(raw), from_address="", from_name="", to_addresses=(),
        subject="", date=None, in_reply_to=None, references=(), headers=(), text="",
        attachments=(), defects=tuple(defects),
    )


def _parse(raw: bytes, limits: MimeLimits) -> ParsedMail:
    if not raw.strip():
        return _empty(raw, ["The mail is empty."])
    message, defects, complete = read_message(raw, limits)

    first: dict[str, object] = {}
    counts: dict[str, int] = {}
    headers: list[tuple[str, str]] = []
    for name, value in message.raw_items():
        key = name.strip().lower()
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, value)
        if len(headers) < limits.max_headers:
            headers.append((clean_line(key, 200), header_text(value, limits.max_header_chars)))
    if len(headers) < sum(counts.values()):
        defects.append(f"The mail has {sum(counts.values())} header lines; only the first "
                       f"{limits.max_headers} were kept.")
    defects += [f"The mail has {counts[h]} {h.title()} headers; the first one was used."
                for h in _SINGLE_HEADERS if counts.get(h, 0) > 1]

    from_name, from_address, to_addresses, date, sender_defects = _people(message, limits)
    defects += sender_defects

    own_ids = message_ids(first["message-id"], 1) if "message-id" in first else []
    if not own_ids:
        defects.append("The mail has no usable Message-ID; one was made up from its content.")
    reply_ids = message_ids(first.get("in-reply-to", ""), 1)
    references = message_ids(first.get("references", ""), MAX_REFERENCES)

    unpacker = Unpacker(limits)
    if complete:
        unpacker.run(message)
    else:
        unpacker.defects.append("No attachments were read from this mail.")

    return ParsedMail(
        message_id=own_ids[0] if own_ids else synthetic_message_id(raw),
        from_address=from_address,
        from_name=from_name,
        to_addresses=to_addresses,
        subject=header_text(first.get("subject", ""), limits.max_subject_chars),
        date=date,
        in_reply_to=reply_ids[0] if reply_ids else None,
        references=tuple(references),
        headers=tuple(headers),
        text=_body_text(unpacker, limits),
        attachments=tuple(unpacker.attachments),
        defects=_tidy(defects + unpacker.defects),
        tree=message if complete else None,
    )


def replyable_address(value: str) -> str:
    """The addr-spec lower-cased when we would write to it, "" when not (the rule From
    follows; intake.relay holds a relay's Reply-To and X-Original-From to it too)."""
    return _address(value)


def _address(value: str) -> str:
    address = value.strip().lower()
    if _ADDRESS.fullmatch(address) is None or has_unsafe(address):
        return ""
    return address


def _people_headers(message: Message) -> bytes:
    """The From, To and Date header lines, re-assembled from the raw values (8-bit bytes
    restored). mail-parser gets only these: on the full header block it runs compat32's
    quadratic parameter parser on Content-Type and decodes every header (a 160 KB crafted
    Content-Type took it 55 s)."""
    lines = [
        key.encode("ascii", "replace") + b": "
        + raw_text(value)[:MAX_PEOPLE_HEADER_CHARS].encode("utf-8", "surrogateescape")
        for key, value in message.raw_items()
        if key.strip().lower() in {"from", "to", "date"}
    ]
    return b"\r\n".join(lines[:MAX_PEOPLE_HEADERS]) + b"\r\n\r\n"


def _people(
    message: Message, limits: MimeLimits
) -> tuple[str, str, tuple[str, ...], datetime | None, list[str]]:
    """(from name, from address, to addresses, date, defects), read by mail-parser."""
    try:
        parsed = mailparser.parse_from_bytes(_people_headers(message))
        senders = parsed.from_ or []
        recipients = parsed.to or []
        date = parsed.date
        found = [*parsed.address_header_defects, *parsed.date_header_defects]
    except Exception as exc:  # third-party code on hostile bytes
        return "", "", (), None, [f"The sender and date could not be read "
                                  f"({type(exc).__name__})."]
    defects = [
        f"{str(d.get('header', '')).title()} header: {d.get('reason', 'unreadable')}."
        for d in found if d.get("header") in {"from", "to", "date"}
    ]
    from_name = from_address = ""
    if senders:
        name, address = senders[0]
        # mail-parser leaves an encoded word undecoded when it hides a line break; decode
        # it anyway for display, clean_line() removes the break.
        from_name = clean_line(decode_words(str(name)), limits.max_subject_chars)
        from_address = _address(str(address))
        if not from_address:
            defects.append("The From address is not one we can reply to.")
        if len(senders) > 1:
            defects.append("The From header names more than one address; the first was used.")
    else:
        defects.append("The mail has no readable From address.")
    to_addresses = tuple(a for _, address in recipients[:MAX_RECIPIENTS]
                         if (a := _address(str(address))))
    if isinstance(date, datetime) and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # mail-parser returns UTC; never hand out naive times
    return from_name, from_address, to_addresses, date if isinstance(date, datetime) else None, \
        defects


def _body_text(unpacker: Unpacker, limits: MimeLimits) -> str:
    """The plain-text body if there is one, else the HTML body converted to text."""
    if any(part.strip() for part in unpacker.plain):
        text = "\n\n".join(unpacker.plain)
    else:
        budget = 4 * limits.max_text_chars
        text = "\n\n".join(html_to_text(part[:budget]) for part in unpacker.html)
    return clean_body(text, limits.max_text_chars)


def _tidy(defects: list[str]) -> tuple[str, ...]:
    """One line each, no repeats, at most MAX_DEFECTS."""
    seen: dict[str, None] = {}
    for defect in defects:
        seen.setdefault(clean_line(defect, 500), None)
    lines = [d for d in seen if d]
    if len(lines) > MAX_DEFECTS:
        lines = [*lines[: MAX_DEFECTS - 1], f"... and {len(lines) - MAX_DEFECTS + 1} more."]
    return tuple(lines)
