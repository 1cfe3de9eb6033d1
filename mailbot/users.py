"""HR's dashboard accounts: added, listed and removed by `mailbot user`, checked at login.

Passwords are kept only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second
recommended profile); a login for an unknown address costs the same hash as a known one, so
timing does not tell which addresses have accounts.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine
from sqlmodel import Session

from mailbot.errors import ConfigError
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import WebUser

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
# Verified against when the address is unknown: the same work as a real account.
_UNKNOWN_USER_HASH = _hasher.hash("no such user: this hash only spends the time of one")


def normalised_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise ConfigError(f"{email!r} is not an e-mail address")
    return email


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    return password


def add_user(engine: Engine, email: str, password: str, now: datetime) -> bool:
    """Create the account, or set a new password when it exists. True: it was new."""
    email = normalised_email(email)
    hashed = _hasher.hash(check_password(password))
    with session_scope(engine) as session:
        user = repo.web_user(session, email)
        if user is not None:
            user.password_hash = hashed
            return False
        session.add(WebUser(email=email, password_hash=hashed, created_at=now))
        return True


def list_users(engine: Engine) -> list[dict[str, str | None]]:
    with Session(engine) as session:
        return [{"email": user.email, "created_at": user.created_at.isoformat(),
                 "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None}
                for user in repo.web_users(session)]


def remove_user(engine: Engine, email: str) -> bool:
    with session_scope(engine) as session:
        return repo.remove_web_user(session, email.strip().lower())


def authenticate(engine: Engine, email: str, password: str, now: datetime) -> str | None:
    """The account's address when the password is right, else None."""
    email = email.strip().lower()
    with session_scope(engine) as session:
        user = repo.web_user(session, email)
        try:
            _hasher.verify(user.password_hash if user else _UNKNOWN_USER_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.last_login_at = now
        return user.email
