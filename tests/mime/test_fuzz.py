"""Property-based tests: whatever the bytes, parse_mail returns a sound ParsedMail, quickly.

Four generators: raw bytes; structured MIME (nested multiparts, forwards, every transfer
encoding, hostile header values) with byte-level mutations on top; mutated zip and TNEF
containers; and header values carrying line breaks through every encoding we decode.
"""

from __future__ import annotations

import base64
import os
import time
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.hostile.generate import PDF, b64, mail, multipart, part, tnef, zip_of
from mailbot.mime import MimeLimits, parse_mail
from mailbot.mime.text import clean_line
from tests.mime.invariants import UNSAFE, check_invariants

PER_MAIL_SECONDS = 2.0
# A few seconds in the normal run; set MAILBOT_FUZZ_EXAMPLES=20000 for a long hunt.
EXAMPLES = int(os.environ.get("MAILBOT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parse_checked(raw: bytes, limits: MimeLimits | None = None) -> None:
    started = time.perf_counter()
    parsed = parse_mail(raw, limits)
    assert time.perf_counter() - started < PER_MAIL_SECONDS
    check_invariants(parsed, limits)


# --- raw bytes -------------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=8192))
def test_random_bytes(raw: bytes) -> None:
    parse_checked(raw)


# --- structured MIME with mutations ----------------------------------------------------------

NASTY = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list('\r\n\x00\t\x1b\x7f\x85\u2028\u2029\u202e"\\;=?/%<>@:')),
    ),
    max_size=40,
)


@st.composite
def header_values(draw: st.DrawFn) -> bytes:
    value = draw(NASTY)
    form = draw(st.sampled_from(["raw", "latin1", "b", "q", "bogus"]))
    if form == "raw":
        return value.encode("utf-8", "surrogatepass")
    if form == "latin1":
        return value.encode("latin-1", "replace")
    if form == "b":
        return b"=?utf-8?b?" + base64.b64encode(value.encode("utf-8", "surrogatepass")) + b"?="
    if form == "q":
        return b"=?utf-8?q?" + quote(value).replace("%", "=").encode() + b"?="
    return b"=?x-bogus?q?" + value.encode("utf-8", "surrogatepass") + b"?="


HEADER_NAMES = st.sampled_from(["From", "To", "Subject", "Date", "Message-ID", "In-Reply-To",
                                "References", "Content-Type", "Content-Disposition", "X-Any",
                                "Content-Transfer-Encoding", "Content-ID", "Auto-Submitted"])
CONTENT_TYPES = st.sampled_from([
    "text/plain", "text/html", "application/pdf", "image/png", "application/zip",
    "application/ms-tnef", "message/rfc822", "application/octet-stream", "multipart/mixed",
    "image/", "text/plain; charset=x-bogus", "text/html; charset=utf-16"])
ENCODINGS = st.sampled_from([None, "base64", "quoted-printable", "7bit", "8bit", "binary",
                             "x-uuencode", "bogus"])
PAYLOADS = st.one_of(
    st.binary(max_size=400),
    st.just(PDF),
    st.just(zip_of([("a.pdf", PDF), ("../b.png", b"\x89PNG")])),
    st.just(tnef([("p.pdf", PDF)])),
    st.just(b"<html><script>alert(1)</script><p>hi</p></html>"),
)


@st.composite
def leaves(draw: st.DrawFn) -> bytes:
    payload = draw(PAYLOADS)
    cte = draw(ENCODINGS)
    body = b64(payload) if cte == "base64" else payload
    disposition = draw(st.one_of(st.none(), st.sampled_from(["attachment", "inline"])))
    headers: tuple[bytes, ...] = ()
    if disposition is not None:
        name = draw(header_values())
        disposition_value = disposition.encode() + b'; filename="' + name + b'"'
        headers = (b"Content-Disposition: " + disposition_value,)
    return part(draw(CONTENT_TYPES), body, cte=cte, headers=headers)


def _entities(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.builds(lambda kids, sub, close: multipart(sub, kids, f"=_{len(kids)}", close),
                  st.lists(children, max_size=4), st.sampled_from(["mixed", "alternative",
                                                                   "related", "digest"]),
                  st.booleans()),
        st.builds(lambda inner: part("message/rfc822", b"Subject: fwd\r\n" + inner), children),
    )


ENTITIES = st.recursive(leaves(), _entities, max_leaves=8)


@st.composite
def mutated_mails(draw: st.DrawFn) -> bytes:
    extra = tuple(name.encode() + b": " + value for name, value in draw(
        st.lists(st.tuples(HEADER_NAMES, header_values()), max_size=6)))
    raw = bytearray(mail("fuzz", draw(ENTITIES), extra=extra))
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.integers(0, max(len(raw) - 1, 0)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "flip" and raw:
            raw[where] ^= chunk[0] | 1
        elif action == "delete":
            del raw[where : where + len(chunk)]
        elif action == "insert":
            raw[where:where] = draw(st.sampled_from([chunk, b"\r\n", b"--=_1\r\n", b"=?",
                                                     b'"', b"\r\n\r\n"]))
        elif action == "truncate":
            del raw[where:]
        else:
            raw[where:where] = raw[where : where + 64]
    return bytes(raw)


@FUZZ
@given(mutated_mails())
def test_mutated_mime(raw: bytes) -> None:
    parse_checked(raw)


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 1))
@given(mutated_mails())
def test_mutated_mime_with_tight_limits(raw: bytes) -> None:
    limits = MimeLimits(max_attachment_bytes=300, max_zip_members=1, max_zip_total_bytes=500,
                        max_zip_ratio=2, max_zip_depth=1, max_mime_depth=2,
                        max_forward_depth=1, max_attachments=2, max_mime_parts=5,
                        max_headers=3, max_subject_chars=10, max_text_chars=50,
                        max_filename_chars=12)
    parse_checked(raw, limits)


# --- containers ------------------------------------------------------------------------------

CONTAINERS = {
    "zip": zip_of([("a.pdf", PDF), ("sub/b.pdf", PDF * 2), ("c/", b"")]),
    "tnef": tnef([("p.pdf", PDF), ("q.pdf", PDF[:100])]),
}


FIELDS = [b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\xff\xff\x00\x00", b"\x01\x00\x00\x80"]


@st.composite
def mutated_containers(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(CONTAINERS)))
    data = bytearray(CONTAINERS[kind])
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data) - 1))
        value = draw(st.one_of(st.integers(0, 255), st.sampled_from([0x00, 0xFF, 0x7F, 0x80])))
        if draw(st.booleans()):
            data[where] = value
        else:  # a whole little-endian field: counts and lengths are the hostile part
            data[where : where + 4] = draw(st.sampled_from(FIELDS))
    return kind, bytes(data)


@FUZZ
@given(mutated_containers())
def test_mutated_containers(container: tuple[str, bytes]) -> None:
    kind, data = container
    name, ctype = ("docs.zip", "application/zip") if kind == "zip" else ("winmail.dat",
                                                                         "application/ms-tnef")
    raw = mail("c", part(f'{ctype}; name="{name}"', data, cte="binary",
                         disposition=f'attachment; filename="{name}"'))
    parse_checked(raw)


# --- header injection ------------------------------------------------------------------------

BREAKS = ("\r", "\n", "\x00", "\x85", "\u2028", "\u2029")


@FUZZ
@given(st.text(max_size=120))
def test_no_line_break_survives_decoding(value: str) -> None:
    utf8 = value.encode("utf-8", "surrogatepass")
    word = "=?utf-8?b?" + base64.b64encode(utf8).decode() + "?="
    percent = quote(utf8, safe="")
    raw = mail("inject", multipart("mixed", [
        part("text/plain", b"x"),
        part("application/pdf", b64(PDF), cte="base64",
             disposition=f"attachment; filename*=UTF-8''{percent}.pdf"),
        part("application/pdf", b64(PDF), cte="base64",
             disposition=f'attachment; filename="{word}"'),
    ]), subject=word, sender=f"{word} <ann@example.com>", extra=(f"X-Echo: {word}",))
    parsed = parse_mail(raw)
    check_invariants(parsed)
    exposed = [parsed.subject, parsed.from_name, parsed.from_address,
               *(v for _, v in parsed.headers), *(a.filename for a in parsed.attachments)]
    for text_value in exposed:
        assert not any(b in text_value for b in BREAKS)
        assert not UNSAFE.search(text_value)
    # Nothing the sender wrote is lost beyond the unsafe characters themselves.
    assert parsed.subject == clean_line(value, MimeLimits().max_subject_chars)
    assert parsed.from_address == "ann@example.com"

    # The CVE-2024-6923 path: copy the subject into a reply and serialise it with the email
    # library of this very Python; exactly one Subject comes back, and no other header.
    reply = EmailMessage(policy=default_policy)
    reply["Subject"] = "Re: " + parsed.subject
    reply.set_content("ok")
    again = BytesParser(policy=default_policy).parsebytes(reply.as_bytes())
    assert [k.lower() for k in again] == ["subject", "content-type",
                                          "content-transfer-encoding", "mime-version"]
