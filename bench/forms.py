"""Blank or filled, and how often a wanted form goes to HR: a dev set of forms in other styles.

    python -m bench.forms [--seed 7] [--count 8] [--images 3] [--sweep]

The training generator and `fixtures.synth.form_styles` each draw forms their own way; this draws
TB declarations and antecedents forms the ways they did not: other titles, statements and field
labels, values typed after labels in tables, tab stops and dotted lines, ticks as ☒ ✓ X (x) [X]
and bare answers, signatures as "/s/ Name", a typed name, an image or a scribble; DOCX with
values in tables, content controls, legacy form fields and tracked changes; scans and phone
photos with handwriting-like values. Every filled form has a blank twin from the same template
(same furniture: version lines, return addresses, an employer filled in by HR, example dates).

Each file goes through `classifiers.classify` whole (extraction, OCR, model, filled judgement).
Printed per shape: wanted (filled) forms sent to review, filled forms called blank, blank forms
that would count, and the reasons of the ones that went wrong. The seed is never one the
judgement was written against (0-6 were used while writing it): pass a new one to re-measure.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from bench.kinds import counts
from classifiers import classify, clear_caches
from classifiers.kinds import FORM_KINDS
from classifiers.limits import DEFAULT_LIMITS, Limits
from classifiers.types import Classification
from fixtures.synth import _raster

TEXT_SHAPES = ("pdf", "docx_table", "docx_tabs", "docx_controls", "docx_legacy",
               "docx_tracked",
               # Written after the judgement had met every shape above (seed 11 and on): values
               # in text boxes beside their labels, the person's details in the page header,
               # a grid whose labels head the columns and whose answers are the row below, and
               # answers in block-level content controls under their labels (a date picker too).
               "docx_textbox", "docx_header", "docx_grid", "docx_blocks")
IMAGE_SHAPES = ("scan", "photo",
                # A hurried phone photo: tilted up to 6 degrees, keystoned, dim, with pale
                # (pencil or light ballpoint) handwriting.
                "photo_hard")
SHAPES = TEXT_SHAPES + IMAGE_SHAPES

_TITLES = {
    "tb": ("Tuberculosis screening: statement of the applicant",
           "TB examination consent", "Consent to a TB (tuberculosis) check",
           "Verklaring bereidheid tuberculose-onderzoek", "Toestemming TBC-test",
           "Pre-arrival tuberculosis statement"),
    "antecedents": ("Statement about criminal history", "Criminal record self-declaration",
                    "Verklaring strafrechtelijk verleden",
                    "Declaration of good conduct by the applicant",
                    "Eigen verklaring justitiële antecedenten",
                    "Past convictions - applicant's statement"),
}
_STATEMENTS = {
    "tb": ("I will have myself examined for tuberculosis at the municipal health service "
           "within three months of my arrival.",
           "Ik laat mij binnen drie maanden na aankomst door de GGD onderzoeken op tbc.",
           "The undersigned agrees to take part in a TB check after coming to the Netherlands."),
    "antecedents": ("I state that no court has found me guilty of an offence in the past years.",
                    "Ik verklaar dat ik niet ben veroordeeld voor een misdrijf.",
                    "The undersigned has no criminal record in any country of residence."),
}
_QUESTIONS = {
    "tb": ("Have you had tuberculosis before?", "Bent u eerder behandeld voor tbc?",
           "Do you have a cough lasting longer than three weeks?"),
    "antecedents": ("Have you been sentenced for a crime in the last 5 years?",
                    "Bent u ooit veroordeeld tot een gevangenisstraf?",
                    "Are criminal proceedings pending against you?"),
}
# (label, which value): labels in other authors' words, some the judgement has no word list for.
_LABELS = (
    (("Applicant's surname", "surname"), ("Given name(s)", "given"),
     ("D.O.B.", "birth"), ("Country of citizenship", "nationality")),
    (("Full legal name", "name"), ("Date of birth (DD/MM/YYYY)", "birth"),
     ("Passport / ID no.", "passport"), ("Employer", "employer")),
    (("Naam werknemer", "name"), ("Geboren te", "city"), ("Geboortedatum", "birth"),
     ("Land van herkomst", "country")),
    (("Name in full", "name"), ("Mobile", "phone"), ("Address in the Netherlands", "address"),
     ("Expected date of arrival", "arrival")),
    (("Naam / Name", "name"), ("Nationaliteit / Nationality", "nationality"),
     ("Reisdocument nr. / Travel document no.", "passport")),
    (("Employee", "name"), ("Mobile", "phone"), ("Employer", "employer"),
     ("Arrival in NL", "arrival")),
)
_NAMES = (("Raman", "Priya"), ("Okonkwo", "Chidera"), ("Haddad", "Omar"), ("Nguyen", "Thi Lan"),
          ("Kowalczyk", "Marta"), ("Souza", "Rafael"), ("Yamamoto", "Ken"), ("Ivanenko", "Oksana"))
_CITIES = ("Chennai", "Lagos", "Beirut", "Hanoi", "Krakow", "Recife", "Osaka", "Lviv")
_COUNTRIES = ("India", "Nigeria", "Lebanon", "Vietnam", "Poland", "Brazil", "Japan", "Ukraine")
_ADJECTIVES = ("Indian", "Nigerian", "Lebanese", "Vietnamese", "Polish", "Brazilian", "Japanese",
               "Ukrainian")
# What a template carries whether or not anyone filled it in.
_FURNITURE = ("Version 2.3 - 14-02-2024", "Return this form to: HR Services, Postbus 1200, "
              "5600 BE Eindhoven", "Ref. HR/2024/117", "Employer: Brightwave Photonics B.V.",
              "Example: 31-12-1990", "Page 1 of 1 - form MB-HR-02")
# Ticks: (answered "no", blank) as other people type them.
_TICKS = (("☐ Yes   ☒ No", "☐ Yes   ☐ No"), ("Yes [ ]  No [X]", "Yes [ ]  No [ ]"),
          ("( ) yes  (x) no", "( ) yes  ( ) no"), ("✓ No", "Yes / No"), ("No", "Yes / No"),
          ("Yes ☐  No ✔", "Yes ☐  No ☐"), ("Nee", "Ja / Nee"), ("X  No", "   Yes     No"))
_SIGNED = ("/s/ {name}", "(signed) {name}", "{name}", "image", "")


@dataclass
class Spec:
    """One form's content, filled in or not, before it is drawn in a shape."""

    topic: str
    title: str
    statement: str
    fields: list[tuple[str, str]]  # label, value ("" when blank)
    question: str
    tick: str
    place_date: tuple[str, str]  # ("", "") when blank
    signature: str  # "", a typed signature, or "image"
    furniture: list[str] = field(default_factory=list)
    filled: bool = True


def make_spec(rng: random.Random, topic: str, filled: bool) -> Spec:
    surname, given = rng.choice(_NAMES)
    person = rng.randrange(len(_CITIES))
    values = {
        "surname": surname.upper() if rng.random() < 0.4 else surname, "given": given,
        "name": f"{given} {surname}",
        "birth": rng.choice(("{:02d}-{:02d}-19{}", "{:02d}/{:02d}/19{}", "{:02d}.{:02d}.19{}"))
        .format(rng.randint(1, 28), rng.randint(1, 12), rng.randint(70, 99)),
        "nationality": _ADJECTIVES[person], "country": _COUNTRIES[person],
        "city": _CITIES[person], "passport": f"{rng.choice('KPRZ')}{rng.randrange(10**6, 10**7)}",
        "employer": "Brightwave Photonics B.V.", "phone": f"+31 6 {rng.randrange(10**7, 10**8)}",
        "address": f"Vestdijk {rng.randint(2, 180)}, Eindhoven",
        "arrival": f"{rng.randint(1, 28)} {rng.choice(('March', 'June', 'October'))} 2026",
    }
    labels = list(rng.choice(_LABELS))
    # Some candidates fill in only what they think matters: a field or two, and either a date
    # or a signature — few signs, each of them real. The others leave a field empty now and
    # then (not known, not applicable).
    sparse = rng.random() < 0.4
    keep = set(rng.sample(range(len(labels)), rng.randint(1, 2))) if sparse \
        else {i for i in range(len(labels)) if rng.random() < 0.85}
    fields = [(label, values[key] if filled and i in keep else "")
              for i, (label, key) in enumerate(labels)]
    ticked, blank_tick = rng.choice(_TICKS)
    day = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-2026"
    dated = rng.random() < (0.5 if sparse else 0.9)
    place_date = (rng.choice(("Chennai", "Amsterdam", "Eindhoven", "")), day) \
        if filled and dated else ("", "")
    signatures = [s for s in _SIGNED if s] if sparse and not dated else list(_SIGNED)
    signature = rng.choice(signatures).format(name=f"{given[0]}. {surname}") if filled else ""
    answered = rng.random() < (0.4 if sparse else 0.9)
    return Spec(topic, rng.choice(_TITLES[topic]), rng.choice(_STATEMENTS[topic]), fields,
                rng.choice(_QUESTIONS[topic]), ticked if filled and answered else blank_tick,
                place_date, signature, rng.sample(_FURNITURE, rng.randint(0, 3)), filled)


def blank_twin(spec: Spec) -> Spec:
    blank_tick = next(b for t, b in _TICKS if t == spec.tick) if any(
        t == spec.tick for t, _ in _TICKS) else spec.tick
    return Spec(spec.topic, spec.title, spec.statement, [(label, "") for label, _ in spec.fields],
                spec.question, blank_tick, ("", ""), "", spec.furniture, False)


# ------------------------------------------------------------------------------- text PDF


def render_pdf(spec: Spec, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(_raster._FONT_FILES["sans"])))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    _, height = A4
    y = height - 70
    layout = rng.choice(("colon", "dots", "columns"))

    def line(text: str, x: float = 60, size: int = 10) -> None:
        nonlocal y
        pdf.setFont("DejaVu", size)
        pdf.drawString(x, y, text)
        y -= size + 9

    if spec.furniture:
        line(spec.furniture[0], size=7)
    line(spec.title, size=15)
    line(spec.statement)
    for label, value in spec.fields:
        if layout == "colon":
            line(f"{label}: {value}")
        elif layout == "dots":
            line(f"{label} {'.' * 12} {value}")
        else:  # label and value in two columns, as a table without rules
            pdf.setFont("DejaVu", 10)
            pdf.drawString(60, y, label)
            pdf.drawString(260, y, value or "_" * 24)
            y -= 19
    line(spec.question)
    line(spec.tick, x=80)
    place, day = spec.place_date
    line(f"Place and date: {place}{', ' if place else ''}{day}")
    if spec.signature == "image":
        # A pen signature drawn on a tablet: vector curves in the signature area.
        line("Signature:")
        pdf.bezier(120, y + 14, 150, y + 40, 180, y - 10, 220, y + 20)
        pdf.bezier(220, y + 20, 240, y + 35, 260, y, 300, y + 12)
        y -= 30
    else:
        line(f"Signature: {spec.signature}")
    for extra in spec.furniture[1:]:
        line(extra, size=7)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# ------------------------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_NS = (f'xmlns:w="{_W}" xmlns:w14="{_W14}" xmlns:wps="{_WPS}" xmlns:mc="{_MC}" '
       f'xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:v="{_V}"')


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _control(value: str) -> str:
    """A plain-text content control: its placeholder while empty."""
    if not value:
        return ('<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>'
                + _run("Click or tap here to enter text.") + "</w:sdtContent></w:sdt>")
    return f"<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{_run(value)}</w:sdtContent></w:sdt>"


def _legacy_text(value: str, number: int) -> str:
    """A legacy FORMTEXT field; Word shows five en spaces in an empty one."""
    shown = value or "\u2002" * 5
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text{number}"/>'
            '<w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(shown)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _legacy_box(checked: bool, number: int) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check{number}"/>'
            '<w:enabled/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>'
            + ("<w:checked/>" if checked else "") + '</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _control_box(checked: bool) -> str:
    return ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="' + ("1" if checked else "0")
            + '"/></w14:checkbox></w:sdtPr><w:sdtContent>' + _run("☒" if checked else "☐")
            + "</w:sdtContent></w:sdt>")


def _text_box(value: str, number: int) -> str:
    """A floating text box placed over the answer line, as Word writes one: the DrawingML
    shape, and a VML copy for old Word versions. Left empty on a blank form."""
    content = (f"<w:txbxContent><w:p>{_run(value) if value else ''}</w:p></w:txbxContent>")
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{number}" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>1800000</wp:posOffset>'
            '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
            '</wp:posOffset></wp:positionV><wp:extent cx="2700000" cy="250000"/>'
            f'<wp:wrapNone/><wp:docPr id="{number}" name="Text Box {number}"/>'
            f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
            '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2700000" cy="250000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f'<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>'
            '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:shape style="width:212pt;height:20pt"><v:textbox>{content}</v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def _block_control(value: str, date_picker: bool = False) -> str:
    """A content control around a whole paragraph (the answer under its label); a date
    picker shows the date as 'd MMMM yyyy'."""
    kind = ('<w:date w:fullDate="2026-03-01T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/>'
            '</w:date>') if date_picker else "<w:richText/>"
    if not value:
        return (f'<w:sdt {_NS}><w:sdtPr><w:showingPlcHdr/>{kind}</w:sdtPr><w:sdtContent><w:p>'
                + _run("Click or tap here to enter text.") + "</w:p></w:sdtContent></w:sdt>")
    return (f"<w:sdt {_NS}><w:sdtPr>{kind}</w:sdtPr><w:sdtContent><w:p>{_run(value)}</w:p>"
            "</w:sdtContent></w:sdt>")


def _worded_date(day: str) -> str:
    """'01-03-2026' as a date picker shows it: '1 March 2026'."""
    import calendar

    d, m, y = (int(part) for part in day.split("-"))
    return f"{d} {calendar.month_name[m]} {y}"


def _inserted(value: str, rng: random.Random) -> str:
    """A value typed with track changes on, sometimes over a deleted first attempt."""
    deleted = ('<w:del w:id="9" w:author="Candidate" w:date="2026-03-01T10:00:00Z"><w:r>'
               f'<w:delText>{escape(value[::-1])}</w:delText></w:r></w:del>'
               if rng.random() < 0.5 else "")
    return (deleted + '<w:ins w:id="10" w:author="Candidate" w:date="2026-03-01T10:00:00Z">'
            + _run(value) + "</w:ins>") if value else ""


def _signature_png(rng: random.Random) -> bytes:
    image = Image.new("RGB", (420, 140), "white")
    _raster.draw_squiggle(image, (10, 10, 410, 130), rng)
    return _raster.encode(image, "png")


def _logo_png() -> bytes:
    image = Image.new("RGB", (300, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 90, 90], fill=(0, 70, 140))
    draw.text((105, 25), "Brightwave", fill=(0, 70, 140), font=_raster.font("bold", 30))
    return _raster.encode(image, "png")


def render_docx(spec: Spec, shape: str, rng: random.Random) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Cm

    document = docx.Document()
    if rng.random() < 0.5:  # the company's logo at the top, filled in or not
        document.add_picture(io.BytesIO(_logo_png()), width=Cm(4))
    document.add_heading(spec.title, 1)
    for extra in spec.furniture:
        document.add_paragraph(extra)
    document.add_paragraph(spec.statement)
    def paragraph(xml: str) -> None:
        # Into a paragraph python-docx placed (before the section properties, where Word
        # expects the body to end).
        target = document.add_paragraph()._p
        for child in parse_xml(f"<w:p {_NS}>{xml}</w:p>"):
            target.append(child)

    def value_xml(value: str, number: int) -> str:
        if shape == "docx_controls":
            return _control(value)
        if shape == "docx_legacy":
            return _legacy_text(value, number)
        if shape == "docx_tracked":
            return _inserted(value, rng)
        return _run(value)

    rows = [*spec.fields, ("Place and date", ", ".join(p for p in spec.place_date if p))]
    if shape == "docx_header":
        # The person's details in a table in the page header, on every page; the body keeps
        # the statement, the question and the signature.
        header = document.sections[0].header
        table = header.add_table(rows=0, cols=2, width=Cm(16))
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    elif shape == "docx_grid":
        # Labels head the columns; the answers are the row under them.
        labels, values = [label for label, _ in rows], [value for _, value in rows]
        table = document.add_table(rows=2, cols=len(rows))
        for column, (label, value) in enumerate(zip(labels, values, strict=True)):
            table.rows[0].cells[column].text = label
            table.rows[1].cells[column].text = value
    elif shape == "docx_blocks":
        for label, value in rows:
            document.add_paragraph(f"{label}:")
            worded = value
            date_picker = label == "Place and date" and bool(spec.place_date[1])
            if date_picker:
                worded = ", ".join(p for p in (spec.place_date[0],
                                               _worded_date(spec.place_date[1])) if p)
            body = document.element.body
            body.insert(len(body) - 1, parse_xml(_block_control(worded, date_picker)))
    elif shape == "docx_textbox":
        for number, (label, value) in enumerate(rows, start=1):
            paragraph(_run(f"{label}:") + _text_box(value, number))
    elif shape == "docx_table":
        table = document.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    else:
        for number, (label, value) in enumerate(rows, start=1):
            paragraph(_run(f"{label}:") + '<w:r><w:tab/></w:r>' + value_xml(value, number))
    document.add_paragraph(spec.question)
    answered_no = spec.tick != blank_twin(spec).tick or spec.tick in ("No", "Nee")
    if shape == "docx_controls":
        paragraph(_control_box(False) + _run(" Yes   ") + _control_box(spec.filled and
                                                                         answered_no)
                  + _run(" No"))
    elif shape == "docx_legacy":
        paragraph(_legacy_box(False, 90) + _run(" Yes   ")
                  + _legacy_box(spec.filled and answered_no, 91) + _run(" No"))
    else:
        document.add_paragraph(spec.tick)
    document.add_paragraph("Signature of the applicant:")
    if spec.signature == "image":
        document.add_picture(io.BytesIO(_signature_png(rng)), width=Cm(5))
    elif shape == "docx_textbox":
        paragraph(_text_box(spec.signature, 99))  # an empty box on a blank form
    elif spec.signature:
        paragraph(value_xml(spec.signature, 99))
    else:
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------- scans, photos


def render_image(spec: Spec, shape: str, rng: random.Random) -> tuple[bytes, str]:
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    print_font = _raster.font(rng.choice(("sans", "serif")), 26)
    hand = _raster.font(rng.choice(("italic", "condensed")), 34)
    ink = rng.choice(((20, 30, 120), (30, 30, 30)))
    # Answers on the line under each label, and the signature on a line above its caption
    # ("____ / Signature of the applicant"), as many retyped forms have them.
    under = False
    if shape == "photo_hard":  # pencil or a light ballpoint
        ink = rng.choice(((120, 120, 130), (90, 110, 170), (110, 100, 95)))
        under = rng.random() < 0.5
    y = 100

    def text(words: str, x: int = 100, size: int = 26, bold: bool = False) -> int:
        face = _raster.font("bold", size) if bold else print_font
        draw.text((x, y), words, fill="black", font=face)
        return int(draw.textlength(words, font=face))

    def handwrite(x: int, words: str) -> None:
        # Handwriting sits a little off the line and is never quite straight.
        layer = Image.new("L", (int(draw.textlength(words, font=hand)) + 20, 60), 0)
        ImageDraw.Draw(layer).text((10, 8), words, fill=255, font=hand)
        layer = layer.rotate(rng.uniform(-2.5, 2.5), expand=True)
        page.paste(Image.new("RGB", layer.size, ink), (x, y - 22 + rng.randint(-4, 4)), layer)

    if spec.furniture:
        draw.text((100, 40), spec.furniture[0], fill="black", font=_raster.font("sans", 18))
    text(spec.title, size=34, bold=True)
    y += 80
    for chunk in _wrap(spec.statement, 70):
        text(chunk)
        y += 40
    y += 20
    for label, value in spec.fields:
        width = text(label + ":")
        if under:
            y += 56
            draw.line([(100, y + 32), (900, y + 32)], fill="black", width=2)
            if value:
                handwrite(120, value)
        else:
            draw.line([(100 + width + 20, y + 32), (1140, y + 32)], fill="black", width=2)
            if value:
                handwrite(100 + width + 40, value)
        y += 70
    y += 10
    text(spec.question)
    y += 46
    for i, option in enumerate(("Yes", "No")):
        x = 130 + i * 220
        draw.rectangle([x, y, x + 30, y + 30], outline="black", width=2)
        draw.text((x + 44, y), option, fill="black", font=print_font)
        if spec.filled and i == 1 and spec.tick != blank_twin(spec).tick:
            if rng.random() < 0.5:  # a tick mark
                draw.line([(x + 4, y + 16), (x + 12, y + 28), (x + 34, y - 6)], fill=ink,
                          width=5)
            else:  # a cross
                draw.line([(x + 3, y + 3), (x + 27, y + 27)], fill=ink, width=5)
                draw.line([(x + 27, y + 3), (x + 3, y + 27)], fill=ink, width=5)
    y += 80
    width = text("Place and date:")
    draw.line([(100 + width + 20, y + 32), (1140, y + 32)], fill="black", width=2)
    place, day = spec.place_date
    if place or day:
        handwrite(100 + width + 40, ", ".join(p for p in (place, day) if p))
    y += 90
    if under:
        y += 60
        draw.line([(100, y), (700, y)], fill="black", width=2)
        if spec.signature:
            _raster.draw_squiggle(page, (140, y - 80, 640, y - 4), rng, colour=ink)
        y += 10
        text("Signature of the applicant")
    else:
        width = text("Signature:")
        draw.line([(100 + width + 20, y + 32), (800, y + 32)], fill="black", width=2)
        if spec.signature:  # whatever form the signature took on paper, it is a scribble here
            _raster.draw_squiggle(page, (100 + width + 40, y - 50, 760, y + 28), rng,
                                  colour=ink)
    for extra in spec.furniture[1:]:
        y += 60
        draw.text((100, y), extra, fill="black", font=_raster.font("sans", 18))
    if shape == "photo":
        return _raster.encode(_raster.phone_photo(page, rng, easy=True), "jpeg", quality=88), \
            "form.jpg"
    if shape == "photo_hard":
        photo = _raster.phone_photo(page, rng, skew=rng.choice((-1, 1)) * rng.uniform(3, 6),
                                    perspective=0.03)
        return _raster.encode(photo, "jpeg", quality=rng.randint(70, 85)), "form.jpg"
    return _raster.encode(_raster.scan(page, rng), "png", dpi=150), "form.png"


def _wrap(words: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(words, width)


# ------------------------------------------------------------------------------- the dev set


@dataclass(frozen=True)
class Case:
    data: bytes
    filename: str
    topic: str
    filled: bool
    shape: str
    signature: str


def dev_set(seed: int, count: int, images: int,
            shapes: Sequence[str] = SHAPES) -> list[Case]:
    """`count` templates per text shape and `images` per image shape, each filled and blank."""
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        raise ValueError(f"unknown shapes: {sorted(unknown)}")
    cases = []
    for shape in shapes:
        for number in range(images if shape in IMAGE_SHAPES else count):
            rng = random.Random(f"bench.forms:{seed}:{shape}:{number}")
            topic = ("tb", "antecedents")[number % 2]
            filled = make_spec(rng, topic, filled=True)
            for spec in (filled, blank_twin(filled)):
                draw_rng = random.Random(f"bench.forms:{seed}:{shape}:{number}:draw")
                if shape == "pdf":
                    data, name = render_pdf(spec, draw_rng), "form.pdf"
                elif shape in IMAGE_SHAPES:
                    data, name = render_image(spec, shape, draw_rng)
                else:
                    data, name = render_docx(spec, shape, draw_rng), "form.docx"
                cases.append(Case(data, name, topic, spec.filled, shape, spec.signature))
    return cases


@dataclass
class Tally:
    filled: int = 0
    blank: int = 0
    to_review: int = 0
    filled_called_blank: int = 0
    blank_counted: int = 0
    wrong_kind: int = 0
    notes: list[str] = field(default_factory=list)


def measure(cases: Sequence[tuple[Case, Classification]]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case, result in cases:
        for key in (case.shape, "all"):
            tally = tallies[key]
            expected = "tb_declaration" if case.topic == "tb" else "antecedents"
            wrong_kind = result.kind.value != expected
            if case.filled:
                tally.filled += 1
                tally.to_review += result.review
                tally.filled_called_blank += result.filled is False
                tally.wrong_kind += wrong_kind
                bad = result.review or result.filled is False or wrong_kind
            else:
                tally.blank += 1
                tally.blank_counted += counts(result)
                bad = counts(result)
            if bad and key != "all":
                tally.notes.append(f"{'filled' if case.filled else 'blank'} "
                                   f"(signature {case.signature or 'none'}) -> "
                                   f"{result.kind.value} filled={result.filled} "
                                   f"review={result.review}: {'; '.join(result.reasons[-3:])}")
    return tallies


def tally_table(tallies: dict[str, Tally], shapes: Sequence[str], width: int) -> list[str]:
    """One row per shape measured, then the row of all: the table both form benches print."""
    lines = [f"{'shape':{width}s} {'filled':>6s} {'review':>7s} {'->blank':>8s} {'kind?':>6s} "
             f"{'blank':>6s} {'counted':>8s}"]
    for shape in (*shapes, "all"):
        if shape in tallies:
            t = tallies[shape]
            lines.append(f"{shape:{width}s} {t.filled:6d} {t.to_review:7d} "
                         f"{t.filled_called_blank:8d} {t.wrong_kind:6d} {t.blank:6d} "
                         f"{t.blank_counted:8d}")
    return lines


def tally_notes(tallies: dict[str, Tally], shapes: Sequence[str]) -> list[str]:
    return [f"  {shape}: {note}" for shape in shapes
            for note in (tallies[shape].notes if shape in tallies else [])]


def show(tallies: dict[str, Tally], *, notes: bool = True) -> str:
    lines = tally_table(tallies, SHAPES, 14)
    total = tallies["all"]
    lines.append(f"wanted (filled) forms sent to HR review: {total.to_review} of {total.filled} "
                 f"({100 * total.to_review / max(1, total.filled):.1f} %); filled called blank: "
                 f"{total.filled_called_blank}; blank forms counted: {total.blank_counted}")
    if notes:
        lines.extend(tally_notes(tallies, SHAPES))
    return "\n".join(lines)


def run(cases: Sequence[Case],
        limits: Limits = DEFAULT_LIMITS) -> list[tuple[Case, Classification]]:
    results = []
    for case in cases:
        results.append((case, classify(case.data, case.filename, limits)))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=8, help="templates per text shape")
    parser.add_argument("--images", type=int, default=3, help="templates per image shape")
    parser.add_argument("--sweep", action="store_true",
                        help="also try the review margin on this set")
    parser.add_argument("--quiet", action="store_true", help="no per-file notes")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="comma-separated shapes to draw (default: all)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = dev_set(args.seed, args.count, args.images, tuple(args.shapes.split(",")))
    clear_caches()
    results = run(cases)
    print(f"== bench.forms seed {args.seed}: {len(cases)} files, "
          f"{time.perf_counter() - started:.0f} s")
    print(show(measure(results), notes=not args.quiet))
    if args.sweep:
        print("review_margin -> wanted to review, blank counted")
        for margin in (0.1, 0.2, 0.3, 0.4):
            limits = Limits(review_margin=margin)
            tally = measure(run(cases, limits))["all"]
            print(f"  {margin:.1f}: {tally.to_review} of {tally.filled}, {tally.blank_counted}")
    kinds = Counter(r.kind.value for _, r in results)
    print("kinds given:", dict(kinds), "| form kinds:", sorted(k.value for k in FORM_KINDS))


if __name__ == "__main__":
    main()
