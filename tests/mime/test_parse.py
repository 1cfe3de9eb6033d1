"""parse_mail on ordinary mails: the contract the pipeline relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fixtures.hostile.generate import (
    LOGO,
    PDF,
    PHOTO,
    attachment,
    forward,
    inner_mail,
    letter,
    mail,
    multipart,
    part,
    text,
    zip_of,
)
from mailbot.config import Settings
from mailbot.mime import MimeLimits, parse_mail, synthetic_message_id
from tests.mime.invariants import check_invariants

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "emails"


def test_multipart_alternative_prefers_plain_text() -> None:
    raw = mail("alt", multipart("alternative", [
        text("Plain words"), text("<p>HTML <b>words</b></p>", "html")]))
    parsed = parse_mail(raw)
    assert parsed.text == "Plain words"
    assert parsed.attachments == ()
    assert parsed.defects == ()
    check_invariants(parsed)


def test_html_only_body_is_converted_to_text() -> None:
    html = ("<html><head><style>p{}</style></head><body><p>Dear HR,</p><p>my passport &amp; "
            "form<br>are attached.</p><script>steal()</script></body></html>")
    parsed = parse_mail(mail("html", text(html, "html")))
    assert parsed.text == "Dear HR,\n\nmy passport & form\nare attached."


def test_envelope_fields() -> None:
    raw = mail("fields", text("x"), sender='"Ana Candidate" <Ana.Candidate@Example.COM>',
               subject="=?utf-8?q?Documentos_para_el_visado_=E2=80=93_Ana?=",
               extra=("In-Reply-To: <q1@mailbot.example>",
                      "References: <root@x.example>\r\n <q1@mailbot.example>"))
    parsed = parse_mail(raw)
    assert parsed.message_id == "<fields@hostile.example>"
    assert parsed.from_address == "ana.candidate@example.com"
    assert parsed.from_name == "Ana Candidate"
    assert parsed.to_addresses == ("hsm-documents@mailbot.example",)
    assert parsed.subject == "Documentos para el visado – Ana"
    assert parsed.date == datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    assert parsed.in_reply_to == "<q1@mailbot.example>"
    assert parsed.references == ("<root@x.example>", "<q1@mailbot.example>")


def test_headers_keep_order_lower_names_and_decoded_values() -> None:
    raw = mail("hdrs", text("x"), extra=("Auto-Submitted: auto-replied", "X-Tag: one",
                                          "X-Tag: =?utf-8?q?two=0D=0A?="))
    parsed = parse_mail(raw)
    assert parsed.headers[0] == ("from", "Ana Candidate <ana.candidate@example.com>")
    assert parsed.header("AUTO-SUBMITTED") == "auto-replied"
    assert parsed.header_values("x-tag") == ["one", "two"]
    assert parsed.header("list-id") is None


def test_dates_are_timezone_aware_or_none() -> None:
    def date_of(value: str) -> datetime | None:
        return parse_mail(mail("d", text("x")).replace(
            b"Mon, 03 Jun 2024 10:00:00 +0200", value.encode())).date

    assert date_of("Mon, 03 Jun 2024 10:00:00 -0000") == datetime(2024, 6, 3, 10, tzinfo=UTC)
    assert date_of("3 Jun 2024 10:00 EST") == datetime(2024, 6, 3, 10, tzinfo=UTC) + timedelta(
        hours=5)
    assert date_of("next tuesday") is None


def test_message_id_is_synthesised_from_the_bytes() -> None:
    raw = mail("x", text("x"), message_id=False)
    first, second = parse_mail(raw), parse_mail(raw)
    assert first.message_id == second.message_id == synthetic_message_id(raw)
    assert first.message_id.endswith("@mailbot.invalid>")
    assert parse_mail(raw + b"!").message_id != first.message_id


def test_attachments_with_rfc2231_and_rfc2047_names() -> None:
    raw = letter(
        "names",
        part("application/pdf", b"%PDF-1.4", cte="8bit",
             disposition="attachment; filename*0*=UTF-8''%D0%BF%D0%B0%D1%81; "
                         "filename*1*=%D0%BF%D0%BE%D1%80%D1%82; filename*2=.pdf"),
        part('image/png; name="=?iso-8859-1?q?d=E9claration.png?="', b"\x89PNG data",
             cte="8bit", disposition="attachment"),
        part("application/pdf", b"%PDF", cte="8bit",
             disposition="attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf; "
                         'filename="fallback.pdf"'),
    )
    parsed = parse_mail(raw)
    assert [a.filename for a in parsed.attachments] == ["паспорт.pdf", "déclaration.png",
                                                        "résumé.pdf"]
    assert [a.content_type for a in parsed.attachments] == ["application/pdf", "image/png",
                                                            "application/pdf"]
    check_invariants(parsed)


def test_nameless_and_generic_parts_get_a_name_and_a_sniffed_type() -> None:
    raw = letter("sniff", part("application/octet-stream", PDF, cte="binary",
                               disposition="attachment"))
    (only,) = parse_mail(raw).attachments
    assert only.filename == "attachment-1"
    assert only.content_type == "application/pdf"
    assert only.data == PDF


def test_forwarded_mails_keep_their_origin() -> None:
    inner = inner_mail(multipart("mixed", [text("the original"),
                                           attachment("passport.pdf", PDF)], "=_in"))
    parsed = parse_mail(mail("fwd", forward(inner)))
    assert [a.display_name for a in parsed.attachments] == ["forwarded mail/passport.pdf"]
    assert parsed.attachments[0].origin == "forwarded mail/"
    assert "the original" not in parsed.text  # the forwarded text is not the sender's own


def test_zip_members_come_out_in_place() -> None:
    raw = letter("zipped", attachment("a.pdf", PDF),
                 attachment("docs.zip", zip_of([("b.pdf", PDF), ("c.png", PHOTO)]),
                            "application/zip"),
                 attachment("d.pdf", PDF))
    parsed = parse_mail(raw)
    assert [a.display_name for a in parsed.attachments] == [
        "a.pdf", "docs.zip/b.pdf", "docs.zip/c.png", "d.pdf"]
    assert parsed.attachments[2].content_type == "image/png"
    assert parsed.attachments[2].data == PHOTO


def test_only_small_inline_images_are_marked_inline() -> None:
    raw = mail("inline", multipart("related", [
        text('<p>Hi</p><img src="cid:a"><img src="cid:b">', "html"),
        part("image/png", LOGO, cte="binary", headers=("Content-ID: <a>",)),
        part('image/png; name="image001.png"', PHOTO, cte="binary",
             disposition='inline; filename="image001.png"'),
        part('image/png; name="company-logo.png"', PHOTO[:30_000], cte="binary",
             disposition='inline; filename="company-logo.png"'),
        part('image/png; name="photo.png"', PHOTO[:30_000], cte="binary",
             disposition='inline; filename="photo.png"'),
        part('image/png; name="tiny.png"', LOGO, cte="binary",
             disposition='attachment; filename="tiny.png"'),
        part('application/pdf; name="form.pdf"', b"%PDF-1.4 tiny", cte="binary",
             disposition='inline; filename="form.pdf"'),
    ]))
    inline = {a.filename: a.inline for a in parse_mail(raw).attachments}
    assert inline == {
        "attachment-1.png": True,     # under 12 KiB, shown in the body: a logo
        "image001.png": False,        # a pasted screenshot of the passport is called this too
        "company-logo.png": True,     # named like a logo and under 48 KiB
        "photo.png": False,           # 30 KB and not named like a logo
        "tiny.png": False,            # attached explicitly: always a document
        "form.pdf": False,            # only images are ever decoration
    }


def test_limits_follow_the_settings() -> None:
    defaults = MimeLimits.from_settings(Settings())
    assert defaults == MimeLimits()
    custom = MimeLimits.from_settings(Settings(max_zip_members=7, max_attachment_bytes=1000))
    assert (custom.max_zip_members, custom.max_attachment_bytes) == (7, 1000)
    assert custom.max_mime_depth == MimeLimits().max_mime_depth  # no setting: default


def test_never_raises_on_odd_argument_types() -> None:
    for value in (bytearray(b"Subject: x\r\n\r\nhi"), memoryview(b"Subject: y\r\n\r\n"),
                  "Subject: z\r\n\r\nhi", None):
        check_invariants(parse_mail(value))  # type: ignore[arg-type]


def test_the_sample_mailbox_parses_cleanly() -> None:
    samples = sorted(SAMPLES.glob("*.eml"))
    assert samples, "the sample mailbox is missing"
    for path in samples:
        raw = path.read_bytes()
        parsed = parse_mail(raw)
        check_invariants(parsed)
        assert parsed.message_id != synthetic_message_id(raw), path.name
        assert parsed.from_address, path.name
        assert parsed.text, path.name
        if "zip" in path.name:
            assert any(a.origin.endswith(".zip/") for a in parsed.attachments), path.name
        if "forward" in path.name:
            assert any(a.origin == "forwarded mail/" for a in parsed.attachments), path.name
