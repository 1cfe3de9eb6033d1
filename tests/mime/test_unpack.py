"""Each limit does what it says, at its edge; containers open (or are refused) correctly."""

from __future__ import annotations

import struct
import time
import zipfile

import pytest

from fixtures.hostile.generate import (
    PDF,
    PHOTO,
    attachment,
    forward,
    inner_mail,
    letter,
    mail,
    multipart,
    rand,
    text,
    tnef,
    tnef_object,
    zeros_zip,
    zip_of,
)
from mailbot.mime import AttachmentError, MimeLimits, parse_mail
from mailbot.mime.tnef import TnefError, extract_tnef
from tests.mime.invariants import check_invariants


def errors_of(raw: bytes, limits: MimeLimits) -> list[tuple[str, str | None]]:
    parsed = parse_mail(raw, limits)
    check_invariants(parsed, limits)
    return [(a.display_name, a.error) for a in parsed.attachments]


def test_max_attachment_bytes_edge() -> None:
    limits = MimeLimits(max_attachment_bytes=1000)
    exact = letter("edge", attachment("exact.pdf", b"%" * 1000),
                   attachment("over.pdf", b"%" * 1001))
    parsed = parse_mail(exact, limits)
    assert [(a.filename, a.error, len(a.data)) for a in parsed.attachments] == [
        ("exact.pdf", None, 1000), ("over.pdf", "too_large", 0)]
    assert "1001" not in parsed.attachments[1].error_detail  # human units, not bytes
    assert "not accepted" in parsed.attachments[1].error_detail


def test_max_mail_bytes_reads_headers_only() -> None:
    raw = letter("big", attachment("a.pdf", PDF), subject="Still read")
    parsed = parse_mail(raw, MimeLimits(max_mail_bytes=len(raw) - 1))
    assert parsed.subject == "Still read"
    assert parsed.from_address == "ana.candidate@example.com"
    assert parsed.attachments == ()
    assert any("only its headers were read" in d for d in parsed.defects)


def test_max_mail_lines() -> None:
    raw = mail("lines", text("x\n" * 100))
    assert parse_mail(raw, MimeLimits(max_mail_lines=200)).text.startswith("x")
    parsed = parse_mail(raw, MimeLimits(max_mail_lines=50))
    assert parsed.text == ""
    assert any("lines" in d for d in parsed.defects)


def test_max_mime_depth() -> None:
    entity = attachment("deep.pdf", PDF)
    for level in range(5):
        entity = multipart("mixed", [entity], boundary=f"=_{level}")
    raw = mail("depth", entity)
    assert errors_of(raw, MimeLimits(max_mime_depth=5)) == [("deep.pdf", None)]
    assert errors_of(raw, MimeLimits(max_mime_depth=4)) == []


def test_max_forward_depth() -> None:
    entity = inner_mail(multipart("mixed", [attachment("p.pdf", PDF)], "=_in"))
    entity = inner_mail(forward(entity))
    raw = mail("fwd2", forward(entity))
    assert errors_of(raw, MimeLimits(max_forward_depth=2)) == [
        ("forwarded mail/forwarded mail/p.pdf", None)]
    assert errors_of(raw, MimeLimits(max_forward_depth=1)) == [
        ("forwarded mail/forwarded mail.eml", "forward_too_deep")]


def test_max_attachments_and_max_mime_parts() -> None:
    raw = letter("many", *(attachment(f"{n}.pdf", PDF) for n in range(6)))
    parsed = parse_mail(raw, MimeLimits(max_attachments=4))
    assert [a.filename for a in parsed.attachments] == ["0.pdf", "1.pdf", "2.pdf", "3.pdf"]
    assert any("2 more document(s) were ignored" in d for d in parsed.defects)
    parsed = parse_mail(raw, MimeLimits(max_mime_parts=4))  # root, text, 0.pdf, 1.pdf
    assert [a.filename for a in parsed.attachments] == ["0.pdf", "1.pdf"]


def test_max_zip_members_edge() -> None:
    def archive(count: int) -> bytes:
        members = [(f"{n}.pdf", PDF) for n in range(count)] + [("folder/", b"")]
        return letter("members", attachment("a.zip", zip_of(members), "application/zip"))

    assert len(errors_of(archive(3), MimeLimits(max_zip_members=3))) == 3
    assert errors_of(archive(4), MimeLimits(max_zip_members=3)) == [
        ("a.zip", "archive_too_many_files")]


def test_max_zip_depth_edge() -> None:
    nested = zip_of([("inner.zip", zip_of([("p.pdf", PDF)]))])
    raw = letter("zdepth", attachment("outer.zip", nested, "application/zip"))
    assert errors_of(raw, MimeLimits(max_zip_depth=2)) == [("outer.zip/inner.zip/p.pdf", None)]
    assert errors_of(raw, MimeLimits(max_zip_depth=1)) == [
        ("outer.zip/inner.zip", "archive_too_deep")]


def test_max_zip_total_bytes_is_shared_by_the_archives_of_one_mail() -> None:
    one = zip_of([("p.pdf", rand("p", 60_000))])
    raw = letter("budget", attachment("a.zip", one, "application/zip"),
                 attachment("b.zip", one, "application/zip"))
    assert errors_of(raw, MimeLimits(max_zip_total_bytes=120_000)) == [
        ("a.zip/p.pdf", None), ("b.zip/p.pdf", None)]
    assert errors_of(raw, MimeLimits(max_zip_total_bytes=100_000)) == [
        ("a.zip/p.pdf", None), ("b.zip", "too_large")]


def test_max_zip_ratio() -> None:
    raw = letter("ratio", attachment("z.zip", zeros_zip("z.pdf", 2 * 1024 * 1024),
                                     "application/zip"))
    assert errors_of(raw, MimeLimits(max_zip_ratio=100)) == [("z.zip", "zip_bomb")]
    assert errors_of(raw, MimeLimits(max_zip_ratio=10_000)) == [("z.zip/z.pdf", None)]


def test_zip_member_larger_than_max_attachment_bytes() -> None:
    raw = letter("zbig", attachment("z.zip", zip_of([("big.pdf", bytes(5000)),
                                                     ("ok.pdf", PDF)]), "application/zip"))
    assert errors_of(raw, MimeLimits(max_attachment_bytes=4000)) == [
        ("z.zip/big.pdf", "too_large"), ("z.zip/ok.pdf", None)]


def test_zip_names_in_utf8_without_the_flag() -> None:
    # zipfile sets the UTF-8 flag itself for non-ASCII names, so patch the name in afterwards
    # (same length): many zip tools write UTF-8 names without the flag.
    raw_name = "паспорт.pdf".encode()
    data = zip_of([("p" * len(raw_name), PDF)]).replace(b"p" * len(raw_name), raw_name)
    parsed = parse_mail(letter("names", attachment("n.zip", data, "application/zip")))
    assert [a.display_name for a in parsed.attachments] == ["n.zip/паспорт.pdf"]


def test_winmail_in_a_zip_in_a_forward() -> None:
    inner_zip = zip_of([("winmail.dat", tnef([("p.pdf", PDF)]))])
    inner = inner_mail(multipart("mixed", [attachment("docs.zip", inner_zip,
                                                      "application/zip")], "=_in"))
    parsed = parse_mail(mail("chain", forward(inner)))
    assert [a.display_name for a in parsed.attachments] == [
        "forwarded mail/docs.zip/winmail.dat/p.pdf"]
    assert parsed.attachments[0].data == PDF


def test_winmail_inside_winmail_counts_as_archive_depth() -> None:
    data = tnef([("p.pdf", PDF)])
    for _ in range(3):
        data = tnef([("winmail.dat", data)])
    raw = letter("tt", attachment("winmail.dat", data, "application/ms-tnef"))
    assert errors_of(raw, MimeLimits()) == [
        ("winmail.dat/winmail.dat/winmail.dat", "archive_too_deep")]


def test_extract_tnef() -> None:
    result = extract_tnef(tnef([("passport.pdf", PDF), ("photo.png", PHOTO)]))
    assert result.files == [("passport.pdf", PDF), ("photo.png", PHOTO)]
    assert result.skipped == []
    with pytest.raises(TnefError):
        extract_tnef(b"not tnef at all")


def test_tnef_embedded_outlook_item_is_skipped_not_parsed() -> None:
    embedded = b"\x07\x03\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46" + b"x" * 40
    mapi = struct.pack("<IHHII", 1, 0x000D, 0x3701, 1, len(embedded)) + embedded
    result = extract_tnef(tnef([("item.msg", b"x")], mapi=mapi))
    assert result.files == []
    assert result.skipped


@pytest.mark.parametrize("mapi", [
    struct.pack("<I", 0xFFFFFFFF),                                   # property count
    struct.pack("<IHHI", 1, 0x1002, 0x3707, 0xFFFFFFF0),             # multi-value count
    struct.pack("<IHHII", 1, 0x001F, 0x3707, 0xFFFFFFF0, 4),         # value count
    struct.pack("<IHHII", 1, 0x001F, 0x3707, 1, 0x7FFFFFF0),         # value length
    struct.pack("<IHH", 1, 0x001F, 0x8001) + b"\x00" * 16,           # named, cut short
])
def test_tnef_hostile_mapi_is_refused_fast(mapi: bytes) -> None:
    started = time.perf_counter()
    result = extract_tnef(tnef([("p.pdf", PDF)], mapi=mapi))
    assert time.perf_counter() - started < 0.5
    assert result.files == []


def test_tnef_object_flood_is_refused() -> None:
    flood = b"".join(tnef_object(1, 0x8004, 0x0001, b"x") for _ in range(600))
    with pytest.raises(TnefError):
        extract_tnef(tnef([("p.pdf", PDF)]) + flood)


def test_refused_archives_keep_their_bytes_for_hr() -> None:
    data = b"Rar!\x1a\x07\x01\x00" + rand("r", 100)
    parsed = parse_mail(letter("rar", attachment("docs.rar", data, "application/x-rar")))
    (only,) = parsed.attachments
    assert (only.error, only.data) == (AttachmentError.ARCHIVE_UNSUPPORTED, data)
    assert "RAR" in only.error_detail


def test_zip_members_never_touch_the_filesystem(tmp_path: object, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    def no_extract(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("zipfile must not write to disk")

    monkeypatch.setattr(zipfile.ZipFile, "extract", no_extract)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", no_extract)
    raw = letter("fs", attachment("t.zip", zip_of([("../../x.pdf", PDF)]), "application/zip"))
    assert errors_of(raw, MimeLimits()) == [("t.zip/x.pdf", None)]
