"""What must hold for every ParsedMail, whatever the input was."""

from __future__ import annotations

import re

from mailbot.mime import AttachmentError, MimeLimits, ParsedMail

# CR, LF, NUL, every other C0/C1 control, DEL, Unicode line/paragraph separators, bidi
# controls: none of these may survive in a value that can reach a header, a log or a name.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
CODES = {str(code) for code in AttachmentError}


def one_line_values(parsed: ParsedMail) -> list[str]:
    values = [parsed.subject, parsed.from_name, parsed.from_address, parsed.message_id,
              *parsed.to_addresses, *parsed.references, *parsed.defects]
    if parsed.in_reply_to is not None:
        values.append(parsed.in_reply_to)
    for name, value in parsed.headers:
        values += [name, value]
    for attachment in parsed.attachments:
        values += [attachment.filename, attachment.display_name, attachment.content_type,
                   attachment.error_detail]
    return values


def check_invariants(parsed: ParsedMail, limits: MimeLimits | None = None) -> None:
    limits = limits or MimeLimits()
    assert isinstance(parsed, ParsedMail)
    assert MESSAGE_ID.fullmatch(parsed.message_id), parsed.message_id
    for value in one_line_values(parsed):
        assert isinstance(value, str)
        assert not UNSAFE.search(value), f"unsafe character in {value[:80]!r}"
    assert parsed.from_address == parsed.from_address.lower()
    assert parsed.date is None or parsed.date.tzinfo is not None
    assert "\x00" not in parsed.text and "\r" not in parsed.text
    assert len(parsed.text) <= limits.max_text_chars
    assert len(parsed.subject) <= limits.max_subject_chars
    assert len(parsed.headers) <= limits.max_headers
    assert len(parsed.attachments) <= limits.max_attachments
    for attachment in parsed.attachments:
        assert attachment.filename
        assert len(attachment.filename) <= limits.max_filename_chars
        assert "/" not in attachment.filename and "\\" not in attachment.filename
        assert attachment.filename not in {".", ".."}
        assert len(attachment.data) <= limits.max_attachment_bytes
        if attachment.error is None:
            assert attachment.data, attachment.display_name
        else:
            assert attachment.error in CODES, attachment.error
            assert attachment.error_detail
        if attachment.error == AttachmentError.TOO_LARGE:
            assert attachment.data == b""
