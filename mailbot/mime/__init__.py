"""Taking an inbound mail apart: headers, body text and every document inside it."""

from mailbot.mime.mail_limits import MimeLimits
from mailbot.mime.parse import parse_mail, synthetic_message_id
from mailbot.mime.types import Attachment, AttachmentError, ParsedMail

__all__ = [
    "Attachment",
    "AttachmentError",
    "MimeLimits",
    "ParsedMail",
    "parse_mail",
    "synthetic_message_id",
]
