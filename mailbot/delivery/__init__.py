"""Where outbound mail goes: SMTP, or `.eml` files in an outbox folder (the demo default)."""

from mailbot.delivery.base import Delivery, Envelope

__all__ = ["Delivery", "Envelope"]
