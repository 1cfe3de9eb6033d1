"""Whose mail is it when the From is not the person's own mailbox? Pure: headers in, an
address out.

Lists, groups and forwarders that rewrite From for DMARC ("Anna Jansen via HR Group"
<group@…>, Google Groups, Mailman's munged From, groups.io's "anna=gmail.com@…"), and web
forms or ticket relays that send in their own name with the person in Reply-To, put their own
address in From. Answering that From writes to the relay: at best nobody reads it, at worst
a group of strangers does. The case belongs to the person who wrote the mail.

Only what the relay itself says counts, in this order:
  1. X-Original-From (Google Groups, many forwarders): the author as the relay received it.
  2. A From display name "Name via Relay" (or "Name (via Relay)"):
     a. the one Reply-To address that is not the relay's own, a machine's or ours;
     b. else the address written into From's local part ("anna.jansen=gmail.com@relay").
  3. Without "via", a From local part that is such a rewritten address.
A relay whose author cannot be told this way is `Relayed("")`: set aside for HR, never
answered (the only address there is belongs to the relay, not the person).

A plain "on behalf of" mail (From the person, Sender an assistant or a list) is the From's:
From is the author (RFC 5322 3.6.2), and a Reply-To naming someone else is not followed, so
a reply never reaches an address that is not the case's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses

from mailbot.intake.rules import MailFacts, bounce_handler, local_part, machine_local_part
from mailbot.mime.parse import replyable_address

# "Anna Jansen via HR Group", "'Anna Jansen' via Relocation", "Ravi (via Google Drive)".
_VIA = re.compile(r"^\s*['\"]?(?P<name>.{1,120}?)['\"]?\s+\(?via\s+(?P<relay>[^)]{1,120})\)?\s*$",
                  re.IGNORECASE)
# groups.io and DMARC-munging forwarders: "anna.jansen=gmail.com@relay.example".
_REWRITTEN_LOCAL = re.compile(r"^(?P<user>[^=@\s]{1,64})=(?P<domain>[a-z0-9-]{1,63}"
                              r"(\.[a-z0-9-]{1,63})+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Relayed:
    address: str        # the author's own address, "" when it cannot be told
    name: str           # the author's display name, "" when unknown
    how: str            # what showed it, for the log and HR

    @property
    def reason(self) -> str:
        return f"relayed: {self.how}"


def relayed_author(facts: MailFacts) -> Relayed | None:
    """The author of a mail a relay sent in its own name, or None for a mail whose From is
    the sender's own (see the module docstring)."""
    parsed = facts.parsed
    sender = parsed.from_address
    if not sender or machine_local_part(sender) or bounce_handler(sender):
        # A no-reply relay ("Ravi via Google Drive" <drive-shares-noreply@…>) is a machine's
        # notification; its rules decide.
        return None
    original = _addresses(facts, "x-original-from")
    if original and original[0][1] != sender:
        name, address = original[0]
        if _usable(facts, address, sender):
            return Relayed(address, name, f"X-Original-From of a mail sent as {sender}")
    via = _VIA.match(parsed.from_name)
    rewritten = _rewritten(sender)
    if via is not None and rewritten is None and _names_the_mailbox(via.group("name"), sender):
        via = None  # "Maria Via Lopez" <maria.vialopez@…>: a surname, her own mailbox
    if via is None and rewritten is None:
        return None
    if via is not None:
        others = [(n, a) for n, a in _addresses(facts, "reply-to") if _usable(facts, a, sender)]
        if len(others) == 1:
            name, address = others[0]
            return Relayed(address, name or via.group("name"),
                           f"Reply-To of a mail sent as {sender} via {via.group('relay')[:40]}")
    if rewritten is not None and _usable(facts, rewritten, sender):
        name = via.group("name") if via else parsed.from_name
        return Relayed(rewritten, name, f"the address {sender} was rewritten from")
    if via is None:
        return None
    return Relayed("", via.group("name"),
                   f"sent as {sender} via {via.group('relay')[:40]}; the writer's own address "
                   "is not in the mail")


def _addresses(facts: MailFacts, header: str) -> list[tuple[str, str]]:
    values = facts.values(header)[:1]
    return [(name.strip(), address.lower()) for name, address in getaddresses(values)
            if address]


def _usable(facts: MailFacts, address: str, sender: str) -> bool:
    return (address != sender and replyable_address(address) == address
            and address not in facts.own_addresses and not machine_local_part(address)
            and not bounce_handler(address))


def _names_the_mailbox(name: str, sender: str) -> bool:
    """Whether a word of the name is in the address's local part (the writer's own box)."""
    local = local_part(sender).lower()
    return any(len(word) >= 3 and word in local
               for word in re.split(r"[^\w]+", name.lower()) if word)


def _rewritten(sender: str) -> str | None:
    match = _REWRITTEN_LOCAL.match(local_part(sender))
    return f"{match.group('user')}@{match.group('domain')}".lower() if match else None
