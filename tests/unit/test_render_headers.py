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
