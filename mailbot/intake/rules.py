"""Never answer a machine (RFC 3834 and beyond): a chain of tiny named rules, GNU Mailman style.

Each rule has a `name`, a `description` and one `check()` that returns a short detail of what
it saw (for the log and HR) or None. `judge()` runs them in order and returns the first hit.

Rules are `certain` or not. A certain rule reads a signal only software writes (RFC 3834's
Auto-Submitted, a null envelope sender, a DSN/ARF structure, list headers). The other rules
read words (subject, first lines of the body, bulk wording) or hints that a person's mail can
also carry, and they are weighed (`heuristic_judgement`): a rule in LONE_SIGNAL_RULES never
decides alone. One such signal next to person evidence (their own documents, a question) is
a person's mail; one alone is held for HR; two signals are a machine's, held for HR only when
it carries documents of its own. So a person is never lost and never silently ignored.

The mail is always stored and visible to HR; a machine mail just gets no automatic reply.
The patterns are families (header name prefixes, local-part tokens, phrases in EN, NL, DE,
FR, ES, PT, IT), not sentences of one server, so they carry over to mail we have not seen.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from typing import Protocol

from mailbot.mime.headers import decode_words
from mailbot.mime.text import html_to_text
from mailbot.mime.types import ParsedMail
from mailbot.mime.unpack import FORWARDED

log = logging.getLogger("mailbot.guard")

# flufl.bounce logs every detector run at INFO and tracebacks at ERROR; we report ourselves.
logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)

# flufl.bounce runs regexes over every text line: only hand it mails a bounce can be.
BOUNCE_PARSER_MAX_BYTES = 2 * 1024 * 1024
BOUNCE_NOTICE_MAX_CHARS = 64 * 1024   # without the returned mail
# "First lines": the sender's own words before any quoted history.
FIRST_LINES = 25
FIRST_LINES_CHARS = 4000


# --- what the rules look at ----------------------------------------------------------------


@dataclass(frozen=True)
class MailFacts:
    """The parsed mail, its top-level MIME tree (None when unreadable) and the bot's own
    addresses. Built once per mail by `intake.decide()`."""

    parsed: ParsedMail
    message: Message | None = None
    own_addresses: frozenset[str] = frozenset()
    raw_size: int = 0

    def header(self, name: str) -> str | None:
        return self.parsed.header(name)

    def values(self, *names: str) -> list[str]:
        return [v for name in names for v in self.parsed.header_values(name)]


@dataclass(frozen=True)
class Verdict:
    rule: str          # the rule's name, e.g. "auto-submitted"
    description: str   # what the rule means, for the log and HR
    detail: str        # what it saw in this mail
    certain: bool      # False: words a person could write (see the module docstring)

    @property
    def reason(self) -> str:
        return f"{self.rule}: {self.detail}"


class Rule(Protocol):
    name: str
    description: str
    certain: bool

    def check(self, facts: MailFacts) -> str | None: ...


# --- shared helpers ----------------------------------------------------------------------------

_ADDRESS_IN = re.compile(r"[^\s<>()\[\],;:\"@]{1,64}@[^\s<>()\[\],;:\"@]{1,255}")
_LOCAL_SEPARATORS = re.compile(r"[.\-_+=]")


def addresses_in(value: str) -> list[str]:
    """Every addr-spec-looking token in a header value, lower-cased."""
    return [m.group(0).lower().strip(".") for m in _ADDRESS_IN.finditer(value)]


def local_part(address: str) -> str:
    return address.rpartition("@")[0] if "@" in address else address


def _strip_envelope_tags(local: str) -> str:
    """BATV ("prvs=0123abcd=user") and SRS ("SRS0=hash=tt=domain=user") wrap a person's
    address on the way; the person is the last piece."""
    lowered = local.lower()
    if lowered.startswith(("prvs=", "btv1==", "srs0=", "srs1=")):
        return lowered.rsplit("=", 1)[-1]
    return lowered


# Local parts only software uses. Compared with separators removed ("no_reply" = "noreply").
_MACHINE_SQUASHED = re.compile(
    r"(noreply|norepl|donotreply|dontreply|donotrespond|noresponse|notreply|mailerdaemon|"
    r"maildaemon|postmaster|autoreply|autorespond|autoresponder|autoresponse|autosender|"
    r"bounce|mailerdeamon|listserv|majordomo|ezmlm|mdaemon|smtpgateway|mailadmin|"
    r"mailrouter|mailsystem|mailgateway|deliverystatus|microsoftexchange[0-9a-f]{8,}|"
    # "do not reply" in the other languages: NL, DE, FR, ES, PT, IT
    r"nietbeantwoorden|nietantwoorden|geenantwoord|keineantwort|nichtantworten|"
    r"bittenichtantworten|nepasrepondre|nerepondezpas|norepondre|noresponder|norespondas|"
    r"norespondaeste|naoresponda|naoresponder|nonrispondere|noanswer|donotanswer|noreplies)",
)
# Whole tokens only: "daemon" inside "daemonia.lopes" is a person, "mail.daemon" is not.
_MACHINE_TOKENS = frozenset({"daemon", "mailman", "nobody", "root", "smtp", "mta", "mailer"})


def machine_local_part(address: str) -> str | None:
    """The machine marker in an address's local part, or None."""
    local = _strip_envelope_tags(local_part(address))
    squashed = _LOCAL_SEPARATORS.sub("", local)
    match = _MACHINE_SQUASHED.search(squashed)
    if match:
        return match.group(0)
    tokens = [t for t in _LOCAL_SEPARATORS.split(local) if t]
    hit = next((t for t in tokens if t in _MACHINE_TOKENS), None)
    # DMARC and TLS-RPT report senders: dmarc@, dmarcreport@, dmarc-reports@, tlsrpt@
    # (a token that starts so: "ed.marcus" stays a person).
    return hit or next((t for t in tokens if t.startswith(("dmarc", "tlsrpt"))), None)


# Bounce handlers of lists and bulk senders: "bounces-…", "…-bounces", "owner-…", "…-owner",
# "…-request", "errors-…", VERP "list-bounces+user=domain".
_BOUNCE_HANDLER = re.compile(
    r"(^|[.\-_+=])(bounces?|bnc|errors?|return|returns)([.\-_+=]|$)|^owner-|-owner$|"
    r"-request$|-errors$|^(sympa|mailman|listserv|majordomo|ezmlm|lyris|ecartis)",
)


def bounce_handler(address: str) -> str | None:
    local = _strip_envelope_tags(local_part(address))
    match = _BOUNCE_HANDLER.search(local)
    return match.group(0).strip(".-_+=") if match else None


_QUOTE_START = re.compile(
    r"^(>|On .{0,200} wrote:?$|Op .{0,200} (schreef|geschreven).*$|Am .{0,200} schrieb.*$|"
    r"Le .{0,200} a écrit.*$|El .{0,200} escribió.*$|Em .{0,200} escreveu.*$|"
    r"Il .{0,200} ha scritto.*$|Begin forwarded message:|Inizio messaggio inoltrato:|"
    r"-{2,} ?(Original|Forwarded|Oorspronkelijk|Doorgestuurd|Ursprüngliche|Weitergeleitete|"
    r"Message d'origine|Message transféré|Mensaje original|Mensagem original|"
    r"Messaggio originale|Messaggio inoltrato)|"
    # Outlook's quoted header block; French Outlook writes "De :" with a space.
    r"(From|Van|Von|De|Da|Fra|Från|Od|Sent|Verzonden|Gesendet|Envoyé|Enviado|Inviato) ?:\s|"
    r"_{5,})",
    re.IGNORECASE,
)


def first_lines(text: str) -> str:
    """The first non-empty lines of the sender's own words, joined by single spaces, before
    any quoted history (so a reply quoting an out-of-office text is not one)."""
    kept: list[str] = []
    for line in text[:FIRST_LINES_CHARS * 4].splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if _QUOTE_START.match(stripped):
            break
        kept.append(stripped)
        if len(kept) >= FIRST_LINES:
            break
    return " ".join(kept)[:FIRST_LINES_CHARS]


# A calendar invitation's .ics is the invitation itself, never a candidate's document.
_NOT_DOCUMENTS = ("message/", "text/rfc822-headers", "text/calendar", "application/ics")


def own_documents(parsed: ParsedMail) -> int:
    """Files the sender attached themselves: not decoration, not inside a forwarded or
    returned mail, not a bounce's text report, not a calendar invitation."""
    return sum(
        1 for a in parsed.attachments
        if not a.inline and not a.origin.startswith(FORWARDED)
        and not a.content_type.startswith(_NOT_DOCUMENTS)
        and not a.filename.lower().endswith(".ics")
    )


def _first_match(patterns: Iterable[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    for label, pattern in patterns:
        match = pattern.search(text)
        if match:
            return f"{label} {match.group(0)[:80]!r}"
    return None


# --- certain rules: signals only software writes --------------------------------------------


@dataclass(frozen=True)
class FromOurselves:
    name: str = "from-ourselves"
    description: str = "the mail comes from the bot's own address (a loop)"
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        sender = facts.parsed.from_address
        return sender if sender and sender in facts.own_addresses else None


@dataclass(frozen=True)
class AutoSubmitted:
    name: str = "auto-submitted"
    description: str = "Auto-Submitted is present and not 'no' (RFC 3834 section 5)"
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for value in facts.values("auto-submitted", "autosubmitted"):
            keyword = value.strip().lower().split(";")[0].strip()
            if keyword and keyword != "no":
                return keyword
        return None


# Vendor auto-reply markers: X-Autoreply (Yahoo, cPanel, iCloud), X-Autorespond (Roundcube,
# Plesk), X-Auto-Reply, X-AutoReply-From, X-Mail-Autoreply, X-Autogenerated, X-Vacation,
# X-OOF, X-FC-MachineGenerated, Apple's X-Apple-Action: vacation, Exchange's
# X-MS-Exchange-Message-Is-Ndr, Exim's X-Failed-Recipients.
_AUTOREPLY_HEADER = re.compile(
    r"^x-(auto-?(reply|repl|respon[a-z]*|generated|submitted|mailer|response)(-from)?|"
    r"autoreply(-from)?|autorespond[a-z]*|mail-?autoreply|autogenerated|vacation[a-z-]*|"
    r"oof|ooo|out-?of-?office|fc-machinegenerated|precedence|ms-exchange-message-is-ndr|"
    r"failed-recipients|mailer-daemon[a-z-]*|"
    r"ms-journal-report|ms-exchange-organization-autoforwarded-ndr)$"
)
_APPLE_ACTION = re.compile(r"vacation|autoreply|auto-reply", re.IGNORECASE)
# Old vacation(1) programs and autoresponders name themselves in X-Mailer.
_AUTOREPLY_MAILER = re.compile(r"\bvacation\b|auto-?respond|auto-?reply|out of office",
                               re.IGNORECASE)
_FALSE_VALUES = frozenset({"", "no", "false", "0", "off", "none"})


@dataclass(frozen=True)
class AutoReplyHeaders:
    name: str = "autoreply-header"
    description: str = ("a vendor auto-reply or delivery-report header (X-Autoreply, "
                        "X-Autorespond, X-Failed-Recipients, Apple vacation, ...)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for key, value in facts.parsed.headers:
            if key == "x-auto-response-suppress":
                continue  # its own rule: it asks, it does not say what the mail is
            if _AUTOREPLY_HEADER.match(key) and value.strip().lower() not in _FALSE_VALUES:
                if key == "x-precedence" and value.strip().lower() not in _BULK_PRECEDENCE:
                    continue
                return f"{key}: {value[:60]}"
            if key == "x-apple-action" and _APPLE_ACTION.search(value):
                return f"{key}: {value[:60]}"
            if key in ("x-mailer", "user-agent") and _AUTOREPLY_MAILER.search(value):
                return f"{key}: {value[:60]}"
        return None


@dataclass(frozen=True)
class SuppressAutoResponse:
    """Exchange's X-Auto-Response-Suppress (MS-OXCMAIL 2.1.3.2.20) asks the receiver not to
    answer with auto-replies; it does not say the mail is one. Outlook writes it on ordinary
    mail a person sent too (meeting mail, add-ins, some tenants' transport rules), and help
    desks that keyed on it lost people's mail (Jitbit; Discourse PR #21367; sisimai #491).
    So it is a heuristic that never decides alone: with a second signal (an "Automatic
    reply:" subject, an out-of-office text) the mail is a machine's."""

    name: str = "x-auto-response-suppress"
    description: str = ("X-Auto-Response-Suppress asks for no automatic replies (Exchange); "
                        "a hint, not a verdict")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        value = (facts.header("x-auto-response-suppress") or "").lower()
        return value if any(w in value for w in ("all", "autoreply", "oof")) else None


# Challenge-response systems: TMDA, Spam Arrest, Boxbe, Sendio, SpamCap, Mailinblack, ...
_CHALLENGE_HEADER = re.compile(
    r"^x-(tmda[a-z-]*|spam-?arrest[a-z-]*|boxbe[a-z-]*|sendio[a-z-]*|[a-z-]*challenge[a-z-]*|"
    r"mailinblack[a-z-]*|spamcap[a-z-]*|bluebottle[a-z-]*|cr-[a-z-]+|choicemail[a-z-]*|"
    r"qurb[a-z-]*|permission-?check[a-z-]*)$"
)
_CHALLENGE_AGENT = re.compile(r"tmda|spam ?arrest|boxbe|choicemail|mailinblack|sendio",
                              re.IGNORECASE)


@dataclass(frozen=True)
class ChallengeResponse:
    name: str = "challenge-response"
    description: str = "a challenge-response system asks the sender to prove they are human"
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for key, value in facts.parsed.headers:
            if _CHALLENGE_HEADER.match(key):
                return key
            if key in ("x-delivery-agent", "x-mailer", "user-agent") \
                    and _CHALLENGE_AGENT.search(value):
                return f"{key}: {value[:60]}"
        return None


_NULL_SENDERS = frozenset({"", "<>", "<<>>", "<> ()"})


@dataclass(frozen=True)
class NullReturnPath:
    name: str = "null-return-path"
    description: str = ("the envelope sender is null or a mail system (<>, MAILER-DAEMON, "
                        "postmaster): a bounce or other notification (RFC 5321 4.5.5)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for value in facts.values("return-path", "x-envelope-from", "envelope-from"):
            text = value.strip().lower()
            if text in _NULL_SENDERS:
                return f"Return-Path {value.strip() or '<>'}"
            inner = text.strip("<> ")
            marker = machine_local_part(inner) if inner else None
            if marker in ("mailerdaemon", "maildaemon", "postmaster", "mailerdeamon",
                          "mdaemon", "daemon"):
                return f"Return-Path {value.strip()[:80]}"
        return None


@dataclass(frozen=True)
class BounceHandlerSender:
    name: str = "bounce-handler"
    description: str = ("Return-Path, Errors-To or Sender is a list's or bulk sender's bounce "
                        "handler (bounces-…, owner-…, …-request)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for header in ("return-path", "errors-to", "sender", "x-envelope-from"):
            for value in facts.values(header):
                for address in addresses_in(value):
                    marker = bounce_handler(address)
                    if marker:
                        return f"{header} {address[:80]} ({marker})"
        return None


# The display names mail systems sign their notifications with.
_MACHINE_DISPLAY_NAME = re.compile(
    r"^(mail(er)?[ -]?daemon|mail delivery (subsystem|system|service|notification)|"
    r"post ?master|mail administrator|mail system|microsoft outlook|"
    r"microsoft exchange|mail ?router|delivery status notification|"
    r"mail delivery|e-?mail delivery system|lotus notes mail router|"
    r"systemadministrator|postmeister|mailzustellsystem|mail-?beheerder|"
    r"système de messagerie|sistema de correo|sistema de e-?mail)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MachineSender:
    name: str = "machine-sender"
    description: str = ("the sender is a mail system, a list robot or a no-reply address "
                        "(MAILER-DAEMON, postmaster, …-noreply, no_reply, …-request, owner-…)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        parsed = facts.parsed
        candidates = [parsed.from_address] if parsed.from_address else []
        if not candidates:  # unparseable From: still look at what it says
            raw_from = facts.header("from") or ""
            candidates = addresses_in(raw_from) or [raw_from.strip().lower()]
        for address in candidates:
            marker = machine_local_part(address) or bounce_handler(address)
            if marker:
                return f"{address[:80]} ({marker})"
        name = parsed.from_name.strip().strip('"')
        if _MACHINE_DISPLAY_NAME.match(name):
            return f"display name {name[:60]!r}"
        no_reply = _NO_REPLY_NAME.search(name)
        if no_reply:
            return f"display name says {no_reply.group(0)[:40]!r}"
        return None


# "Acme (no-reply)", "Do Not Reply - Portal", "Bank | niet beantwoorden": the display name of
# a sender that says it reads no answers, in the six languages.
_NO_REPLY_NAME = re.compile(
    r"\b(no[ _-]?reply|do[ _-]?not[ _-]?reply|don'?t reply|please do not reply|"
    r"niet beantwoorden|geen antwoord|nicht antworten|keine antwort|ne pas r(é|e)pondre|"
    r"no responder|no responda|n(ã|a)o responda|n(ã|a)o responder|non rispondere)\b",
    re.IGNORECASE,
)


_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})


@dataclass(frozen=True)
class BulkPrecedence:
    name: str = "precedence"
    description: str = "Precedence is bulk, junk, list or auto_reply"
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for value in facts.values("precedence"):
            word = value.strip().lower()
            if word in _BULK_PRECEDENCE:
                return word
        return None


# List managers: RFC 2369/2919 List-*, ezmlm's Mailing-List, fml's X-ML-* and X-MLServer,
# Mailman's X-BeenThere/X-Mailman-Version, LISTSERV's X-LISTSERV-*, Lyris, Sympa, Google
# Groups, Yahoo Groups, majordomo's X-Listprocessor-Version, procmail/list loop guards X-Loop.
_LIST_HEADER = re.compile(
    r"^(list-(id|unsubscribe|unsubscribe-post|subscribe|post|help|owner|archive|software)|"
    r"mailing-list|"
    r"x-mailing-list|x-ml-[a-z-]+|x-mlserver|x-mailman-[a-z-]+|x-beenthere|x-list(name|-id|"
    r"-name|-unsubscribe|-post|processor-version|server|serv[a-z-]*)?|x-listserv[a-z-]*|"
    r"x-lyris[a-z-]*|x-sympa[a-z-]*|x-google-group-id|x-google-groups[a-z-]*|"
    r"x-yahoo-newman-[a-z-]+|x-egroups-[a-z-]+|x-ezmlm[a-z-]*|x-loop|x-sequence|"
    r"x-majordomo[a-z-]*|x-ecartis[a-z-]*|x-topica[a-z-]*|x-rcpt-to-list)$"
)


@dataclass(frozen=True)
class MailingList:
    name: str = "mailing-list"
    description: str = ("a mailing-list header (List-Id, List-Unsubscribe, ezmlm Mailing-List, "
                        "fml X-ML-*, Mailman X-BeenThere, X-Loop, …)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        for key, _value in facts.parsed.headers:
            if _LIST_HEADER.match(key):
                return key
        return None


_REPORT_PARTS = frozenset({
    "message/delivery-status", "message/global-delivery-status", "message/feedback-report",
    "message/disposition-notification", "message/global-disposition-notification",
    "text/rfc822-headers",
})


def top_parts(message: Message | None, depth: int = 2) -> list[Message]:
    """The message and its parts down to `depth` multipart levels, never inside a forwarded
    or returned mail (message/rfc822)."""
    if message is None:
        return []
    found = [message]
    level = [message]
    for _ in range(depth):
        nxt: list[Message] = []
        for part in level:
            if part.is_multipart() and part.get_content_maintype() == "multipart":
                nxt += [p for p in part.get_payload() if isinstance(p, Message)][:50]
        found += nxt
        level = nxt
    return found


@dataclass(frozen=True)
class ReportStructure:
    name: str = "report-structure"
    description: str = ("a machine report: multipart/report or a delivery-status, "
                        "feedback-report (ARF) or read-receipt part (RFC 3462/3464/5965/8098)")
    certain: bool = True

    def check(self, facts: MailFacts) -> str | None:
        content_type = (facts.header("content-type") or "").lower()
        if content_type.startswith("multipart/report"):
            return content_type[:80]
        for key, value in facts.parsed.headers:
            # X-ARF (abusix's abuse-report format) and Microsoft's JMRP/SNDS reports.
            if key in ("x-arf", "x-xarf") and value.strip().lower() not in _FALSE_VALUES:
                return f"{key}: {value.strip()[:40]}"
            if key in ("x-hmxmroriginalrecipient", "tls-report-domain",
                       "tls-report-submitter"):
                return key
        for part in top_parts(facts.message):
            kind = part.get_content_type()
            if kind in _REPORT_PARTS:
                return kind
        return None


# A spam-filter verdict is configured (Settings.spam_verdict_headers); see `SpamVerdict`.


@dataclass(frozen=True)
class SpamVerdict:
    """The operator's spam filter said spam. Not a machine signal as such, so `intake`
    holds a spam mail with documents for HR rather than dropping it."""

    verdicts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    name: str = "spam-verdict"
    description: str = "the operator's spam filter marked the mail as spam"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        for header, words in self.verdicts:
            for value in facts.values(header):
                text = value.strip().lower()
                if any(text.startswith(word) for word in words):
                    return f"{header}: {value.strip()[:60]}"
        return None


# --- heuristic rules: words a person could also write ---------------------------------------


def _prefix(pattern: str) -> re.Pattern[str]:
    """A subject that starts with `pattern`, after [tags] and '*** SPAM ***'-style marks."""
    # Atomic and bounded: a subject of 1000 "*" must not backtrack exponentially.
    return re.compile(r"^\s*+(?>\[[^\]]{0,40}\]\s*|\*{1,5}[^*]{0,20}\*{1,5}\s*){0,5}[\[(]?("
                      + pattern + r")", re.IGNORECASE)


_SUBJECT_AUTOREPLY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", _prefix(r"auto(matic|mated)?[ _-]?(reply|response|answer|antwort)\b|autoreply\b|"
                   r"auto-?respond[a-z]*|auto-?ack(nowledge?ment)?\b|"
                   r"auto ?:|auto-?response|out of (the )?office|ooo\b|away from (the )?office|"
                   r"on (annual )?(leave|vacation|holiday)|vacation (reply|message|notice)|"
                   r"absence (notice|notification)|i am (currently )?(away|out)|away:|"
                   r"automatic notification")),
    ("nl", _prefix(r"automatisch (antwoord|bericht)|afwezig(heid)?\b|niet aanwezig|"
                   r"buiten kantoor|niet op kantoor|met vakantie|vakantiemelding|"
                   r"out of office")),
    ("de", _prefix(r"automatische (antwort|nachricht|abwesenheits[a-zäöü]*)|"
                   r"abwesenheits(notiz|meldung|nachricht|info)|abwesenheit\b|abwesend|"
                   r"ferienabwesenheit|urlaubsvertretung|"
                   r"nicht im b(ü|ue)ro|au(ß|ss)er haus|urlaubs(abwesenheit|notiz)|im urlaub")),
    ("fr", _prefix(r"r(é|e)ponse automatique|absence du bureau|message d'absence|"
                   r"absent(e)?\b|en cong(é|e)s?|r(é|e)pondeur")),
    ("es", _prefix(r"respuesta autom(á|a)tica|fuera de (la )?oficina|ausente\b|"
                   r"de vacaciones|respuesta de ausencia|aviso de ausencia")),
    ("pt", _prefix(r"resposta autom(á|a)tica|aus(ê|e)ncia\b|fora do escrit(ó|o)rio|"
                   r"de f(é|e)rias|resposta de aus(ê|e)ncia|mensagem autom(á|a)tica")),
    ("it", _prefix(r"risposta automatica|fuori (sede|ufficio)|assente\b|in ferie")),
)

_SUBJECT_DELIVERY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", _prefix(r"mail failure|failed mail|error sending (message|mail)|message status|"
                   r"non[- ]?delivery|possible mail loop|undeliver(able|ed)|undelivered mail|"
                   r"returned mail|return(ed)? to sender|"
                   r"delivery (status notification|failure|failed|has failed|report|"
                   r"notification|problem|delayed|delay|incomplete)|mail delivery "
                   r"(failed|failure|system|subsystem|problem|status|error)|failure notice|"
                   r"non-?deliver(y|able)|message (not delivered|delivery failed|delayed|"
                   r"could not be delivered|undeliverable|rejected|bounced|blocked)|"
                   r"could not send message|delayed mail|warning: (could not|message)|"
                   r"mail system error|nondeliverable|permanent (delivery )?failure|"
                   r"returned message|delivery notification|bounced? (mail|message)|"
                   r"mail (could not be|was not) delivered|mail loop|loop detected|"
                   r"successful mail delivery|mail delivery status|"
                   r"(message )?delivered: |relayed: |not read: |read receipt|"
                   r"rejected: |message rejected|address not found|"
                   r"your message (to .{0,80} )?(couldn't|could not|wasn't|was not|"
                   r"has not been|cannot be) (be )?delivered")),
    ("nl", _prefix(r"onbestelbaar|niet (bezorgd|afgeleverd|bestelbaar)|kan niet worden "
                   r"(bezorgd|afgeleverd)|bezorging (mislukt|vertraagd)|bezorgingsfout|"
                   r"bericht (niet bezorgd|geretourneerd)|geretourneerd(e)? (bericht|e-?mail)|"
                   r"bezorgstatusmelding|afleveringsfout")),
    ("de", _prefix(r"unzustellbar|nicht zustellbar|zustellung (fehlgeschlagen|verz(ö|oe)gert|"
                   r"nicht m(ö|oe)glich)|(ü|ue)bermittlungs(status|fehler)|"
                   r"benachrichtigung zum (ü|ue)bermittlungsstatus|fehler bei der zustellung|"
                   r"unzustellbare nachricht|nachricht (nicht zugestellt|zur(ü|ue)ckgewiesen)|"
                   r"zustellbenachrichtigung|r(ü|ue)ckl(ä|ae)ufer")),
    ("fr", _prefix(r"non remis|impossible de (remettre|distribuer|livrer)|(é|e)chec de (la )?"
                   r"(remise|distribution|livraison)|notification d'(é|e)tat de (la )?remise|"
                   r"message non (distribu(é|e)|remis|d(é|e)livr(é|e))|non distribuable|"
                   r"rapport de (remise|non-remise)|courrier (retourn(é|e)|non distribu)|"
                   r"remise diff(é|e)r(é|e)e")),
    ("es", _prefix(r"no se (puede|pudo) entregar|imposible (de )?entregar|notificaci(ó|o)n "
                   r"de (estado de )?entrega|error (de|en la|al) entrega|no entregado|"
                   r"mensaje (no entregado|devuelto|rechazado)|correo devuelto|"
                   r"no se ha podido entregar|entrega (fallida|retrasada|demorada)|"
                   r"no es posible entregar|devuelto al remitente")),
    ("pt", _prefix(r"n(ã|a)o (é|e) poss(í|i)vel entregar|notifica(ç|c)(ã|a)o de (status|estado) "
                   r"de entrega|falha (na|de) entrega|n(ã|a)o entregue|mensagem (n(ã|a)o "
                   r"entregue|devolvida|rejeitada)|n(ã|a)o foi poss(í|i)vel entregar|"
                   r"entrega (falhou|atrasada)|e-?mail devolvido|imposs(í|i)vel entregar")),
    ("it", _prefix(r"non recapitabile|mancato recapito|impossibile recapitare|"
                   r"notifica (sullo )?stato (di )?(consegna|recapito)|consegna non riuscita")),
)

_SUBJECT_FEEDBACK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", _prefix(r"(email |e-mail |spam |phishing )?(abuse|complaint|fbl|feedback|spam) "
                   r"(report|notification|complaint|feedback)|abuse (message )?(report|complaint)|"
                   r"complaint about (message|your message|mail)|\[?spamcop|"
                   r"scomp|fbl report|report of (spam|abuse)|spam (reported|complaint)|"
                   r"arf report|feedback loop|junk mail report|(client )?tos notification|"
                   r"e-?mail feedback report|unsolicited (bulk |commercial )?"
                   r"(e-?mail|message) (report|complaint)")),
    ("nl", _prefix(r"misbruik ?melding|spammelding|klacht over (bericht|e-?mail)")),
    ("de", _prefix(r"missbrauchs(meldung|bericht)|spam-?(meldung|beschwerde)|"
                   r"beschwerde (über|ueber) (ihre )?(nachricht|e-?mail)")),
    ("fr", _prefix(r"(rapport|signalement) d'abus|plainte (pour|de) spam|signalement de spam")),
    ("es", _prefix(r"(informe|reporte|denuncia) de (abuso|spam)|queja (de|por) spam")),
    ("pt", _prefix(r"(relat(ó|o)rio|den(ú|u)ncia) de (abuso|spam)|reclama(ç|c)(ã|a)o de spam")),
)

# RFC 7489 (DMARC aggregate) and RFC 8460 (TLS-RPT) reports name their subject this way.
_SUBJECT_REPORT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("report", _prefix(r"report[ _-]?domain: ?\S{1,253} {0,3}submitter: ?\S|"
                       r"dmarc (aggregate|failure|forensic) report|"
                       r"(dmarc|tls|smtp tls) report(ing)? for|\[?preview\]? report domain:")),
)

_SUBJECT_CHALLENGE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", _prefix(r"(please )?(confirm|verify) (your (e-?mail|message|address)|that you|"
                   r"you are (a )?human|sender)|sender verification|verification required|"
                   r"(authori[sz]ation|confirmation) (required|request(ed)?|needed)|"
                   r"anti-?spam (verification|check|confirmation)|spam ?arrest|"
                   r"your (e-?mail|message) (is|was) (held|pending|quarantined|"
                   r"awaiting (verification|confirmation)|on hold)|"
                   r"message (held|awaiting|pending) (for )?(verification|confirmation|approval)|"
                   r"(re: )?\[?(boxbe|tmda|mailinblack)")),
    ("nl", _prefix(r"bevestig (uw|je) (e-?mail|bericht|adres)|verificatie (vereist|nodig)")),
    ("de", _prefix(r"best(ä|ae)tigen sie (ihre|bitte)|absenderbest(ä|ae)tigung|"
                   r"verifizierung erforderlich")),
    ("fr", _prefix(r"(veuillez )?confirme[rz] (votre|l'envoi)|v(é|e)rification de "
                   r"l'exp(é|e)diteur|validation de (votre )?(message|envoi)")),
    ("es", _prefix(r"(por favor,? )?confirme (su|tu) (correo|mensaje|direcci)|verificaci(ó|o)n "
                   r"del remitente")),
    ("pt", _prefix(r"(por favor,? )?confirme (seu|o seu|sua) (e-?mail|mensagem|endere)|"
                   r"verifica(ç|c)(ã|a)o do remetente")),
)


@dataclass(frozen=True)
class SubjectPattern:
    """One family of subjects, matched at the start (never after "Re:": a person's reply to
    an auto-reply keeps its "Re:")."""

    name: str
    description: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        subject = decode_words(facts.parsed.subject)
        return _first_match(self.patterns, subject) if subject else None


# The first lines of standard bounce texts, by family (server names are the where, the
# phrases are what generalises: most servers paraphrase the same sentences).
_BODY_DELIVERY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", re.compile(
        r"this is the mail system at host|this message was created automatically by mail "
        r"delivery software|the original message was received at|this is the qmail-send "
        r"program|i'?m afraid i wasn'?t able to deliver|delivery (has failed|to the following "
        r"recipients? (has )?failed|failed permanently|incomplete)|"
        r"your message (to \S{1,80} )?(did not|didn'?t|couldn'?t|could not|wasn'?t|was not|"
        r"cannot|can'?t|has not been|was) "
        r"(reach|be delivered|delivered|been delivered|sent|rejected|blocked|returned)|"
        r"(could|can) ?not be delivered to (one or more|the following|some)|"
        r"unable to deliver (your )?(message|mail)|(message|mail) delivery (to .{0,80} )?"
        r"(has )?failed|following (address|recipient)\(?e?s?\)? (had permanent fatal errors|"
        r"failed|could not be reached|cannot be reached)|permanent fatal errors|"
        r"the following recipient\(?s?\)? (cannot|could not) be reached|"
        r"delivery (status )?notification \(?(failure|delay)|address not found|"
        r"undeliverable (message|mail)|message (could not be delivered|was undeliverable|"
        r"not delivered)|sorry,? (we were|i was|i'?m) unable to deliver|"
        r"mail system (rejected|could not deliver)|returned mail: |"
        r"smtp error from remote (mail )?server|550[ -]\d\.\d\.\d|554[ -]\d\.\d\.\d|"
        r"remote host said: 5\d\d|diagnostic-code: |reporting-mta: |final-recipient: |"
        r"a message that you sent (could not|has not yet|was not) be(en)? delivered|"
        r"mail loop detected|message (appears to be )?looping|"
        r"there was a (temporary )?problem delivering your message", re.IGNORECASE)),
    ("nl", re.compile(
        r"(uw|je) bericht (kon|kan) niet (worden )?(bezorgd|afgeleverd)|bezorging (aan|bij) "
        r"(deze|de volgende) (geadresseerden|ontvangers).{0,40}mislukt|(kon|kan) niet worden "
        r"(bezorgd|afgeleverd)|is niet (bezorgd|afgeleverd)|niet bestelbaar", re.IGNORECASE)),
    ("de", re.compile(
        r"(ihre )?nachricht (konnte|kann) nicht (an .{0,80} )?zugestellt werden|zustellung an "
        r"(folgende|diese) empf(ä|ae)nger.{0,40}fehlgeschlagen|konnte nicht zugestellt werden|"
        r"wurde nicht zugestellt|dies ist eine automatisch erstellte benachrichtigung "
        r"(über|ueber) den zustellstatus|unzustellbar", re.IGNORECASE)),
    ("fr", re.compile(
        r"la remise (à|a) (ces|les) destinataires.{0,40}(a )?(é|e)chou(é|e)|(votre )?message "
        r"n'a (pas )?pu (ê|e)tre (remis|distribu(é|e)|d(é|e)livr(é|e))|impossible de remettre|"
        r"n'a pas pu (ê|e)tre (remis|distribu)|(é|e)chec de (la )?remise", re.IGNORECASE)),
    ("es", re.compile(
        r"error al entregar el mensaje|no se (pudo|ha podido|puede) entregar|(su|tu) mensaje "
        r"no (se )?(pudo|ha podido) (ser )?entrega|entrega (a|de) (estos|los siguientes) "
        r"destinatarios.{0,40}(fall|error)", re.IGNORECASE)),
    ("pt", re.compile(
        r"falha na entrega (para|a) (estes|os seguintes) destinat(á|a)rios|n(ã|a)o (pôde|pode|"
        r"foi poss(í|i)vel) (ser )?entreg|(sua|a sua) mensagem n(ã|a)o (pôde|p(ô|o)de|foi) "
        r"(ser )?entregue", re.IGNORECASE)),
)

# An out-of-office text states an absence AND how it will be handled (or says it is
# automatic); either one alone is what a person writes too ("I am away next week, here is
# my passport").
_BODY_AUTOMATIC: tuple[tuple[str, re.Pattern[str]], ...] = (
    # The mail saying what it is: software writes this about itself, a person does not.
    ("automatic", re.compile(
        r"this is an? (automatic|automated|auto-?generated|auto-?reply)|this (e-?mail|"
        r"message|reply) (is|was|has been) (automatically generated|generated automatically|"
        r"sent automatically|an automatic)|"
        r"dit is een automatisch (antwoord|bericht|gegenereerd)|dit bericht is automatisch|"
        r"dies ist eine automatische (antwort|nachricht|benachrichtigung)|diese (e-?mail|"
        r"nachricht) wurde automatisch|ceci est (une|un) (r(é|e)ponse|message) automatique|"
        r"ce message (a (é|e)t(é|e) )?(envoy(é|e)|g(é|e)n(é|e)r(é|e)) automatiquement|"
        r"esta es una respuesta autom(á|a)tica|este (mensaje|correo) (ha sido|fue|se ha) "
        r"(generado|enviado) autom(á|a)ticamente|esta (é|e) uma resposta autom(á|a)tica|"
        r"esta mensagem foi (gerada|enviada) automaticamente|questo messaggio (è|e) stato "
        r"(generato|inviato) automaticamente|please do not reply to this (e-?mail|message)|"
        r"do not reply to this (e-?mail|message)|gelieve (niet te antwoorden|deze e-?mail "
        r"niet te beantwoorden)|bitte antworten sie nicht|merci de ne pas r(é|e)pondre|"
        r"no responda a este|n(ã|a)o responda a est", re.IGNORECASE)),
)
# Words a helpdesk's acknowledgement uses, and a person too ("I got your automatic reply",
# "my case number is ..."): one signal that never decides alone (LONE_SIGNAL_RULES).
_BODY_ACKNOWLEDGEMENT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("acknowledgement", re.compile(
        r"(automatic|automated) (reply|response|message|answer)|auto-?reply|"
        r"automatisch (antwoord|bericht)|automatische (antwort|abwesenheits)|"
        r"r(é|e)ponse automatique|respuesta autom(á|a)tica|resposta autom(á|a)tica|"
        r"mensagem autom(á|a)tica|mensaje autom(á|a)tico|niet beantwoorden|"
        r"we (have )?received your (e-?mail|message|request|enquiry|"
        r"inquiry)|your (request|ticket|case|enquiry|inquiry) (has been|was|is) (received|logged|"
        r"created|opened|registered)|(ticket|case|request) (number|id|#) ?:? ?#?\w*\d|"
        r"wij hebben (uw|je) (e-?mail|bericht|aanvraag) ontvangen|wir haben ihre (nachricht|"
        r"e-?mail|anfrage) erhalten|nous avons (bien )?re(ç|c)u votre (message|e-?mail|demande)|"
        r"hemos recibido (su|tu) (mensaje|correo|solicitud)|recebemos (a )?(sua|seu) "
        r"(mensagem|e-?mail|solicita)", re.IGNORECASE)),
)
_BODY_ABSENCE = re.compile(
    r"\b(i am|i'm|i will be|i'll be|i shall be|we are|our office is|the office is)\s+"
    r"(currently\s+|now\s+)?(out of (the )?office|away|on (annual |parental |sick |"
    r"maternity )?leave|on (vacation|holiday|holidays)|absent|not in the office|out of town|"
    r"travell?ing|off)|\bout of (the )?office\b|"
    r"\bik ben\b.{0,40}\b(afwezig|niet aanwezig|met vakantie|op vakantie|vrij|niet op kantoor)|"
    r"\bich bin\b.{0,60}\b(abwesend|nicht im b(ü|ue)ro|im urlaub|nicht erreichbar|au(ß|ss)er "
    r"haus)|\bje (suis|serai)\b.{0,40}\b(absente?|en cong(é|e)s?|en vacances|hors du bureau)|"
    r"\b(estoy|estar(é|e))\b.{0,40}\b(fuera de la oficina|de vacaciones|ausente|fuera)|"
    r"\b(estou|estarei)\b.{0,40}\b(fora do escrit(ó|o)rio|de f(é|e)rias|ausente)",
    re.IGNORECASE,
)
_BODY_HANDLING = re.compile(
    r"\b(limited|no|without) access to (my )?(e-?mail|email|mail)|\b(will|shall) "
    r"(respond|reply|get back|answer|return)\b.{0,60}\b(when|upon|after|on my return|as soon "
    r"as|once)|\b(back|return(ing)?) (on|in the office on|to the office on)\b|\buntil\b.{0,40}"
    r"\b(\d|monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)|\b(in urgent cases|for urgent "
    r"matters|if (it is|your (message|matter) is) urgent|for (immediate|urgent) "
    r"(assistance|help))|\bplease contact\b|"
    r"\b(tot en met|tot|t/m)\b.{0,30}\d|\bbeperkt toegang\b|\bin dringende gevallen\b|"
    r"\b(bis|bis einschlie(ß|ss)lich)\b.{0,30}\d|\bin dringenden f(ä|ae)llen\b|"
    r"\bjusqu'(au|à)\b.{0,30}\d|\ben cas d'urgence\b|\bhasta el\b.{0,30}\d|\ben caso de "
    r"urg|\bat(é|e) (o dia |dia )?\d|\bem caso de urg",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DeliveryFailureText:
    name: str = "delivery-failure-text"
    description: str = "the first lines are a mail server's delivery failure report"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        return _first_match(_BODY_DELIVERY, first_lines(facts.parsed.text))


@dataclass(frozen=True)
class AutoReplyText:
    name: str = "autoreply-text"
    description: str = ("the first lines are an automatic reply: they say so, or they state "
                        "an absence and when or by whom the mail will be handled")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        lines = first_lines(facts.parsed.text)
        said = _first_match(_BODY_AUTOMATIC, lines)
        if said:
            return said
        absence = _BODY_ABSENCE.search(lines)
        handling = _BODY_HANDLING.search(lines) if absence else None
        # A person asks things ("?") and sends files; an out-of-office text does neither.
        if absence and handling and not asks(lines) and own_documents(facts.parsed) == 0:
            return f"{absence.group(0)[:50]!r} + {handling.group(0)[:50]!r}"
        return None


_FEEDBACK_BODY = re.compile(
    r"^(feedback-type|abuse-type|reported-domain|reported-uri|original-mail-from|"
    r"arrival-date|source-ip|reported-from|report-type|report-id|schema-url|source-type|"
    r"original-rcpt-to|original-envelope-id|removal-recipient|delivery-result|dkim-domain|"
    r"dkim-identity|dkim-selector|auth-failure|identity-alignment|"
    r"user-agent: [a-z0-9 ._/-]*(fbl|feedback|arf))\s*:?",
    re.IGNORECASE | re.MULTILINE,
)
_FEEDBACK_PHRASE = re.compile(
    r"this is an? (e-?mail )?(abuse|spam|complaint|feedback)[ -](report|notification)|"
    r"(complaint|abuse report|spam report) (about|regarding|for) (a )?(message|e-?mail)|"
    r"a (user|recipient|subscriber) (has )?(marked|reported|flagged) (a |your |this )?"
    r"(message|e-?mail|mail) as (spam|junk)|reported (this|your|a) (message|e-?mail) as "
    r"(spam|junk|abuse)|feedback loop|spamcop|we (have )?received (a|an) (complaint|abuse)",
    re.IGNORECASE,
)


# Challenge-response systems' texts: the message is held until the sender proves to be human.
_BODY_CHALLENGE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("challenge", re.compile(
        r"(protect|protects|protecting) (my|our|this) (in-?box|mailbox|e-?mail( address)?) "
        r"(against|from) (spam|junk)|(your|the) (message|e-?mail|mail) (will be|is) "
        r"(delivered|released|forwarded) (once|after|when|as soon as) you|(prove|confirm|"
        r"verify) (that )?you are (a )?(human|real person|person)|(click|follow|open) (on )?the "
        r"link below (once|to (confirm|verify|release|deliver))|"
        r"(uw|je) bericht wordt (pas )?(afgeleverd|bezorgd) (zodra|nadat)|ihre nachricht wird "
        r"(erst )?zugestellt, (sobald|nachdem)|votre message (sera|ne sera) (d(é|e)livr(é|e)|"
        r"remis|distribu(é|e))|su mensaje (ser(á|a)|no ser(á|a)) entregado|sua mensagem "
        r"(ser(á|a)|n(ã|a)o ser(á|a)) entregue", re.IGNORECASE)),
)


@dataclass(frozen=True)
class ChallengeText:
    name: str = "challenge-text"
    description: str = ("the first lines ask the sender to prove they are human before the "
                        "mail is delivered (challenge-response)")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        return _first_match(_BODY_CHALLENGE, first_lines(facts.parsed.text))


# "Own words" for a footer: everything the sender wrote above any quoted history.
OWN_WORDS_LINES = 400
FOOTER_CHARS = 3000


def own_words(text: str) -> str:
    """The sender's text before any quoted history, line breaks kept."""
    kept: list[str] = []
    for line in text[:FIRST_LINES_CHARS * 25].splitlines()[:OWN_WORDS_LINES]:
        if _QUOTE_START.match(line.strip()):
            break
        kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class AutomatedFooter:
    """The footer notifications end with: "This is an automated message, please do not
    reply", in EN/NL/DE/FR/ES/PT/IT. A lone signal: a person's reply that quotes one without
    a quote marker must not be taken for the notification itself."""

    name: str = "automated-footer"
    description: str = "the sender's own text ends saying it was sent automatically"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        words = own_words(facts.parsed.text)
        if not words:
            return None
        return _first_match(_BODY_AUTOMATIC, words[-FOOTER_CHARS:]) \
            or _first_match(_NO_REPLY_WORDING, words[:20000])


@dataclass(frozen=True)
class AcknowledgementText:
    name: str = "acknowledgement-text"
    description: str = ("the first lines acknowledge receipt or mention an automatic reply "
                        "(a help desk's auto-acknowledgement; a person may write it too)")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        return _first_match(_BODY_ACKNOWLEDGEMENT, first_lines(facts.parsed.text))


@dataclass(frozen=True)
class FeedbackReportText:
    name: str = "feedback-report-text"
    description: str = "an abuse/feedback report that is not in ARF structure (old style)"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        text = facts.parsed.text[:20000]
        fields = {m.group(1).split(":")[0].lower() for m in _FEEDBACK_BODY.finditer(text)}
        if len(fields) >= 2:
            return "report fields " + ", ".join(sorted(fields))[:80]
        return None


@dataclass(frozen=True)
class FeedbackReportPhrase:
    name: str = "feedback-report-phrase"
    description: str = "the first lines say the mail is an abuse/spam complaint report"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        phrase = _FEEDBACK_PHRASE.search(first_lines(facts.parsed.text))
        return f"{phrase.group(0)[:80]!r}" if phrase else None


@dataclass(frozen=True)
class BounceParser:
    """GNU Mailman's bounce detectors (flufl.bounce): DSN plus the non-standard formats of
    Exim, Postfix, qmail, Yahoo, Exchange, Microsoft, AOL, GroupWise, Netscape, ..."""

    name: str = "bounce-parser"
    description: str = "flufl.bounce recognises the mail as a bounce"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        found = bounce_failures(facts)
        if found is None or not (found[0] or found[1]):
            return None
        temporary, permanent = found
        kind = "permanent" if permanent else "temporary"
        return f"{len(temporary | permanent)} {kind} failure(s)"


def bounce_failures(facts: MailFacts) -> tuple[frozenset[str], frozenset[str]] | None:
    """(temporary, permanent) failed recipients a bounce names, lower-cased; None when the
    mail cannot be a bounce (too big, files of its own, unreadable)."""
    # A bounce returns our own mail; it never carries files of its own.
    if facts.message is None or facts.raw_size > BOUNCE_PARSER_MAX_BYTES \
            or own_documents(facts.parsed):
        return None
    notification = _without_forwarded_mail(facts.message)
    if _text_size(notification) > BOUNCE_NOTICE_MAX_CHARS:
        return None  # a bounce's own text is a few KB; its detectors cost ~4 us a char
    try:
        from flufl.bounce import all_failures

        temporary, permanent = all_failures(notification)
    except Exception as exc:  # third-party heuristics on hostile bytes
        log.debug("bounce parser gave up: %s", type(exc).__name__)
        return None

    def recipients(found: Iterable[object]) -> frozenset[str]:
        # Its looser detectors (LLNL, SimpleWarning) can read any token as a recipient.
        texts = (a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
                 for a in found)
        return frozenset(t.lower() for t in texts if _RECIPIENT.fullmatch(t))

    return recipients(temporary), recipients(permanent)


_RECIPIENT = re.compile(r"[A-Za-z0-9._%+'=/-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+")


def _text_size(message: Message) -> int:
    total = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        try:  # compat32 decodes 8-bit payloads with the declared charset, which may not exist
            payload = part.get_payload()
        except (LookupError, UnicodeError, ValueError):
            return BOUNCE_NOTICE_MAX_CHARS + 1
        if isinstance(payload, str | bytes):
            total += len(payload)
    return total


def _without_forwarded_mail(message: Message) -> Message:
    """A shallow copy without top-level message/rfc822 parts, so a person forwarding a
    bounce as an attachment is not read as the bounce itself."""
    if not message.is_multipart():
        return message
    shallow = copy.copy(message)
    kept = [p for p in message.get_payload() if isinstance(p, Message)
            and p.get_content_type() != "message/rfc822"]
    shallow.set_payload(kept)
    return shallow


# Bulk and notification mail: each signal alone is weak; two together are bulk.
_BULK_HEADER = re.compile(
    r"^(feedback-id|x-feedback-id|x-campaign[a-z-]*|x-mailchimp[a-z-]*|x-mc-user|"
    r"x-mandrill[a-z-]*|x-sg-[a-z-]+|x-sendgrid[a-z-]*|x-ses-[a-z-]+|x-mailgun[a-z-]*|"
    r"x-mailjet[a-z-]*|x-sib-[a-z-]+|x-mkt[a-z-]*|x-marketo[a-z-]*|x-newsletter[a-z-]*|"
    r"x-csa-complaints|x-report-abuse[a-z-]*|x-abuse-report[a-z-]*|x-emarsys[a-z-]*|"
    r"x-rpcampaign|x-mailer-sid|x-eloqua[a-z-]*|x-sfmc[a-z-]*|x-responsys[a-z-]*|"
    r"x-postmark[a-z-]*|x-pm-tag|x-sparkpost[a-z-]*|x-msfbl|"
    r"x-msys-api|x-hubspot[a-z-]*|x-hs-cid|x-mailer-recptid|x-bulkmail|x-bulk[a-z-]*|"
    r"x-mass-mail|x-mailing[a-z-]*|x-mc-user|x-listmonk[a-z-]*|x-mautic[a-z-]*|"
    r"x-klaviyo[a-z-]*|x-brevo[a-z-]*|x-mailin-[a-z-]+|x-roving-[a-z-]+|x-acumba[a-z-]*|"
    r"x-mailerlite[a-z-]*|x-iterable[a-z-]*|x-braze[a-z-]*|x-customerio[a-z-]*|x-job|"
    r"x-sailthru[a-z-]*|x-pardot[a-z-]*|x-sfdc-[a-z-]+|x-exacttarget[a-z-]*|"
    r"x-selligent[a-z-]*|x-dotdigital[a-z-]*|x-mailpoet[a-z-]*|x-sendpulse[a-z-]*|"
    r"x-zcampaign[a-z-]*|x-zohocampaign[a-z-]*|x-emv-[a-z-]+|x-mw-[a-z-]+|"
    r"x-php-originating-script|x-php-script|x-entity-ref-id|"
    r"x-unsubscribe[a-z-]*|x-tm-id|x-xsmtpapi|x-smtpapi|x-ymail-isg-bulk|"
    r"x-mailer-campaign|x-tracking[a-z-]*|x-originating-campaign)$"
)
# Not in that list on purpose: headers receiving-side filters and personal mail providers
# write on every mail, people's included (Mimecast X-MC-Unique, Cloudmark X-CMAE-*, Coremail
# X-CM-TRANSID on 163.com/126.com mail, ProtonMail X-Pm-Message-ID).
# Application notification platforms: one of these alone is enough.
_APP_HEADER = re.compile(
    r"^x-(github|gitlab|jira|bugzilla|redmine|confluence|trac|jenkins|phabricator|"
    r"launchpad|gerrit|sentry|zendesk|freshdesk|salesforce|servicenow|facebook|linkedin|"
    r"twitter|pinterest|slack|asana|trello|atlassian|stripe|paypal|amazon-notification|"
    r"notifications?|notification-[a-z-]+|auto-notify|system-generated|generated-by|"
    r"mailgun-tag|entity-id|cron-env|mailer-type)[a-z-]*$"
)
_BULK_MAILER = re.compile(
    r"mailchimp|constant ?contact|sendinblue|brevo|phplist|mailjet|mautic|acumbamail|"
    r"campaign ?monitor|getresponse|mailerlite|aweber|klaviyo|hubspot|marketo|eloqua|"
    r"salesforce|exacttarget|listmonk|sendy|newsletter|mass ?mail|bulk ?mail|phpmailer|"
    r"swiftmailer|cron daemon|wordpress|drupal|joomla|zendesk|jira|bugzilla|mailgun|"
    r"sendgrid|amazon ?ses|mandrill|sparkpost|postmark|sailthru|silverpop|cheetahmail|"
    r"emarsys|dotdigital|act-on|pardot|selligent|adobe campaign|neolane|mailpoet|sendpulse|"
    r"moosend|omnisend|convertkit|zoho ?campaigns|mailwizz|interspire|oempro|sendloop|"
    r"nodemailer|zend_mail|laminas|codeigniter|php/\d|coldfusion|microsoft cdo|actionmailer|"
    r"symfony mailer|python|django",
    re.IGNORECASE,
)
_UNSUBSCRIBE_TEXT = re.compile(
    r"unsubscribe|\bopt[ -]?out\b|manage (your )?(e-?mail |subscription |notification )?"
    r"(preferences|settings|subscriptions)|update your (e-?mail )?preferences|"
    r"email preferences|afmelden|uitschrijven|abmelden|abbestellen|newsletter abbestellen|"
    r"se d(é|e)sabonner|d(é|e)sinscri|d(é|e)sabonnement|darse de baja|date de baja|"
    r"cancelar (la |tu )?suscripci(ó|o)n|descadastr|cancelar (a )?inscri(ç|c)(ã|a)o|"
    r"annulla(re)? (l')?iscrizione|disiscriv",
    re.IGNORECASE,
)
# A newsletter's header and footer lines, apart from the unsubscribe link: a second signal.
_MAILING_TEXT = re.compile(
    r"view (this (e-?mail|message|newsletter) )?(online|in (your |a |the )?(web )?browser)|"
    r"having trouble (viewing|reading) this|(you are|you're) receiving this (e-?mail|message|"
    r"because)|you (received|got) this (e-?mail|message|notification) because|this (e-?mail|"
    r"message|notification) was sent to|bekijk (deze e-?mail |de nieuwsbrief )?(online|in "
    r"(je|uw) browser)|u ontvangt deze|je ontvangt deze|im browser (ansehen|anzeigen|"
    r"(ö|oe)ffnen)|sie erhalten diese|(afficher|voir) (ce message |cet e-?mail )?(en ligne|"
    r"dans (votre|un) navigateur)|vous recevez (cet|ce)|ver (este correo |el correo )?en (tu|"
    r"su|el) navegador|recibes este|recibe este|visualizar (este e-?mail )?no (seu )?"
    r"navegador|voc(ê|e) est(á|a) recebendo|visualizza (nel|sul) browser",
    re.IGNORECASE,
)
# What a platform's notification says: a portal message, a code, a link that expires.
_NOTIFICATION_TEXT = re.compile(
    r"\b(log ?in|sign ?in) to (view|read|see|access|reply|respond)|electronic signature "
    r"service|sent you (a )?documents? to (review|sign)|do not share this (e-?mail|link)|"
    r"you have (\d+ |a )?new (message|notification|document|task)s?\b|(reset|verify|"
    r"confirm) your (password|e-?mail address|account)|verification code|one-?time "
    r"(password|code|passcode)|this link (will )?expires?|"
    # The same in NL, DE, FR, ES, PT, IT: a new message or task waits in a portal, log in.
    r"er staat een nieuw(e)? (bericht|taak|melding)|(u|je) (heeft|hebt) een nieuw(e)? "
    r"(bericht|taak|melding)|\blog (dan )?in op (het|de|uw|je|mijn)\b|(sie haben|du hast) "
    r"eine neue (nachricht|aufgabe|benachrichtigung)|melden sie sich (bei|an) |loggen sie "
    r"sich ein|vous avez (un |une )?nouv(eau|elle) (message|t(â|a)che|notification)|"
    r"connectez-vous (à|a) |tienes? (un|una) nuev[oa] (mensaje|tarea|notificaci)|"
    r"inicia sesi(ó|o)n (en|para)|voc(ê|e) tem (uma|um) nov[oa] (mensagem|tarefa|notifica)|"
    r"fa(ç|c)a login|hai (un |una )?nuov[oa] (messaggio|attivit(à|a)|notifica)",
    re.IGNORECASE,
)
# Notification-style senders: departments and systems, not people.
_NOTIFICATION_LOCAL = re.compile(
    r"^(notifications?|notify|alerts?|updates?|news(letters?)?|info|information|marketing|"
    r"mailer|mailing|digest|system|automated|automailer|robot|bot|messages?|service|"
    r"services|customer-?service|account(s)?|billing|invoices?|orders?|shop|store|team|"
    r"hello|support|security|reminders?|calendar|events?|communications?|promo(tions)?|"
    r"offers?|deals|newsroom|press|webmaster|admin|administrator|system-?messages?|"
    r"nieuwsbrief|noticias|nachrichten|actualites|jobs|careers|talent|recruiting|"
    r"hr-?system|workday|ats|applications?|wordpress|www-?data|www|web|website|forms?|"
    r"apache|nginx|cron|crond|mailbot|notifier|alerting|automail|autoconfirm|auto-confirm|"
    r"confirm(ation)?s?|verify|verification|receipts?|tickets?|helpdesk|servicedesk|"
    r"abuse|fbl|scomp|complaints?|feedback-?loop|arf|spamcop|reports?)"
    r"([.\-_+].*)?$",
    re.IGNORECASE,
)


# The bounce and signing domains of bulk-mail services: mail whose envelope sender (VERP) or
# DKIM signature is theirs was sent through a campaign or notification platform.
_ESP_DOMAIN = re.compile(
    r"(^|\.)(amazonses\.com|sendgrid\.net|sendgrid\.info|mailgun\.(org|net)|mcsv\.net|"
    r"mcdlv\.net|rsgsv\.net|mandrillapp\.com|sparkpostmail\.com|mtasv\.net|"
    r"pmbounces\.com|sendinblue\.com|brevo\.com|mailjet\.com|createsend\.com|"
    r"cmail\d+\.com|constantcontact\.com|ctctcdn\.com|hubspotemail\.net|"
    r"hs-email\.com|mktomail\.com|exacttarget\.com|exct\.net|salesforce\.com|"
    r"sailthru\.com|pardot\.com|klaviyomail\.com|mailerlite\.com|mlsend\.com|"
    r"customeriomail\.com|emsend\d*\.com|emarsys\.net|dotdigital-email\.com|"
    r"mailpoet\.com|sendpulse\.com|moosend\.com|substack\.com|mailchimpapp\.net|"
    r"ccsend\.com|sendibt\d*\.com|sendibm\d*\.com|mailersend\.net|smtp2go\.com|"
    r"elasticemail\.com|msgfocus\.com|rsys\d*\.(com|net)|postmarkapp\.com|"
    r"mailjet\.net|sparkpostmail\d*\.com|mcsignup\.com|list-manage\.com)$",
    re.IGNORECASE,
)
_DKIM_DOMAIN = re.compile(r"(?:^|;)\s*d=([A-Za-z0-9.-]{1,253})")


def _esp_infrastructure(facts: MailFacts) -> str | None:
    for value in facts.values("return-path"):
        for address in addresses_in(value):
            domain = address.rpartition("@")[2]
            if _ESP_DOMAIN.search(domain):
                return f"envelope sender at {domain[:60]}"
    for value in facts.values("dkim-signature")[:5]:
        match = _DKIM_DOMAIN.search(value)
        if match and _ESP_DOMAIN.search(match.group(1)):
            return f"signed by {match.group(1)[:60]}"
    return None


# "Do not reply to this e-mail" and "this mailbox is not read", as notifications and
# newsletters say it in EN, NL, DE, FR, ES, PT and IT. A person rarely writes it about their
# own mail; they do quote it, so only their own words count (never the quoted history).
_NO_REPLY_WORDING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("en", re.compile(
        r"(please )?do not (reply|respond) (directly )?to this (e-?mail|message|mail|address|"
        r"notification)|(this|the) (mailbox|inbox|e-?mail address|address) is (not monitored|"
        r"unmonitored|not checked|not attended|not read)|replies to this (e-?mail|message|"
        r"address) (will not|won't|are not|cannot|can ?not) (be )?(read|monitored|answered|"
        r"received|delivered)|sent from an? (notification-only|send-only|no-?reply|unmonitored) "
        r"(e-?mail )?address|you (cannot|can't|can not) reply to this (e-?mail|message)|"
        r"this is an? (automated|automatic|system[ -]generated|auto-?generated) (e-?mail|"
        r"message|notification)|this (e-?mail|message|notification) (is|was|has been) "
        r"(sent|generated) (automatically|by an automated system)", re.IGNORECASE)),
    ("nl", re.compile(
        r"(u|je) kunt (niet op deze (e-?mail|mail|bericht)|deze (e-?mail|mail|bericht) niet) "
        r"(antwoorden|beantwoorden|reageren)|reageer niet op (deze|dit) (e-?mail|mail|bericht)|"
        r"beantwoord (deze|dit) (e-?mail|mail|bericht) niet|deze (mailbox|e-?mailbox|"
        r"e-?mailadres|afzender) wordt niet (gelezen|bewaakt|gecontroleerd|beheerd)|gelieve "
        r"niet te (antwoorden|reageren)|antwoorden op (deze|dit) (e-?mail|bericht) worden niet|"
        r"dit is een automatisch (gegenereerd|verzonden|verstuurd) (bericht|e-?mail|mail)|"
        r"dit (bericht|e-?mail) is automatisch (gegenereerd|verzonden|verstuurd)",
        re.IGNORECASE)),
    ("de", re.compile(
        r"bitte (antworten sie nicht|nicht) auf diese (e-?mail|nachricht)|antworten auf diese "
        r"(e-?mail|nachricht) werden nicht|diese (e-?mail|nachricht) wurde automatisch "
        r"(erstellt|generiert|erzeugt|versandt|verschickt|versendet)|diese (e-?mail-?adresse|"
        r"adresse|mailbox) wird nicht (gelesen|überwacht|ueberwacht|bearbeitet)|"
        r"automatisch (generierte|erstellte|versandte) (e-?mail|nachricht)", re.IGNORECASE)),
    ("fr", re.compile(
        r"merci de ne pas r(é|e)pondre|ne (r(é|e)pondez|pas r(é|e)pondre) pas (à|a) "
        r"(ce|cet)|ne pas r(é|e)pondre (à|a) (ce|cet)|veuillez ne pas r(é|e)pondre|"
        r"cette (adresse|bo(î|i)te)( e-?mail| aux lettres)? n'est pas (surveill|consult|lue)|"
        r"(ce|cet) (message|e-?mail|courriel) (a (é|e)t(é|e) )?(envoy(é|e)|g(é|e)n(é|e)r(é|e)) "
        r"automatiquement", re.IGNORECASE)),
    ("es", re.compile(
        r"(por favor,? )?no (respondas|responda|contestes|conteste|responder) (a )?(este|esta) "
        r"(correo|mensaje|e-?mail|direcci)|este (buz(ó|o)n|correo|mensaje) no (es|est(á|a)) "
        r"(monitoreado|supervisado|atendido|vigilado)|este (correo|mensaje) (ha sido|fue|se ha) "
        r"(generado|enviado) autom(á|a)ticamente", re.IGNORECASE)),
    ("pt", re.compile(
        r"(por favor,? )?n(ã|a)o (responda|responder|respondas) (a )?(est|a est|ao)|"
        r"est(a|e) (mensagem|e-?mail|caixa) (foi (enviad|gerad)[ao] automaticamente|n(ã|a)o "
        r"(é|e) monitorad)|mensagem (gerada|enviada) automaticamente", re.IGNORECASE)),
    ("it", re.compile(
        r"(si prega di |per favore,? |ti preghiamo di )?non rispondere a (questa|questo)|"
        r"questo (messaggio|indirizzo|e-?mail) (è|e) (stato )?(generato|inviato) "
        r"automaticamente|(questo indirizzo|questa casella) non (è|e) (monitorat|presidiat)",
        re.IGNORECASE)),
)

# What an HTML body looks like when it comes from a campaign or notification platform: a
# 1x1 open-tracking image, links through a click-tracking redirector.
_IMG_TAG = re.compile(r"<img\b[^>]{0,2000}", re.IGNORECASE)
_ONE_PIXEL_WIDE = re.compile(r"\bwidth\s*[=:]\s*[\"']?[01](px)?\b", re.IGNORECASE)
_ONE_PIXEL_HIGH = re.compile(r"\bheight\s*[=:]\s*[\"']?[01](px)?\b", re.IGNORECASE)
_PIXEL_SRC = re.compile(r"\bsrc\s*=\s*[\"']?[^\"'>\s]{0,300}?(/open\.php|/wf/open|/track/open|"
                        r"/trk/open|/e/o/|/mk/op/|/cto/|/o/ej|open\.aspx|[?&](open|pixel)=)",
                        re.IGNORECASE)
MAX_IMAGES = 500


def _tracking_pixel(html: str) -> bool:
    """A 1x1 image, or one whose address is an open-tracking endpoint (tag by tag: a
    hostile HTML of many long tags costs one pass each)."""
    for number, tag in enumerate(_IMG_TAG.finditer(html)):
        text = tag.group(0)
        if (_ONE_PIXEL_WIDE.search(text) and _ONE_PIXEL_HIGH.search(text)) \
                or _PIXEL_SRC.search(text):
            return True
        if number >= MAX_IMAGES:
            break
    return False


_CLICK_TRACKING = re.compile(
    r"\bhref\s*=\s*[\"']?https?://[^\"'>\s]{0,300}?(/ls/click\?|/track/click|/wf/click|"
    r"/c/ej|/mk/cl/|/ctc/|/cl0/|/ss/c/|click\.[a-z0-9-]+\.[a-z.]+/\?qs=|\.hubspotlinks\.com|"
    r"klclick\d*\.com|awstrack\.me|mandrillapp\.com/track|list-manage\.com/track|"
    r"sendgrid\.net/(ls|wf)/|[?&]utm_medium=e-?mail|[?&]mc_(cid|eid)=|/e/c/|/trk/click)",
    re.IGNORECASE,
)
# Where a reply's quoted history starts in the HTML clients write (Gmail, Outlook, Apple
# Mail, Thunderbird, Yahoo): what follows is someone else's mail, not the sender's.
_HTML_QUOTE = re.compile(
    r"<blockquote[^>]{0,200}(type=[\"']?cite|gmail_quote)|class=[\"']?(gmail_quote|gmail_attr|"
    r"moz-cite-prefix|yahoo_quoted|"
    r"OutlookMessageHeader)|id=[\"']?(divRplyFwdMsg|appendonsend|"
    r"mail-editor-reference-message-container|x_divRplyFwdMsg)|-----\s*Original Message",
    re.IGNORECASE,
)
_HTML_CAP = 200_000
_WORD = re.compile(r"\w{2,}")
# Campaigns send a token text part ("view this e-mail in an HTML client") next to the real
# HTML body; a person's client writes the same words in both parts.
HTML_HEAVY_MIN_WORDS = 40
HTML_HEAVY_RATIO = 4


def own_html(facts: MailFacts) -> str:
    """The sender's own HTML (text/html parts outside forwarded mails, up to the quoted
    history), decoded; empty when the mail has none."""
    found: list[str] = []
    for part in top_parts(facts.message, depth=3):
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        try:
            html = payload[:_HTML_CAP].decode(part.get_content_charset() or "utf-8", "replace")
        except LookupError:  # a charset Python does not know: read it as UTF-8
            html = payload[:_HTML_CAP].decode("utf-8", "replace")
        quote = _HTML_QUOTE.search(html)
        found.append(html[:quote.start()] if quote else html)
    return "\n".join(found)


def _plain_part_words(facts: MailFacts) -> int | None:
    """The words of the first text/plain part of a multipart/alternative, or None."""
    for part in top_parts(facts.message, depth=3):
        if part.get_content_type() != "multipart/alternative" or not part.is_multipart():
            continue
        for child in part.get_payload():
            if isinstance(child, Message) and child.get_content_type() == "text/plain":
                payload = child.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return len(_WORD.findall(payload[:_HTML_CAP].decode("utf-8", "replace")))
    return None


def html_signals(facts: MailFacts, html: str, visible: str | None = None) -> list[str]:
    """What the HTML itself gives away: tracking, a token text part (`visible` is the HTML's
    text when the caller has it already)."""
    signals: list[str] = []
    pixel = _tracking_pixel(html)
    click = _CLICK_TRACKING.search(html)
    if pixel or click:
        signals.append("open-tracking image" if pixel else "click-tracking links")
    text_words = _plain_part_words(facts)
    if text_words is not None:
        html_words = len(_WORD.findall(html_to_text(html) if visible is None else visible))
        if html_words >= HTML_HEAVY_MIN_WORDS and text_words * HTML_HEAVY_RATIO < html_words:
            signals.append(f"a {text_words}-word text part beside {html_words} words of HTML")
    return signals


def _verp(facts: MailFacts) -> str | None:
    """A per-recipient envelope sender (VERP): the recipient's own address written into the
    Return-Path's local part ("bounces+hsm-documents=mailbot.example@..."). Bulk senders do
    this to match bounces to subscribers; a person's mail never carries our address there."""
    recipients = {a.replace("@", "=") for a in (*facts.own_addresses,
                                                *facts.parsed.to_addresses) if "@" in a}
    for value in facts.values("return-path"):
        for address in addresses_in(value):
            local = local_part(address)
            if any(r in local for r in recipients):
                return f"per-recipient envelope sender {address[:60]}"
    return None


# A bounce-processing domain in the envelope or Sender ("…@bounce.news.example",
# "…@bounces.shop.example"): where bulk senders collect their bounces; a person's envelope is
# their own mailbox or their provider's.
_BOUNCE_DOMAIN_LABEL = re.compile(r"^(bounces?|bnc|bounce-?mail|mailbounces?|rebound)\d*$")


def _bounce_domain(facts: MailFacts) -> str | None:
    for header in ("return-path", "sender"):
        for value in facts.values(header):
            for address in addresses_in(value):
                labels = address.rpartition("@")[2].split(".")[:-2]
                if any(_BOUNCE_DOMAIN_LABEL.match(label) for label in labels):
                    return f"{header} at a bounce domain {address.rpartition('@')[2][:60]}"
    return None


# The tracking headers of sending platforms' APIs (Amazon SES, SendGrid, Mailgun, Postmark,
# Mandrill/Mailchimp, Mailjet, Brevo, SparkPost, Salesforce Marketing Cloud, HubSpot,
# Klaviyo): one is as strong as two signals. Not Postmark's X-PM-Message-Id alone (ProtonMail
# writes X-Pm-Message-ID on people's mail) and not Feedback-ID alone (a receiving side's
# complaint key some providers put on any mail).
_SENDING_API_HEADER = re.compile(
    r"^(x-ses-outgoing|x-ses-[a-z-]+|x-sg-eid|x-sg-id|x-sendgrid-[a-z-]+|x-mailgun-[a-z-]+|"
    r"x-pm-rcpt|x-pm-tag|x-mc-user|x-mandrill-user|x-mailjet-[a-z-]+|x-mj-[a-z-]+|"
    r"x-mailin-[a-z-]+|x-sib-id|x-msys-api|x-sfmc-[a-z-]+|x-hubspot-[a-z-]+|x-hs-cid|"
    r"x-klaviyo-[a-z-]+|x-kmail-[a-z-]+|x-campaign-?id|x-campaignid|x-mailer-sid|"
    r"x-sparkpost-[a-z-]+|x-smtpapi|x-xsmtpapi)$"
)


_CALENDAR_METHOD = re.compile(r"^METHOD:(REQUEST|PUBLISH|CANCEL|COUNTER|REFRESH)\b",
                              re.IGNORECASE | re.MULTILINE)


def calendar_invitation(facts: MailFacts) -> str | None:
    """A calendar invitation (iTIP, RFC 5546): software writes it; the reply it wants is the
    calendar's accept or decline, never a mail."""
    if (facts.header("content-class") or "").lower() == "urn:content-classes:calendarmessage":
        return "calendar invitation (content-class)"
    for part in top_parts(facts.message, depth=3):
        if part.get_content_type() in ("text/calendar", "application/ics"):
            method = (part.get_param("method") or "")
            if isinstance(method, str) and method:
                return f"calendar invitation (method {method[:10].upper()})"
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                match = _CALENDAR_METHOD.search(payload[:20000].decode("utf-8", "replace"))
                if match:
                    return f"calendar invitation (method {match.group(1).upper()})"
    return None


def _visible_html(facts: MailFacts) -> tuple[str, str]:
    """The sender's own HTML and the text it shows a reader ("" and "" without HTML)."""
    html = own_html(facts)
    return html, html_to_text(html) if html else ""


def _wording(family: re.Pattern[str], words: str, seen: str) -> str | None:
    """The family's first match in the head or tail of the sender's own text or of what
    their HTML shows (a token text part hides the newsletter's footer): these families are
    slow on long texts, and a footer is at the end, a browser line at the top."""
    found = family.search(words[-20000:]) or family.search(words[:5000]) \
        or family.search(seen[-20000:]) or family.search(seen[:5000])
    return found.group(0)[:40] if found else None


def bulk_signals(facts: MailFacts, *, without_footer: bool = False) -> list[str]:
    """What makes a mail look like a newsletter or a notification, strongest first
    (`without_footer`: not the unsubscribe and newsletter-footer wording, when the
    mailing-footer rule has read it already)."""
    signals: list[str] = []
    headers = facts.parsed.headers
    app = next((k for k, _ in headers if _APP_HEADER.match(k)), None)
    if app:
        signals += [f"notification header {app}", "(a platform's own header)"]
    esp = next((k for k, _ in headers if _BULK_HEADER.match(k)), None)
    api = next((k for k, _ in headers if _SENDING_API_HEADER.match(k)), None)
    if api:
        # Only a sending platform's API writes these: no mail client a person uses does.
        signals += [f"sending-platform header {api}", "(a sending platform's API header)"]
    elif esp:
        signals.append(f"bulk-sender header {esp}")
    mailer = next((v for k, v in headers if k in ("x-mailer", "user-agent", "x-generator")
                   and _BULK_MAILER.search(v)), None)
    if mailer:
        signals.append(f"mailer {mailer[:40]!r}")
    infrastructure = _esp_infrastructure(facts)
    if infrastructure and not esp:
        signals.append(infrastructure)
    verp = _verp(facts) or _bounce_domain(facts)
    if verp:
        signals.append(verp)
    # The sender's own words only: a person forwarding or quoting a newsletter is no list.
    words = own_words(facts.parsed.text)
    html, seen = _visible_html(facts)
    families = (_NOTIFICATION_TEXT,) if without_footer else (
        _UNSUBSCRIBE_TEXT, _MAILING_TEXT, _NOTIFICATION_TEXT)
    for family in families:
        found = _wording(family, words, seen)
        if found:
            signals.append(f"wording {found!r}")
    if html:
        signals += html_signals(facts, html, seen)
    if facts.parsed.from_address and _NOTIFICATION_LOCAL.match(
            local_part(facts.parsed.from_address)):
        signals.append(f"sender {local_part(facts.parsed.from_address)[:30]!r}")
    if facts.header("reply-to") is not None and facts.parsed.from_address and not any(
            a == facts.parsed.from_address for a in addresses_in(facts.header("reply-to") or "")):
        reply_to = addresses_in(facts.header("reply-to") or "")
        if reply_to and machine_local_part(reply_to[0]):
            signals.append("no-reply Reply-To")
    return signals


# A link to leave a mailing: what every newsletter and most notifications end with.
_UNSUBSCRIBE_LINK = re.compile(
    r"https?://[^\s\"'<>]{0,300}?(unsubscribe|unsub\b|opt-?out|optout|manage-?preferences|"
    r"email-?preferences|subscription-?center|afmelden|uitschrijven|abmelden|abbestellen|"
    r"desinscri|d%c3%a9sinscri|desabonn|darse-?de-?baja|/baja|descadastr|disiscri)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MailingFooter:
    """A newsletter's or notification's footer in the sender's own words: "you are receiving
    this e-mail because", "view this e-mail in your browser", or a link to unsubscribe. People
    quote these, they hardly write them, but a signature can carry one, so it is a lone
    signal: answered next to person evidence, held for HR alone, a machine's with any other
    bulk signal."""

    name: str = "mailing-footer"
    description: str = ("a newsletter's footer or browser line, or an unsubscribe link, in "
                        "the sender's own words")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        words = own_words(facts.parsed.text)
        html, seen = _visible_html(facts)
        footer = _wording(_MAILING_TEXT, words, seen)
        if footer:
            return f"{footer!r}"
        link = _wording(_UNSUBSCRIBE_LINK, words, "") or _wording(_UNSUBSCRIBE_LINK, html, "")
        return f"unsubscribe link {link!r}" if link else None


@dataclass(frozen=True)
class BulkMail:
    name: str = "bulk"
    description: str = ("a newsletter or automated notification: two of bulk-sender headers, "
                        "a notification platform's header, unsubscribe wording, a "
                        "department-style sender")
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        signals = bulk_signals(facts)
        if len(signals) < 2:
            return None
        return "; ".join(s for s in signals if not s.startswith("("))


@dataclass(frozen=True)
class CalendarInvitation:
    """Calendar software's invitation, update or cancellation (text/calendar with an iTIP
    METHOD, Outlook's calendarmessage content-class). Not in LONE_SIGNAL_RULES: whoever
    organised it, the mail was written by the calendar, and a reply about visa documents is
    no answer to it; one that carries documents of its own is held for HR."""

    name: str = "calendar-invitation"
    description: str = "a calendar invitation (text/calendar, iTIP METHOD)"
    certain: bool = False

    def check(self, facts: MailFacts) -> str | None:
        return calendar_invitation(facts)


# --- the chain -------------------------------------------------------------------------------

CERTAIN_RULES: tuple[Rule, ...] = (
    FromOurselves(),
    AutoSubmitted(),
    ReportStructure(),
    NullReturnPath(),
    AutoReplyHeaders(),
    ChallengeResponse(),
    MachineSender(),
    BounceHandlerSender(),
    BulkPrecedence(),
    MailingList(),
)

HEURISTIC_RULES: tuple[Rule, ...] = (
    BounceParser(),
    SubjectPattern("delivery-failure-subject",
                   "the subject is a delivery failure or delivery report", _SUBJECT_DELIVERY),
    SubjectPattern("autoreply-subject", "the subject is an automatic or out-of-office reply",
                   _SUBJECT_AUTOREPLY),
    SubjectPattern("feedback-report-subject", "the subject is an abuse/feedback report",
                   _SUBJECT_FEEDBACK),
    SubjectPattern("challenge-subject", "the subject asks to confirm the sender is human",
                   _SUBJECT_CHALLENGE),
    SubjectPattern("report-subject", "the subject is a DMARC or TLS-RPT report's fixed form",
                   _SUBJECT_REPORT),
    DeliveryFailureText(),
    AutoReplyText(),
    AcknowledgementText(),
    ChallengeText(),
    AutomatedFooter(),
    FeedbackReportText(),
    FeedbackReportPhrase(),
    BulkMail(),
    MailingFooter(),
    CalendarInvitation(),
    SuppressAutoResponse(),
)

RULES: tuple[Rule, ...] = CERTAIN_RULES + HEURISTIC_RULES

# Heuristics that read one phrase or one header a person can also write or send: alone they
# do not make a mail a machine's (see `heuristic_judgement`). The others need two signals of
# their own already (bulk) or read a structure (the bounce parser, report fields).
LONE_SIGNAL_RULES = frozenset({
    "delivery-failure-subject", "autoreply-subject", "feedback-report-subject",
    "challenge-subject", "delivery-failure-text", "acknowledgement-text", "challenge-text",
    "feedback-report-phrase", "automated-footer", "x-auto-response-suppress", "mailing-footer",
})


def judge(facts: MailFacts, rules: Iterable[Rule] = RULES) -> Verdict | None:
    """The first rule that says 'do not answer', or None for a person's mail."""
    for rule in rules:
        try:
            detail = rule.check(facts)
        except Exception as exc:  # hostile bytes must not stop the queue; the next rule decides
            log.warning("rule %s could not judge the mail: %s", rule.name, type(exc).__name__)
            continue
        if detail is not None:
            return Verdict(rule.name, rule.description, detail, rule.certain)
    return None


def judge_all(facts: MailFacts, rules: Iterable[Rule]) -> list[Verdict]:
    """Every rule that says 'do not answer', in order (for the heuristics, which weigh)."""
    found: list[Verdict] = []
    for rule in rules:
        verdict = judge(facts, (rule,))
        if verdict is not None:
            found.append(verdict)
    return found


def person_evidence(facts: MailFacts) -> str | None:
    """What shows a person wrote the mail: files of their own (an auto-reply or a bounce
    never attaches the sender's documents; a returned mail's files are inside it) or a
    question in their own first lines (bounce and out-of-office texts state, they do not
    ask)."""
    documents = own_documents(facts.parsed)
    if documents:
        return f"{documents} document(s) of their own"
    lines = first_lines(facts.parsed.text)
    if asks(lines):
        return "a question in the first lines"
    signed = signed_greeting(facts.parsed, lines)
    if signed:
        return signed
    return None


# A question mark that ends a sentence, not one inside a link ("EmailStart.aspx?a=1").
_QUESTION = re.compile(r"\?(\s|$|[)\"'»”])")


def asks(lines: str) -> bool:
    return _QUESTION.search(lines) is not None


# How people open a mail, in the languages candidates write in.
_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|beste|geachte|hallo|hoi|"
    r"goedemorgen|goedemiddag|goedenavond|liebe|lieber|sehr geehrte[rn]?|guten (tag|morgen)|"
    r"moin|bonjour|bonsoir|madame|monsieur|cher|ch(è|e)re|hola|estimad[oa]s?|buen[oa]s "
    r"(d(í|i)as|tardes)|ol(á|a)|oi|prezad[oa]s?|caro|cara|bom dia|boa tarde|gentile|"
    r"buongiorno|ciao|salve|hej|hei)\b",
    re.IGNORECASE,
)
SIGN_OFF_LINES = 4


def signed_greeting(parsed: ParsedMail, lines: str) -> str | None:
    """A greeting at the start and the sender's own name among the last lines of their own
    words: a letter a person wrote. Only when those words state no absence and say nothing
    of when mail will be handled: an out-of-office text greets and signs too."""
    name = parsed.from_name.strip().strip('"').split()
    if not name or len(name[0]) < 2 or not _GREETING.match(lines) \
            or _BODY_ABSENCE.search(lines) or _BODY_HANDLING.search(lines):
        return None
    own = [line.strip() for line in own_words(parsed.text).splitlines() if line.strip()]
    first = name[0].lower()
    for line in own[-SIGN_OFF_LINES:]:
        if line.lower().startswith(first) or line.lower().endswith(name[-1].lower()):
            return f"a greeting and a sign-off by {name[0][:20]!r}"
    return None


@dataclass(frozen=True)
class HeuristicJudgement:
    verdict: Verdict | None      # the first heuristic that fired, None when none did
    corroborated: bool           # two signals, or one that needs no second
    person: str | None           # the person evidence that outweighs a lone signal


def _has_bulk_signal(facts: MailFacts, verdicts: list[Verdict]) -> bool:
    """A bulk signal next to the lone verdicts, not one of them read a second time."""
    try:
        footer = any(v.rule == "mailing-footer" for v in verdicts)
        return bool(bulk_signals(facts, without_footer=footer))
    except Exception as exc:  # hostile bytes in a part must not stop the queue
        log.warning("bulk signals could not be read: %s", type(exc).__name__)
        return False


def heuristic_judgement(facts: MailFacts, skip: Iterable[str] = ()) -> HeuristicJudgement:
    """The heuristics weighed: one phrase or one hint alone (LONE_SIGNAL_RULES) is not
    enough to call a mail a machine's. A lone signal with person evidence is a person's
    mail (answered); a lone signal without it is held for HR (not answered, never silently
    dropped); two signals, or one rule that needs no second, are a machine's."""
    skipped = frozenset(skip)
    verdicts = judge_all(facts, (r for r in HEURISTIC_RULES if r.name not in skipped))
    if not verdicts:
        return HeuristicJudgement(None, False, None)
    # A single bulk signal (a department-style sender, an ESP header, unsubscribe wording)
    # is too weak for the bulk rule, but it is a second signal next to a lone one.
    corroborated = len(verdicts) >= 2 or any(v.rule not in LONE_SIGNAL_RULES for v in verdicts) \
        or _has_bulk_signal(facts, verdicts)
    person = None if corroborated else person_evidence(facts)
    return HeuristicJudgement(verdicts[0], corroborated, person)


def machine_mail_reason(mail: ParsedMail, own_addresses: frozenset[str]) -> str | None:
    """The reason of the first rule that says 'do not answer', or None for a human mail.
    (Without the MIME tree: the structure rules see only the top-level Content-Type.)"""
    own = frozenset(address.lower() for address in own_addresses)
    verdict = judge(MailFacts(mail, None, own))
    return verdict.reason if verdict else None

