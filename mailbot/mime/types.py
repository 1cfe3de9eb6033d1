"""What a parsed mail looks like to the rest of the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property


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
    inline: bool = False      # an inline decoration (signature logo): kept, not reported

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

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key == name]
