"""How mailbot logs in to IMAP and SMTP: a password, or an OAuth2 access token (XOAUTH2).

Microsoft 365 and Google Workspace no longer accept passwords, and their access tokens live an
hour. mailbot does not run the OAuth2 dance itself: any token refresher (oauth2ms, mutt_oauth2.py,
a sidecar, a Kubernetes secret rotated by an operator) feeds it through

* `MAILBOT_<IMAP|SMTP>_OAUTH2_TOKEN_COMMAND` — run on every login, prints the token on stdout.
  Split like a shell command line but not run by a shell; wrap pipelines in `sh -c '…'`.
* `MAILBOT_<IMAP|SMTP>_OAUTH2_TOKEN_FILE` — read on every login (the refresher rewrites it).

Both are read again at each (re)connection, so a token refreshed meanwhile is picked up.
Token and password values never appear in log lines or error messages.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mailbot.config import Settings
from mailbot.errors import ConfigError, TransientError

Service = Literal["imap", "smtp"]

TOKEN_COMMAND_TIMEOUT = 30.0


class MailAuthError(TransientError):
    """The server refused our login, or no token could be obtained.

    Transient on purpose: an expired token or an identity provider outage heals by itself, and
    mail waits safely meanwhile. The message says which setting to check.
    """


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)   # set → log in with XOAUTH2

    @property
    def method(self) -> str:
        return "XOAUTH2" if self.token else "password"


def credentials(settings: Settings, service: Service) -> Credentials:
    """The user plus a fresh token or the password for `service`; OAuth2 wins when configured."""
    user: str = getattr(settings, f"{service}_user")
    command: str = getattr(settings, f"{service}_oauth2_token_command")
    token_file: Path | None = getattr(settings, f"{service}_oauth2_token_file")
    if command:
        return Credentials(user, token=token_from_command(command, service))
    if token_file is not None:
        return Credentials(user, token=token_from_file(token_file, service))
    return Credentials(user, password=settings.secret(service))


def token_from_command(command: str, service: Service = "imap") -> str:
    setting = f"MAILBOT_{service.upper()}_OAUTH2_TOKEN_COMMAND"
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"{setting}: cannot parse the command line: {exc}") from None
    if not argv:
        raise ConfigError(f"{setting} is empty")
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=TOKEN_COMMAND_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise ConfigError(f"{setting}: program not found: {argv[0]}") from None
    except subprocess.TimeoutExpired:
        raise MailAuthError(
            f"{setting}: {argv[0]} did not answer within {TOKEN_COMMAND_TIMEOUT:.0f} s"
        ) from None
    if done.returncode != 0:
        # stderr is the refresher's diagnosis; stdout might hold a (partial) token, never shown.
        why = (done.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise MailAuthError(f"{setting}: {argv[0]} exited with {done.returncode}: {why}")
    token = done.stdout.strip()
    if not token or len(token.split()) != 1:
        raise MailAuthError(f"{setting}: {argv[0]} did not print exactly one token")
    return token


def token_from_file(path: Path, service: Service = "imap") -> str:
    setting = f"MAILBOT_{service.upper()}_OAUTH2_TOKEN_FILE"
    try:
        token = path.read_text().strip()
    except OSError as exc:
        # The refresher may be rewriting it or not have run yet: retry later.
        raise MailAuthError(f"{setting}: cannot read {path}: {exc.strerror}") from None
    if not token:
        raise MailAuthError(f"{setting}: {path} is empty")
    return token


def xoauth2_string(user: str, token: str) -> str:
    """The XOAUTH2 initial client response (before base64), as Google and Microsoft define it."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"
