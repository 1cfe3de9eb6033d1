"""Where inbound mail comes from: a real IMAP mailbox or a local folder (the demo default)."""

from mailbot.sources.base import FetchedMail, MailSource, SourceState

__all__ = ["FetchedMail", "MailSource", "SourceState"]
