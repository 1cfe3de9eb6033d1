"""The real mailbox: fetch over IMAP without side effects, file handled mail, wait with IDLE.

What the server holds, and what mailbot remembers (`SourceState`, keys per host, user, folder):

* `imap:<host>:<user>:<folder>:uidvalidity` — the folder's UIDVALIDITY when we last looked.
* `imap:<host>:<user>:<folder>:last_uid` — every UID up to this one has left the folder (was
  filed). It only saves work: the next search starts above it. It never hides a mail that is
  still in the folder, because it only moves past UIDs the server no longer lists.

`fetch()` yields every mail still in the folder above `last_uid`, oldest first, with
`BODY.PEEK[]` so `\\Seen` is never set — except mails whose source key the store already has
(`SourceState.is_known`): they were stored but not filed yet (a crash between "stored" and
"filed", or a failed move), and the pipeline files them from its own records; downloading them
again every poll would only cost bandwidth.

On a UIDVALIDITY change the UIDs mean nothing any more: `last_uid` starts again from 0 and every
mail in the folder is yielded under new keys; the pipeline recognises the ones it has by
Message-ID and sha256. Filed mail is not in the folder, so a rescan only sees what was pending.

`file()` moves with MOVE where the server has it, else UID COPY + STORE \\Deleted + UID EXPUNGE
(UIDPLUS). Never a bare EXPUNGE: it would also expunge what other clients flagged \\Deleted.
Without UIDPLUS a filed mail stays flagged \\Deleted in the folder and `fetch()` skips it.

Connection drops, timeouts and server restarts: every operation reconnects with exponential
backoff and is retried; after `max_tries` it raises `TransientError` (logged once). The fetch
generator survives a reconnect between batches, and stops early (nothing lost: the next poll
resumes) if the server changed UIDVALIDITY meanwhile.

TLS (`MAILBOT_IMAP_SECURITY` ssl or starttls) always verifies the certificate and host name, against
`MAILBOT_IMAP_CA_FILE` when set. A certificate that fails, or a server that does not offer the
STARTTLS asked for, is no dropped connection: it raises `mailbot.auth.TlsError` (one line naming
the server and the setting to fix) at once, without the backoff retries.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import LoginError

from mailbot.auth import (
    MailAuthError,
    certificate_error,
    credentials,
    no_starttls_error,
    tls_context,
)
from mailbot.config import Security, Settings
from mailbot.errors import TransientError
from mailbot.sources.base import FetchedMail, SourceState

log = logging.getLogger(__name__)

T = TypeVar("T")

DELETED = b"\\Deleted"
SEEN = b"\\Seen"

# What a dropped or dead connection looks like from imaplib/imapclient: EOF and protocol
# aborts (imaplib.IMAP4.abort, which IMAPClientAbortError is), socket errors, timeouts, TLS
# errors mid-stream. A failed certificate check is turned into TlsError in _connect first.
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    imaplib.IMAP4.abort,
    OSError,  # includes socket.timeout/TimeoutError, ConnectionError and ssl.SSLError
)

# RFC 2177: servers may drop an IDLE after 30 minutes. Re-issuing well before that also proves
# the connection alive (the DONE needs an answer), which is how a dead one is noticed.
IDLE_REISSUE_SECONDS = 9 * 60


class _UidValidityChanged(Exception):
    """The folder was rebuilt under us: stop the current fetch; the next one rescans."""


class _ImapSession:
    """One IMAP connection that reconnects with backoff. Shared by the inbox and the Sent check."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = 60.0,
        max_tries: int = 5,
        backoff: float = 1.0,
        backoff_max: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        settings.require("imap_host", "imap_user")
        self.settings = settings
        self.timeout = timeout
        self.max_tries = max(1, max_tries)
        self.backoff = backoff
        self.backoff_max = backoff_max
        self._sleep = sleep
        # Built once, here: an unreadable MAILBOT_IMAP_CA_FILE stops the start with a ConfigError
        # instead of failing each poll. Plain (loopback tests) needs none.
        self._tls: ssl.SSLContext | None = (
            None if settings.imap_security == Security.PLAIN else tls_context(settings, "imap")
        )
        self._client: IMAPClient | None = None
        self._selected: str | None = None
        self.uidvalidity: int | None = None
        self.uidnext: int | None = None
        # One IMAP connection is one conversation: serialise callers (e.g. a signal handler's
        # close() against a running fetch).
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ connection

    @property
    def server(self) -> str:
        return f"{self.settings.imap_host}:{self.port}"

    @property
    def port(self) -> int:
        s = self.settings
        return s.imap_port or (993 if s.imap_security == Security.SSL else 143)

    def _connect(self) -> IMAPClient:
        s = self.settings
        try:
            client = IMAPClient(
                s.imap_host,
                port=self.port,
                ssl=s.imap_security == Security.SSL,
                ssl_context=self._tls,
                timeout=SocketTimeout(connect=min(self.timeout, 30.0), read=self.timeout),
            )
        except ssl.SSLCertVerificationError as exc:
            raise certificate_error(s, "imap", self.server, exc) from None
        try:
            if s.imap_security == Security.STARTTLS:
                # Checked here so a server (or a man in the middle) that leaves STARTTLS out
                # gets a clear refusal, not imaplib's abort retried as a dropped connection.
                if not client.has_capability("STARTTLS"):
                    raise no_starttls_error("imap", self.server)
                try:
                    client.starttls(self._tls)
                except ssl.SSLCertVerificationError as exc:
                    raise certificate_error(s, "imap", self.server, exc) from None
            creds = credentials(s, "imap")
            try:
                if creds.token:
                    client.oauth2_login(creds.user, creds.token)
                else:
                    client.login(creds.user, creds.password)
            except LoginError as exc:
                raise MailAuthError(
                    f"IMAP {self.server}: login as {creds.user} ({creds.method}) refused: "
                    f"{_server_text(exc)}; check the MAILBOT_IMAP_* credentials"
                ) from None
            _keepalive(client)
            self._on_login(client)
        except BaseException:
            with contextlib.suppress(Exception):
                client.shutdown()
            raise
        return client

    def _on_login(self, client: IMAPClient) -> None:
        """Hook: run once per new connection (e.g. create folders)."""

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._selected = None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
            self._selected = None
            if client is not None:
                try:
                    client.logout()
                except Exception:
                    with contextlib.suppress(Exception):
                        client.shutdown()

    def _select(self, client: IMAPClient, folder: str, *, readonly: bool = False) -> None:
        info = client.select_folder(folder, readonly=readonly)
        self._selected = folder
        self.uidvalidity = int(info[b"UIDVALIDITY"])
        self.uidnext = int(info.get(b"UIDNEXT", 0)) or None

    def run(self, what: str, op: Callable[[IMAPClient], T], *, folder: str | None = None) -> T:
        """Run `op` on a live connection (with `folder` selected), reconnecting on drops."""
        with self._lock:
            attempt = 0
            while True:
                try:
                    if self._client is None:
                        self._client = self._connect()
                        if attempt:
                            log.info("IMAP %s: reconnected (attempt %d)", self.server, attempt + 1)
                    if folder is not None and self._selected != folder:
                        self._select(self._client, folder)
                    return op(self._client)
                except CONNECTION_ERRORS as exc:
                    self._drop()
                    attempt += 1
                    reason = _describe(exc)
                    if attempt >= self.max_tries:
                        log.error(
                            "IMAP %s: %s failed %d times (%s); giving up until the next try",
                            self.server, what, attempt, reason,
                        )
                        raise TransientError(
                            f"IMAP {self.server} unreachable during {what}: {reason}"
                        ) from exc
                    delay = min(self.backoff * 2 ** (attempt - 1), self.backoff_max)
                    if attempt == 1:
                        log.warning(
                            "IMAP %s: connection lost during %s (%s); reconnecting with backoff",
                            self.server, what, reason,
                        )
                    self._sleep(delay)


class ImapSource(_ImapSession):
    """`MailSource` over IMAP. Not thread-safe for concurrent fetches (one poll at a time)."""

    name = "imap"

    def __init__(
        self,
        settings: Settings,
        state: SourceState,
        *,
        timeout: float = 60.0,
        max_tries: int = 5,
        backoff: float = 1.0,
        backoff_max: float = 30.0,
        idle_reissue_seconds: float = IDLE_REISSUE_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            settings,
            timeout=timeout,
            max_tries=max_tries,
            backoff=backoff,
            backoff_max=backoff_max,
            sleep=sleep,
        )
        self.state = state
        self.folder = settings.imap_folder
        self.processed_folder = settings.imap_processed_folder
        self.review_folder = settings.imap_review_folder
        self.batch_size = max(1, settings.imap_batch_size)
        self.idle_reissue_seconds = idle_reissue_seconds
        # The highest UID a fetch has seen, so idle_wait() can tell whether mail came meanwhile.
        self._seen_uidnext: int | None = None
        self._idler: _Idler | None = None
        prefix = f"imap:{settings.imap_host}:{settings.imap_user}:{self.folder}"
        self._key_uidvalidity = f"{prefix}:uidvalidity"
        self._key_last_uid = f"{prefix}:last_uid"

    # ------------------------------------------------------------------ setup

    def _on_login(self, client: IMAPClient) -> None:
        for folder in (self.processed_folder, self.review_folder):
            ensure_folder(client, folder)

    # ------------------------------------------------------------------ fetching

    def source_key(self, uidvalidity: int, uid: int) -> str:
        return f"imap:{self.folder}:{uidvalidity}:{uid}"

    def fetch(self) -> Iterator[FetchedMail]:
        # SELECT afresh each poll: it reports the current UIDVALIDITY and UIDNEXT.
        uidvalidity = self.run("select", self._reselect)
        last = self._checked_last_uid(uidvalidity)
        uids = self.run(
            "search",
            lambda c: c.search(["UID", f"{last + 1}:*", "NOT", "DELETED"]),
            folder=self.folder,
        )
        # `UID n:*` always includes the highest UID, even below n: filter on our side.
        pending = sorted(uid for uid in uids if uid > last)
        self._advance_last_uid(last, pending)
        self._seen_uidnext = max([self.uidnext or 0, *(uid + 1 for uid in pending)])
        todo = [u for u in pending if not self.state.is_known(self.source_key(uidvalidity, u))]
        if pending:
            log.debug(
                "IMAP %s/%s: %d mail(s) to fetch, %d stored and waiting to be filed",
                self.server, self.folder, len(todo), len(pending) - len(todo),
            )
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            try:
                bodies = self.run(
                    "fetch", partial(self._fetch_batch, batch=batch, uidvalidity=uidvalidity),
                    folder=self.folder,
                )
            except _UidValidityChanged:
                log.warning(
                    "IMAP %s/%s: UIDVALIDITY changed during a fetch; the next poll rescans",
                    self.server, self.folder,
                )
                return
            for uid in batch:
                raw = bodies.get(uid)
                if raw is None:  # expunged by someone else since the search
                    continue
                yield FetchedMail(self.source_key(uidvalidity, uid), raw)

    def _reselect(self, client: IMAPClient) -> int:
        self._select(client, self.folder)
        assert self.uidvalidity is not None
        return self.uidvalidity

    def _checked_last_uid(self, uidvalidity: int) -> int:
        known = self.state.get(self._key_uidvalidity)
        if known != str(uidvalidity):
            if known is not None:
                log.warning(
                    "IMAP %s/%s: UIDVALIDITY changed from %s to %d; rescanning the folder "
                    "(mails already stored are recognised by Message-ID and checksum)",
                    self.server, self.folder, known, uidvalidity,
                )
            self.state.set(self._key_uidvalidity, str(uidvalidity))
            self.state.set(self._key_last_uid, "0")
            return 0
        return int(self.state.get(self._key_last_uid) or 0)

    def _advance_last_uid(self, last: int, pending: list[int]) -> None:
        # Everything below the lowest UID still listed has left the folder; with nothing listed,
        # everything below UIDNEXT has.
        if pending:
            new_last = pending[0] - 1
        elif self.uidnext:
            new_last = self.uidnext - 1
        else:
            new_last = last
        if new_last > last:
            self.state.set(self._key_last_uid, str(new_last))

    def _fetch_batch(
        self, client: IMAPClient, batch: list[int], uidvalidity: int
    ) -> dict[int, bytes]:
        if self.uidvalidity != uidvalidity:  # we reconnected and the folder is another one now
            raise _UidValidityChanged
        # BODY.PEEK[]: the whole message, without setting \Seen.
        data = client.fetch(batch, ["BODY.PEEK[]"])
        return {
            uid: item[b"BODY[]"]
            for uid, item in data.items()
            if uid in batch and isinstance(item.get(b"BODY[]"), bytes)
        }

    # ------------------------------------------------------------------ filing

    def file(self, mail: FetchedMail, *, needs_review: bool) -> None:
        folder, uidvalidity, uid = parse_source_key(mail.source_key)
        if folder != self.folder:
            raise ValueError(f"{mail.source_key} does not come from folder {self.folder}")
        target = self.review_folder if needs_review else self.processed_folder
        self.run(
            f"filing to {target}",
            lambda c: self._move(c, uidvalidity, uid, target),
            folder=self.folder,
        )

    def _move(self, client: IMAPClient, uidvalidity: int, uid: int, target: str) -> None:
        if self.uidvalidity != uidvalidity:
            # The UID names nothing reliable now. The mail comes back under a new key, is
            # recognised as a duplicate by the pipeline and filed then.
            log.info("IMAP: not filing %s:%d: UIDVALIDITY changed; it comes back", self.folder, uid)
            return
        flags = client.get_flags([uid]).get(uid)
        if flags is None:
            return  # already filed (or removed by a person): filing is idempotent
        if client.has_capability("MOVE"):
            client.move([uid], target)
            return
        if DELETED not in flags:
            # A crash between COPY and STORE leaves a second copy in the target folder; a
            # duplicate in Processed is harmless, a lost mail would not be.
            client.copy([uid], target)
            client.add_flags([uid], [DELETED], silent=True)
        if client.has_capability("UIDPLUS"):
            client.uid_expunge([uid])
        # Without UIDPLUS the mail stays flagged \Deleted; fetch() ignores it.

    # ------------------------------------------------------------------ IDLE

    def idle_wait(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Wait up to `timeout` s for new mail with IMAP IDLE.

        True means "fetch now": new mail was announced, mail arrived since the last fetch, or
        the connection had to be dropped (mail may have come meanwhile). False: nothing new
        within `timeout`, or `stop` was set. Never raises for a server that is down: it waits
        out the timeout and says "fetch now", so the poll reports the outage its own way.

        IDLE runs on a second connection (as mail clients do): a poll may fetch and file on
        the main one meanwhile without waiting for the IDLE to end.
        """
        if self._idler is None:
            self._idler = _Idler(self, self.idle_reissue_seconds)
        return self._idler.wait(timeout, stop, self._seen_uidnext)

    def close(self) -> None:
        if self._idler is not None:
            self._idler.close()
        super().close()

    # ------------------------------------------------------------------ Sent copy

    def append_sent(self, raw: bytes, folder: str = "Sent") -> None:
        """Keep a copy of a reply in the mailbox's Sent folder (flagged \\Seen)."""
        def op(client: IMAPClient) -> None:
            ensure_folder(client, folder)
            client.append(folder, raw, flags=(SEEN,))

        self.run(f"append to {folder}", op)


class _Idler(_ImapSession):
    """The IDLE connection of an `ImapSource`: watches its folder, never fetches or files."""

    def __init__(self, source: ImapSource, reissue_seconds: float) -> None:
        super().__init__(
            source.settings,
            timeout=source.timeout,
            max_tries=source.max_tries,
            backoff=source.backoff,
            backoff_max=source.backoff_max,
            sleep=source._sleep,
        )
        self.folder = source.folder
        self.reissue_seconds = reissue_seconds

    def wait(self, timeout: float, stop: threading.Event | None, seen_uidnext: int | None) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            try:
                # SELECT afresh: its UIDNEXT tells whether mail came since the last fetch,
                # which IDLE would not announce.
                self.run("select", lambda c: self._select(c, self.folder))
                client = self._client
                assert client is not None
                if seen_uidnext is None or (self.uidnext or 0) > seen_uidnext:
                    return True
                if not client.has_capability("IDLE"):
                    _wait_until(deadline, stop)
                    return True
                return self._idle(client, deadline, stop)
            except CONNECTION_ERRORS as exc:
                log.warning("IMAP %s: connection lost while idle (%s)", self.server, _describe(exc))
                self._drop()
                return True
            except TransientError as exc:
                # Already logged by run(); do not spin against a server that is down.
                log.debug("IMAP idle: %s", exc)
                _wait_until(deadline, stop)
                return True

    def _idle(self, client: IMAPClient, deadline: float, stop: threading.Event | None) -> bool:
        client.idle()
        idling = True
        issued = time.monotonic()
        try:
            while True:
                now = time.monotonic()
                if now >= deadline or (stop is not None and stop.is_set()):
                    return False
                if now - issued >= self.reissue_seconds:
                    # DONE + IDLE: keeps the server from timing us out, and an unanswered DONE
                    # (read timeout) exposes a dead connection.
                    idling = False
                    _text, responses = client.idle_done()
                    if any(_announces_mail(r) for r in responses):
                        return True
                    client.idle()
                    idling = True
                    issued = time.monotonic()
                    continue
                # Short slices so `stop` is honoured within a second.
                step = min(1.0, deadline - now, self.reissue_seconds - (now - issued))
                began = time.monotonic()
                responses = client.idle_check(timeout=max(step, 0.01))
                if any(_announces_mail(r) for r in responses):
                    return True
                if not responses and time.monotonic() - began < step / 2:
                    # Readable but nothing to read: the server closed the connection. imapclient
                    # swallows that EOF; DONE will raise the connection error we handle.
                    idling = False
                    client.idle_done()
                    raise ConnectionResetError("server closed the connection during IDLE")
        finally:
            if idling:
                with contextlib.suppress(*CONNECTION_ERRORS, imaplib.IMAP4.error):
                    client.idle_done()


class ImapSentFolder(_ImapSession):
    """The mailbox's Sent folder, on its own connection (checking it must not disturb a fetch).

    `contains()` answers the outbox's "did this reply go out before the crash?" question by
    Message-ID. It is authoritative when the provider files every accepted submission into Sent
    (Gmail, Microsoft 365); see mailbot.delivery.smtp.
    """

    def __init__(self, settings: Settings, folder: str = "Sent", **kwargs: Any) -> None:
        super().__init__(settings, **kwargs)
        self.folder = folder

    def contains(self, message_id: str) -> bool:
        def op(client: IMAPClient) -> bool:
            if not client.folder_exists(self.folder):
                return False
            client.select_folder(self.folder, readonly=True)
            self._selected = None  # re-select next time: new mail must become visible
            return bool(client.search(["HEADER", "Message-ID", message_id.strip()]))

        return self.run(f"search {self.folder}", op)

    def append(self, raw: bytes) -> None:
        def op(client: IMAPClient) -> None:
            ensure_folder(client, self.folder)
            client.append(self.folder, raw, flags=(SEEN,))

        self.run(f"append to {self.folder}", op)


# ---------------------------------------------------------------------- helpers


def parse_source_key(source_key: str) -> tuple[str, int, int]:
    """`imap:<folder>:<uidvalidity>:<uid>` → (folder, uidvalidity, uid); folders may hold ':'."""
    scheme, rest = source_key.split(":", 1)
    folder, uidvalidity, uid = rest.rsplit(":", 2)
    if scheme != "imap":
        raise ValueError(f"not an IMAP source key: {source_key}")
    return folder, int(uidvalidity), int(uid)


def ensure_folder(client: IMAPClient, folder: str) -> None:
    if client.folder_exists(folder):
        return
    try:
        client.create_folder(folder)
    except imaplib.IMAP4.error:
        # Another mailbot (or a person) created it a moment ago: fine. Anything else: re-raise.
        if not client.folder_exists(folder):
            raise
    with contextlib.suppress(imaplib.IMAP4.error):
        client.subscribe_folder(folder)
    log.info("IMAP: created folder %s", folder)


def _wait_until(deadline: float, stop: threading.Event | None) -> None:
    left = deadline - time.monotonic()
    if left > 0:
        if stop is not None:
            stop.wait(left)
        else:
            time.sleep(left)


def _announces_mail(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] in (
        b"EXISTS",
        b"RECENT",
    )


def _keepalive(client: IMAPClient) -> None:
    """TCP keepalive so a silently vanished peer (NAT timeout, crashed host) is noticed."""
    with contextlib.suppress(OSError, AttributeError):
        sock = client.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        if hasattr(socket, "TCP_KEEPIDLE"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 15)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 4)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _server_text(exc: BaseException) -> str:
    # imaplib puts the server's bytes in the message; keep it short and printable.
    return str(exc).strip().strip("b'\"")[:200] or type(exc).__name__
