"""Filled or blank, on forms as candidates send them back: a second dev set beside bench.forms.

    python -m bench.forms_sent [--seed 21] [--count 6] [--images 2] [--shapes ...] [--quiet]

`bench.forms` draws other authors' forms; this draws what a candidate does to one. In Word:
values typed after the labels (a colon, a tab, only spaces, a dash, a dotted leader), values in
the cells of a table (also in content controls in the cells and in a repeating-section control
around the rows), content controls with a date picker or a drop-down list, legacy text, drop-down
and check-box fields, ticks typed as "☒"/"X"/"x" or in a Yes/No grid, a signature as an inserted
picture (in a table cell too) or the name typed in a script font, bilingual labels. On paper: a
printed form filled in by hand, scanned (PNG) or photographed (JPEG), values on dotted lines and
in boxed tables or written into a statement's blanks, ticks as "X" or "v", dates in any of
the ways people write them, a scribbled signature; hurried photos, the page small and tilted;
such a photo pasted into a Word document.
English, Dutch and bilingual; labels, titles and statements worded unlike the training
generator's, `fixtures.synth.form_styles`' and bench.forms'. Every filled form has a
blank twin from the same template, which must stay blank.

Each file goes through `classifiers.classify` whole. Printed per shape as in bench.forms:
filled forms sent to review, filled forms called blank, blank forms that would count.
Seeds 21-24 were used while the judgement learnt these shapes; 31 and on are held out.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from bench.forms import (
    _NS,
    _W,
    Case,
    Tally,
    _logo_png,
    _signature_png,
    measure,
    run,
    tally_notes,
    tally_table,
)
from bench.kinds import counts
from classifiers import clear_caches
from classifiers.types import Classification
from fixtures.synth import _raster

TEXT_SHAPES = ("docx_typed", "docx_cells", "docx_cell_controls", "docx_row_section",
               "docx_pickers", "docx_legacy_fields", "docx_sig_cell", "docx_script_sig",
               # No labels at all: the person's details written into the statement's blanks
               # ("I, ____, born on ____ in ____, declare ..."), place and date under it.
               "docx_prose",
               # Written for the held-out DOCX called blank (issue 9): the person's details in
               # a different first-page header and the place and date in the footer; a table
               # whose section label is merged down the rows and whose values span merged
               # cells; values that are the results of fields (a mail merge, FILLIN, DOCPROPERTY);
               # each answer in the plain paragraph under its label; answers in framed
               # paragraphs and old-Word (VML) text boxes.
               "docx_first_header", "docx_merged", "docx_fields", "docx_below",
               "docx_frames",
               # Filled by a tool, not in Word: text in the controls, the boxes' checked state
               # set and their glyph left empty.
               "docx_tool_filled")
IMAGE_SHAPES = ("scan_dots", "photo_boxes", "photo_ticks", "photo_prose",
                # A photo of the paper form pasted into a Word document under a few typed lines.
                "docx_photo",
                # A hurried phone photo of any of the paper forms above: tilted 3-6 degrees,
                # keystoned, the page small in a 1280 x 960 frame.
                "photo_small")
SHAPES = TEXT_SHAPES + IMAGE_SHAPES

_TITLES = {
    "tb": {"en": ("Statement on TB testing (tuberculosis)",
                  "Tuberculosis (TB) test - applicant's declaration",
                  "Declaration of willingness: tuberculosis examination"),
           "nl": ("Verklaring tbc-onderzoek kennismigrant", "Verklaring bereidheid tot tbc-test",
                  "Tuberculose-onderzoek: verklaring van de aanvrager"),
           "bi": ("TBC-verklaring / TB statement",
                  "Verklaring tuberculose-onderzoek / Tuberculosis examination statement")},
    "antecedents": {
        "en": ("Declaration of criminal antecedents", "Self-declaration: criminal past",
               "Statement regarding prior convictions"),
        "nl": ("Antecedentenverklaring", "Justitiële gegevens - verklaring aanvrager",
               "Verklaring over strafbare feiten"),
        "bi": ("Verklaring strafbare feiten / Statement on criminal offences",
               "Antecedentenverklaring / Declaration of antecedents")},
}
_STATEMENTS = {
    "tb": {"en": ("I hereby confirm that I will undergo an examination for tuberculosis (TB) in "
                  "the Netherlands within 3 months after I receive my residence permit.",
                  "I understand that the GGD will invite me for a TB test and I agree to go."),
           "nl": ("Ondergetekende verklaart bereid te zijn zich binnen drie maanden na afgifte "
                  "van de verblijfsvergunning te laten onderzoeken op tuberculose.",
                  "Ik ga akkoord met een onderzoek naar tbc bij de GGD."),
           "bi": ("Ik laat mij onderzoeken op tuberculose. / I will be examined for "
                  "tuberculosis.",)},
    "antecedents": {
        "en": ("I declare that I have never been convicted of a criminal offence, in the "
               "Netherlands or abroad.",
               "I have not been sentenced to a prison term, community service or a fine for a "
               "crime."),
        "nl": ("Ik verklaar dat ik in de afgelopen vijf jaar niet veroordeeld ben voor een "
               "strafbaar feit.", "Tegen mij loopt geen strafrechtelijk onderzoek."),
        "bi": ("Ik ben niet veroordeeld voor een misdrijf. / I have not been convicted of a "
               "crime.",)},
}
_QUESTIONS = {
    "tb": {"en": "Have you ever been treated for TB?", "nl": "Bent u ooit behandeld voor tbc?",
           "bi": "Eerder tbc gehad? / Ever had TB?"},
    "antecedents": {"en": "Are you currently being prosecuted anywhere?",
                    "nl": "Loopt er tegen u een strafzaak?",
                    "bi": "Loopt er een strafzaak? / Any criminal case pending?"},
}
_OPTIONS = {"en": ("Yes", "No"), "nl": ("Ja", "Nee"), "bi": ("Ja / Yes", "Nee / No")}
# (label, which value), per language: wordings none of the other generators use.
_LABELS = {
    "en": (("Full name (as in passport)", "name"), ("Date of birth (day/month/year)", "birth"),
           ("Country and city of birth", "born_in"), ("Nationality (current)", "nationality"),
           ("Passport number", "passport"), ("E-mail address", "email"),
           ("Name of employer / recognised sponsor", "employer")),
    "nl": (("Volledige naam", "name"), ("Geboortedatum (dag-maand-jaar)", "birth"),
           ("Geboorteland en -plaats", "born_in"), ("Huidige nationaliteit", "nationality"),
           ("Paspoortnummer", "passport"), ("E-mailadres", "email"),
           ("Naam werkgever", "employer")),
    "bi": (("Naam / Name", "name"), ("Geboortedatum / Date of birth", "birth"),
           ("Geboorteplaats / Place of birth", "city"),
           ("Nationaliteit / Nationality", "nationality"),
           ("Paspoortnr. / Passport no.", "passport"), ("Telefoon / Phone", "phone")),
}
_PLACE_DATE = {"en": ("Place", "Date"), "nl": ("Plaats", "Datum"),
               "bi": ("Plaats / Place", "Datum / Date")}
_SIGNATURE = {"en": "Signature", "nl": "Handtekening", "bi": "Handtekening / Signature"}
_PEOPLE = (("Priya", "Raman", "Chennai", "India", "Indian"),
           ("Chidera", "Okonkwo", "Enugu", "Nigeria", "Nigerian"),
           ("Omar", "Haddad", "Tripoli", "Lebanon", "Lebanese"),
           ("Thi Lan", "Nguyen", "Da Nang", "Vietnam", "Vietnamese"),
           ("Marta", "Kowalczyk", "Gdansk", "Poland", "Polish"),
           ("Rafael", "Souza", "Curitiba", "Brazil", "Brazilian"),
           ("Aiko", "Tanaka", "Sapporo", "Japan", "Japanese"),
           ("Mehmet", "Yilmaz", "Izmir", "Turkey", "Turkish"))
_MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"),
           "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december")}
# Furniture every copy carries, filled in or not.
_FURNITURE = ("Version 03/2025", "Please return to hr@brightwave.example before 1 May 2026",
              "Versie 1.4 (januari 2025)", "Page 1 / 1", "Form MB-TB-7 rev. 2")


def written_date(rng: random.Random, year: int, lang: str) -> str:
    """A date the ways people type or write one."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    months = _MONTHS["nl" if lang == "nl" else "en"]
    name = months[month - 1]
    shapes = (f"{day:02d}/{month:02d}/{year}", f"{day}-{month}-{year}",
              f"{day:02d}.{month:02d}.{year}", f"{year}-{month:02d}-{day:02d}",
              f"{day} {name} {year}",
              f"{name} {day}, {year}" if lang != "nl" else f"{day} {name} {year}",
              f"{day} {name[:3]} {year}")
    return rng.choice(shapes)


@dataclass
class Spec:
    topic: str
    lang: str
    title: str
    statement: str
    fields: list[tuple[str, str]]  # label, value ("" on a blank form)
    question: str
    options: tuple[str, str]
    answer: int | None  # which option is ticked (None: none)
    place: str
    day: str
    signer: str  # the name signed with ("" on a blank form)
    signature: str  # "image", "script", "typed" or "" (none drawn)
    furniture: list[str] = field(default_factory=list)
    filled: bool = True
    # The person's details as the statement's blanks take them (name, birth, city, passport);
    # "" where left open.
    details: dict[str, str] = field(default_factory=dict)


def make_spec(rng: random.Random, topic: str) -> Spec:
    lang = rng.choice(("en", "en", "nl", "bi"))
    given, surname, city, country, adjective = rng.choice(_PEOPLE)
    values = {"name": f"{given} {surname}", "birth": written_date(rng, rng.randint(1972, 2001),
                                                                   lang),
              "born_in": f"{country}, {city}", "city": city, "nationality": adjective,
              "passport": f"{rng.choice('ACKNPZ')}{rng.randrange(10**6, 10**8)}",
              "email": f"{given.split()[0].lower()}.{surname.lower()}@example.com",
              "employer": "Brightwave Photonics B.V.",
              "phone": f"+{rng.randint(30, 98)} {rng.randrange(10**8, 10**9)}"}
    labels = rng.sample(_LABELS[lang], rng.randint(3, 5))
    # Some candidates answer only what they think matters: one field, the date or the
    # signature; the others leave a field empty now and then.
    sparse = rng.random() < 0.3
    keep = {rng.randrange(len(labels))} if sparse else \
        {i for i in range(len(labels)) if rng.random() < 0.85}
    fields = [(label, values[key] if i in keep else "") for i, (label, key) in enumerate(labels)]
    dated = not sparse or rng.random() < 0.5
    return Spec(
        topic, lang, rng.choice(_TITLES[topic][lang]), rng.choice(_STATEMENTS[topic][lang]),
        fields, _QUESTIONS[topic][lang], _OPTIONS[lang],
        answer=1 if rng.random() < (0.5 if sparse else 0.9) else None,
        place=rng.choice((city, "Amsterdam", "Eindhoven", "")) if dated else "",
        day=written_date(rng, 2026, lang) if dated else "",
        signer=f"{given} {surname}",
        signature=rng.choice(("image", "script", "typed", "image", "script"))
        if not sparse or not dated else rng.choice(("image", "script", "")),
        furniture=rng.sample(_FURNITURE, rng.randint(0, 2)),
        details={key: values[key] if not sparse or key == "name" or rng.random() < 0.3 else ""
                 for key in ("name", "birth", "city", "passport")})


def blank_twin(spec: Spec) -> Spec:
    return replace(spec, fields=[(label, "") for label, _ in spec.fields], answer=None,
                   place="", day="", signer="", filled=False,
                   details=dict.fromkeys(spec.details, ""))


# The statement with blanks for the person's details, per topic and language: printed text and
# the detail that goes into each blank.
_PROSE = {
    "en": (("I, ", "name"), (", born on ", "birth"), (" in ", "city"),
           (", holder of passport number ", "passport"), (", declare that ", "")),
    "nl": (("Ondergetekende, ", "name"), (", geboren op ", "birth"), (" te ", "city"),
           (", houder van paspoort nummer ", "passport"), (", verklaart dat ", "")),
}
_PROSE_END = {
    "tb": {"en": "I am willing to undergo an examination for tuberculosis (TB) within three "
                 "months of my arrival in the Netherlands.",
           "nl": "hij/zij bereid is zich binnen drie maanden na aankomst in Nederland te laten "
                 "onderzoeken op tuberculose (tbc)."},
    "antecedents": {"en": "I have not been convicted of any criminal offence in the past five "
                          "years, in the Netherlands or abroad.",
                    "nl": "hij/zij in de afgelopen vijf jaar niet is veroordeeld voor een "
                          "strafbaar feit, in Nederland of daarbuiten."},
}


def prose(spec: Spec, blank: str) -> list[tuple[str, bool, str]]:
    """The statement as (printed text, a blank follows, what is written in it) pieces; `blank`
    stands for an empty blank in typed text."""
    lang = "nl" if spec.lang == "nl" else "en"
    pieces = [(printed, bool(key), (spec.details.get(key, "") or blank) if key else "")
              for printed, key in _PROSE[lang]]
    pieces.append((_PROSE_END[spec.topic][lang], False, ""))
    return pieces


def place_and_date_line(spec: Spec, rng: random.Random) -> tuple[str, str]:
    """The line under a statement where one writes where and when: (printed, written)."""
    written = ", ".join(p for p in (spec.place, spec.day) if p)
    if spec.lang == "nl":
        return rng.choice((("Plaats en datum: ", written), ("Getekend te en op: ", written)))
    return rng.choice((("Place and date: ", written), ("Signed at (place, date): ", written),
                       ("", written)))


# ------------------------------------------------------------------------------- DOCX XML

_SCRIPT_FONTS = ("Brush Script MT", "Segoe Script", "Lucida Handwriting", "Freestyle Script",
                 "Bradley Hand ITC")


def _run(text: str, *, font: str = "", bold: bool = False, underline: bool = False) -> str:
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:sz w:val="32"/>'
    if bold:
        props += "<w:b/>"
    if underline:
        props += '<w:u w:val="single"/>'
    return (f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def _para(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _cell(inner_paragraphs: str, width: int = 4500) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{inner_paragraphs or '<w:p/>'}</w:tc>")


def _table(rows: Sequence[str]) -> str:
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '</w:tblPr>' + "".join(rows) + "</w:tbl>")


def _inline_control(value: str, kind: str = "<w:text/>", prompt: str = "Click or tap here "
                    "to enter text.") -> str:
    if not value:
        return (f"<w:sdt><w:sdtPr><w:showingPlcHdr/>{kind}</w:sdtPr><w:sdtContent>"
                f"{_run(prompt)}</w:sdtContent></w:sdt>")
    return f"<w:sdt><w:sdtPr>{kind}</w:sdtPr><w:sdtContent>{_run(value)}</w:sdtContent></w:sdt>"


def _cell_control(value: str) -> str:
    """A content control around a cell's paragraph (Word's "rich text" control in a cell)."""
    if not value:
        return ("<w:sdt><w:sdtPr><w:showingPlcHdr/><w:richText/></w:sdtPr><w:sdtContent>"
                + _para(_run("Click or tap here to enter text.")) + "</w:sdtContent></w:sdt>")
    return ("<w:sdt><w:sdtPr><w:richText/></w:sdtPr><w:sdtContent>" + _para(_run(value))
            + "</w:sdtContent></w:sdt>")


def _checkbox_control(checked: bool, *, stale_glyph: bool = False) -> str:
    """A check-box content control; `stale_glyph`: as a tool that fills Word forms writes one,
    the checked state set and the glyph inside left as the template had it (empty)."""
    glyph = "☒" if checked and not stale_glyph else "☐"
    return ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="' + ("1" if checked else "0")
            + '"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState '
            'w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent>'
            + _run(glyph, font="MS Gothic") + "</w:sdtContent></w:sdt>")


def _legacy(kind: str, number: int, value: str = "", checked: bool = False,
            choices: Sequence[str] = ()) -> str:
    """A legacy form field: FORMTEXT (its value between separate and end), FORMCHECKBOX, or
    FORMDROPDOWN (Word shows the entry `result` points at; there is no result text)."""
    if kind == "text":
        data, code = "<w:textInput/>", "FORMTEXT"
    elif kind == "check":
        data = ('<w:checkBox><w:sizeAuto/><w:default w:val="0"/>'
                + ('<w:checked w:val="1"/>' if checked else "") + "</w:checkBox>")
        code = "FORMCHECKBOX"
    else:
        chosen = choices.index(value) if value in choices else 0
        data = ("<w:ddList>" + (f'<w:result w:val="{chosen}"/>' if value else "")
                + "".join(f'<w:listEntry w:val="{escape(c)}"/>' for c in choices) + "</w:ddList>")
        code = "FORMDROPDOWN"
    start = (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="F{number}"/>'
             f'<w:enabled/>{data}</w:ffData></w:fldChar></w:r>'
             f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>')
    if kind == "text":
        return (start + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + _run(value or "\u2002" * 5) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return start + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


_PICTURE_MARK = "@@signature picture@@"


def _field_result(value: str, number: int) -> str:
    """A value that is the shown result of a field: `w:fldSimple` (a mail merge, DOCPROPERTY)
    or a complex FILLIN field (begin, code, separate, result, end). A blank form's field shows
    nothing."""
    if number % 2:
        code = ("MERGEFIELD Applicant_" + str(number) + " \\* MERGEFORMAT") if number % 4 == 1 \
            else f'DOCPROPERTY "Answer{number}"'
        instr = code.replace('"', "&quot;")
        return (f'<w:fldSimple w:instr=" {instr} ">' + (_run(value) if value else "")
                + "</w:fldSimple>")
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
            f'"preserve"> FILLIN "Answer {number}" \\* MERGEFORMAT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + (_run(value) if value else "")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _vml_text_box(value: str) -> str:
    """A text box as Word 2003 wrote one (VML only, no DrawingML choice)."""
    return ('<w:r><w:pict><v:shape style="width:200pt;height:18pt" stroked="t"><v:textbox>'
            f"<w:txbxContent><w:p>{_run(value) if value else ''}</w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>")


def _framed(inner: str) -> str:
    """A framed paragraph (Word's "frame": positioned text, `w:framePr`)."""
    return ('<w:p><w:pPr><w:framePr w:w="4000" w:hSpace="180" w:wrap="around" '
            'w:vAnchor="text" w:hAnchor="page" w:x="6000" w:y="1"/></w:pPr>' + inner + "</w:p>")


def _merged_table(rows: Sequence[tuple[str, str]], section: str) -> str:
    """The section's name in a first column merged down every row (`w:vMerge`), labels in
    the second, values in a cell spanning two grid columns (`w:gridSpan`)."""
    out = []
    for index, (label, value) in enumerate(rows):
        merge = '<w:vMerge w:val="restart"/>' if index == 0 else "<w:vMerge/>"
        first = (f'<w:tc><w:tcPr><w:tcW w:w="1800" w:type="dxa"/>{merge}</w:tcPr>'
                 + (_para(_run(section)) if index == 0 else "<w:p/>") + "</w:tc>")
        spanned = ('<w:tc><w:tcPr><w:tcW w:w="4800" w:type="dxa"/><w:gridSpan w:val="2"/>'
                   "</w:tcPr>" + (_para(_run(value)) if value else "<w:p/>") + "</w:tc>")
        out.append(f"<w:tr>{first}{_cell(_para(_run(label)), 2800)}{spanned}</w:tr>")
    return _table(out)


def _place_pictures(document: object, pictures: list[bytes], width_cm: float) -> None:
    """Put each picture where a paragraph holds the mark (in the body or a table cell): the
    run python-docx made for the picture replaces the mark's run."""
    from docx.shared import Cm

    marks = [t for t in document.element.body.iter(f"{{{_W}}}t")  # type: ignore[attr-defined]
             if t.text == _PICTURE_MARK]
    for mark, png in zip(marks, pictures, strict=True):
        scratch = document.add_paragraph()  # type: ignore[attr-defined]
        run = scratch.add_run()
        run.add_picture(io.BytesIO(png), width=Cm(width_cm))
        old_run = mark.getparent()
        old_run.addprevious(run._r)
        old_run.getparent().remove(old_run)
        scratch._p.getparent().remove(scratch._p)


def _tick_line(spec: Spec, style: str) -> str:
    """The question's options with the chosen one ticked, as a paragraph's runs."""
    yes, no = spec.options
    chosen = [spec.answer == 0, spec.answer == 1]
    if style in ("control", "tool"):
        stale = style == "tool"
        return (_checkbox_control(chosen[0], stale_glyph=stale) + _run(f" {yes}    ")
                + _checkbox_control(chosen[1], stale_glyph=stale) + _run(f" {no}"))
    if style == "legacy":
        return (_legacy("check", 80, checked=chosen[0]) + _run(f" {yes}    ")
                + _legacy("check", 81, checked=chosen[1]) + _run(f" {no}"))
    if style == "glyph":
        return _run(f"{'☒' if chosen[0] else '☐'} {yes}    {'☒' if chosen[1] else '☐'} {no}")
    if style == "brackets":
        return _run(f"[{'X' if chosen[0] else ' '}] {yes}   [{'x' if chosen[1] else ' '}] {no}")
    # "X" typed after the chosen option, nothing after the other
    return _run(f"{yes} {'X' if chosen[0] else '  '}     {no} {'X' if chosen[1] else '  '}")


def render_docx(spec: Spec, shape: str, rng: random.Random) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Cm

    document = docx.Document()
    if rng.random() < 0.4:
        document.add_picture(io.BytesIO(_logo_png()))
    document.add_heading(spec.title, 1)
    for extra in spec.furniture:
        document.add_paragraph(extra)
    document.add_paragraph(spec.statement)
    blocks: list[str] = []
    place_label, date_label = _PLACE_DATE[spec.lang]
    rows = [*spec.fields, (place_label, spec.place), (date_label, spec.day)]
    separator = rng.choice((": ", "\t", "   ", " - ", ": ...... "))
    tick_style = "tool" if shape == "docx_tool_filled" else \
        rng.choice(("control", "legacy", "glyph", "brackets", "after"))
    number = 0

    def value_xml(label: str, value: str) -> str:
        nonlocal number
        number += 1
        if shape == "docx_tool_filled":
            return _inline_control(value)
        if shape == "docx_pickers":
            if label == date_label:
                return _inline_control(value, '<w:date w:fullDate="2026-03-01T00:00:00Z">'
                                       '<w:dateFormat w:val="d MMMM yyyy"/></w:date>',
                                       "Click or tap to enter a date.")
            if "ationali" in label:
                return _inline_control(value, '<w:dropDownList><w:listItem w:displayText='
                                       '"Choose an item." w:value=""/></w:dropDownList>',
                                       "Choose an item.")
            return _inline_control(value)
        if shape == "docx_legacy_fields":
            if "ationali" in label:
                choices = ("", "Indian", "Nigerian", "Lebanese", "Vietnamese", "Polish",
                           "Brazilian", "Japanese", "Turkish")
                return _legacy("dropdown", number, value, choices=choices)
            return _legacy("text", number, value)
        return _run(value, underline=rng.random() < 0.3) if value else ""

    if shape == "docx_prose":
        blank = rng.choice(("_" * 22, "." * 30, "…" * 12))
        blocks.append(_para("".join(_run(printed) + (_run(value, underline=value != blank)
                                                      if value else "")
                                    for printed, _, value in prose(spec, blank))))
        printed, written = place_and_date_line(spec, rng)
        blocks.append(_para(_run(printed) + _run(written or blank)))
    elif shape in ("docx_typed", "docx_pickers", "docx_legacy_fields", "docx_script_sig",
                   "docx_tool_filled"):
        for label, value in rows:
            sep = separator if shape == "docx_typed" else ": "
            if not value and shape in ("docx_typed", "docx_script_sig"):
                sep = sep.rstrip() + (" ______________" if rng.random() < 0.5 else "")
            blocks.append(_para(_run(label, bold=rng.random() < 0.5) + _run(sep)
                                + value_xml(label, value)))
    elif shape == "docx_first_header":
        # A different first page: its header holds the details table, the footer the place
        # and date; the body has only the statement, the question and the signature.
        section = document.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        table = header.add_table(rows=0, cols=2, width=Cm(16))
        for label, value in spec.fields:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        footer = section.first_page_footer
        footer.add_paragraph(f"{place_label}: {spec.place}    {date_label}: {spec.day}")
    elif shape == "docx_merged":
        heading = {"en": "Applicant", "nl": "Aanvrager", "bi": "Aanvrager / Applicant"}
        blocks.append(_merged_table(rows, heading[spec.lang]))
    elif shape == "docx_fields":
        for number, (label, value) in enumerate(rows, start=1):
            blocks.append(_para(_run(f"{label}:") + "<w:r><w:tab/></w:r>"
                                + _field_result(value, number)))
    elif shape == "docx_below":
        for label, value in rows:
            blocks.append(_para(_run(f"{label}:", bold=rng.random() < 0.5)))
            blocks.append(_para(_run(value) if value else _run("_" * 28)))
    elif shape == "docx_frames":
        for number, (label, value) in enumerate(rows, start=1):
            if number % 2:
                blocks.append(_para(_run(f"{label}:")))
                blocks.append(_framed(_run(value)) if value else _framed(""))
            else:
                blocks.append(_para(_run(f"{label}:") + _vml_text_box(value)))
    else:
        table_rows = []
        for label, value in rows:
            if shape == "docx_cell_controls":
                inside = _cell_control(value)
            else:
                inside = _para(value_xml(label, value)) if value else ""
            if spec.lang == "bi" and " / " in label and rng.random() < 0.5:
                dutch, english = label.split(" / ", 1)
                cells = _cell(_para(_run(dutch)), 2500) + _cell(_para(_run(english)), 2500) \
                    + _cell(inside, 4000)
            else:
                cells = _cell(_para(_run(label))) + _cell(inside)
            table_rows.append(f"<w:tr>{cells}</w:tr>")
        if shape == "docx_row_section":
            # A repeating-section content control around the rows, as Word's form templates
            # have for "the person's details".
            table_rows = ["<w:sdt><w:sdtPr><w15:repeatingSection xmlns:w15=\"http://schemas."
                          "microsoft.com/office/word/2012/wordml\"/></w:sdtPr><w:sdtContent>"
                          + "".join(table_rows) + "</w:sdtContent></w:sdt>"]
        blocks.append(_table(table_rows))
    if shape == "docx_prose":
        pass  # a statement, no question
    elif shape == "docx_cells" and rng.random() < 0.5:
        blocks.append(_para(_run(spec.question)))
        # A Yes/No grid: the question's options head two columns; the answer is an X under one.
        yes, no = spec.options
        marks = ["X" if spec.answer == i else "" for i in range(2)]
        blocks.append(_table([
            "<w:tr>" + _cell(_para(_run("")), 5000) + _cell(_para(_run(yes)), 1500)
            + _cell(_para(_run(no)), 1500) + "</w:tr>",
            "<w:tr>" + _cell(_para(_run(spec.question)), 5000)
            + _cell(_para(_run(marks[0])) if marks[0] else "", 1500)
            + _cell(_para(_run(marks[1])) if marks[1] else "", 1500) + "</w:tr>"]))
    else:
        blocks.append(_para(_run(spec.question)))
        blocks.append(_para(_tick_line(spec, tick_style)))
    label = _SIGNATURE[spec.lang]
    signed = spec.filled and spec.signature
    if shape == "docx_sig_cell":
        inside = _para(_run(_PICTURE_MARK)) if signed else ""
        blocks.append(_table([f"<w:tr>{_cell(_para(_run(label)))}{_cell(inside)}</w:tr>"]))
    elif shape == "docx_script_sig" or (signed and spec.signature == "script"):
        font = rng.choice(_SCRIPT_FONTS)
        blocks.append(_para(_run(f"{label}:")))
        blocks.append(_para(_run(spec.signer, font=font) if signed else _run("_" * 30)))
    elif signed and spec.signature == "image":
        blocks.append(_para(_run(f"{label}:")))
        blocks.append(_para(_run(_PICTURE_MARK)))
    elif signed and spec.signature == "typed":
        blocks.append(_para(_run(f"{label}: ") + _run(spec.signer)))
    else:
        blocks.append(_para(_run(f"{label}: " + "_" * 30)))
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(f'<w:body {_NS}>{block}</w:body>')[0])
    if any(_PICTURE_MARK in block for block in blocks):
        _place_pictures(document, [_signature_png(rng)], 4.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------- paper


def render_paper(spec: Spec, shape: str, rng: random.Random) -> tuple[bytes, str]:
    """A printed form filled in by hand, as a scan (PNG) or a phone photo (JPEG)."""
    hurried = shape == "photo_small"
    if hurried:
        shape = rng.choice(("photo_boxes", "photo_ticks", "photo_prose"))
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    printed = _raster.font(rng.choice(("sans", "serif")), 25)
    hand = _raster.font(rng.choice(("italic", "condensed")), rng.randint(30, 36))
    ink = rng.choice(((20, 30, 120), (30, 30, 30), (10, 60, 140)))
    y = 90

    def text(words: str, x: int = 90, face: object = None) -> int:
        face = face or printed
        draw.text((x, y), words, fill="black", font=face)
        return int(draw.textlength(words, font=face))

    def handwrite(x: int, words: str, at: int | None = None) -> None:
        layer = Image.new("L", (int(draw.textlength(words, font=hand)) + 20, 64), 0)
        ImageDraw.Draw(layer).text((10, 8), words, fill=255, font=hand)
        layer = layer.rotate(rng.uniform(-3, 3), expand=True)
        top = (at if at is not None else y) - 24 + rng.randint(-5, 5)
        page.paste(Image.new("RGB", layer.size, ink), (x, top), layer)

    for extra in spec.furniture[:1]:
        draw.text((90, 40), extra, fill="black", font=_raster.font("sans", 17))
    text(spec.title, face=_raster.font("bold", 32))
    y += 80
    import textwrap

    for chunk in textwrap.wrap(spec.statement, 72):
        text(chunk)
        y += 38
    y += 24
    place_label, date_label = _PLACE_DATE[spec.lang]
    rows = [*spec.fields, (place_label, spec.place), (date_label, spec.day)]
    if shape == "photo_prose":
        # The statement printed with a line for each blank; the details written on the lines.
        x, right, slot = 90, 1150, 330
        for words, has_blank, value in prose(spec, ""):
            for word in words.split():
                advance = int(draw.textlength(word + " ", font=printed))
                if x + advance > right:
                    x, y = 90, y + 58
                draw.text((x, y), word, fill="black", font=printed)
                x += advance
            if has_blank:
                if x + slot > right:
                    x, y = 90, y + 58
                draw.line([(x, y + 30), (x + slot - 16, y + 30)], fill="black", width=2)
                if value:
                    handwrite(x + 6, value, at=y - 2)
                x += slot
        y += 100
        label, written = place_and_date_line(spec, rng)
        indent = text(label) + 10 if label else 0
        draw.line([(90 + indent, y + 32), (900, y + 32)], fill="black", width=2)
        if written:
            handwrite(100 + indent, written)
        y += 70
    elif shape == "photo_boxes":
        # A bordered table: the label in the left cell, the answer written in the right one.
        for label, value in rows:
            draw.rectangle([90, y - 12, 560, y + 50], outline="black", width=2)
            draw.rectangle([560, y - 12, 1150, y + 50], outline="black", width=2)
            text(label, x=104, face=_raster.font("sans", 21))
            if value:
                handwrite(590, value, at=y + 6)
            y += 62
    else:
        for label, value in rows:
            width = text(label + (":" if rng.random() < 0.6 else ""))
            start = 90 + width + 16
            # A dotted leader to write on.
            draw.text((start, y + 4), "." * int((1150 - start) / 7.2), fill="black",
                      font=_raster.font("sans", 18))
            if value:
                handwrite(start + 30, value, at=y - 4)
            y += 66
    y += 16
    if shape != "photo_prose":  # a statement asks no question
        text(spec.question)
        y += 50
        x = 130
        for index, option in enumerate(spec.options):
            if shape == "photo_ticks":  # options without boxes: the mark goes beside the word
                width = text(option, x=x)
                if spec.answer == index:
                    mark = rng.choice(("X", "v", "x"))
                    handwrite(x + width + 18, mark, at=y + 2)
                x += width + 200
            else:
                draw.rectangle([x, y, x + 30, y + 30], outline="black", width=2)
                text(option, x=x + 44)
                if spec.answer == index:
                    handwrite(x - 2, rng.choice(("X", "x", "v")), at=y + 6)
                x += 300
        y += 90
    width = text(_SIGNATURE[spec.lang] + ":")
    draw.line([(90 + width + 20, y + 34), (820, y + 34)], fill="black", width=2)
    if spec.filled and spec.signature:
        _raster.draw_squiggle(page, (90 + width + 40, y - 46, 780, y + 30), rng, colour=ink)
    for extra in spec.furniture[1:]:
        y += 70
        draw.text((90, y), extra, fill="black", font=_raster.font("sans", 17))
    if shape == "scan_dots":
        return _raster.encode(_raster.scan(page, rng), "png", dpi=150), "form.png"
    if hurried:
        photo = _raster.phone_photo(page, rng, skew=rng.choice((-1, 1)) * rng.uniform(3, 6),
                                    perspective=0.03, out_size=(1280, 960))
        return _raster.encode(photo, "jpeg", quality=rng.randint(70, 85)), "form.jpg"
    photo = _raster.phone_photo(page, rng, easy=rng.random() < 0.5)
    return _raster.encode(photo, "jpeg", quality=rng.randint(78, 90)), "form.jpg"


_NOTES = ("Below is a photo of the {title} form, as asked by the HR team.",
          "Hierbij een foto van het formulier ({title}) voor mijn aanvraag.",
          "{title}: scan of the paper form for my application below.")


def render_docx_photo(spec: Spec, rng: random.Random) -> bytes:
    """A few typed lines and the photo (or scan) of the paper form pasted under them."""
    import docx
    from docx.shared import Cm

    paper, _ = render_paper(spec, rng.choice(("scan_dots", "photo_boxes", "photo_ticks",
                                              "photo_prose")), rng)
    document = docx.Document()
    document.add_paragraph(rng.choice(_NOTES).format(title=spec.title))
    document.add_picture(io.BytesIO(paper), width=Cm(16))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------- the set


def dev_set(seed: int, count: int, images: int, shapes: Sequence[str] = SHAPES) -> list[Case]:
    """`count` templates per DOCX shape and `images` per paper shape, each filled and blank."""
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        raise ValueError(f"unknown shapes: {sorted(unknown)}")
    cases = []
    for shape in shapes:
        for number in range(images if shape in IMAGE_SHAPES else count):
            rng = random.Random(f"bench.forms_sent:{seed}:{shape}:{number}")
            topic = ("tb", "antecedents")[number % 2]
            filled = make_spec(rng, topic)
            for spec in (filled, blank_twin(filled)):
                draw_rng = random.Random(f"bench.forms_sent:{seed}:{shape}:{number}:draw")
                if shape == "docx_photo":
                    data, name = render_docx_photo(spec, draw_rng), "form.docx"
                elif shape in IMAGE_SHAPES:
                    data, name = render_paper(spec, shape, draw_rng)
                else:
                    data, name = render_docx(spec, shape, draw_rng), "form.docx"
                signature = spec.signature if spec.filled else ""
                cases.append(Case(data, name, topic, spec.filled, shape,
                                  f"{signature}/{spec.lang}"))
    return cases


def show(tallies: dict[str, Tally], *, notes: bool = True) -> str:
    lines = tally_table(tallies, SHAPES, 20)
    total = tallies["all"]
    lines.append(f"filled forms: {total.filled}, to HR review: {total.to_review}, called blank: "
                 f"{total.filled_called_blank}, another kind: {total.wrong_kind}; blank forms "
                 f"counted: {total.blank_counted} of {total.blank}")
    if notes:
        lines.extend(tally_notes(tallies, SHAPES))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--count", type=int, default=6, help="templates per DOCX shape")
    parser.add_argument("--images", type=int, default=2, help="templates per paper shape")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--quiet", action="store_true", help="no per-file notes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = dev_set(args.seed, args.count, args.images, tuple(args.shapes.split(",")))
    clear_caches()
    results = run(cases)
    print(f"== bench.forms_sent seed {args.seed}: {len(cases)} files, "
          f"{time.perf_counter() - started:.0f} s")
    print(show(measure(results), notes=not args.quiet))
    print(summary(results))


def summary(results: Sequence[tuple[Case, Classification]]) -> str:
    """What the checklist makes of the filled forms: counted as their kind, and, of those the
    model placed as their kind, how many the filled judgement called filled."""
    filled = [(case, r) for case, r in results if case.filled]
    placed = [(case, r) for case, r in filled if r.kind.value == _KIND[case.topic]]
    counted = sum(counts(r) for _, r in placed)
    judged = sum(r.filled is True for _, r in placed)
    return (f"filled forms counted as their kind: {counted} of {len(filled)}; judged filled: "
            f"{judged} of the {len(placed)} placed as their kind")


_KIND = {"tb": "tb_declaration", "antecedents": "antecedents"}


if __name__ == "__main__":
    main()
