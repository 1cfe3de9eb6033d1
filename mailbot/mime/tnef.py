"""Files inside an Outlook winmail.dat (TNEF), read with `tnefparse` behind a strict check.

tnefparse trusts the counts in the stream: a MAPI property count of 0xFFFFFFFF makes it loop
four billion times, a multi-value count makes it allocate as many values, it copies the rest
of the stream for every object (quadratic), asserts on a malformed sender, and parses
embedded Outlook items recursively. So we first walk the stream ourselves with bounds checks
and hand tnefparse a rebuilt stream holding only what we need: the codepage and the
attachment objects (rendering data, title, data, MAPI properties) of well-formed attachments.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass, field

from tnefparse.tnef import TNEF

from mailbot.mime.text import text_codec

# tnefparse logs attacker-controlled values at WARNING/ERROR and once per skipped property
# (millions of lines for a crafted count); what went wrong is reported as a defect instead.
logging.getLogger("tnefparse").setLevel(logging.CRITICAL)

SIGNATURE = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
MAX_OBJECTS = 512                # real files: ~6 objects per attachment plus ~20
MAX_MAPI_STEPS = 20_000          # properties and values walked per MAPI block
_OBJECT_HEADER = struct.Struct("<BHHI")  # level, attribute id, attribute type, length

_LEVEL_MESSAGE, _LEVEL_ATTACHMENT = 1, 2
_ATT_OEM_CODEPAGE = 0x9007
_ATT_REND_DATA = 0x9002      # starts an attachment
_ATT_TITLE = 0x8010
_ATT_DATA = 0x800F
_ATT_MAPI = 0x9005
_KEEP_IN_ATTACHMENT = {_ATT_REND_DATA, _ATT_TITLE, _ATT_DATA, _ATT_MAPI}
_PR_ATTACH_DATA_OBJ = 0x3701
_IMESSAGE_SIG = b"\x07\x03\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"


class TnefError(Exception):
    """The stream is malformed in a way we do not hand to tnefparse."""


@dataclass
class TnefResult:
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (name as sent, data)
    skipped: list[str] = field(default_factory=list)  # human sentences, one per skipped item


def _u16(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 2], "little")


def _u32(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 4], "little")


def _check_mapi(data: bytes) -> bool:
    """True when tnefparse's `decode_mapi` can walk this block within its bounds.

    Mirrors decode_mapi/parse_property step by step. Returns False for anything out of
    bounds, too many steps, or an embedded Outlook item (parsed recursively by tnefparse).
    """
    size = len(data)
    if size < 4:
        return False
    count, offset, steps = _u32(data, 0), 4, 0
    if count > (size - 4) // 4:
        return False
    for _ in range(count):
        if offset + 4 > size:
            return False
        prop_type, prop_name = _u16(data, offset), _u16(data, offset + 2)
        offset += 4
        if prop_name >= 0x8000:  # named property: GUID, kind, then an id or a name
            offset += 20
            if offset > size:
                return False
            if _u32(data, offset - 4) == 0:
                offset += 4
            else:
                if offset + 4 > size:
                    return False
                name_length = _u32(data, offset)
                offset += 4 + name_length + (-name_length % 4)
            if offset > size:
                return False
        values = None
        if prop_type & 0x1000:
            prop_type ^= 0x1000
            if offset + 4 > size:
                return False
            values = _u32(data, offset)
            offset += 4
            if values > (size - offset) // 2 + 1:
                return False
        for _ in range(values or 1):
            steps += 1
            if steps > MAX_MAPI_STEPS:
                return False
            if prop_type in (0x0002, 0x000B):
                offset += 2
            elif prop_type in (0x0003, 0x0004, 0x000A):
                offset += 4
            elif prop_type in (0x0005, 0x0006, 0x0007, 0x0014, 0x0040):
                offset += 8
            elif prop_type == 0x0048:
                offset += 16
            elif prop_type in (0x0000, 0x000D, 0x001E, 0x001F, 0x0102):
                items = 1
                if not values:
                    if offset + 4 > size:
                        return False
                    items = _u32(data, offset)
                    offset += 4
                    if items > (size - offset) // 4:
                        return False
                for _ in range(items):
                    steps += 1
                    if steps > MAX_MAPI_STEPS or offset + 4 > size:
                        return False
                    length = _u32(data, offset)
                    offset += 4
                    if prop_name == _PR_ATTACH_DATA_OBJ and data.startswith(_IMESSAGE_SIG, offset):
                        return False
                    offset += length + (-length % 4)
                    if offset > size:
                        return False
            else:
                return True  # tnefparse stops at an unknown type too, keeping what it has
            if offset > size:
                return False
        if (values or 1) % 2 and prop_type in (0x0002, 0x000B):
            offset += 2
    return True


def _object(level: int, attribute: int, attribute_type: int, payload: bytes) -> bytes:
    checksum = sum(payload) & 0xFFFF
    return (
        _OBJECT_HEADER.pack(level, attribute, attribute_type, len(payload))
        + payload
        + checksum.to_bytes(2, "little")
    )


def _rebuild(data: bytes) -> tuple[bytes, list[str]]:
    """A minimal TNEF stream with only well-formed attachments, and what was skipped."""
    if len(data) < 6 or not data.startswith(SIGNATURE):
        raise TnefError("no TNEF signature")
    codepage = 1252
    groups: list[list[bytes]] = []
    skipped: list[str] = []
    group_ok = False
    offset, count = 6, 0
    # Same loop condition as tnefparse: trailing bytes shorter than an object are ignored.
    while offset + 12 < len(data):
        count += 1
        if count > MAX_OBJECTS:
            raise TnefError(f"more than {MAX_OBJECTS} objects")
        level, attribute, attribute_type, length = _OBJECT_HEADER.unpack_from(data, offset)
        start, end = offset + 9, offset + 9 + length
        if end + 2 > len(data):
            raise TnefError("an object runs past the end of the file")
        payload = data[start:end]
        offset = end + 2
        if level == _LEVEL_MESSAGE and attribute == _ATT_OEM_CODEPAGE and length >= 4:
            candidate = _u32(payload, 0)
            if candidate <= 65535 and text_codec(f"cp{candidate}"):
                codepage = candidate
        elif level == _LEVEL_ATTACHMENT and attribute == _ATT_REND_DATA:
            groups.append([_object(level, attribute, attribute_type, payload)])
            group_ok = True
        elif level == _LEVEL_ATTACHMENT and attribute in _KEEP_IN_ATTACHMENT and groups:
            if attribute == _ATT_MAPI and not _check_mapi(payload):
                if group_ok:
                    skipped.append("An item inside winmail.dat is malformed or is an Outlook "
                                   "item, and was skipped.")
                group_ok = False
            if group_ok:
                groups[-1].append(_object(level, attribute, attribute_type, payload))
            else:
                groups[-1] = []
    head = SIGNATURE + data[4:6] + _object(_LEVEL_MESSAGE, _ATT_OEM_CODEPAGE, 0x0006,
                                           codepage.to_bytes(4, "little") + bytes(4))
    return head + b"".join(b"".join(group) for group in groups), skipped


def extract_tnef(data: bytes) -> TnefResult:
    """The files inside a winmail.dat. Raises TnefError (or anything tnefparse raises on what
    got past the check) when it cannot be read; the caller records that as `tnef_corrupt`."""
    stream, skipped = _rebuild(data)
    result = TnefResult(skipped=skipped)
    for number, attachment in enumerate(TNEF(stream, do_checksum=False).attachments, start=1):
        try:
            name = attachment.long_filename()
        except (UnicodeError, ValueError, TypeError, AttributeError):
            name = ""
        if isinstance(name, bytes):
            name = name.decode("cp1252", errors="replace")
        payload = attachment.data
        result.files.append((name or f"winmail-item-{number}", bytes(payload)))
    return result
