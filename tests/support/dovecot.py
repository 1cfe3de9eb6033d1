"""A real Dovecot IMAP server for tests: own config, loopback port, Maildir in a temp folder.

Use the `dovecot` pytest fixture (import it into a conftest), or the `DovecotServer` context
manager directly (the benchmark does). Mail arrives the way a candidate's would: IMAP APPEND.

    with DovecotServer(tmp_path) as server:
        server.append(raw_bytes)
        settings = load_settings(**server.settings_overrides())

TLS: pass `tls=ServerCert(...)` (tests/mail/certs.py makes one) and the IMAP port offers STARTTLS
with `ssl = required`; add `imaps=True` for an implicit-TLS port (`imaps_port`) as well. Dovecot
counts loopback connections as secure, so `ssl = required` does not force a client to STARTTLS
here: the tests check its log, where a login over TLS says `TLS` (plain text says `secured`).

Tests run as root here, so Dovecot needs unprivileged users for its login and internal processes
and the mail files belong to `dovecot`. Nothing outside `root_dir` is touched, so several servers
can run side by side (each has its own `base_dir` and `instance_name`).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from imapclient import IMAPClient

from tests.support.need import need, need_program

DEFAULT_USER = "candidates@mailbot.example"
DEFAULT_PASSWORD = "imap-test-password"


@dataclass(frozen=True)
class ServerCert:
    """PEM files of a test server's certificate, its key, and the CA a client must trust."""

    cert: Path
    key: Path
    ca: Path

    def client_context(self) -> ssl.SSLContext:
        """What the tests' own helpers connect with: verifying, trusting only the test CA."""
        return ssl.create_default_context(cafile=str(self.ca))


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (the kernel picks from the high range)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dovecot_version(binary: str) -> tuple[int, int]:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    major, minor = out.stdout.split()[0].split(".")[:2]
    return int(major), int(minor)


class DovecotServer:
    """One Dovecot instance. `start()`/`stop()` may be called repeatedly (restart tests)."""

    def __init__(
        self,
        root_dir: Path,
        *,
        users: dict[str, str] | None = None,
        port: int | None = None,
        extra_config: str = "",
        tls: ServerCert | None = None,
        imaps: bool = False,
    ) -> None:
        """`tls`: STARTTLS on `port` (`ssl = required`); `imaps`: implicit TLS on `imaps_port`."""
        if imaps and tls is None:
            raise ValueError("imaps=True needs tls=ServerCert(...)")
        self.binary = need_program("dovecot")
        need(_mail_owner_exists(), "the `dovecot` and `dovenull` system users are missing")
        self.root = Path(root_dir)
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.users = users or {DEFAULT_USER: DEFAULT_PASSWORD}
        self.user = next(iter(self.users))
        self.password = self.users[self.user]
        self.extra_config = extra_config
        self.tls = tls
        self.imaps_port: int | None = free_port() if imaps else None
        self.mail_dir = self.root / "mail"
        self.conf_path = self.root / "dovecot.conf"
        self.log_path = self.root / "dovecot.log"
        self._proc: subprocess.Popen[bytes] | None = None
        self._write_config()

    # ---------------------------------------------------------------- lifecycle

    def _write_config(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        # Dovecot's unprivileged processes must be able to walk into root (not list it).
        os.chmod(self.root, 0o711)
        for parent in self.root.parents:
            if not os.stat(parent).st_mode & 0o001:
                raise ValueError(
                    f"{parent} is not searchable by other users, so Dovecot's `dovecot` user "
                    "cannot reach its mail; put the server's root_dir elsewhere (e.g. under "
                    "tempfile.mkdtemp() made 0711)"
                )
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        uid, gid = _mail_owner()
        for path in (self.mail_dir, self.root / "home"):
            os.chown(path, uid, gid)
        passwd = self.root / "passwd"
        passwd.write_text(
            "".join(f"{user}:{{PLAIN}}{pw}::::::\n" for user, pw in self.users.items())
        )
        # Dovecot's auth process runs as the `dovecot` user and must read it, whatever umask
        # the test process has (the CLI, run in-process, sets 077 for the data folder).
        os.chmod(passwd, 0o644)
        major, minor = _dovecot_version(self.binary)
        # 2.3 calls it disable_plaintext_auth; 2.4 renamed it (and much else).
        cleartext = (
            "auth_allow_cleartext = yes" if (major, minor) >= (2, 4)
            else "disable_plaintext_auth = no"
        )
        # Dovecot 2.3 spelling (2.4 renamed these to ssl_server_cert_file/_key_file). `<file`
        # makes the config process (root) read the file, so the key may stay 0600.
        tls = (
            f"ssl = required\nssl_cert = <{self.tls.cert}\nssl_key = <{self.tls.key}"
            if self.tls is not None
            else "ssl = no"
        )
        imaps = (
            f"address = {self.host}\n    port = {self.imaps_port}\n    ssl = yes"
            if self.imaps_port is not None
            else "port = 0"
        )
        # XOAUTH2/OAUTHBEARER in 2.3 hand the bearer token to the passdb like a password, so a
        # passwd-file user whose password is the "token" lets the tests run a real XOAUTH2 login.
        self.conf_path.write_text(
            f"""# Generated by tests/support/dovecot.py
instance_name = mailbot-test-{self.port}
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.log_path}
protocols = imap
listen = {self.host}
{tls}
{cleartext}
auth_mechanisms = plain login xoauth2 oauthbearer
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_uid = dovecot
mail_gid = dovecot
mail_location = maildir:{self.mail_dir}/%u
# Restart tests want connections dropped at once, as a real restart would.
shutdown_clients = yes
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {passwd}
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={self.root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    {imaps}
  }}
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
{self.extra_config}
"""
        )

    def start(self, timeout: float = 15.0) -> None:
        if self.running:
            return
        self._proc = subprocess.Popen(
            [self.binary, "-c", str(self.conf_path), "-F"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            # Its own process group: stop() can then end the imap children too, which outlive
            # the master otherwise and would keep serving old connections after a "restart".
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
                self._proc = None
                raise RuntimeError(f"dovecot exited at start: {err.strip()}\n{self.log_tail()}")
            if self._greets():
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on port {self.port}\n{self.log_tail()}")

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the server; open client connections are cut (as on a real restart)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # Whatever of this instance is still around (imap processes) goes now.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.stderr:
            proc.stderr.close()
        # The master is gone, but make sure the port is free before a quick restart.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._port_open():
            time.sleep(0.05)

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> DovecotServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _port_open(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(
            (self.host, self.port), timeout=0.5
        ):
            return True
        return False

    def _greets(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                return sock.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    # ---------------------------------------------------------------- faults

    def change_uidvalidity(self, folder: str = "INBOX", user: str | None = None) -> None:
        """Make the server forget its UIDs, as after a mailbox rebuild or a server migration.

        Dovecot then assigns a new UIDVALIDITY and renumbers the messages from 1; the files
        (and so the mails) stay. Needs a stop/start because the running server caches indexes.
        """
        was_running = self.running
        self.stop()
        box = self.mail_dir / (user or self.user)
        if folder.upper() != "INBOX":
            box = box / f".{folder.replace('/', '.')}"
        for name in os.listdir(box):
            if name == "dovecot-uidlist" or name.startswith("dovecot.index"):
                (box / name).unlink()
        # Dovecot keeps per-mailbox index data in the list index too; drop it with the rest.
        for name in os.listdir(self.mail_dir / (user or self.user)):
            if name.startswith("dovecot.list.index"):
                (self.mail_dir / (user or self.user) / name).unlink()
        if was_running:
            self.start()

    # ---------------------------------------------------------------- client helpers

    @contextlib.contextmanager
    def client(self, user: str | None = None) -> Iterator[IMAPClient]:
        """A logged-in IMAPClient (the tests' view of the mailbox, not the code under test)."""
        user = user or self.user
        imap = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        try:
            if self.tls is not None:
                imap.starttls(self.tls.client_context())
            imap.login(user, self.users[user])
            yield imap
        finally:
            with contextlib.suppress(Exception):
                imap.logout()

    def append(
        self,
        raw: bytes,
        folder: str = "INBOX",
        *,
        flags: Iterable[bytes | str] = (),
        user: str | None = None,
    ) -> int:
        """APPEND one message as if it had just been delivered; returns its UID."""
        with self.client(user) as imap:
            if not imap.folder_exists(folder):
                imap.create_folder(folder)
            response = imap.append(folder, raw, flags=tuple(flags))
        # Dovecot answers with UIDPLUS: b"[APPENDUID <uidvalidity> <uid>] Append completed."
        text = response.decode() if isinstance(response, bytes) else str(response)
        return int(text.split("]")[0].split()[-1])

    def append_many(self, raws: Iterable[bytes], folder: str = "INBOX") -> list[int]:
        uids = []
        with self.client() as imap:
            if not imap.folder_exists(folder):
                imap.create_folder(folder)
            for raw in raws:
                text = imap.append(folder, raw).decode()
                uids.append(int(text.split("]")[0].split()[-1]))
        return uids

    def messages(self, folder: str = "INBOX", user: str | None = None) -> dict[int, dict[str, Any]]:
        """uid -> {"flags": (...), "raw": bytes}; read-only, so flags are not changed."""
        with self.client(user) as imap:
            if not imap.folder_exists(folder):
                return {}
            imap.select_folder(folder, readonly=True)
            uids = imap.search("ALL")
            if not uids:
                return {}
            data = imap.fetch(uids, ["FLAGS", "BODY.PEEK[]"])
        # \Recent only says "first session to see it": not a property of the mail.
        return {
            uid: {
                "flags": tuple(f for f in item[b"FLAGS"] if f != b"\\Recent"),
                "raw": item[b"BODY[]"],
            }
            for uid, item in data.items()
        }

    def uidvalidity(self, folder: str = "INBOX") -> int:
        with self.client() as imap:
            return int(imap.folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"])

    def folders(self) -> list[str]:
        with self.client() as imap:
            return [name for _flags, _delim, name in imap.list_folders()]

    # ---------------------------------------------------------------- wiring

    def settings_overrides(self, security: str | None = None, **more: Any) -> dict[str, Any]:
        """Keyword arguments for `mailbot.config.load_settings` pointing at this server.

        `security` defaults to the strongest the server offers (ssl, starttls, plain); with TLS
        the test CA is given as `imap_ca_file` (override it with `imap_ca_file=None`).
        """
        if security is None:
            security = "ssl" if self.imaps_port else "starttls" if self.tls else "plain"
        if security == "ssl" and self.imaps_port is None:
            raise ValueError("this server has no IMAPS port; start it with imaps=True")
        values: dict[str, Any] = {
            "imap_host": self.host,
            "imap_port": self.imaps_port if security == "ssl" else self.port,
            "imap_user": self.user,
            "imap_password": self.password,
            "imap_security": security,
        }
        if self.tls is not None:
            values["imap_ca_file"] = self.tls.ca
        values.update(more)
        return values

    def env(self) -> dict[str, str]:
        """`MAILBOT_*` variables for a `mailbot` subprocess pointing at this server."""
        return {
            f"MAILBOT_{key.upper()}": str(value)
            for key, value in self.settings_overrides().items()
            if value is not None
        }


def _mail_owner_exists() -> bool:
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return False
    return True


def _mail_owner() -> tuple[int, int]:
    entry = pwd.getpwnam("dovecot")
    return entry.pw_uid, entry.pw_gid


@contextlib.contextmanager
def temporary_dovecot(**kwargs: Any) -> Iterator[DovecotServer]:
    """A running Dovecot in a fresh temp folder, removed afterwards; `kwargs` go to the server."""
    # Not pytest's tmp_path: that lives under a 0700 directory the `dovecot` user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
    try:
        server = DovecotServer(root, **kwargs)
        try:
            server.start()
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    """A fresh, running Dovecot with one empty mailbox (`DEFAULT_USER`)."""
    with temporary_dovecot() as server:
        yield server
