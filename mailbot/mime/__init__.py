"""Taking an inbound mail apart: headers, body text and every document inside it."""

from mailbot.mime.types import Attachment, ParsedMail

__all__ = ["Attachment", "ParsedMail"]
