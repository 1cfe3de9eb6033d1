"""Decoding and cleaning helpers, including the inputs that are quadratic in the stdlib."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from mailbot.mime.headers import decode_words, header_text, message_ids, parse_params
from mailbot.mime.text import clean_filename, clean_line, decode_bytes, html_to_text


@pytest.mark.parametrize(("value", "expected"), [
    ("Hello\r\nBcc: x@y", "Hello Bcc: x@y"),
    ("a\x00b", "ab"),
    ("tab\there", "tab here"),
    ("line\u2028sep\u2029para\x85nel", "line sep para nel"),
    ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    ("rtl\u202eexe.pdf\u202c", "rtlexe.pdf"),
    ("  many    spaces  ", "many spaces"),
])
def test_clean_line(value: str, expected: str) -> None:
    assert clean_line(value, 100) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ana\\passport.pdf", "passport.pdf"),
    ("/abs/", "fallback"),
    ("..", "fallback"),
    ("", "fallback"),
    (" .hidden. ", "hidden"),
    ("a\x00b\r\nc.pdf", "ab c.pdf"),
    ("x" * 300 + ".jpeg", "x" * 15 + ".jpeg"),
    ("y" * 300, "y" * 20),
])
def test_clean_filename(name: str, expected: str) -> None:
    assert clean_filename(name, 20, "fallback") == expected


def test_decode_bytes_falls_back_and_reports() -> None:
    assert decode_bytes("é".encode(), "utf-8") == ("é", True)
    assert decode_bytes("é".encode("latin-1"), "utf-8") == ("é", False)
    assert decode_bytes(b"abc", "no-such-charset") == ("abc", True)
    assert decode_bytes("é".encode(), "no-such-charset") == ("é", False)
    assert decode_bytes(b"abc", "base64")[0] == "abc"  # a codec, but not a text one


def test_decode_words() -> None:
    assert decode_words("=?utf-8?q?a_b?= =?utf-8?q?c?=") == "a bc"
    assert decode_words("x =?utf-8?b?w6k=?= y") == "x é y"
    # One character split over two words (RFC 2047 forbids it; encoders do it anyway).
    assert decode_words("=?utf-8?q?=D0?= =?utf-8?q?=BF?=") == "п"
    assert decode_words("=?bogus?q?abc?=") == "abc"
    assert decode_words("=?utf-8*en?q?lang?=") == "lang"
    assert decode_words("no words here") == "no words here"


def test_header_text_strips_what_decoding_reveals() -> None:
    assert header_text("=?utf-8?q?Hi=0D=0ABcc:_a@b?=", 100) == "Hi Bcc: a@b"
    assert header_text("folded\r\n value", 100) == "folded value"
    assert header_text("\udcc3\udca9t\udce9", 100) == "ét\ufffd" or header_text(
        "\udcc3\udca9t\udce9", 100).startswith("Ã")


def test_message_ids() -> None:
    assert message_ids("<a@b> junk <c@d>", 10) == ["<a@b>", "<c@d>"]
    assert message_ids("bare@id.example", 10) == ["<bare@id.example>"]
    assert message_ids("<<<>>>", 10) == []
    assert message_ids(" ".join(f"<{n}@x>" for n in range(100)), 3) == ["<0@x>", "<98@x>",
                                                                        "<99@x>"]


def test_parse_params() -> None:
    assert parse_params('attachment; filename="a;b.pdf"; size=3') == (
        "attachment", {"filename": "a;b.pdf", "size": "3"})
    assert parse_params('inline; FILENAME="q\\"uote.pdf"')[1] == {"filename": 'q"uote.pdf'}
    assert parse_params("attachment; filename*=''%41.pdf")[1] == {"filename": "A.pdf"}
    assert parse_params('attachment; filename="unclosed.pdf')[1] == {"filename": "unclosed.pdf"}
    assert parse_params("attachment; filename=plain.pdf; filename*=utf-8''better.pdf")[1] == {
        "filename": "better.pdf"}
    assert parse_params('x; name="=?utf-8?b?0L8ucGRm?="')[1] == {"name": "п.pdf"}
    assert parse_params("Multipart/Mixed")[0] == "multipart/mixed"


def test_html_to_text() -> None:
    html = ('<div>One<br/>Two</div><!-- hidden --><p title="a > b">Three &eacute; &#233;</p>'
            "<table><tr><td>a</td><td>b</td></tr></table>a < b<script>x()</script>"
            '<STYLE type="text/css">p{}</STYLE>end<!DOCTYPE x><?xml x?>')
    # Script and style vanish with their content; inline, like a browser shows "bend".
    assert html_to_text(html).split() == ["One", "Two", "Three", "é", "é", "a", "b", "a", "<",
                                          "bend"]
    assert html_to_text("<script>never closed") == ""
    assert html_to_text("<p unclosed").strip() == ""


N = 200_000
ADVERSARIAL: list[tuple[str, Callable[[], object]]] = [
    ("html </", lambda: html_to_text("</" * N)),
    ("html <!", lambda: html_to_text("<!" * N)),
    ("html <", lambda: html_to_text("<" * N)),
    ("html quotes", lambda: html_to_text("<a " + '"' * N)),
    ("html scripts", lambda: html_to_text("<script>" * N)),
    ("html comments", lambda: html_to_text("<!--" * N)),
    ("params ;", lambda: parse_params("attachment" + ";" * N)),
    ("params quotes", lambda: parse_params('a; f="' + '\\"' * N)),
    ("params pairs", lambda: parse_params('a; ' + '""' * N)),
    ("params storm", lambda: parse_params("; ".join(f"p{i}*{i}*=x" for i in range(N // 10)))),
    ("encoded words", lambda: decode_words("=?utf-8?q?a?= " * (N // 10))),
    ("encoded openers", lambda: decode_words("=?" * N)),
    ("header text", lambda: header_text("=?utf-8?b?" + "A" * N + "?=", 1000)),
    ("message ids", lambda: message_ids("<" * N + "@" + ">" * N, 50)),
    ("filename", lambda: clean_filename("/" * N + "\u202e" * N, 150, "x")),
]


@pytest.mark.parametrize(("label", "call"), ADVERSARIAL, ids=[a[0] for a in ADVERSARIAL])
def test_linear_on_adversarial_input(label: str, call: Callable[[], object]) -> None:
    # CPU time, not wall time: a quadratic regex costs seconds of CPU, while a machine busy
    # with other work only stretches the wall clock (CI saw 1.14 s at a load average of 10).
    started = time.process_time()
    call()
    assert time.process_time() - started < 1.0, label
