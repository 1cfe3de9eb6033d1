"""Reading header values and MIME parameters from untrusted mail, in linear time.

The message tree comes from the stdlib parser with the `compat32` policy, which keeps header
values as opaque strings. We decode the few we use here rather than through `policy.default`
or `Message.get_param()`/`get_filename()`, because on this Python both are quadratic on crafted
input: 100 000 ";" in a Content-Disposition take `policy.default` 37 s, 20 000 encoded words
10 s, and compat32's `_parseparam` 5 s for a 160 KB unclosed quote. The functions below cap
what they look at and use only `str.find`/possessive regexes, so their cost is linear.
"""

from __future__ import annotations

import binascii
import re
from email.header import Header
from email.message import Message
from urllib.parse import unquote_to_bytes

from mailbot.mime.text import clean_line, decode_bytes

# --- header values ---------------------------------------------------------------------------

_FOLD = re.compile(r"\r\n(?=[ \t])|\r(?=[ \t])|\n(?=[ \t])")
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([bBqQ])\?([^?\s]*)\?=")
_SURROGATES = re.compile("[\ud800-\udfff]")


def raw_text(value: object) -> str:
    """A raw header value as the compat32 parser stored it (Header objects only when set
    by code, never by the parser)."""
    if isinstance(value, Header):
        return value.encode()
    return value if isinstance(value, str) else str(value)


def decode_8bit(value: str) -> str:
    """Undo the parser's surrogateescape: raw 8-bit header bytes are read as UTF-8 (RFC 6532),
    or as Windows-1252 when they are not valid UTF-8 (old Western mailers)."""
    if _SURROGATES.search(value) is None:
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _b_decode(text: str) -> bytes:
    data = re.sub(r"[^A-Za-z0-9+/]", "", text.split("=", 1)[0])
    if len(data) % 4 == 1:  # a lone trailing character carries no byte
        data = data[:-1]
    return binascii.a2b_base64(data + "=" * (-len(data) % 4))


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words. Adjacent words in one charset are joined at the byte
    level first (encoders split multi-byte characters across words), and the whitespace
    between adjacent words is dropped (RFC 2047 section 6.2)."""
    if "=?" not in value:
        return value
    out: list[str] = []
    run_charset: str | None = None
    run: list[bytes] = []

    def flush() -> None:
        nonlocal run_charset, run
        if run:
            out.append(decode_bytes(b"".join(run), run_charset)[0])
        run_charset, run = None, []

    pos = 0
    for match in _ENCODED_WORD.finditer(value):
        gap = value[pos : match.start()]
        charset = match.group(1).split("*", 1)[0].lower()  # RFC 2231 language suffix
        text = match.group(3)
        try:
            if match.group(2) in "bB":
                data = _b_decode(text)
            else:
                data = binascii.a2b_qp(text.encode("ascii", "replace"), header=True)
        except (binascii.Error, ValueError):
            data = match.group(0).encode("utf-8", "replace")
            charset = "utf-8"
        if gap.strip(" \t\r\n") or not run:
            flush()
            out.append(gap)
        elif charset != run_charset:
            flush()
        run_charset = charset
        run.append(data)
        pos = match.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


def header_text(value: object, max_chars: int) -> str:
    """A header value fit for display, storage and copying into a reply header.

    Decode first, then strip: CVE-2024-6923 (this Python, 3.11.7) re-serialises a decoded
    "=0D=0A" as a real line break, so the CR/LF that encoded words can carry is removed here
    rather than trusted to the email library on the way out.
    """
    text = raw_text(value)[: max_chars * 8]  # encoded words are up to ~6x longer than text
    return clean_line(decode_words(decode_8bit(_FOLD.sub("", text))), max_chars)


# --- message ids -----------------------------------------------------------------------------

_MSG_ID = re.compile(r"<([^<>\s]{1,900})>")
_BARE_MSG_ID = re.compile(r"[^<>\s@]{1,450}@[^<>\s@]{1,450}")


def message_ids(value: object, limit: int) -> list[str]:
    """The "<id>" tokens of a Message-ID/In-Reply-To/References value, at most `limit`,
    keeping the first and the most recent ones (RFC 5322 3.6.4: the root and the parent)."""
    text = clean_line(decode_8bit(raw_text(value)), max_chars=200_000)
    ids = [f"<{m}>" for m in _MSG_ID.findall(text)]
    if not ids:
        bare = _BARE_MSG_ID.fullmatch(text.strip())
        ids = [f"<{bare.group(0)}>"] if bare else []
    if len(ids) > limit:
        ids = ids[:1] + ids[-(limit - 1) :]
    return ids


# --- MIME parameters (Content-Type, Content-Disposition) -------------------------------------

MAX_PARAMS = 64               # parameters looked at per header
MAX_PARAM_HEADER_CHARS = 16 * 1024   # a 255-char CJK filename in RFC 2231 form is ~2.5 KB
_QUOTED = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_PLAIN = re.compile(r'[^;"]++')
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CONTINUATION = re.compile(r"^([^*]+)\*(\d{1,3})(\*?)$")
_TOKEN_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")


def _split(value: str) -> list[str]:
    """Split a header value on ";" outside quoted strings; at most MAX_PARAMS + 1 pieces."""
    pieces: list[str] = []
    start = pos = 0
    length = len(value)
    steps = 0
    while pos < length and len(pieces) <= MAX_PARAMS and steps < 8 * MAX_PARAMS:
        steps += 1
        char = value[pos]
        if char == ";":
            pieces.append(value[start:pos])
            start = pos = pos + 1
        elif char == '"':
            quoted = _QUOTED.match(value, pos)
            pos = quoted.end() if quoted else length  # an unclosed quote runs to the end
        else:
            plain = _PLAIN.match(value, pos)
            pos = plain.end() if plain else pos + 1
    if len(pieces) <= MAX_PARAMS:
        pieces.append(value[start:])
    return pieces


def _unquote(value: str) -> str:
    value = value.strip()
    if value.startswith('"'):  # an unclosed quote (cut header) still is a quoted string
        closed = len(value) >= 2 and value.endswith('"') and not value.endswith('\\"')
        return _UNESCAPE.sub(r"\1", value[1:-1] if closed else value[1:])
    return value


def first_raw(message: Message, name: str) -> str | None:
    """The first raw value of a header of one part, as the parser stored it.

    Not `message.get()`: for a value with 8-bit bytes compat32 returns a `Header` whose
    str() is one "=?unknown-8bit?...?=" word, hiding the parameters inside.
    """
    name = name.lower()
    for key, value in message.raw_items():
        if key.lower() == name:
            return raw_text(value)
    return None


def parse_params(value: object) -> tuple[str, dict[str, str]]:
    """(lower-cased main value, {lower-cased name: decoded value}) of a MIME header.

    Handles RFC 2231 (charset'language'%XX, continuations name*0*, name*1, ...) and RFC 2047
    encoded words inside values (not allowed, but what Outlook and Gmail send).
    """
    text = decode_8bit(_FOLD.sub("", raw_text(value)))[:MAX_PARAM_HEADER_CHARS]
    pieces = _split(text)
    main = pieces[0].strip().lower()
    params: dict[str, str] = {}
    # RFC 2231 segments: name -> {index: (value, percent-encoded)}
    segments: dict[str, dict[int, tuple[str, bool]]] = {}
    for piece in pieces[1:]:
        name, sep, raw_value = piece.partition("=")
        if not sep:
            continue
        name = name.strip().lower()
        continuation = _CONTINUATION.match(name)
        if continuation:
            base, index, star = continuation.groups()
            segments.setdefault(base, {})[int(index)] = (_unquote(raw_value), bool(star))
        elif name.endswith("*"):
            segments.setdefault(name[:-1], {})[0] = (_unquote(raw_value), True)
        elif name and name not in params:
            params[name] = decode_words(_unquote(raw_value))
    for base, parts in segments.items():
        charset = None
        data = bytearray()
        for index in sorted(parts):
            segment, encoded = parts[index]
            if encoded:
                if index == sorted(parts)[0] and segment.count("'") >= 2:
                    charset, _language, segment = segment.split("'", 2)
                data += unquote_to_bytes(segment)
            else:
                data += segment.encode("utf-8", "surrogateescape")
        # RFC 2231 values take precedence over the plain ones (RFC 2231 section 4).
        params[base] = decode_words(decode_bytes(bytes(data), charset or "utf-8")[0])
    return main, params


def content_type(value: object | None, default: str) -> tuple[str, dict[str, str], bool]:
    """(type/subtype, params, valid). An unparseable type becomes `default` (RFC 2045 5.2)."""
    if value is None:
        return default, {}, True
    main, params = parse_params(value)
    if _TOKEN_TYPE.fullmatch(main) is None:
        return default, params, False
    return main, params, True
