"""TLS for real: IMAP over SSL and STARTTLS against Dovecot, SMTP STARTTLS and SMTPS against
aiosmtpd, all with a throwaway CA. And the failures: a certificate the client cannot trust, one
for another host, a server without STARTTLS, a CA file that cannot be read — each one line that
names the server and the setting to fix, never a login without TLS.
"""

from __future__ import annotations

import sqlite3
import ssl
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

import mailbot.delivery.smtp
import mailbot.sources.imap
from mailbot.auth import TlsError
from mailbot.config import load_settings
from mailbot.delivery.base import Envelope
from mailbot.delivery.smtp import SmtpDelivery
from mailbot.errors import ConfigError, TransientError
from mailbot.sources.imap import ImapSource
from tests.mail.cli_support import Mailbot, replies_to
from tests.mail.conftest import MemoryState
from tests.mail.messages import candidate_mail, person_mail, reply
from tests.support.dovecot import DovecotServer, ServerCert, temporary_dovecot
from tests.support.smtp_server import SmtpServer

if TYPE_CHECKING:
    from tests.mail.certs import TestCA  # needs cryptography; the fixtures check for it

pytestmark = [
    pytest.mark.slow,
    # aiosmtpd cannot tell that an SMTPS connection is encrypted, so over implicit TLS it warns
    # about AUTH without (STARTTLS-)TLS. The connection is TLS; see tests/support/smtp_server.py.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

BOT = "hsm-documents@mailbot.example"
CANDIDATE = "ana.candidate@example.org"
UNTRUSTED = "certificate not trusted: unable to get local issuer certificate"


@pytest.fixture
def tls_dovecot(server_cert: ServerCert) -> Iterator[DovecotServer]:
    """Dovecot with `ssl = required`: STARTTLS on `port`, implicit TLS on `imaps_port`."""
    with temporary_dovecot(tls=server_cert, imaps=True) as server:
        yield server


@pytest.fixture(scope="session")
def bad_certs(test_ca: TestCA) -> dict[str, ServerCert]:
    """Signed by the trusted test CA, yet wrong: for another name (and no IP), or expired."""
    return {
        "other-host": test_ca.issue("other-host", dns_names=("mail.other.example",), ips=()),
        "expired": test_ca.issue("expired", expired=True),
    }


@pytest.fixture
def logins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time IMAP or SMTP code asks for the password: it must not before TLS is up."""
    asked: list[str] = []

    def spy(module: ModuleType) -> None:
        real = module.credentials

        def recorded(settings: Any, service: Any) -> Any:
            asked.append(service)
            return real(settings, service)

        monkeypatch.setattr(module, "credentials", recorded)

    spy(mailbot.sources.imap)
    spy(mailbot.delivery.smtp)
    return asked


def envelope(n: int) -> Envelope:
    mid, raw = reply(n)
    return Envelope(message_id=mid, sender=BOT, recipients=(CANDIDATE,), raw=raw)


def imap_port(server: DovecotServer, security: str) -> int:
    port = server.imaps_port if security == "ssl" else server.port
    assert port is not None
    return port


def assert_one_line(error: BaseException, start: str, end: str) -> None:
    text = str(error)
    assert "\n" not in text
    assert text.startswith(start), text
    assert text.endswith(end), text
    # Transient: the mail waits (queued reply, or mail left on the server) until it is fixed.
    assert isinstance(error, TransientError)


# ---------------------------------------------------------------------- IMAP


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_imap_fetch_and_file_over_tls(
    security: str, tls_dovecot: DovecotServer, state: MemoryState, make_settings: Any
) -> None:
    raw = candidate_mail(1)
    tls_dovecot.append(raw)
    settings = make_settings(**tls_dovecot.settings_overrides(security=security))
    src = ImapSource(settings, state, timeout=10, backoff=0.05)
    try:
        (mail,) = list(src.fetch())
        # What the connection really is: TLS, to the port of that mode, the test certificate.
        version, peer, cert = src.run(
            "inspect",
            lambda c: (c.socket().version(), c.socket().getpeername(), c.socket().getpeercert()),
        )
        src.file(mail, needs_review=False)
    finally:
        src.close()
    assert mail.raw == raw
    assert version in {"TLSv1.2", "TLSv1.3"}
    assert peer[1] == imap_port(tls_dovecot, security)
    assert ("IP Address", "127.0.0.1") in cert["subjectAltName"]
    assert tls_dovecot.messages("INBOX") == {}
    assert [m["raw"] for m in tls_dovecot.messages("Processed").values()] == [raw]


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_imap_untrusted_certificate_is_one_clear_line(
    security: str,
    tls_dovecot: DovecotServer,
    state: MemoryState,
    make_settings: Any,
    logins: list[str],
) -> None:
    # No CA file: the system store, which does not know the test CA.
    settings = make_settings(
        **tls_dovecot.settings_overrides(security=security, imap_ca_file=None)
    )
    sleeps: list[float] = []
    src = ImapSource(settings, state, timeout=10, sleep=sleeps.append)
    try:
        with pytest.raises(TlsError) as info:
            list(src.fetch())
    finally:
        src.close()
    assert_one_line(
        info.value,
        f"IMAP 127.0.0.1:{imap_port(tls_dovecot, security)}: {UNTRUSTED}",
        "(set MAILBOT_IMAP_CA_FILE to your CA)",
    )
    assert sleeps == []   # not retried with backoff: the same handshake fails the same way
    assert logins == []   # the password was never offered


def test_imap_server_without_starttls_is_refused_not_downgraded(
    dovecot: DovecotServer, state: MemoryState, make_settings: Any, logins: list[str]
) -> None:
    settings = make_settings(dovecot, imap_security="starttls")  # a plain-text-only server
    src = ImapSource(settings, state, timeout=10, sleep=lambda _s: None)
    try:
        with pytest.raises(TlsError) as info:
            list(src.fetch())
    finally:
        src.close()
    assert_one_line(
        info.value,
        f"IMAP 127.0.0.1:{dovecot.port} does not offer STARTTLS; not logging in without TLS",
        "(check MAILBOT_IMAP_SECURITY and MAILBOT_IMAP_PORT)",
    )
    assert logins == []


# ---------------------------------------------------------------------- SMTP


@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "ssl"])
def test_smtp_delivers_over_tls(
    implicit_tls: bool, server_cert: ServerCert, make_settings: Any
) -> None:
    # require_auth: the login, too, has to happen inside TLS (STARTTLS: the server insists).
    with SmtpServer(tls=server_cert, implicit_tls=implicit_tls, require_auth=True) as smtp:
        out = SmtpDelivery(make_settings(smtp=smtp), timeout=5)
        first = envelope(1)
        try:
            out.deliver(first)
        finally:
            out.close()
        (got,) = smtp.wait_for(1)
    assert got.tls
    assert got.auth_login == "bot@mailbot.example"
    assert got.message_id == first.message_id
    assert out.already_delivered(first.message_id) is True


@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "ssl"])
def test_smtp_untrusted_certificate_is_one_clear_line(
    implicit_tls: bool, server_cert: ServerCert, make_settings: Any, logins: list[str]
) -> None:
    with SmtpServer(tls=server_cert, implicit_tls=implicit_tls, require_auth=True) as smtp:
        out = SmtpDelivery(make_settings(smtp=smtp, smtp_ca_file=None), timeout=5)
        mail = envelope(1)
        try:
            with pytest.raises(TlsError) as info:
                out.deliver(mail)
        finally:
            out.close()
        assert smtp.received == []
    assert_one_line(
        info.value,
        f"SMTP 127.0.0.1:{smtp.port}: {UNTRUSTED}",
        "(set MAILBOT_SMTP_CA_FILE to your CA)",
    )
    assert logins == []
    assert out.already_delivered(mail.message_id) is False  # never reached DATA: send again


@pytest.mark.parametrize(
    ("cert", "problem", "fix"),
    [
        (
            "other-host",
            "certificate is for another host: IP address mismatch",
            "(set MAILBOT_SMTP_HOST to a name the certificate lists)",
        ),
        (
            "expired",
            "certificate not valid now: certificate has expired",
            "(the server's certificate must be renewed, or this host's clock is wrong)",
        ),
    ],
    ids=["other-host", "expired"],
)
def test_bad_certificate_from_a_trusted_ca_names_the_fix(
    cert: str, problem: str, fix: str, bad_certs: dict[str, ServerCert], make_settings: Any
) -> None:
    """Host name and validity checks are on: a trusted CA alone does not make a certificate good."""
    with SmtpServer(tls=bad_certs[cert]) as smtp:
        out = SmtpDelivery(make_settings(smtp=smtp), timeout=5)  # the CA file is given
        try:
            with pytest.raises(TlsError) as info:
                out.deliver(envelope(1))
        finally:
            out.close()
        assert smtp.received == []
    assert_one_line(info.value, f"SMTP 127.0.0.1:{smtp.port}: {problem}", fix)


def test_smtp_server_without_starttls_is_refused_not_downgraded(
    smtp_server: SmtpServer, make_settings: Any
) -> None:
    out = SmtpDelivery(make_settings(smtp=smtp_server, smtp_security="starttls"), timeout=5)
    try:
        with pytest.raises(TlsError) as info:
            out.deliver(envelope(1))
    finally:
        out.close()
    assert smtp_server.received == []
    assert_one_line(
        info.value,
        f"SMTP 127.0.0.1:{smtp_server.port} does not offer STARTTLS",
        "(check MAILBOT_SMTP_SECURITY and MAILBOT_SMTP_PORT)",
    )


# ---------------------------------------------------------------------- the CA file setting


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "cannot read .*ca.pem: No such file"), (b"not a cert\n", ".*ca.pem holds no PEM")],
    ids=["missing", "not-pem"],
)
def test_unusable_ca_file_stops_the_start(
    content: bytes | None, problem: str, tmp_path: Path, state: MemoryState
) -> None:
    """Purely our configuration, found before any mail is touched: ConfigError at start."""
    ca_file = tmp_path / "ca.pem"
    if content is not None:
        ca_file.write_bytes(content)
    imap = load_settings(
        data_dir=tmp_path, imap_host="imap.example", imap_user="bot", imap_ca_file=ca_file
    )
    with pytest.raises(ConfigError, match=f"^MAILBOT_IMAP_CA_FILE: {problem}"):
        ImapSource(imap, state)
    smtp = load_settings(data_dir=tmp_path, smtp_host="smtp.example", smtp_ca_file=ca_file)
    with pytest.raises(ConfigError, match=f"^MAILBOT_SMTP_CA_FILE: {problem}"):
        SmtpDelivery(smtp)


def test_ca_file_replaces_the_system_store(server_cert: ServerCert, tmp_path: Path) -> None:
    """The default context trusts the system store; a CA file is trusted instead of it."""
    from mailbot.auth import tls_context

    default = tls_context(load_settings(data_dir=tmp_path), "imap")
    own = tls_context(load_settings(data_dir=tmp_path, imap_ca_file=server_cert.ca), "imap")
    for context in (default, own):
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert [c["subject"] for c in own.get_ca_certs()] == [
        ((("organizationName", "mailbot tests"),), (("commonName", "mailbot test CA"),))
    ]


# ---------------------------------------------------------------------- end to end


def test_cli_untrusted_certificates_keep_mail_waiting_until_fixed(
    tls_dovecot: DovecotServer, server_cert: ServerCert, tmp_path: Path
) -> None:
    """The operator's view: one log line each, nothing lost, mail flows once the CA is set."""
    with SmtpServer(tls=server_cert, require_auth=True) as smtp:
        bot = Mailbot(tmp_path, tls_dovecot, smtp)
        ca = {name: bot.env.pop(name) for name in ("MAILBOT_IMAP_CA_FILE", "MAILBOT_SMTP_CA_FILE")}
        tls_dovecot.append(person_mail("ana.silva@example.org", "Ana Silva")[1])

        # 1. IMAP untrusted: one line, the mail stays on the server.
        done = bot.once()
        (line,) = [x for x in done.stderr.splitlines() if "certificate" in x]
        assert f"IMAP 127.0.0.1:{tls_dovecot.imaps_port}: {UNTRUSTED}" in line
        assert line.endswith("(set MAILBOT_IMAP_CA_FILE to your CA)")
        assert "Traceback" not in done.stderr
        assert len(tls_dovecot.messages("INBOX")) == 1

        # 2. IMAP fixed, SMTP untrusted: the mail is handled; the reply waits, queued, not failed.
        bot.env["MAILBOT_IMAP_CA_FILE"] = ca["MAILBOT_IMAP_CA_FILE"]
        done = bot.once()
        (line,) = [x for x in done.stderr.splitlines() if "certificate" in x]
        assert f"SMTP 127.0.0.1:{smtp.port}: {UNTRUSTED}" in line
        assert line.endswith("(set MAILBOT_SMTP_CA_FILE to your CA)")
        assert "Traceback" not in done.stderr
        assert tls_dovecot.messages("INBOX") == {}
        ((state, error),) = bot.query("SELECT state, last_error FROM outboundmail")
        assert state == "queued" and "MAILBOT_SMTP_CA_FILE" in error
        assert smtp.received == []

        # 3. SMTP fixed: the reply goes out, over TLS.
        bot.env["MAILBOT_SMTP_CA_FILE"] = ca["MAILBOT_SMTP_CA_FILE"]
        with sqlite3.connect(bot.data_dir / "mailbot.sqlite3") as conn:  # past the retry backoff
            conn.execute("UPDATE outboundmail SET next_attempt_at = '2000-01-01 00:00:00.000000'")
        bot.once()
        assert len(replies_to(smtp, "ana.silva@example.org")) == 1
        assert all(r.tls for r in smtp.received)
        assert bot.query("SELECT state FROM outboundmail") == [("sent",)]
