"""A real SMTP server for tests: aiosmtpd in a thread on a loopback port, keeping what it gets.

Use the `smtp_server` pytest fixture (import it into a conftest) or `SmtpServer` directly:

    with SmtpServer() as smtp:
        ...send...
        assert smtp.wait_for(1)[0].envelope_to == ["candidate@example.org"]

Fault switches for the tests: `stop()`/`start()` (server down, then back on the same port),
`refuse(code, text)` (every transaction gets that answer at DATA, e.g. 451 or 550) and `accept()`,
`refused_recipients` (550 at RCPT) and `data_delay` (a slow answer to DATA, for timeouts).
`require_auth` turns on AUTH PLAIN/LOGIN/XOAUTH2 (without TLS: loopback only).
`tls=ServerCert(...)` offers STARTTLS and requires it before MAIL or AUTH (RFC 3207);
`tls=..., implicit_tls=True` speaks TLS from the first byte instead (SMTPS, port 465 style).
Each `Received` says whether its session was encrypted (`tls`).
`save_to_sent` copies each accepted message into an IMAP folder first, the way Gmail and
Microsoft 365 file what their SMTP submission service accepts into the sender's Sent folder.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.support.dovecot import ServerCert, free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    envelope_to: list[str]
    raw: bytes
    auth_login: str | None
    tls: bool = False                  # the session was encrypted (STARTTLS or implicit TLS)
    received_at: float = field(default_factory=time.time)

    @property
    def message(self) -> EmailMessage:
        msg = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        return msg

    @property
    def message_id(self) -> str:
        return str(self.message.get("Message-ID", "")).strip()


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.owner.on_rcpt is not None:
            self.owner.on_rcpt(address)
        if address.lower() in self.owner.refused_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        refusal = self.owner._refusal
        if refusal is not None:
            return refusal
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        if self.owner.save_to_sent is not None:
            # Before answering 250, as a provider does: once accepted, it is in Sent.
            self.owner.save_to_sent(raw)
        login = session.auth_data.login.decode() if session.auth_data is not None else None
        # The SSL transport (implicit TLS, or the one STARTTLS switched to) has an ssl_object.
        transport = server.transport
        encrypted = transport is not None and transport.get_extra_info("ssl_object") is not None
        self.owner._store(
            Received(
                mail_from=envelope.mail_from or "",
                envelope_to=list(envelope.rcpt_tos),
                raw=raw,
                auth_login=login,
                tls=encrypted,
            )
        )
        if self.owner.on_accept is not None:
            # Between "committed" and "250 sent": where a client crash leaves it in doubt.
            self.owner.on_accept(self.owner.received[-1])
        if self.owner.data_delay:
            # The message is committed but the answer is late: a client that times out now
            # cannot know it was accepted (the RFC 1047 window).
            await asyncio.sleep(self.owner.data_delay)
        return "250 2.0.0 OK queued"

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """XOAUTH2 (Google/Microsoft): base64 of `user=U^Aauth=Bearer T^A^A`."""
        if len(args) > 1:
            blob = args[1].encode()
        else:
            answer = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(answer, bytes):
                return AuthResult(success=False)
            blob = answer
        try:
            text = base64.b64decode(blob, validate=True).decode()
            fields = dict(part.split("=", 1) for part in text.split("\x01") if part)
            user, token = fields["user"], fields["auth"].removeprefix("Bearer ")
        except Exception:
            return AuthResult(success=False)
        ok = self.owner.users.get(user) == token
        return AuthResult(
            success=ok, handled=False, auth_data=LoginPassword(user.encode(), token.encode())
        )


class SmtpServer:
    def __init__(
        self,
        *,
        port: int | None = None,
        require_auth: bool = False,
        users: dict[str, str] | None = None,
        save_to_sent: Callable[[bytes], None] | None = None,
        tls: ServerCert | None = None,
        implicit_tls: bool = False,
    ) -> None:
        if implicit_tls and tls is None:
            raise ValueError("implicit_tls=True needs tls=ServerCert(...)")
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.require_auth = require_auth
        self.users = users or {"bot@mailbot.example": "smtp-test-password"}
        self.save_to_sent = save_to_sent
        self.tls = tls
        self.implicit_tls = implicit_tls
        self._received: list[Received] = []
        self._cond = threading.Condition()
        self._refusal: str | None = None
        self.refused_recipients: set[str] = set()  # answered 550 at RCPT
        self.data_delay = 0.0                      # seconds to wait before answering DATA
        # Called with each accepted message before the 250 goes out (crash-in-the-window tests).
        self.on_accept: Callable[[Received], None] | None = None
        # Called with each recipient before it is answered (crash-before-DATA tests).
        self.on_rcpt: Callable[[str], None] | None = None
        self._controller: Controller | None = None

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        if self._controller is not None:
            return
        kwargs: dict[str, Any] = {}
        if self.tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.tls.cert, self.tls.key)
            if self.implicit_tls:
                kwargs["ssl_context"] = context  # TLS from the first byte (SMTPS)
            else:
                kwargs.update(tls_context=context, require_starttls=True)
        if self.require_auth:
            kwargs.update(
                auth_required=True,
                # Over STARTTLS AUTH waits for TLS, as a real submission server's does. Plain:
                # loopback tests only. Implicit TLS: aiosmtpd only knows about STARTTLS and
                # would refuse AUTH on a connection that is encrypted from the start.
                auth_require_tls=self.tls is not None and not self.implicit_tls,
                authenticator=self._authenticate,
            )
        # A new Controller each time: a stopped one has closed its event loop.
        controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, ready_timeout=10, **kwargs
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Take the server down: new connections are refused until `start()`."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def __enter__(self) -> SmtpServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---------------------------------------------------------------- faults

    def refuse(self, code: int = 451, text: str = "4.3.0 Try again later") -> None:
        """Answer every following DATA with `code text` (451: retry later; 550: rejected)."""
        self._refusal = f"{code} {text}"

    def accept(self) -> None:
        self._refusal = None

    # ---------------------------------------------------------------- results

    def _store(self, item: Received) -> None:
        with self._cond:
            self._received.append(item)
            self._cond.notify_all()

    @property
    def received(self) -> list[Received]:
        with self._cond:
            return list(self._received)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """Block until at least `count` messages arrived; returns them all (may be more)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self._received)} of {count} messages arrived")
                self._cond.wait(left)
            return list(self._received)

    def clear(self) -> None:
        with self._cond:
            self._received.clear()

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        ok = self.users.get(user) == password
        # handled=False: let aiosmtpd answer 235/535 itself.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    # ---------------------------------------------------------------- wiring

    def settings_overrides(self, **more: Any) -> dict[str, Any]:
        """Keyword arguments for `mailbot.config.load_settings` pointing at this server."""
        security = "plain" if self.tls is None else "ssl" if self.implicit_tls else "starttls"
        values: dict[str, Any] = {
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_security": security,
        }
        if self.tls is not None:
            values["smtp_ca_file"] = self.tls.ca  # override with smtp_ca_file=None
        if self.require_auth:
            user = next(iter(self.users))
            values.update(smtp_user=user, smtp_password=self.users[user])
        values.update(more)
        return values

    def env(self) -> dict[str, str]:
        return {
            f"MAILBOT_{key.upper()}": str(value)
            for key, value in self.settings_overrides().items()
            if value is not None
        }


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running aiosmtpd on a free loopback port, accepting everything, no auth."""
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
