"""The text of a Word document as a reader sees it: in document order, answers included.

python-docx's `Document.paragraphs` and `Document.tables` list the body's own paragraphs first
and its tables after them, and skip everything inside content controls (`w:sdt`, where forms
retyped in Word keep their answers and tick boxes), text boxes and nested tables. A filled form
then reads as a blank one. This walks the body's XML once instead:

- paragraphs, tables (a row per line, cells joined by ` | `) and content controls in the order
  they stand, nested tables inside their cell, rows and cells inside content controls (a
  repeating section around a person's details);
- a content control still showing its placeholder ("Click or tap here to enter text.") is not
  an answer, so its text is left out;
- legacy check-box fields, check-box content controls (by their checked state, not the glyph
  shown) and Wingdings box symbols become `[X]` / `[ ]`, the way a ticked box reads elsewhere;
  a legacy drop-down shows the entry chosen; deleted text (tracked changes) and field codes are
  not text;
- a text box's paragraphs follow the paragraph that anchors it (once: Word stores a fallback copy);
- the headers and footers after the body: the default ones, a different first page's and the
  even pages' when the document uses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TICKED, UNTICKED = "[X]", "[ ]"
# Wingdings / Wingdings 2 / MS Gothic code points Word inserts for boxes, ticked and not.
_TICKED_SYMBOLS = {"F0FE", "F078", "F0FD", "F053", "F054", "F0CF", "2612", "2611"}
_UNTICKED_SYMBOLS = {"F06F", "F0A8", "F0A3", "F071", "F0A1", "F0A0", "2610"}


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attribute(element: Any, name: str) -> str | None:
    value = element.get(W + name)
    return None if value is None else str(value)


def _on(element: Any | None) -> bool:
    """A WordprocessingML on/off property: present means on unless its value says off."""
    if element is None:
        return False
    return _attribute(element, "val") not in ("0", "false", "off")


def _checkbox_control(sdt: Any) -> str | None:
    """`[X]`/`[ ]` for a check-box content control (`w14:checkbox`), from its own checked
    state: tools that fill Word forms (and some Word versions) set `w14:checked` and leave the
    glyph shown inside as it was, so the glyph can say "☐" for a ticked box. None for other
    controls."""
    properties = sdt.find(W + "sdtPr")
    box = properties.find(_W14 + "checkbox") if properties is not None else None
    if box is None:
        return None
    checked = box.find(_W14 + "checked")
    value = checked.get(_W14 + "val") if checked is not None else None
    return TICKED if value in ("1", "true", "on") else UNTICKED


def _shows_placeholder(sdt: Any) -> bool:
    properties = sdt.find(W + "sdtPr")
    return properties is not None and properties.find(W + "showingPlcHdr") is not None


def _checkbox_field(field_char: Any) -> str | None:
    """`[X]`/`[ ]` for the start of a legacy check-box form field, None for other fields."""
    box = field_char.find(f"{W}ffData/{W}checkBox")
    if box is None:
        return None
    checked = box.find(W + "checked")
    if checked is None:
        checked = box.find(W + "default")
    return TICKED if _on(checked) else UNTICKED


def _dropdown_choice(field_char: Any) -> str | None:
    """The entry a legacy drop-down field shows (it keeps no result text, only an index), when
    one was chosen: None for other fields and for a drop-down left at its default."""
    dropdown = field_char.find(f"{W}ffData/{W}ddList")
    if dropdown is None:
        return None
    result, default = dropdown.find(W + "result"), dropdown.find(W + "default")
    chosen = _attribute(result, "val") if result is not None else None
    preset = (_attribute(default, "val") if default is not None else None) or "0"
    if chosen is None or chosen == preset:
        return None
    entries = [_attribute(entry, "val") or "" for entry in dropdown.iterchildren(W + "listEntry")]
    index = int(chosen) if chosen.isdigit() else -1
    if not 0 <= index < len(entries):
        return None
    return entries[index].strip() or None


def _symbol(sym: Any) -> str:
    code = (_attribute(sym, "char") or "").upper()
    if code in _TICKED_SYMBOLS:
        return TICKED
    if code in _UNTICKED_SYMBOLS:
        return UNTICKED
    return ""


def _inline(element: Any, text_boxes: list[Any]) -> Iterator[str]:
    """The characters of a paragraph's content; text boxes are collected, not inlined."""
    for child in element.iterchildren():
        name = _local(child)
        if name == "t":
            yield child.text or ""
        elif name == "tab":
            yield "\t"
        elif name in ("br", "cr"):
            yield "\n"
        elif name == "sym":
            yield _symbol(child)
        elif name == "fldChar":
            box = _checkbox_field(child)
            if box is not None:
                yield box
            chosen = _dropdown_choice(child)
            if chosen:
                yield chosen
        elif name == "txbxContent":
            text_boxes.append(child)
        elif name in ("del", "moveFrom", "instrText", "delText", "rPr", "pPr", "sdtPr"):
            continue  # deleted text, field codes and formatting are not what the page says
        elif name == "sdt":
            box = _checkbox_control(child)
            if box is not None:
                yield box
            elif not _shows_placeholder(child):
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from _inline(content, text_boxes)
        elif child.tag == _MC_FALLBACK:
            continue  # the same drawing again, for old Word versions
        else:  # runs, hyperlinks, smart tags, insertions, drawings, shapes: look inside
            yield from _inline(child, text_boxes)


def _paragraph(element: Any) -> list[str]:
    text_boxes: list[Any] = []
    lines = ["".join(_inline(element, text_boxes))]
    for box in text_boxes:
        lines.extend(_blocks(box))
    return lines


def _unwrapped(element: Any, tag: str) -> Iterator[Any]:
    """The `tag` children of a table or row, also those inside content controls around them
    (a repeating section around the rows of a person's details, a control around a cell);
    a control still showing its placeholder holds no answer, but its rows are the form."""
    for child in element.iterchildren():
        if child.tag == W + tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _unwrapped(content, tag)


def _table(element: Any) -> list[str]:
    lines: list[str] = []
    for row in _unwrapped(element, "tr"):
        cells: list[str] = []
        nested: list[str] = []
        for cell in _unwrapped(row, "tc"):
            cell_lines: list[str] = []
            for child in cell.iterchildren():
                if _local(child) == "tbl":
                    nested.extend(_table(child))
                else:
                    cell_lines.extend(_block(child))
            cells.append(" ".join(line.strip() for line in cell_lines if line.strip()))
        lines.append(" | ".join(cells))
        lines.extend(nested)
    return lines


def _block(element: Any) -> list[str]:
    name = _local(element)
    if name == "p":
        return _paragraph(element)
    if name == "tbl":
        return _table(element)
    if name == "sdt":
        box = _checkbox_control(element)
        if box is not None:
            return [box]
        if _shows_placeholder(element):
            return []
        content = element.find(W + "sdtContent")
        return _blocks(content) if content is not None else []
    if name in ("customXml", "ins", "smartTag"):
        return _blocks(element)
    return []


def _blocks(container: Any) -> list[str]:
    lines: list[str] = []
    for child in container.iterchildren():
        lines.extend(_block(child))
    return lines


def body_text(document: Any) -> str:
    """The text of a python-docx `Document`'s body, headers and footers, a line per paragraph
    or table row; empty lines dropped."""
    lines = _blocks(document.element.body)
    # A form often puts the applicant's details in a first page's own header (Word's
    # "different first page") and the place and date in its footer: those are read too, and
    # the even pages' when the document has them. A part stored once is read once.
    even_pages = document.settings.odd_and_even_pages_header_footer
    seen: set[int] = set()
    for section in document.sections:
        parts = [section.header, section.footer]
        if section.different_first_page_header_footer:
            parts += [section.first_page_header, section.first_page_footer]
        if even_pages:
            parts += [section.even_page_header, section.even_page_footer]
        for part in parts:
            if part.is_linked_to_previous:  # a linked one repeats the previous section's
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                lines.extend(_blocks(element))
    return "\n".join(line for line in lines if line.strip())


# Whole words: "the undersigned" in a statement names no signature line.
# Bounded by anything but a letter or digit: "______Handtekening", a line typed right before
# its caption, names the signature too.
_SIGNATURE_WORDS = re.compile(r"(?<![^\W_])(?:signature|handtekening|signed|getekend|"
                              r"ondertekend|ondertekening|sign here|teken hier)(?![^\W_])",
                              re.IGNORECASE)
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
# Content controls that hold an answer: typed text, a date, a choice from a list.
_VALUE_CONTROLS = ("text", "date", "dropDownList", "comboBox", "richText")


def _text_of(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def answered_fields(document: Any) -> int:
    """Word's own fields that hold an answer: content controls not showing their placeholder
    (tick boxes aside, they read as ticks), and legacy text form fields whose result is not
    empty or their preset default. A field is the strongest sign of an answer Word keeps: the
    text around it is the form, the value in it is the person's."""
    body = document.element.body
    answered = 0
    for sdt in body.iter(W + "sdt"):
        properties = sdt.find(W + "sdtPr")
        if properties is None or properties.find(W + "showingPlcHdr") is not None:
            continue
        if properties.find(_W14 + "checkbox") is not None or \
                properties.find(W + "docPartObj") is not None:
            continue  # tick boxes, and building blocks such as a cover page or page numbers
        inline = _local(sdt.getparent()) == "p"
        typed = any(properties.find(W + kind) is not None for kind in _VALUE_CONTROLS)
        content = sdt.find(W + "sdtContent")
        if (inline or typed) and content is not None and _text_of(content).strip():
            answered += 1
    state, default, result = "", "", []
    for element in body.iter(W + "fldChar", W + "t"):
        if _local(element) == "fldChar":
            kind = _attribute(element, "fldCharType")
            text_input = element.find(f"{W}ffData/{W}textInput")
            if kind == "begin" and _dropdown_choice(element):
                answered += 1  # a drop-down set to an entry other than its default
            if kind == "begin" and text_input is not None:
                preset = text_input.find(W + "default")
                state, default, result = "input", (_attribute(preset, "val") or "") if \
                    preset is not None else "", []
            elif kind == "separate" and state == "input":
                state = "result"
            elif kind == "end" and state:
                value = "".join(result).replace("\u2002", " ").strip()
                answered += bool(value) and value != default.strip()
                state = ""
        elif state == "result":
            result.append(element.text or "")
    return answered


def _paragraphs_text(element: Any) -> str:
    """The text of an element's paragraphs, a space between two: the paragraphs of a table
    cell ("______", "Handtekening referent") are not one word."""
    return " ".join(_text_of(paragraph) for paragraph in element.iter(W + "p"))


def _where_signature_goes(element: Any) -> bool:
    """An element in, or within two paragraphs after, a paragraph or table row that names the
    signature."""
    paragraph = next((a for a in element.iterancestors(W + "p")), None)
    if paragraph is None:
        return False
    row = next((a for a in paragraph.iterancestors(W + "tr")), None)
    anchor = row if row is not None else paragraph
    nearby = [_paragraphs_text(anchor)]
    for sibling in anchor.itersiblings(preceding=True):
        text = _paragraphs_text(sibling).strip()
        if text:
            nearby.append(text)
        if len(nearby) >= 3:
            break
    return any(_SIGNATURE_WORDS.search(text) for text in nearby)


def signature_images(document: Any) -> int:
    """Pictures standing where a signature goes: in, or within two paragraphs after, a paragraph
    or table row that names the signature. A logo in the letterhead is not a signature."""
    count = 0
    for picture in document.element.body.iter(W + "drawing", W + "pict"):
        # A drawing is a picture only when it shows an image: a text box or a line drawn over
        # the answer line is a shape (empty on a blank form), not a signature.
        if next(picture.iter(_A + "blip", _V + "imagedata"), None) is None:
            continue
        if _where_signature_goes(picture):
            count += 1
    return count


# Fonts that imitate handwriting, which people choose to "sign" a Word form by typing their
# name (Windows, Office and Google Fonts' script faces).
_SCRIPT_FONT = re.compile(
    r"script|hand|brush|signature|chancery|vivaldi|mistral|kunstler|edwardian|pristina|"
    r"freestyle|bradley|blackadder|harlow|rage italic|gigi|ink free|dancing|pacifico|vibes|"
    r"allura|satisfy|sacramento|caveat|kalam|cedarville|belle aurore|delafield|parisienne|"
    r"vladimir|homemade apple|reenie|meddon|zeyada|calligraph", re.IGNORECASE)
# A signed name: one to four words, each starting with a letter ("P. Raman", "priya raman").
_SIGNED_NAME = re.compile(r"^\s*(?:[^\W\d_][\w.'-]*\s+){0,3}[^\W\d_][\w.'-]+\s*$")


def _run_font(run: Any, style_fonts: dict[str, str]) -> str:
    """The font a run is shown in: its own, else its character or paragraph style's."""
    properties = run.find(W + "rPr")
    if properties is not None:
        fonts = properties.find(W + "rFonts")
        if fonts is not None and (_attribute(fonts, "ascii") or _attribute(fonts, "hAnsi")):
            return _attribute(fonts, "ascii") or _attribute(fonts, "hAnsi") or ""
        style = properties.find(W + "rStyle")
        if style is not None and _attribute(style, "val") in style_fonts:
            return style_fonts[_attribute(style, "val") or ""]
    paragraph = next((a for a in run.iterancestors(W + "p")), None)
    style = paragraph.find(f"{W}pPr/{W}pStyle") if paragraph is not None else None
    return style_fonts.get(_attribute(style, "val") or "", "") if style is not None else ""


def script_signatures(document: Any) -> int:
    """Names typed in a handwriting font where a signature goes: how a form filled in Word is
    often signed. The font is the person's choice; a blank copy has nothing there to show."""
    style_fonts: dict[str, str] = {}
    styles = document.styles.element
    for style in styles.iterchildren(W + "style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        name = (_attribute(fonts, "ascii") or _attribute(fonts, "hAnsi") or "") \
            if fonts is not None else ""
        if name and _SCRIPT_FONT.search(name):
            style_fonts[_attribute(style, "styleId") or ""] = name
    signed = 0
    for paragraph in document.element.body.iter(W + "p"):
        written = "".join(_text_of(run) for run in paragraph.iter(W + "r")
                          if _SCRIPT_FONT.search(_run_font(run, style_fonts)))
        if sum(c.isalpha() for c in written) >= 2 and _SIGNED_NAME.match(written) \
                and _where_signature_goes(paragraph[0] if len(paragraph) else paragraph):
            signed += 1
    return signed
