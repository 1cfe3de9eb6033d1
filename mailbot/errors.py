"""A small error hierarchy: what to fix in the settings, what to set aside, what to retry."""

from __future__ import annotations


class MailbotError(Exception):
    """Base of every error the service raises on purpose."""


class ConfigError(MailbotError):
    """A setting is missing or contradicts another. The message names the setting."""


class SetAside(MailbotError):
    """The message cannot be handled automatically; keep it for HR review."""


class UnknownCase(ConfigError):
    """Raised for a case reference or address that matches no case."""


class PermanentDeliveryError(MailbotError):
    """The server rejected this message for good (5xx). Do not retry it."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class TransientError(MailbotError):
    """A server or resource was unavailable; retrying later should work."""


class OperatorFault(TransientError):
    """Our own installation is broken (a tool or its data missing): the operator must fix it.

    Never the candidate's fault: the mail waits unprocessed, no attempt is counted, and HR/ops
    are told once per incident."""


class OcrUnavailable(OperatorFault):
    """`tesseract` is missing, broken or lacks its language data."""


class DeliveryInDoubt(TransientError):
    """The message text went out but the server's answer did not come back (RFC 1047)."""


class MailAuthError(TransientError):
    """The server refused our login, or no token could be obtained.

    Transient on purpose: an expired token or an identity provider outage heals by itself, and
    mail waits safely meanwhile. The message says which setting to check.
    """


class TlsError(TransientError):
    """The server's certificate failed verification, or the server would not start TLS.

    A TransientError, not a ConfigError, on purpose:

    * the mail is not at fault. A non-transient error from `SmtpDelivery.deliver` marks the
      reply failed for good (mailbot/outbox.py); this way it stays queued and goes out once
      the trust problem is fixed, and fetched mail simply waits on the server;
    * the cause is often on the server's side and heals without a change here: an expired
      certificate gets renewed, an incomplete chain is fixed, an intercepting proxy removed;
    * like `MailAuthError`: the worker (`run`, also `--once`) logs the one line per cycle and
      carries on; a command that meets it outside a cycle prints it and exits 2
      (`mailbot.cli.friendly`).

    It is not retried with backoff inside one cycle, though: the same handshake fails the same
    way a second later. A CA file that cannot be read at all is a `ConfigError` at start.
    """


class UnknownDocument(ConfigError):
    """A document id that matches no stored document of a case."""
