"""Finding every document in a parsed mail, and opening the containers around them.

Containers opened: forwarded mails (message/rfc822, .eml), .zip archives (stdlib zipfile,
in memory only) and Outlook winmail.dat (TNEF). Other archives (rar, 7z, tar.gz, ...) are
refused politely. Every refusal is an `Attachment` with an `error` code and a one-sentence
`error_detail`, so each file the candidate sent ends in a recorded state.

The walk is one explicit stack (no recursion), depth-first, so documents come out in the
order the candidate attached them, with an archive's contents where the archive was.
"""

from __future__ import annotations

import binascii
import io
import itertools
import re
import stat
import zipfile
from dataclasses import dataclass, replace
from email.message import Message

from mailbot.mime.attachment_type import Container, container_kind, guess_type, refused_format
from mailbot.mime.bounded_read import read_message
from mailbot.mime.headers import content_type, first_raw, parse_params
from mailbot.mime.mail_limits import MimeLimits
from mailbot.mime.text import clean_filename, decode_bytes
from mailbot.mime.tnef import extract_tnef
from mailbot.mime.types import (
    DECORATION_MAX_BYTES,
    DECORATION_NAME,
    DECORATION_NAMED_MAX_BYTES,
    Attachment,
    AttachmentError,
)

MiB = 1024 * 1024
# Below this many uncompressed bytes a high compression ratio is harmless (text, blank scans).
RATIO_FLOOR_BYTES = 1 * MiB
FORWARDED = "forwarded mail/"
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
_UUENCODE = {"x-uuencode", "uuencode", "uue", "x-uue"}
_DELIMITER_LINE = re.compile(rb"^--([^\s\";]{1,70})[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True)
class _Work:
    item: Message | Attachment
    origin: str
    mime_depth: int = 0
    forward_depth: int = 0
    zip_depth: int = 0
    body: bool = False  # text/plain and text/html parts here are the mail's own body


def _mb(size: int) -> str:
    """A size for people: "25.0 MB", or "300 KB" below one megabyte."""
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{max(size // 1024, 1)} KB"


def _payload(part: Message) -> str | bytes:
    # `_payload` rather than get_payload(): for 8-bit text, get_payload() re-reads the
    # Content-Type charset through compat32's quadratic parameter parser (see headers.py).
    payload = part._payload
    return payload if isinstance(payload, str | bytes) else ""


def _transfer_encoding(part: Message) -> str:
    return (first_raw(part, "content-transfer-encoding") or "").strip().lower()[:40]


def _estimated_size(part: Message) -> int:
    """Decoded size of a leaf part without decoding it (base64: 3 bytes per 4 characters)."""
    size = len(_payload(part))
    return size * 3 // 4 if _transfer_encoding(part) == "base64" else size


def _decode_uu(data: bytes) -> bytes:
    out = bytearray()
    lines = iter(data.splitlines())
    for line in lines:  # skip to the "begin 644 name" line
        if line.startswith(b"begin "):
            break
    for line in lines:
        stripped = line.strip()
        if stripped == b"end":
            break
        if stripped in (b"", b"`"):
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            # Broken encoders pad short lines; decode what the length byte promises.
            length = ((line[0] - 32) & 63) * 4 // 3
            out += binascii.a2b_uu(line[: length + 1])
    return bytes(out)


def decode_payload(part: Message) -> tuple[bytes, str]:
    """The bytes of a leaf part, decoded per Content-Transfer-Encoding, and a defect or "".

    Lenient like mail clients (a sender must not be able to hide a file from us that the
    recipient's client shows), and lighter than get_payload(decode=True), which splits a
    25 MB base64 body into half a million line objects before joining them.
    """
    payload = _payload(part)
    raw = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else payload
    cte = _transfer_encoding(part)
    try:
        if cte == "base64":
            try:
                return binascii.a2b_base64(raw), ""
            except binascii.Error:
                data = _BASE64_JUNK.sub(b"", raw.split(b"=", 1)[0])
                if len(data) % 4 == 1:
                    data = data[:-1]
                return binascii.a2b_base64(data + b"=" * (-len(data) % 4)), \
                    "Broken base64 was decoded leniently."
        if cte == "quoted-printable":
            return binascii.a2b_qp(raw), ""
        if cte in _UUENCODE:
            return _decode_uu(raw), ""
    except (binascii.Error, ValueError, IndexError):
        return raw, f"The {cte} encoding could not be decoded; the raw bytes were kept."
    if cte not in ("", "7bit", "8bit", "binary"):
        return raw, "An unknown Content-Transfer-Encoding was ignored."
    return raw, ""


def _is_decoration(content_type: str, size: int, filename: str) -> bool:
    """An image small enough (or logo-named and small) to be a signature logo or icon; only
    asked about images shown inside the body. See `Attachment.inline`."""
    if not content_type.startswith("image/") or size == 0:
        return False
    return size < DECORATION_MAX_BYTES or (
        size < DECORATION_NAMED_MAX_BYTES and DECORATION_NAME.search(filename) is not None)


def _mime_defect(defect: object) -> str:
    doc = (type(defect).__doc__ or "").strip().splitlines()
    return f"{type(defect).__name__}: {doc[0] if doc else ''}".strip()


class Unpacker:
    """Walks one mail; read `attachments`, `plain`, `html` and `defects` after `run()`."""

    def __init__(self, limits: MimeLimits) -> None:
        self.limits = limits
        self.attachments: list[Attachment] = []
        self.plain: list[str] = []
        self.html: list[str] = []
        self.defects: list[str] = []
        self.dropped = 0          # documents over max_attachments
        self._parts_seen = 0
        self._expanded = 0        # bytes taken out of archives, all archives of the mail
        self._text_chars = 0
        self._unnamed = 0
        self._salvaged = False

    # --- driver --------------------------------------------------------------------------

    def run(self, message: Message) -> None:
        stack: list[_Work] = [_Work(message, "", body=True)]
        while stack:
            work = stack.pop()
            if isinstance(work.item, Message):
                found = self._part(work, work.item)
            else:
                found = self._file(work, work.item)
            stack.extend(reversed(found))
        if self.dropped:
            self.defects.append(
                f"{self.dropped} more document(s) were ignored: at most "
                f"{self.limits.max_attachments} are read from one mail."
            )

    def _defect(self, origin: str, text: str) -> None:
        self.defects.append(f"{origin}{': ' if origin else ''}{text}")

    def _keep(self, attachment: Attachment) -> None:
        if len(self.attachments) >= self.limits.max_attachments:
            self.dropped += 1
        else:
            self.attachments.append(attachment)

    def _refuse(self, att: Attachment, error: AttachmentError, detail: str,
                keep_data: bool = True) -> list[_Work]:
        self._keep(replace(att, error=str(error), error_detail=detail,
                           data=att.data if keep_data else b""))
        return []

    # --- MIME parts ----------------------------------------------------------------------

    def _part(self, work: _Work, part: Message) -> list[_Work]:
        self._parts_seen += 1
        if self._parts_seen > self.limits.max_mime_parts:
            if self._parts_seen == self.limits.max_mime_parts + 1:
                self._defect(work.origin, f"Only the first {self.limits.max_mime_parts} "
                                          "MIME parts were read.")
            return []
        for defect in part.defects:
            self._defect(work.origin, _mime_defect(defect))
        if part.is_multipart():
            children = [c for c in part.get_payload() if isinstance(c, Message)]
            if part.get_content_type() == "message/delivery-status":
                return []  # a bounce's machine-readable report: no document, no body
            if part.get_content_maintype() == "message":
                if not children:
                    return []
                if _transfer_encoding(part) in ("base64", "quoted-printable"):
                    return self._encoded_message(work, part, children[0])
                return self._forwarded(work, children[0])
            if work.mime_depth >= self.limits.max_mime_depth:
                self._defect(work.origin, f"Parts nested deeper than "
                                          f"{self.limits.max_mime_depth} levels were not read.")
                return []
            return [replace(work, item=child, mime_depth=work.mime_depth + 1)
                    for child in children]
        return self._leaf(work, part)

    def _encoded_message(self, work: _Work, part: Message, inner: Message) -> list[_Work]:
        """A message/rfc822 part sent base64- or QP-encoded (not allowed, but some clients
        do): the parser read the encoded text as a header-less message; decode and re-read."""
        payload = _payload(inner)
        if inner.keys() or not isinstance(payload, str):
            return self._forwarded(work, inner)
        holder = Message()
        holder["Content-Transfer-Encoding"] = _transfer_encoding(part)
        holder.set_payload(payload)
        data, _problem = decode_payload(holder)
        message, defects, _complete = read_message(data, self.limits)
        for defect in defects:
            self._defect(work.origin, f"forwarded mail: {defect}")
        return self._forwarded(work, message)

    def _forwarded(self, work: _Work, inner: Message) -> list[_Work]:
        if work.forward_depth >= self.limits.max_forward_depth:
            self._keep(Attachment(
                filename=clean_filename("forwarded mail.eml", self.limits.max_filename_chars,
                                        "forwarded.eml"),
                content_type="message/rfc822", data=b"",
                origin=work.origin, error=str(AttachmentError.FORWARD_TOO_DEEP),
                error_detail=(f"A forwarded mail is nested more than "
                              f"{self.limits.max_forward_depth} levels deep; it was not opened."),
            ))
            return []
        return [_Work(inner, work.origin + FORWARDED, work.mime_depth + 1,
                      work.forward_depth + 1, work.zip_depth, body=False)]

    def _leaf(self, work: _Work, part: Message) -> list[_Work]:
        ctype, ct_params, valid = content_type(first_raw(part, "content-type"),
                                               part.get_default_type())
        if not valid:
            self._defect(work.origin, "A part has an unreadable Content-Type; "
                                      f"it was read as {ctype}.")
        if ctype.startswith("multipart/"):
            return self._salvage(work, part, ctype)
        disposition, cd_params = ("", {})
        raw_disposition = first_raw(part, "content-disposition")
        if raw_disposition is not None:
            disposition, cd_params = parse_params(raw_disposition)
        raw_name = cd_params.get("filename") or ct_params.get("name") or ""
        if ctype in ("text/plain", "text/html") and disposition != "attachment" and not raw_name:
            if work.body:
                self._body_text(work, part, ctype, ct_params.get("charset"))
            return []

        self._unnamed += 0 if raw_name else 1
        fallback = f"attachment-{self._unnamed}"
        ext = next((e for e, t in _FALLBACK_EXTENSIONS.items() if t == ctype), "")
        name = clean_filename(raw_name, self.limits.max_filename_chars, fallback + ext)
        shown_inline = disposition == "inline" or (
            not disposition and first_raw(part, "content-id") is not None)
        att = Attachment(filename=name, content_type=ctype, data=b"", origin=work.origin)

        estimate = _estimated_size(part)
        if estimate > self.limits.max_attachment_bytes * 1.05:
            return self._too_large(att, estimate, about=True)
        data, problem = decode_payload(part)
        if problem:
            self._defect(work.origin, f"{name}: {problem}")
        ctype = guess_type(name, data, ctype if valid else "")
        att = replace(att, data=data, content_type=ctype,
                      inline=shown_inline and _is_decoration(ctype, len(data), name))
        return [replace(work, item=att)]

    def _salvage(self, work: _Work, part: Message, ctype: str) -> list[_Work]:
        """A multipart the parser could not split (no boundary parameter, or a boundary that
        never occurs): split it on the first delimiter-looking line, as mail clients do.
        Once per mail, so a crafted mail cannot make us re-parse it level after level."""
        lost = "A multipart section could not be split into parts; its content was not read."
        payload = _payload(part)
        raw = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else payload
        match = _DELIMITER_LINE.search(raw, 0, 1024 * 1024)
        if self._salvaged or match is None:
            self._defect(work.origin, lost)
            return []
        self._salvaged = True
        head = f"Content-Type: {ctype}; boundary=\"".encode() + match.group(1) + b'"\r\n\r\n'
        message, _defects, complete = read_message(head + raw, self.limits)
        if not complete or not message.is_multipart():
            self._defect(work.origin, lost)
            return []
        self._defect(work.origin, "A multipart section had no usable boundary; it was split on "
                                  "the delimiter found in its content.")
        return [replace(work, item=message, mime_depth=work.mime_depth + 1)]

    def _body_text(self, work: _Work, part: Message, ctype: str, charset: str | None) -> None:
        if self._text_chars > 2 * self.limits.max_text_chars:
            return
        data, problem = decode_payload(part)
        if problem:
            self._defect(work.origin, f"Body: {problem}")
        text, clean = decode_bytes(data, charset)
        if not clean:
            self._defect(work.origin, f"Body text in charset {charset or 'unknown'!r} was "
                                      "not valid; undecodable bytes were replaced.")
        self._text_chars += len(text)
        (self.html if ctype == "text/html" else self.plain).append(text)

    # --- files and containers ------------------------------------------------------------

    def _too_large(self, att: Attachment, size: int, about: bool = False) -> list[_Work]:
        limit = self.limits.max_attachment_bytes
        return self._refuse(
            att, AttachmentError.TOO_LARGE,
            f"The file {att.filename} is {'about ' if about else ''}{_mb(size)}; files over "
            f"{_mb(limit)} are not accepted.", keep_data=False)

    def _file(self, work: _Work, att: Attachment) -> list[_Work]:
        if att.error:
            self._keep(att)
            return []
        if len(att.data) > self.limits.max_attachment_bytes:
            return self._too_large(att, len(att.data))
        if not att.data:
            return self._refuse(att, AttachmentError.EMPTY_FILE,
                                f"The file {att.filename} is empty (0 bytes).")
        kind = container_kind(att.filename, att.content_type, att.data)
        if kind is Container.ZIP:
            return self._zip(work, att)
        if kind is Container.TNEF:
            return self._tnef(work, att)
        if kind is Container.MESSAGE:
            return self._message_file(work, att)
        if kind is Container.REFUSED_ARCHIVE:
            label = refused_format(att.filename, att.data) or "compressed"
            return self._refuse(
                att, AttachmentError.ARCHIVE_UNSUPPORTED,
                f"The file {att.filename} is a {label} archive, which we cannot open; please "
                "send the documents as separate attachments or in a .zip file.")
        self._keep(att)
        return []

    def _message_file(self, work: _Work, att: Attachment) -> list[_Work]:
        """An .eml file (or a message/rfc822 part sent base64-encoded)."""
        message, defects, _complete = read_message(att.data, self.limits)
        for defect in defects:
            self._defect(work.origin, f"{att.filename}: {defect}")
        return self._forwarded(work, message)

    def _tnef(self, work: _Work, att: Attachment) -> list[_Work]:
        # A winmail.dat counts as an archive level: one can hold another, and each level
        # would otherwise re-copy what is left (quadratic in a crafted 25 MB chain).
        depth = work.zip_depth + 1
        if depth > self.limits.max_zip_depth:
            return self._too_deep(att, depth)
        try:
            result = extract_tnef(att.data)
        except Exception:  # tnefparse on hostile bytes: any failure means "cannot be read"
            return self._refuse(
                att, AttachmentError.TNEF_CORRUPT,
                f"The Outlook attachment {att.filename} (winmail.dat) is damaged and could "
                "not be read; please send the documents again as normal attachments.")
        for sentence in result.skipped:
            self._defect(work.origin, sentence)
        if not result.files:
            self._defect(work.origin, f"{att.filename} (winmail.dat) held no files.")
        origin = f"{att.origin}{att.filename}/"
        found = []
        for raw_name, data in result.files:
            name = clean_filename(raw_name, self.limits.max_filename_chars, "winmail-item")
            member = Attachment(filename=name, content_type=guess_type(name, data, ""),
                                data=data, origin=origin)
            found.append(replace(work, item=member, zip_depth=depth))
        return found

    def _too_deep(self, att: Attachment, depth: int) -> list[_Work]:
        return self._refuse(
            att, AttachmentError.ARCHIVE_TOO_DEEP,
            f"The archive {att.filename} is inside {depth - 1} other archive(s); archives "
            f"nested more than {self.limits.max_zip_depth} deep are not opened.")

    # --- zip -----------------------------------------------------------------------------

    def _zip(self, work: _Work, att: Attachment) -> list[_Work]:
        limits = self.limits
        depth = work.zip_depth + 1
        name = att.filename
        if depth > limits.max_zip_depth:
            return self._too_deep(att, depth)
        corrupt = (f"The archive {name} is damaged and could not be opened; please send the "
                   "documents again.")
        # Count the entries from the end record before zipfile builds one object per entry
        # (a central directory can list hundreds of thousands).
        declared = _declared_entries(att.data)
        if declared is not None and declared > 4 * limits.max_zip_members:
            return self._too_many(att, declared)
        try:
            archive = zipfile.ZipFile(io.BytesIO(att.data))
            infos = archive.infolist()
        except Exception:  # zipfile raises BadZipFile, struct.error, ValueError, OSError, ...
            return self._refuse(att, AttachmentError.ARCHIVE_CORRUPT, corrupt)
        if _is_document(infos):
            self._keep(att)  # an OOXML/ODF document without its usual extension
            return []
        members = [i for i in infos if not i.is_dir() and not _is_junk(i.filename)]
        if len(members) > limits.max_zip_members:
            return self._too_many(att, len(members))
        if any(i.flag_bits & 0x1 for i in members):
            return self._refuse(
                att, AttachmentError.ARCHIVE_ENCRYPTED,
                f"The archive {name} is password-protected, so it could not be opened; "
                "please send the documents without a password.")
        bomb = self._bomb(att, infos, members)
        if bomb:
            return self._refuse(att, AttachmentError.ZIP_BOMB, bomb)
        expanded_total = sum(i.file_size for i in members)
        if self._expanded + expanded_total > limits.max_zip_total_bytes:
            return self._refuse(
                att, AttachmentError.TOO_LARGE,
                f"The archive {name} would expand to {_mb(expanded_total)}; at most "
                f"{_mb(limits.max_zip_total_bytes)} are unpacked from one mail.",
                keep_data=False)

        origin = f"{att.origin}{name}/"
        found: list[_Work] = []
        for info in members:
            member_name = clean_filename(_zip_name(info), limits.max_filename_chars,
                                         "archive-member")
            member = Attachment(filename=member_name, data=b"", origin=origin,
                                content_type=guess_type(member_name, b"", ""))
            file_type = stat.S_IFMT(info.external_attr >> 16)  # Unix mode, when present
            if info.create_system == 3 and file_type and file_type != stat.S_IFREG:
                self._defect(origin.rstrip("/"), f"{member_name}: a link or special file "
                                                 "inside the archive was skipped.")
                continue
            if info.file_size > limits.max_attachment_bytes:
                found.append(replace(work, item=replace(
                    member, error=str(AttachmentError.TOO_LARGE),
                    error_detail=(f"The file {member_name} is {_mb(info.file_size)}; files "
                                  f"over {_mb(limits.max_attachment_bytes)} are not accepted."))))
                continue
            try:
                data = _read_member(archive, info)
            except NotImplementedError:
                member = replace(member, error=str(AttachmentError.ARCHIVE_UNSUPPORTED),
                                 error_detail=(f"The file {member_name} in {name} uses a "
                                               "compression method we cannot open."))
            except Exception:  # CRC mismatch, truncated stream, lying sizes, zlib errors
                member = replace(member, error=str(AttachmentError.ARCHIVE_CORRUPT),
                                 error_detail=(f"The file {member_name} in {name} is damaged "
                                               "and could not be extracted."))
            else:
                self._expanded += len(data)
                member = replace(member, data=data,
                                 content_type=guess_type(member_name, data, ""))
            found.append(replace(work, item=member, zip_depth=depth))
        return found

    def _too_many(self, att: Attachment, count: int) -> list[_Work]:
        return self._refuse(
            att, AttachmentError.ARCHIVE_TOO_MANY_FILES,
            f"The archive {att.filename} holds {count} files; at most "
            f"{self.limits.max_zip_members} are accepted in one archive.")

    def _bomb(self, att: Attachment, infos: list[zipfile.ZipInfo],
              members: list[zipfile.ZipInfo]) -> str:
        """Why this zip is a bomb, from its declared sizes (nothing is decompressed)."""
        ratio = self.limits.max_zip_ratio
        sentence = (f"The archive {att.filename} would expand to far more data than it "
                    "contains (a \"zip bomb\"), so it was not opened.")
        total = sum(i.file_size for i in members)
        if total > RATIO_FLOOR_BYTES and total > ratio * len(att.data):
            return sentence
        for info in members:
            if info.file_size > RATIO_FLOOR_BYTES and info.file_size > ratio * max(
                info.compress_size, 1
            ):
                return sentence
        # Entries sharing or overlapping their compressed data (a "non-recursive" zip bomb:
        # Python 3.11.7's zipfile predates the CVE-2024-0450 overlap check).
        ordered = sorted(infos, key=lambda i: i.header_offset)
        for first, second in itertools.pairwise(ordered):
            if first.header_offset + 30 + first.compress_size > second.header_offset:
                return sentence
        return ""


_FALLBACK_EXTENSIONS = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png",
    ".gif": "image/gif", ".heic": "image/heic", ".tif": "image/tiff", ".txt": "text/plain",
    ".html": "text/html", ".eml": "message/rfc822", ".zip": "application/zip",
    ".dat": "application/ms-tnef",
}


def _declared_entries(data: bytes) -> int | None:
    """Entry count from the zip's end record, found exactly the way zipfile finds it."""
    end_record = getattr(zipfile, "_EndRecData", None)  # private, but it IS zipfile's logic
    if end_record is None:
        return None
    try:
        record = end_record(io.BytesIO(data))
    except Exception:
        return None
    return int(record[4]) if record else None  # _ECD_ENTRIES_TOTAL


def _is_junk(name: str) -> bool:
    """macOS/Windows metadata every zip tool adds; never a document."""
    lower = name.replace("\\", "/").lower()
    base = lower.rsplit("/", 1)[-1]
    return lower.startswith("__macosx/") or base in _JUNK_NAMES or base.startswith("._")


def _is_document(infos: list[zipfile.ZipInfo]) -> bool:
    names = {i.filename for i in infos[:50]}
    return "[Content_Types].xml" in names or (bool(infos) and infos[0].filename == "mimetype")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """zipfile reads names as cp437 unless the UTF-8 flag is set; many tools write UTF-8
    without setting it, so try that first."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            return name.encode("cp437").decode("utf-8")
        except UnicodeError:
            pass
    return name


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member in chunks, never more than its declared (already checked) size."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(MiB):
            total += len(chunk)
            if total > info.file_size:
                raise ValueError("member is larger than declared")
            chunks.append(chunk)
    return b"".join(chunks)

