"""Never answer a machine (RFC 3834): each rule a tiny class with a name and one `check()`.

The mail is still stored and visible to HR; it just gets no automatic reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from mailbot.mime.types import ParsedMail

_MACHINE_LOCALPART = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|bounces?|auto-?reply)"
    r"([+\-._].*)?$",
    re.IGNORECASE,
)


class Rule(Protocol):
    name: str
    description: str

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool: ...


@dataclass(frozen=True)
class AutoSubmitted:
    name: str = "auto-submitted"
    description: str = "Auto-Submitted is present and not 'no' (RFC 3834 section 5)"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        value = mail.header("auto-submitted")
        return value is not None and value.strip().lower().split(";")[0].strip() != "no"


@dataclass(frozen=True)
class BulkPrecedence:
    name: str = "precedence"
    description: str = "Precedence is bulk, junk or list"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        value = (mail.header("precedence") or "").strip().lower()
        return value in {"bulk", "junk", "list"}


@dataclass(frozen=True)
class MailingList:
    name: str = "mailing-list"
    description: str = "List-Id or List-Unsubscribe is present"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        return mail.header("list-id") is not None or mail.header("list-unsubscribe") is not None


@dataclass(frozen=True)
class NullReturnPath:
    name: str = "null-return-path"
    description: str = "Return-Path is <> (a bounce or other notification)"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        return any(value.strip() in {"<>", ""} for value in mail.header_values("return-path"))


@dataclass(frozen=True)
class MachineSender:
    name: str = "machine-sender"
    description: str = "the sender is MAILER-DAEMON, postmaster or a no-reply address"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        local = mail.from_address.partition("@")[0]
        return not mail.from_address or bool(_MACHINE_LOCALPART.match(local))


@dataclass(frozen=True)
class SuppressAutoResponse:
    name: str = "x-auto-response-suppress"
    description: str = "X-Auto-Response-Suppress asks for no automatic replies"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        value = (mail.header("x-auto-response-suppress") or "").lower()
        return any(word in value for word in ("all", "autoreply", "oof"))


@dataclass(frozen=True)
class DeliveryReport:
    name: str = "report"
    description: str = "a multipart/report (bounce, read receipt) or delivery notification"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        content_type = (mail.header("content-type") or "").lower()
        return content_type.startswith("multipart/report")


@dataclass(frozen=True)
class FromOurselves:
    name: str = "from-ourselves"
    description: str = "the mail comes from the bot's own address (a loop)"

    def check(self, mail: ParsedMail, own_addresses: frozenset[str]) -> bool:
        return mail.from_address in own_addresses


RULES: tuple[Rule, ...] = (
    FromOurselves(),
    AutoSubmitted(),
    DeliveryReport(),
    NullReturnPath(),
    MachineSender(),
    BulkPrecedence(),
    MailingList(),
    SuppressAutoResponse(),
)


def machine_mail_reason(mail: ParsedMail, own_addresses: frozenset[str]) -> str | None:
    """The description of the first rule that says 'do not answer', or None for a human mail."""
    own = frozenset(address.lower() for address in own_addresses)
    for rule in RULES:
        if rule.check(mail, own):
            return rule.description
    return None
