"""A small error hierarchy: what to fix in the settings, what to set aside, what to retry."""

from __future__ import annotations


class MailbotError(Exception):
    """Base of every error the service raises on purpose."""


class ConfigError(MailbotError):
    """A setting is missing or contradicts another. The message names the setting."""


class SetAside(MailbotError):
    """The message cannot be handled automatically; keep it for HR review."""


class TransientError(MailbotError):
    """A server or resource was unavailable; retrying later should work."""


class DeliveryInDoubt(TransientError):
    """The message text went out but the server's answer did not come back (RFC 1047)."""
