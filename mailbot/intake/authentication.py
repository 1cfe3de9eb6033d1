"""Trust a sender only as far as our own mail server vouches for it (RFC 8601).

Only `Authentication-Results` headers whose authserv-id is the operator's own server count:
anyone can write such a header into a mail they send.
"""

from __future__ import annotations

import re

from mailbot.mime.types import ParsedMail

_RESULT = re.compile(r"\b(dmarc|spf|dkim)\s*=\s*([a-z]+)", re.IGNORECASE)
FAILING = {"fail", "permerror", "softfail"}


def failed_checks(mail: ParsedMail, authserv_id: str) -> list[str]:
    """The checks (e.g. `dmarc=fail`) our own server reports as failed; empty when none."""
    if not authserv_id:
        return []
    failed: list[str] = []
    for value in mail.header_values("authentication-results"):
        server = value.split(";", 1)[0].strip().split()[0] if value.strip() else ""
        if server.lower() != authserv_id.lower():
            continue
        for method, result in _RESULT.findall(value):
            if method.lower() in {"dmarc", "spf"} and result.lower() in FAILING:
                failed.append(f"{method.lower()}={result.lower()}")
    return failed
