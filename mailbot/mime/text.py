"""Making untrusted mail text safe to display, log, store and copy into a reply header.

Every function here is linear in its input (plain loops over `str.find`/compiled regexes with
no backtracking between alternatives): the standard library's `html.parser` is not, on this
Python (feeding it "</" a few hundred thousand times takes minutes), so it is not used.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

# Characters that must never reach a header, a log line or a displayed name:
# C0/C1 controls (incl. CR, LF, NUL, ESC, DEL, NEL), the Unicode line/paragraph separators
# (str.splitlines() and some log viewers break lines on them), lone surrogates (undecodable
# bytes) and the bidi controls that make "passport\u202efdp.exe" display as "passportexe.pdf".
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff{_BIDI_CONTROLS}]")
# The subset of those that separate words: replaced by a space rather than deleted, so
# "Hello\r\nBcc: x" becomes "Hello Bcc: x" (harmless, on one line) and not "HelloBcc: x".
_SPACING = re.compile("[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f\\x85\\u2028\\u2029]")
_SPACES = re.compile(" {2,}")


def clean_line(value: str, max_chars: int) -> str:
    """One line of display text: no control, line-break or bidi character; at most max_chars."""
    value = _SPACING.sub(" ", value)
    value = _UNSAFE.sub("", value)
    value = _SPACES.sub(" ", value).strip()
    return value[:max_chars].rstrip()


def has_unsafe(value: str) -> bool:
    return _UNSAFE.search(value) is not None


# --- filenames -------------------------------------------------------------------------------

_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def clean_filename(name: str, max_chars: int, fallback: str) -> str:
    """A display name for a file: last path component, no control/bidi characters, capped.

    Never used as a path (documents are stored content-addressed), but shown to HR and
    quoted back to the candidate, so it must be one harmless line.
    """
    name = unicodedata.normalize("NFC", name)
    name = clean_line(name.replace("\\", "/").rsplit("/", 1)[-1], max_chars=len(name))
    # Leading dots and spaces ("..", ".hidden") and trailing ones (Windows drops them).
    name = name.strip(" .") or fallback
    if len(name) > max_chars:
        match = _EXTENSION.search(name)
        extension = match.group(0) if match else ""
        name = name[: max_chars - len(extension)].rstrip(" .") + extension
    return name


# --- charsets --------------------------------------------------------------------------------

# Codecs that exist but are not a way to read mail text: decoding with them either fails
# oddly or turns bytes into something else than what the sender typed.
_NOT_TEXT_CHARSETS = {"idna", "punycode", "unicode_escape", "raw_unicode_escape", "undefined"}


def text_codec(charset: str | None) -> str | None:
    """The Python codec name for a MIME charset, or None when it is unknown or not a text one."""
    if not charset:
        return None
    charset = charset.strip().strip('"').lower()
    if charset in {"unknown-8bit", "x-unknown", "8bit", "default"}:
        return None
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_TEXT_CHARSETS:
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, bool]:
    """Decode text bytes; returns (text, clean). `clean` is False when a fallback was needed.

    Unknown or wrong charsets fall back to UTF-8, then Windows-1252 (what mislabelled
    Western mail nearly always is), never raising.
    """
    codec = text_codec(charset)
    if codec is not None:
        try:
            return data.decode(codec), True
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), False
    # UTF-8 with no charset declared, or ASCII whatever was declared: not worth a defect.
    return text, charset is None or text.isascii()


# --- body text -------------------------------------------------------------------------------

_BODY_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ud800-\\udfff{_BIDI_CONTROLS}]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def clean_body(text: str, max_chars: int) -> str:
    """Plain text with \\n line ends, no control characters but tab/newline, capped."""
    text = text[: max_chars * 2]  # bound the work below before the final cut
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _BODY_UNSAFE.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()[:max_chars]


# Elements whose content is never text for a human: skipped with everything inside.
_SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg",
     "math", "textarea", "select", "xml"}
)
# Elements that end a line of text.
_BLOCK_ELEMENTS = frozenset(
    {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
     "blockquote", "hr", "pre", "section", "article", "header", "footer", "dd", "dt"}
)
# As in HTML: "<" must be followed directly by a letter (or "/" and a letter) to open a tag;
# "a < b" is text.
_TAG_NAME = re.compile(r"(/?)([A-Za-z][A-Za-z0-9:-]{0,30})")
_TAG_END_OR_QUOTE = re.compile(r"[>\"']")
_CLOSERS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"</{name}\\b", re.IGNORECASE) for name in _SKIPPED_ELEMENTS
}
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _tag_end(html_text: str, start: int) -> int:
    """Index just past the '>' closing the tag opened at start, skipping quoted attributes."""
    pos = start
    while True:
        match = _TAG_END_OR_QUOTE.search(html_text, pos)
        if match is None:
            return len(html_text)
        if match.group(0) == ">":
            return match.end()
        close = html_text.find(match.group(0), match.end())
        if close < 0:
            return len(html_text)
        pos = close + 1


def html_to_text(html_text: str) -> str:
    """The text a reader sees in an HTML mail: no tags, no script/style, entities decoded.

    A single forward scan; nothing is ever executed or fetched, attributes (event handlers,
    javascript: links, remote images) are dropped with their tags.
    """
    out: list[str] = []
    pos, length = 0, len(html_text)
    while pos < length:
        lt = html_text.find("<", pos)
        if lt < 0:
            out.append(_HTML_SPACE.sub(" ", html_text[pos:]))
            break
        out.append(_HTML_SPACE.sub(" ", html_text[pos:lt]))
        if html_text.startswith("<!--", lt):
            end = html_text.find("-->", lt + 4)
            pos = length if end < 0 else end + 3
            continue
        name_match = _TAG_NAME.match(html_text, lt + 1)
        if name_match is None:
            # "<" not starting a tag ("a < b", "<!DOCTYPE", "<?xml"): a declaration is skipped,
            # a lone "<" is text.
            if html_text.startswith(("<!", "<?"), lt):
                pos = _tag_end(html_text, lt + 2)
            else:
                out.append("<")
                pos = lt + 1
            continue
        name = name_match.group(2).lower()
        closing = name_match.group(1) == "/"
        pos = _tag_end(html_text, name_match.end())
        if name in _SKIPPED_ELEMENTS and not closing:
            closer = _CLOSERS[name].search(html_text, pos)
            pos = length if closer is None else _tag_end(html_text, closer.end())
        elif name in _BLOCK_ELEMENTS:
            out.append("\n")
        elif name in {"td", "th"}:
            out.append(" ")
    text = html.unescape("".join(out))
    return "\n".join(line.strip() for line in text.split("\n"))
