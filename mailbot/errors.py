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
