"""RFC 3834: which mails must never get an automatic reply."""

from __future__ import annotations

import pytest

from mailbot.mime.types import ParsedMail
from mailbot.replies.guard import machine_mail_reason

OWN = frozenset({"hsm-documents@mailbot.example"})


def mail(sender: str = "maria.santos@example.com", **headers: str) -> ParsedMail:
    return ParsedMail(
        message_id="<m@example.com>", from_address=sender, from_name="", to_addresses=(),
        subject="Documents", date=None, in_reply_to=None, references=(),
        headers=tuple((name.replace("_", "-").lower(), value) for name, value in headers.items()),
        text="",
    )


def test_a_person_writing_gets_a_reply() -> None:
    assert machine_mail_reason(mail(auto_submitted="no"), OWN) is None


@pytest.mark.parametrize("given", [
    mail(auto_submitted="auto-replied"),
    mail(auto_submitted="auto-generated; owner-email=x@y"),
    mail(precedence="bulk"),
    mail(precedence="list"),
    mail(precedence="junk"),
    mail(list_id="<jobs.example>"),
    mail(list_unsubscribe="<mailto:u@example>"),
    mail(return_path="<>"),
    mail(sender="MAILER-DAEMON@mx.example.net"),
    mail(sender="postmaster@example.com"),
    mail(sender="no-reply@example.com"),
    mail(sender="noreply@example.com"),
    mail(x_auto_response_suppress="OOF, AutoReply"),
    mail(content_type="multipart/report; report-type=delivery-status"),
    mail(sender="hsm-documents@mailbot.example"),
    mail(sender=""),
])
def test_machines_get_no_reply(given: ParsedMail) -> None:
    assert machine_mail_reason(given, OWN) is not None
