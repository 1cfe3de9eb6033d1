"""The dashboard's safety decisions, pure: login throttling, CSRF tokens, response headers."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections import deque
from dataclasses import dataclass, field

# No inline script or style anywhere; nothing framed; no referrer leaking a case reference.
SECURITY_HEADERS = {
    "content-security-policy": ("default-src 'none'; img-src 'self'; style-src 'self'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


@dataclass
class LoginThrottle:
    """At most `attempts` failed logins per `window` seconds per client address and per
    account; a success does not clear the client's count (a guesser who finds one password
    is not rewarded with a fresh budget for the next)."""

    attempts: int = 5
    window: float = 900.0
    max_keys: int = 10_000
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str, now: float) -> deque[float]:
        seen = self._failures.setdefault(key, deque())
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        return seen

    def allowed(self, client: str, account: str, now: float) -> bool:
        return all(len(self._recent(key, now)) < self.attempts
                   for key in (f"client:{client}", f"account:{account.strip().lower()}"))

    def failed(self, client: str, account: str, now: float) -> None:
        if len(self._failures) > self.max_keys:  # a spray of addresses must not fill memory
            for key in list(self._failures):
                if not self._recent(key, now):
                    del self._failures[key]
        for key in (f"client:{client}", f"account:{account.strip().lower()}"):
            self._recent(key, now).append(now)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
