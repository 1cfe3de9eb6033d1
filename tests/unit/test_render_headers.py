"""Outbound headers built from inbound text always render (a subject that did not once kept an
HR notice from ever going out, and left its mail failing)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

import pytest

from mailbot.replies.message import OutgoingMail, render

HOSTILE_SUBJECTS = [
    "Mail #31 needs you: =?x-unknown?q?=CA=FE?= documents",  # a broken encoded word, kept literal
    "Re: =?iso-8859-1?q?=CAtat?= civil \udcca",               # with a raw 8-bit byte as surrogate
    "passport \udcca\udcfe",
    "Re: " + "=?utf-8?q?long?= " * 40,
]


@pytest.mark.parametrize("subject", HOSTILE_SUBJECTS)
def test_an_inbound_subject_never_stops_a_mail_from_rendering(subject: str) -> None:
    # Given a subject copied from a hostile or broken inbound mail
    mail = OutgoingMail("<n@mailbot.example>", "bot@mailbot.example", "Bot", ("hr@example.org",),
                        subject, "text", "<p>text</p>", datetime(2026, 11, 2, tzinfo=UTC))
    # When it is rendered
    raw = render(mail)
    # Then the mail is well-formed, single-line headers, and the subject reads back as text
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert "\n" not in str(parsed["subject"])
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert str(parsed["subject"]).startswith(subject[:4].replace("\udcca", "\ufffd"))
def test_a_resent_copy_is_a_new_message_with_every_other_byte_as_sent() -> None:
    from mailbot.replies.message import as_resent

    original = render(OutgoingMail(
        message_id="<first@mailbot.example>", from_address="bot@mailbot.example",
        from_name="HSM documents", to=("old@example.com",), subject="Re: documents",
        text="Still missing: TB declaration\n", html="<p>Still missing</p>",
        date=datetime(2026, 11, 1, tzinfo=UTC), in_reply_to="<m1@example.com>",
        references=("<m0@example.com>", "<m1@example.com>")))
    copy = as_resent(original, "<second@mailbot.example>", datetime(2026, 12, 1, tzinfo=UTC),
                     ("maria@example.com",))
    head = copy.split(b"\r\n\r\n", 1)[0]
    assert head.count(b"Message-ID:") == 1 and b"Message-ID: <second@mailbot.example>" in head
    assert head.count(b"\r\nTo:") + head.startswith(b"To:") == 1
    assert b"To: maria@example.com" in head and b"old@example.com" not in copy
    assert b"Date: Tue, 01 Dec 2026" in head and b"Nov 2026" not in head
    assert b"In-Reply-To: <m1@example.com>" in head
    assert copy.split(b"\r\n\r\n", 1)[1] == original.split(b"\r\n\r\n", 1)[1]
