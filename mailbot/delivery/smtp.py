"""Replies out over SMTP, and how a reply is sent at most once even across crashes.

Errors, as the outbox sender sees them:

* `TransientError` — connection refused, timeouts, dropped connections, any 4xx, a refused login
  (an expired OAuth2 token heals; mail waits in the outbox). Retry later.
* `TlsError` (a `TransientError`, mailbot/auth.py) — the certificate failed verification against
  the system store or `MAILBOT_SMTP_CA_FILE`, or STARTTLS was not offered. One line naming the
  server and the setting to fix; the reply stays queued.
* `DeliveryInDoubt` (a `TransientError`) — the connection broke *after* the message text was
  sent, before the server's answer: the server may have accepted it (RFC 1047). A sender that
  wants at-most-once treats it like a crash while `sending` (below) instead of retrying.
* `PermanentDeliveryError` — a 5xx for this message (sender or every recipient rejected, content
  refused). Retrying cannot help; the outbox marks the row failed and HR sees it.

Exactly-once strategy ("at most once, and never lost silently")
----------------------------------------------------------------
SMTP has no idempotency key: a server that accepted a message cannot be asked about it. The
window where a crash leaves us not knowing is between sending the final "." of DATA and
recording the server's 250. So:

1. The outbox row gets its Message-ID when it is written (same transaction as the processing
   result). Before the attempt it is committed as `sending`.
2. `deliver()` keeps a tiny durable journal per Message-ID (`<data_dir>/smtp-journal/`, fsynced):
   `data` is written just before DATA, `accepted` right after the 250.
3. `deliver()` returns → the sender marks the row `sent`.
4. After a crash, rows found in `sending` are resolved with `already_delivered(message_id)`:
   * journal says `accepted` → True: mark sent, do not send again;
   * no journal entry → False: the crash came before DATA, the server has nothing: send again;
   * journal says `data` → in doubt. If a Sent-folder check is configured, ask it: True → sent;
     False → not sent, but only when the provider files accepted mail into Sent itself
     (`sent_folder_authoritative`: Gmail, Microsoft 365 do). Otherwise → None.
5. None → the sender does NOT re-send; it marks the row for HR ("may not have been sent") so
   a person decides. A duplicate automated visa mail cannot be taken back; a held one can be
   sent by hand. This window is milliseconds wide, so None is rare.

The journal lives on the host that sends; with several hosts sharing one database the row must
be resolved on the host that attempted it (or configure the Sent-folder check).
Entries older than 30 days are pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import smtplib
import ssl
import time
from pathlib import Path
from typing import Protocol

from mailbot.auth import (
    MailAuthError,
    certificate_error,
    credentials,
    no_starttls_error,
    tls_context,
    xoauth2_string,
)
from mailbot.config import Security, Settings
from mailbot.delivery.base import Envelope
from mailbot.errors import (  # PermanentDeliveryError: importable from here too
    DeliveryInDoubt,
    MailbotError,
    PermanentDeliveryError,
    TransientError,
)

log = logging.getLogger(__name__)

JOURNAL_KEEP_SECONDS = 30 * 24 * 3600




class SentFolder(Protocol):
    """A mailbox's Sent folder (see `mailbot.sources.imap.ImapSentFolder`)."""

    def contains(self, message_id: str) -> bool: ...

    def append(self, raw: bytes) -> None: ...

    def close(self) -> None: ...


class SendJournal:
    """Per Message-ID: did a send reach DATA, and did the server accept it? Durable on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._pruned = False

    def _path(self, message_id: str) -> Path:
        digest = hashlib.sha256(message_id.strip().encode()).hexdigest()[:40]
        return self.directory / digest

    def get(self, message_id: str) -> str | None:
        try:
            return self._path(message_id).read_text().strip() or None
        except FileNotFoundError:
            return None

    def set(self, message_id: str, state: str) -> None:
        path = self._path(message_id)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w") as fh:
            fh.write(f"{state}\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(self.directory)
        if not self._pruned:
            self._pruned = True
            self.prune()

    def forget(self, message_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(message_id).unlink()

    def prune(self, older_than: float = JOURNAL_KEEP_SECONDS) -> None:
        cutoff = time.time() - older_than
        for entry in self.directory.iterdir():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()


class SmtpDelivery:
    """`Delivery` over SMTP (smtplib). Keeps one connection open between sends."""

    name = "smtp"

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = 60.0,
        journal_dir: Path | None = None,
        sent_folder: SentFolder | None = None,
        sent_folder_authoritative: bool = False,
        copy_to_sent: bool = False,
    ) -> None:
        """`sent_folder`: enables the Sent-folder check for in-doubt sends (and `copy_to_sent`).

        `sent_folder_authoritative`: the provider itself files every accepted message into
        Sent, so "not in Sent" proves "not sent". `copy_to_sent`: APPEND a copy after each
        accepted send (for servers that do not file one themselves).
        """
        settings.require("smtp_host")
        self.settings = settings
        self.timeout = timeout
        self.journal = SendJournal(journal_dir or settings.data_dir / "smtp-journal")
        self.sent_folder = sent_folder
        self.sent_folder_authoritative = sent_folder_authoritative
        self.copy_to_sent = copy_to_sent
        # Built once, here: an unreadable MAILBOT_SMTP_CA_FILE stops the start with a ConfigError
        # (raised from deliver() it would mark the reply failed for good). Plain needs none.
        self._tls: ssl.SSLContext | None = (
            None if settings.smtp_security == Security.PLAIN else tls_context(settings, "smtp")
        )
        self._smtp: smtplib.SMTP | None = None

    @property
    def port(self) -> int:
        s = self.settings
        return s.smtp_port or {Security.SSL: 465, Security.STARTTLS: 587}.get(s.smtp_security, 25)

    @property
    def server(self) -> str:
        return f"{self.settings.smtp_host}:{self.port}"

    # ------------------------------------------------------------------ connection

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp: smtplib.SMTP
        try:
            if s.smtp_security == Security.SSL:
                smtp = smtplib.SMTP_SSL(
                    s.smtp_host, self.port, timeout=self.timeout, context=self._tls
                )
            else:
                smtp = smtplib.SMTP(s.smtp_host, self.port, timeout=self.timeout)
        except ssl.SSLCertVerificationError as exc:
            raise certificate_error(s, "smtp", self.server, exc) from None
        try:
            smtp.ehlo()
            if s.smtp_security == Security.STARTTLS:
                # Never fall back to plain text when STARTTLS is missing (stripped by a man
                # in the middle, or the wrong port): refuse with a line naming the settings.
                if not smtp.has_extn("starttls"):
                    raise no_starttls_error("smtp", self.server)
                try:
                    smtp.starttls(context=self._tls)
                except ssl.SSLCertVerificationError as exc:
                    raise certificate_error(s, "smtp", self.server, exc) from None
                smtp.ehlo()
            if s.smtp_user:
                self._login(smtp)
        except BaseException:
            with contextlib.suppress(Exception):
                smtp.close()
            raise
        return smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        creds = credentials(self.settings, "smtp")
        try:
            if creds.token:
                initial = xoauth2_string(creds.user, creds.token)
                # On failure Google/Microsoft send a 334 with a JSON error and expect an empty
                # line back, after which they answer 535.
                smtp.auth(
                    "XOAUTH2",
                    lambda challenge=None: initial if challenge is None else "",
                    initial_response_ok=True,
                )
            else:
                smtp.login(creds.user, creds.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise MailAuthError(
                f"SMTP {self.server}: login as {creds.user} ({creds.method}) refused: "
                f"{exc.smtp_code} {_text(exc.smtp_error)}; check the MAILBOT_SMTP_* credentials"
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise MailAuthError(
                f"SMTP {self.server} offers no AUTH here; use MAILBOT_SMTP_SECURITY=starttls or "
                "ssl, or leave MAILBOT_SMTP_USER empty for a relay without login"
            ) from None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            try:
                # Servers close idle connections; find out before starting a transaction.
                if self._smtp.noop()[0] == 250:
                    return self._smtp
            except (OSError, smtplib.SMTPException):
                pass
            self._drop()
        self._smtp = self._connect()
        return self._smtp

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(Exception):
                smtp.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except Exception:
                with contextlib.suppress(Exception):
                    smtp.close()
        if self.sent_folder is not None:
            with contextlib.suppress(Exception):
                self.sent_folder.close()

    # ------------------------------------------------------------------ sending

    def deliver(self, envelope: Envelope) -> None:
        mid = envelope.message_id
        try:
            smtp = self._connection()
            self._transaction(smtp, envelope)
        except (PermanentDeliveryError, TransientError):
            self._drop()
            raise
        except smtplib.SMTPResponseException as exc:
            self._drop()
            raise _error_for_reply(exc.smtp_code, exc.smtp_error, self.server, mid) from None
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise TransientError(f"SMTP {self.server}: {mid} not sent: {_describe(exc)}") from None
        if self.copy_to_sent and self.sent_folder is not None:
            try:
                self.sent_folder.append(envelope.raw)
            except Exception as exc:  # the reply went out; a missing Sent copy is cosmetic
                log.warning("SMTP: %s sent, but the copy to Sent failed: %s", mid, exc)

    def _transaction(self, smtp: smtplib.SMTP, envelope: Envelope) -> None:
        mid = envelope.message_id
        raw = _crlf(envelope.raw)
        options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") and not raw.isascii() else []
        code, reply = smtp.mail(envelope.sender, options)
        if code != 250:
            _rset(smtp)
            raise _error_for_reply(code, reply, self.server, mid, what="sender")
        refused: dict[str, tuple[int, bytes]] = {}
        for rcpt in envelope.recipients:
            code, reply = smtp.rcpt(rcpt)
            if code not in (250, 251):
                refused[rcpt] = (code, reply)
        if refused:
            temporary = {r: v for r, v in refused.items() if 400 <= v[0] < 500}
            if temporary or len(refused) == len(envelope.recipients):
                # Nothing was sent yet, so retrying the whole message later is safe; sending
                # to the others now and retrying one later would need per-recipient rows.
                _rset(smtp)
                rcpt, (code, reply) = next(iter((temporary or refused).items()))
                raise _error_for_reply(code, reply, self.server, mid, what=f"recipient {rcpt}")
            log.warning(
                "SMTP %s: %s: recipients refused for good, sending to the others: %s",
                self.server, mid, ", ".join(f"{r} ({c})" for r, (c, _) in refused.items()),
            )
        self.journal.set(mid, "data")
        try:
            code, reply = smtp.data(raw)
        except smtplib.SMTPDataError as exc:
            # DATA itself refused (no 354): nothing was transmitted.
            self.journal.forget(mid)
            raise _error_for_reply(exc.smtp_code, exc.smtp_error, self.server, mid) from None
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            raise DeliveryInDoubt(
                f"SMTP {self.server}: {mid}: connection lost after the message was sent "
                f"({_describe(exc)}); the server may have accepted it"
            ) from None
        if code != 250:
            # smtplib raises only for the answer to DATA itself; this one is the verdict on
            # the text. Either way the server answered no: it has not taken the message.
            self.journal.forget(mid)
            raise _error_for_reply(code, reply, self.server, mid)
        self.journal.set(mid, "accepted")
        log.info("SMTP %s: %s accepted: %s", self.server, mid, _text(reply))

    # ------------------------------------------------------------------ after a crash

    def already_delivered(self, message_id: str) -> bool | None:
        state = self.journal.get(message_id)
        if state == "accepted":
            return True
        if state is None:
            return False  # never reached DATA: the server cannot have it
        if self.sent_folder is not None:
            # A TransientError (the IMAP server away) goes to the caller: it can tell later.
            if self.sent_folder.contains(message_id):
                return True
            if self.sent_folder_authoritative:
                return False
        return None


# ---------------------------------------------------------------------- helpers


def _error_for_reply(
    code: int, reply: bytes | str, server: str, mid: str, what: str = "message"
) -> MailbotError:
    text = f"SMTP {server}: {mid}: {what} refused: {code} {_text(reply)}"
    if 400 <= code < 500:
        return TransientError(text)
    if 500 <= code < 600:
        return PermanentDeliveryError(text, code)
    return TransientError(text)  # odd codes: assume the server is confused, try again later


def _text(reply: bytes | str) -> str:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:300]


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_EOL = re.compile(rb"\r\n|\r|\n")


def _crlf(raw: bytes) -> bytes:
    """SMTP wants CRLF line ends; smtplib fixes them for str but not for bytes."""
    return _EOL.sub(b"\r\n", raw)


def _rset(smtp: smtplib.SMTP) -> None:
    # Best effort: the connection is dropped after an error anyway.
    with contextlib.suppress(OSError, smtplib.SMTPException):
        smtp.rset()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
