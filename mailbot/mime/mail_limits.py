"""The caps that keep one hostile mail from stalling or exhausting the worker.

Declared here, once, with why; `mailbot.config.Settings` offers most of them as settings of the
same name, taking its defaults from here (the header and text caps have no setting).
`from_settings` reads back every field the settings object has.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

MiB = 1024 * 1024


@dataclass(frozen=True)
class MimeLimits:
    # A single document larger than this is kept as a record (error "too_large") but its
    # bytes are dropped: nothing downstream should have to hold or OCR it.
    max_attachment_bytes: int = 25 * MiB
    # More members than this in one archive: the archive is refused ("archive_too_many_files").
    max_zip_members: int = 50
    # Bytes that all archives of one mail may expand to, together (nested ones included).
    max_zip_total_bytes: int = 100 * MiB
    # Uncompressed/compressed size of a member (or of the whole archive) above this is a bomb.
    max_zip_ratio: int = 100
    # An archive inside an archive is depth 2; deeper ones are refused ("archive_too_deep").
    # Outlook's winmail.dat counts as an archive level too (one can hold another).
    max_zip_depth: int = 2

    # --- MIME structure ---
    # A raw mail larger than this is not unpacked at all: only its headers are read.
    # 25 MiB of attachment is ~34 MiB once base64-encoded, so this leaves room for one.
    max_mail_bytes: int = 64 * MiB
    # The stdlib parser costs ~0.5 us a line; a 25 MiB attachment is ~450 000 lines.
    max_mail_lines: int = 2_000_000
    # Multipart nesting deeper than this is never handed to the stdlib parser, whose cost
    # is (lines x depth). Real mails nest 2-6 levels, forwarded chains maybe 15.
    max_mime_depth: int = 30
    # A forwarded mail inside a forwarded mail ... deeper than this is kept as one
    # unopened attachment ("forward_too_deep").
    max_forward_depth: int = 5
    # MIME parts looked at per mail (the "5000 parts" mail stops here, with a defect).
    max_mime_parts: int = 1000
    # Documents kept per mail, after unpacking; the rest are counted in `defects`.
    max_attachments: int = 100
    # Headers kept in ParsedMail.headers, and the length of each kept value.
    max_headers: int = 1000
    max_header_chars: int = 16 * 1024
    # Subject and display names are cut to this many characters.
    max_subject_chars: int = 1000
    # The body text handed downstream, after HTML conversion.
    max_text_chars: int = 1024 * 1024
    # Display filenames are cut to this many characters (the extension is kept).
    max_filename_chars: int = 150

    @classmethod
    def from_settings(cls, settings: Any) -> MimeLimits:
        """Take every limit the settings object defines; keep the defaults for the rest."""
        values = {
            f.name: getattr(settings, f.name)
            for f in fields(cls)
            if isinstance(getattr(settings, f.name, None), int)
        }
        return cls(**values)
