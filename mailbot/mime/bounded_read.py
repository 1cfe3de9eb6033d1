"""Checks on the raw bytes that run before the stdlib parser sees them.

The parser (email.feedparser) is pure Python and line-based; on this Python its cost is
  - about 0.5 us per line (64 MiB of empty lines would take half a minute),
  - (lines x multipart depth): every line is compared with every open boundary,
  - quadratic in the length of a multipart Content-Type header (`_parseparam` rescans the
    value for quotes at every ";": 160 KB take 5 s).
So we count lines, estimate the nesting depth and shorten absurd multipart headers first;
a mail over a cap is read for its headers only and the reason is recorded as a defect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.feedparser import BytesFeedParser
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

from mailbot.mime.mail_limits import MimeLimits

# Legitimate multipart Content-Type values are < 300 bytes (a boundary is at most 70).
MAX_MULTIPART_HEADER_BYTES = 2048
# More multipart containers than this in one mail is not something a person sends.
MAX_MULTIPARTS = 500
# Header block handed to the header-only parser and to mail-parser.
MAX_HEADER_BLOCK_BYTES = 4 * 1024 * 1024
FEED_CHUNK_BYTES = 1024 * 1024

# Patterns run on a lower-cased copy of the mail and start with a literal, so the regex engine
# can skip ahead with a fast substring search (re.IGNORECASE plus a lookbehind instead took
# 1.5 s on a 37 MB mail). Whether a match starts a line is checked afterwards.
_MULTIPART_HEADER = re.compile(rb"content-type[ \t]*:(?:[ \t]|\r\n?[ \t]|\n[ \t])*multipart/")
_BOUNDARY_PARAM = re.compile(rb"boundary[ \t]*=[ \t]*(?:\"([^\"\r\n]{1,200})\"|([^\s;\"]{1,200}))")
_CLOSE_DELIMITER = re.compile(rb"--([^\r\n]{1,204}?)--[ \t]*(?=[\r\n]|\Z)")
# The end of a header: a line break not followed by folding whitespace.
_HEADER_END = re.compile(rb"\r\n(?![ \t])|\r(?![\n \t])|\n(?![ \t])")
_BLANK_LINE = re.compile(rb"\r\n\r\n|\n\r?\n|\r\r")


def _line_start(data: bytes, position: int) -> bool:
    """True at the start of a line as the parser sees lines (after \\r\\n, \\r or \\n)."""
    return position == 0 or data[position - 1] in b"\r\n"


@dataclass
class Shape:
    raw: bytes                          # the bytes to parse (long multipart headers shortened)
    refusal: str = ""                   # non-empty: parse the headers only, for this reason
    defects: list[str] = field(default_factory=list)


def header_block(raw: bytes) -> bytes:
    """The header section: up to and including the first empty line (bounded)."""
    blank = _BLANK_LINE.search(raw, 0, MAX_HEADER_BLOCK_BYTES)
    return raw[: blank.end()] if blank else raw[:MAX_HEADER_BLOCK_BYTES]


def _nesting_depth(raw: bytes, lowered: bytes) -> int:
    """Estimate the deepest multipart nesting: a boundary declaration opens a level, its
    closing delimiter line "--boundary--" closes it (and any left open inside it).
    Unclosed levels are never closed, so malformed mails overestimate (the safe side).
    Positions come from the lower-cased copy, values from the raw bytes (boundaries are
    case-sensitive; bytes.lower() keeps every offset)."""
    events: list[tuple[int, bool, bytes]] = []
    for match in _BOUNDARY_PARAM.finditer(lowered):
        group = 1 if match.group(1) is not None else 2
        events.append((match.start(), True, raw[match.start(group) : match.end(group)]))
    for match in _CLOSE_DELIMITER.finditer(lowered):
        if _line_start(lowered, match.start()):
            events.append((match.start(), False, raw[match.start(1) : match.end(1)]))
    stack: list[bytes] = []
    deepest = 0
    for _position, opens, boundary in sorted(events):
        if opens:
            stack.append(boundary)
            deepest = max(deepest, len(stack))
        elif boundary in stack:
            del stack[stack.index(boundary) :]
    return deepest


def check_shape(raw: bytes, limits: MimeLimits) -> Shape:
    mib = 1024 * 1024
    if len(raw) > limits.max_mail_bytes:
        return Shape(raw, f"The mail is {len(raw) / mib:.0f} MB, over the "
                          f"{limits.max_mail_bytes / mib:.0f} MB limit; only its headers were "
                          "read.")
    # Count every line end the parser recognises: \n, and \r not followed by \n.
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    if lines > limits.max_mail_lines:
        return Shape(raw, f"The mail has {lines} lines, over the limit of "
                          f"{limits.max_mail_lines}; only its headers were read.")
    lowered = raw.lower()
    multiparts = [m.start() for m in _MULTIPART_HEADER.finditer(lowered)
                  if _line_start(lowered, m.start())]
    if len(multiparts) > MAX_MULTIPARTS:
        return Shape(raw, f"The mail has {len(multiparts)} multipart sections, over the limit "
                          f"of {MAX_MULTIPARTS}; only its headers were read.")
    if len(multiparts) > limits.max_mime_depth:
        depth = _nesting_depth(raw, lowered)
        if depth > limits.max_mime_depth:
            return Shape(raw, f"The mail's sections are nested about {depth} deep, over the "
                              f"limit of {limits.max_mime_depth}; only its headers were read.")
    shape = Shape(raw)
    pieces: list[bytes] = []
    last = 0
    for start in multiparts:
        end_match = _HEADER_END.search(raw, start)
        end = end_match.start() if end_match else len(raw)
        if end - start > MAX_MULTIPART_HEADER_BYTES:
            pieces += [raw[last : start + MAX_MULTIPART_HEADER_BYTES]]
            last = end
    if pieces:
        shape.raw = b"".join([*pieces, raw[last:]])
        shape.defects.append(
            f"{len(pieces)} multipart Content-Type header(s) longer than "
            f"{MAX_MULTIPART_HEADER_BYTES} bytes were cut short."
        )
    return shape


def _parse_bytes(raw: bytes) -> Message:
    """BytesParser.parsebytes() without its copies: it decodes the whole mail to one str and
    wraps that in a StringIO (4 bytes a character once read), ~5x the mail in memory.
    Feeding 1 MiB slices keeps it to the parser's own line list and the joined payloads."""
    parser = BytesFeedParser(policy=compat32)
    for start in range(0, len(raw), FEED_CHUNK_BYTES):
        parser.feed(raw[start : start + FEED_CHUNK_BYTES])
    return parser.close()


def read_message(raw: bytes, limits: MimeLimits) -> tuple[Message, list[str], bool]:
    """(message tree, defects, complete): the whole tree, or only the headers when the shape
    check refuses the mail or the parser runs out of stack (complete is then False).

    compat32 rather than policy.default: compat32 keeps header values as opaque strings, and
    we decode the ones we use ourselves (headers.py); policy.default parses every header it
    is asked for with a parser that is quadratic on crafted input on this Python.
    """
    shape = check_shape(raw, limits)
    defects = list(shape.defects)
    if shape.refusal:
        defects.append(shape.refusal)
    else:
        try:
            return _parse_bytes(shape.raw), defects, True
        except RecursionError:
            defects.append("The mail is nested too deeply to be read; only its headers were "
                           "read.")
    return BytesHeaderParser(policy=compat32).parsebytes(header_block(raw)), defects, False
