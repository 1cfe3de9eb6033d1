"""Intake: who sent this mail, and may we answer it? Pure: a parsed mail in, a decision out.

The chain, in order (GNU Mailman's "chain of rules", each hit named in the log):

  1. from-ourselves                 our own mail came back: ignore (a loop).
  2. an allowed forwarder           (`MAILBOT_FORWARDERS`) forwarded a candidate's mail: judge
                                    the original and answer the original sender, never the
                                    forwarder; no original sender found -> set aside for HR.
  3. certain machine rules          (rules.CERTAIN_RULES): no reply; ignored, or held for HR
                                    with its documents read when it carries files of its own
                                    (a job portal passing on an application, a list post).
  4. the operator's spam verdict    (`MAILBOT_SPAM_VERDICT_HEADERS`): no reply; held for HR
                                    with its documents read when it carries any.
  5. heuristic machine rules        (rules.heuristic_judgement): two signals, or one that
                                    needs no second: no reply; held for HR with its documents
                                    read when it carries documents of its own. A single
                                    phrase or hint (rules.LONE_SIGNAL_RULES) with person
                                    evidence (own documents, a question): a person, step 7;
                                    without: held for HR, never silently ignored.
  6. no usable sender               set aside for HR, documents read, HR told; so is a mail a
                                    relay sent in its own name ("Name via Group") whose
                                    writer's own address cannot be told (intake.relay).
  7. otherwise                      a person: process and answer, at the writer's own
                                    address (a relay's X-Original-From or Reply-To).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parseaddr
from enum import StrEnum

from mailbot.config import Settings
from mailbot.intake import rules
from mailbot.intake.relay import relayed_author
from mailbot.intake.rules import MailFacts, Verdict
from mailbot.mime.headers import header_text, message_ids
from mailbot.mime.mail_limits import MimeLimits
from mailbot.mime.parse import SYNTHETIC_DOMAIN, parse_mail
from mailbot.mime.types import ParsedMail

log = logging.getLogger("mailbot.intake")

REPLY_REFERENCES = 20   # the parent's References a reply carries on (first and latest)


class Action(StrEnum):
    ANSWER = "answer"        # a person: process the documents and reply
    IGNORE = "ignore"        # a machine: stored and visible to HR, no reply, nothing read
    HOLD = "hold"            # no reply; documents read and held for HR to look at
    SET_ASIDE = "set_aside"  # a person we cannot answer: documents read, HR told


@dataclass(frozen=True)
class IntakePolicy:
    own_addresses: frozenset[str] = frozenset()
    forwarders: frozenset[str] = frozenset()          # addresses and "@domain"s
    spam_verdicts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    limits: MimeLimits = field(default_factory=MimeLimits)

    @classmethod
    def from_settings(cls, settings: Settings) -> IntakePolicy:
        return cls(
            own_addresses=frozenset({settings.from_address.lower()}),
            forwarders=settings.forwarder_addresses,
            spam_verdicts=settings.spam_verdicts,
            limits=MimeLimits.from_settings(settings),
        )

    def is_forwarder(self, address: str) -> bool:
        address = address.lower()
        return bool(address) and (address in self.forwarders
                                  or "@" + address.rpartition("@")[2] in self.forwarders)


@dataclass(frozen=True)
class Intake:
    action: Action
    reason: str               # "rule: what it saw", for the log, the inbound note and HR
    sender: str = ""          # the address the case belongs to ("" when there is none)
    sender_name: str = ""
    forwarded_by: str | None = None   # the allowed forwarder, never to be answered
    verdict: Verdict | None = None


def decide(parsed: ParsedMail, raw: bytes, policy: IntakePolicy) -> Intake:
    """The intake decision for one mail (see the module docstring for the chain)."""
    facts = facts_of(parsed, raw, policy)
    looped = rules.judge(facts, (rules.FromOurselves(),))
    if looped:
        return Intake(Action.IGNORE, looped.reason, verdict=looped)
    forwarded = _forwarded(facts, policy)
    if forwarded is not None:
        return forwarded
    judged = _judged(facts, policy, parsed.from_address, parsed.from_name)
    if judged.action is not Action.ANSWER:
        return judged
    # The relay's mail is judged as it is (a notification sent "via" a platform stays one,
    # filed under its From); only a person's case, and the reply, go to the writer's own
    # address, and to nobody when it cannot be told.
    relayed = relayed_author(facts)
    if relayed is None:
        return judged
    if not relayed.address:
        return Intake(Action.SET_ASIDE, f"no-usable-sender: {relayed.reason}")
    log.info("a relay sent the mail in its own name: answered at the writer's own address")
    return Intake(Action.ANSWER, f"a person ({relayed.reason})", relayed.address,
                  relayed.name)


def facts_of(parsed: ParsedMail, raw: bytes, policy: IntakePolicy) -> MailFacts:
    """The rules' view of one mail: the MIME tree parse_mail already built (the bytes are
    parsed once per mail; a tree it could not build in full is not judged by structure)."""
    own = frozenset(a.lower() for a in policy.own_addresses)
    return MailFacts(parsed, parsed.tree, own, len(raw))


def _judged(facts: MailFacts, policy: IntakePolicy, sender: str, sender_name: str,
            *, skip: tuple[str, ...] = (), forwarded_by: str | None = None) -> Intake:
    certain = tuple(r for r in rules.CERTAIN_RULES if r.name not in skip)
    verdict = rules.judge(facts, certain)
    documents = rules.own_documents(facts.parsed)
    if verdict is not None:
        # A machine that carries files of its own (a job portal passing on an application,
        # a list post with a scan) is still never answered, but HR sees the files.
        action = Action.HOLD if documents else Action.IGNORE
        return Intake(action, verdict.reason, sender, sender_name, forwarded_by, verdict)
    spam = rules.judge(facts, (rules.SpamVerdict(policy.spam_verdicts),))
    if spam is not None:
        action = Action.HOLD if documents else Action.IGNORE
        return Intake(action, spam.reason, sender, sender_name, forwarded_by, spam)
    weighed = rules.heuristic_judgement(facts, skip)
    verdict = weighed.verdict
    if verdict is not None and weighed.corroborated:
        action = Action.HOLD if documents else Action.IGNORE
        return Intake(action, verdict.reason, sender, sender_name, forwarded_by, verdict)
    if verdict is not None and weighed.person is None:
        # One phrase or hint a person could have written, and nothing else either way: no
        # reply, but HR is told, so a person is never silently dropped.
        return Intake(Action.HOLD, f"{verdict.reason} (a single uncertain signal)", sender,
                      sender_name, forwarded_by, verdict)
    if verdict is not None:
        log.info("a lone %s signal is outweighed by %s: answered as a person's mail",
                 verdict.rule, weighed.person)
    if not sender:
        what = next((d for d in facts.parsed.defects if "From" in d), "no From address")
        return Intake(Action.SET_ASIDE, f"no-usable-sender: {what}", forwarded_by=forwarded_by)
    return Intake(Action.ANSWER, "a person", sender, sender_name, forwarded_by)


# --- forwarded mail ---------------------------------------------------------------------------

# The first "From:" line of an inline-forwarded mail (Outlook, Gmail, Apple Mail, Thunderbird
# in EN/NL/DE/FR/ES/PT/IT/Nordic), bold markers and "mailto:" included.
_INLINE_FROM = re.compile(
    r"^[> \t*]{0,20}(from|van|von|de|da|fra|från|od|afzender|absender|exp(é|e)diteur|remitente|"
    r"remetente|mittente)[ \t]{0,5}:[ \t*]{0,10}(?P<rest>.{0,300})$",
    re.IGNORECASE | re.MULTILINE,
)
_ADDRESS = re.compile(r"[A-Za-z0-9._%+'=-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")


def _forwarded(facts: MailFacts, policy: IntakePolicy) -> Intake | None:
    parsed = facts.parsed
    if not policy.forwarders:
        return None
    if policy.is_forwarder(parsed.from_address):
        forwarder = parsed.from_address
        inner = _attached_original(facts)
        if inner is not None:
            inner_facts = facts_of(*inner, policy)
            inner_parsed = inner_facts.parsed
            if not inner_parsed.from_address or policy.is_forwarder(inner_parsed.from_address):
                return _unknown_original(forwarder)
            # The original's words and headers decide; the documents are the whole mail's.
            judged = _judged(inner_facts, policy, inner_parsed.from_address,
                             inner_parsed.from_name, forwarded_by=forwarder)
            return _forward_outcome(judged, parsed)
        original = _inline_original(parsed.text, policy)
        if original is None:
            return _unknown_original(forwarder)
        marker = rules.machine_local_part(original)
        if marker:
            return Intake(Action.IGNORE, f"forwarded machine mail: {original} ({marker})",
                          original, "", forwarder)
        return Intake(Action.ANSWER, f"forwarded by {forwarder}", original, "", forwarder)
    for header in ("resent-from", "resent-sender", "sender"):
        redirector = next((a for v in facts.values(header) for a in rules.addresses_in(v)
                           if policy.is_forwarder(a)), None)
        if redirector and parsed.from_address and not policy.is_forwarder(parsed.from_address):
            # A redirect keeps the candidate's From; the forwarding rule adds the RFC 3834
            # markers itself, so those two say nothing about the original.
            judged = _judged(facts, policy, parsed.from_address, parsed.from_name,
                             skip=("auto-submitted", "x-auto-response-suppress"),
                             forwarded_by=redirector)
            return judged
    return None


def _forward_outcome(judged: Intake, outer: ParsedMail) -> Intake:
    if judged.action is Action.ANSWER:
        return Intake(Action.ANSWER, f"forwarded by {judged.forwarded_by}", judged.sender,
                      judged.sender_name, judged.forwarded_by)
    if judged.action is Action.IGNORE and rules.own_documents(outer):
        return Intake(Action.HOLD, f"forwarded: {judged.reason}", judged.sender,
                      judged.sender_name, judged.forwarded_by, judged.verdict)
    return Intake(judged.action, f"forwarded: {judged.reason}", judged.sender,
                  judged.sender_name, judged.forwarded_by, judged.verdict)


def reply_thread(raw: bytes, message_id: str, policy: IntakePolicy) -> tuple[str, list[str]]:
    """The Message-ID a reply to this stored mail answers, and the References before it.

    For a candidate's mail that an allowed forwarder passed on as an attachment, that is the
    candidate's own mail: their client knows its Message-ID, never the forwarder's. For any
    other mail (and when the original has no Message-ID of its own) it is the mail itself."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw)
    own = (message_id, message_ids(headers.get("References", ""), limit=REPLY_REFERENCES))
    sender = parseaddr(header_text(headers.get("From", ""), 998))[1]
    if not policy.forwarders or not policy.is_forwarder(sender):
        return own
    parsed = parse_mail(raw, policy.limits)
    inner = _attached_original(facts_of(parsed, raw, policy))
    if inner is None or inner[0].message_id.endswith(f"@{SYNTHETIC_DOMAIN}>"):
        return own
    original = inner[0]
    return original.message_id, message_ids(original.header("references") or "",
                                            limit=REPLY_REFERENCES)


def _unknown_original(forwarder: str) -> Intake:
    return Intake(Action.SET_ASIDE, f"forwarded-by-{forwarder}: the original sender could "
                  "not be read", forwarded_by=forwarder)


def _attached_original(facts: MailFacts) -> tuple[ParsedMail, bytes] | None:
    """The first forwarded mail attached as message/rfc822, parsed on its own."""
    for part in rules.top_parts(facts.message, depth=3):
        if part.get_content_type() != "message/rfc822" or not part.is_multipart():
            continue
        children = [p for p in part.get_payload() if isinstance(p, Message)]
        if not children:
            continue
        try:
            data = children[0].as_bytes()
        except Exception:
            continue
        return parse_mail(data), data
    return None


def _inline_original(text: str, policy: IntakePolicy) -> str | None:
    for match in _INLINE_FROM.finditer(text[:100_000]):
        address = _ADDRESS.search(match.group("rest"))
        if address is None:
            continue
        found = address.group(0).lower()
        if found in policy.own_addresses or policy.is_forwarder(found):
            continue
        return found
    return None
