"""What a parsed mail looks like to the rest of the pipeline."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from enum import StrEnum
from functools import cached_property


class AttachmentError(StrEnum):
    """The machine codes `Attachment.error` takes (a StrEnum, so plain `str` comparisons work)."""

    TOO_LARGE = "too_large"                    # over max_attachment_bytes; data dropped
    EMPTY_FILE = "empty_file"                  # 0 bytes
    ZIP_BOMB = "zip_bomb"                      # expands too much, too fast, or overlapping
    ARCHIVE_ENCRYPTED = "archive_encrypted"    # password-protected zip
    ARCHIVE_UNSUPPORTED = "archive_unsupported"  # rar, 7z, tar.gz, ... (never opened)
    ARCHIVE_CORRUPT = "archive_corrupt"        # a zip (or a member of one) that cannot be read
    ARCHIVE_TOO_MANY_FILES = "archive_too_many_files"  # over max_zip_members
    ARCHIVE_TOO_DEEP = "archive_too_deep"      # archive nested deeper than max_zip_depth
    FORWARD_TOO_DEEP = "forward_too_deep"      # forwarded mail nested deeper than the cap
    TNEF_CORRUPT = "tnef_corrupt"              # winmail.dat that cannot be read safely


# When an inline image counts as decoration (`Attachment.inline`): signature logos and social
# icons are a few KiB, and a passport photo or scan that small would be unreadable anyway.
DECORATION_MAX_BYTES = 12 * 1024
# Named like a logo/icon, a bit bigger is still decoration. Outlook's "image001.png" is NOT in
# this list: it is also what a pasted screenshot of a passport is called.
DECORATION_NAMED_MAX_BYTES = 48 * 1024
DECORATION_NAME = re.compile(
    r"logo|signature|banner|icon|spacer|pixel|facebook|linkedin|twitter|instagram|youtube|xing",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Attachment:
    """One document found in a mail (possibly inside a zip, winmail.dat or forwarded mail).

    `filename` is for display only: it is never used as a path.
    `error` is set when the part could not be unpacked (e.g. a refused zip bomb); `data` is then
    whatever could be kept (possibly empty) and the classifier is not asked.
    """

    filename: str
    content_type: str
    data: bytes
    origin: str = ""          # e.g. "documents.zip/" or "forwarded mail/"
    error: str | None = None  # machine code such as "zip_bomb", "archive_unsupported"
    error_detail: str = ""    # one human sentence for HR and the candidate
    # An inline decoration (signature logo, social icon): kept, not reported as a document.
    # Set for an image shown inside the body (Content-Disposition "inline", or a Content-ID
    # and no disposition) that is under 12 KiB, or under 48 KiB and named like a logo/icon.
    # Bigger inline images stay documents: iPhone Mail sends passport photos inline.
    inline: bool = False

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def display_name(self) -> str:
        return f"{self.origin}{self.filename}"


@dataclass(frozen=True)
class ParsedMail:
    message_id: str                   # always set; synthesised from the raw sha256 when missing
    from_address: str                 # lower-cased addr-spec, "" when unparseable
    from_name: str
    to_addresses: tuple[str, ...]
    subject: str                      # CR/LF removed
    date: datetime | None             # timezone-aware when known
    in_reply_to: str | None
    references: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]   # (lower-cased name, value) in order, for RFC 3834 rules
    text: str                         # the human-written body as plain text (HTML converted)
    attachments: tuple[Attachment, ...] = ()
    defects: tuple[str, ...] = field(default=())   # what was malformed, for HR
    # The compat32 MIME tree parse_mail built (None when only the headers could be read),
    # kept so the intake rules judge the same tree instead of parsing the bytes again.
    tree: Message | None = field(default=None, compare=False, repr=False)

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key == name]
