"""Who signed a form that more than one person signs (issue 13).

The declaration of a long-term and exclusive relationship counts only when both partners signed
it; a copy signed by one is not the declaration. The filled-in judgement (`classifiers.filled`)
asks whether a form holds answers and a signature at all; this module finds the form's signature
places and tells, for each, whether it is signed:

- a label and what follows it on its line: "Signature partner 1: M. Visser", "Handtekening
  referent  [handtekening]", "Unterschrift: T. Nowicki   Unterschrift: L. M. Huber", several
  names after one label ("Handtekeningen: K. de Groot / A. Tanaka", "Firmado: S. Moreno
  Castro      A. P. Ribeiro"), typed marks ("/s/ C. Gonzalez", "(signed)", "[signature]");
- captions under (or over) the lines signed on ("Signature partner 1      Signature partner 2",
  "(signature)   (signature)"): the names or lines on the neighbouring line, by column;
- on a scan, ink in the box of each signature label
  (`classifiers.filled.inked_signature_labels`), for the places whose text says nothing.

`places` and `partners_signed` are pure and unit-tested; `form_signatures` reads the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from classifiers.extract import Page
from classifiers.filled import ink_in_box, inked_signature_labels, scanned_rules

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points
PlacedWord = tuple[str, float, float, float, float]  # a word, and its box as `Box`

# The word for a signature in the languages the family papers come in, and OCR's usual damage
# to it ("Signoture", "5ignature", "Siqnaturc"). Plural forms are one place per name after them.
_FUZZY_SIGNATURE = r"[s5$][il1!][gq][nh][a-z0-9]{1,2}[tf][uv]r[ec]"
_LABEL = (r"(?:" + _FUZZY_SIGNATURE + r"s?|signatures?|handtekening(?:en)?|ondertekening|"
          r"unterschrift(?:en)?|firmado|firmato|firmas?|assinaturas?|imzalar|imza(?:sı)?|signé|"
          r"signed|getekend|podpis)")
_PLURAL = re.compile(r"(?i:" + _FUZZY_SIGNATURE + r"s|signatures|handtekeningen|unterschriften|"
                     r"firmas|assinaturas|imzalar)")
# Whom a place is for: "partner 1", "of the sponsor", "referent", "du partenaire B", ...
# ("partncr 2", "partner2": OCR's).
_ROLE_WORD = (r"(?:partn[a-z]{1,3}(?:\s?[12lI](?![\w']))?|partnerin|partenaire|compagn[oa]|"
              r"parceir[oa]|pareja|sponsor|referent|vreemdeling|applicant|aanvrager|foreign|"
              r"abroad|buitenland|nederland|netherlands|first|second|eerste|tweede|parent|"
              r"ouder|guardian|voogd|father|mother|vader|moeder|declarant|[12AB])(?![\w'])")
_FILLER = r"(?:of|van|de|du|des|der|del|do|da|the|het|la|le|in|living|wonend)(?![\w'])"
_PLACE = re.compile(
    r"(?<![A-Za-z])(?P<label>" + _LABEL + r")(?P<role>(?:[\s/]+(?i:" + _FILLER + r"|"
    + _ROLE_WORD + r"))*)(?P<close>\s*[\])])?", re.IGNORECASE)
# A section heading ("4 Signature", "Part C - Signature", "Handtekening - Sign this form",
# "Ondertekening | Declaration and signature"): not a place.
_HEADING = re.compile(r"^\s*(?:(?:\d+[.)]?\s*|(?:part|deel|section|teil)\s+\w+\s*[-:.]\s*)"
                      + _LABEL + r"s?(?:\s[^\s:|]+)*?|" + _LABEL
                      + r"\s*[-–/|]\s*[^\s:|\d_.…][^:|\d_.…]*?)\s*$", re.IGNORECASE)
# Other labels that end a signature's value on the same line ("... Date: 15-01-2026").
_NEXT_LABEL = re.compile(r"\s(?:date|datum|place|plaats|ort|lieu|fecha|data|luogo|tarih|yer|"
                         r"name|naam|city|stad)\s*:", re.IGNORECASE)
# A typed or transcribed mark that the place is signed.
_MARK = re.compile(r"^[xX×]$|^[\[(]\s*(?:[s5$][il1!][gqh][\w!]{1,8}|handt\w*|getek\w*|w\.g\.|"
                   r"unters\w*|firm\w*|assin\w*|imza\w*)\s*[\])]$|^~{2,}$|/s/", re.IGNORECASE)
# What is left of an empty place: a line, dots, a caption in brackets.
_EMPTY = re.compile(r"^[\s_.…\-–—|:(\[]*$")
_NAME = re.compile(r"(?:[A-ZÀ-ÞİŞĞ][\w'’.-]*)")
# Words that are the form's, never a signer's name.
_FORM_WORDS = frozenset({
    "date", "datum", "place", "plaats", "ort", "lieu", "fecha", "data", "luogo", "and", "en",
    "und", "et", "y", "e", "partner", "partners", "signature", "signatures", "handtekening",
    "sponsor", "referent", "vreemdeling", "applicant", "the", "of", "van", "here", "hier",
    "sign", "teken", "name", "naam", "parent", "ouder", "guardian", "voogd"})


# The word before a label that leaves it a label: "Date and signature" ("Datum ondertekening",
# the date of signing, is no place).
_JOINING = frozenset({"and", "en", "und", "et", "y", "e", "&"})


@dataclass(frozen=True, slots=True)
class SignaturePlace:
    """One place a person signs: for whom (as the form says, "" when it does not), whether the
    text shows it signed (None: the text cannot tell, as on a scan whose ink OCR does not
    read), and the line it is on (to pair it with the ink of its label on a scan)."""

    role: str
    signed: bool | None
    line: int
    # Where on its line the place is: from the label's (or caption's) first character to the
    # next place's on that line (None: to the end), to match a mark drawn on the page to it.
    column: int = 0
    column_end: int | None = None


def _names(value: str) -> list[str]:
    """The signers written in one place's value: several, split by a slash, an ampersand, "and"
    or a wide gap; [] when nothing in it reads as a name or a mark."""
    value = value.strip()
    if not value or _EMPTY.match(value):
        return []
    if _MARK.search(value):
        # "/s/ M. Visser / /s/ C. Gonzalez": one mark per signer.
        parts = [p for p in re.split(r"\s+/\s+|\s{3,}", value) if p.strip()]
        return [p for p in parts if _MARK.search(p) or _name_like(p)] or [value]
    parts = [p for p in re.split(r"\s+/\s+|\s+&\s+|\s+(?:and|en|und|e|y|et)\s+|\s{3,}|;", value)
             if p.strip()]
    return [p for p in parts if _name_like(p) or _MARK.search(p.strip())]


def _name_like(text: str) -> bool:
    text = re.sub(r"[\[\]()]", " ", text).strip()
    words = [w.strip(".,") for w in text.split()]
    if not words or len(words) > 6 or any(re.search(r"\d", w) for w in words):
        return False
    names = [w for w in words if _NAME.fullmatch(w) and w.lower() not in _FORM_WORDS]
    return bool(names) and len(names) >= len(words) - 1


def _columns(line: str) -> list[tuple[int, str]]:
    """The pieces of a line separated by wide gaps, with where each starts."""
    return [(m.start(), m.group(0).strip()) for m in re.finditer(r"\S+(?:\s{1,2}\S+)*", line)]


def places(text: str) -> list[SignaturePlace]:
    """Every signature place of a form's text, in reading order."""
    lines = text.splitlines()
    found: list[SignaturePlace] = []
    for number, line in enumerate(lines):
        if _HEADING.match(line):
            continue
        matches: list[re.Match[str]] = []
        translations: dict[int, str] = {}
        for match in _PLACE.finditer(line):
            if not _is_place(line, match):
                continue
            between = line[matches[-1].end():match.start()] if matches else ""
            # "Handtekening referent  [handtekening]": a bracketed word after a label is the
            # mark written in its place; "Handtekening / Signature", "Handtekening aanvrager /
            # Signature of the applicant": one place in two languages.
            translated = re.fullmatch(r"(.*?)\s*[-–/|]\s*", between)
            if matches and ((match.group("close") and not matches[-1].group("close"))
                            or (translated and _label_tail(translated.group(1)))):
                # "Firma / Signature 1": the translation may be the one that says whose.
                translations[len(matches) - 1] = match.group("role")
                continue
            matches.append(match)
        if not matches:
            found += _role_captions(lines, number)
            continue
        if all(_bracketed(line, m) for m in matches) and number + 1 < len(lines) \
                and _caption_line(lines[number + 1]):
            continue  # "(signed)      [signature]" over the captions: their values
        roles = [" ".join((m.group("role") if m.group("role").strip()
                           else translations.get(i, "")).split()) for i, m in enumerate(matches)]
        side_by_side = _side_by_side(line, matches)
        if not any(roles) and not any(_bracketed(line, m) for m in matches) \
                and not side_by_side and not re.search(r"[:\d_.…~\[(]", line):
            continue  # "Verklaring en ondertekening - Declaration and signature": a heading
        if len(matches) == 1 and not roles[0] and re.fullmatch(
                r"\s*(?:[-–/|]\s*[^\d:_.…\[(]*)?", line[matches[0].end():]) \
                and not _bracketed(line, matches[0]):
            continue  # "Verklaring en ondertekening | Signing": a heading, nothing to sign on
        spans = [(m.start(), matches[i + 1].start() if i + 1 < len(matches) else None)
                 for i, m in enumerate(matches)]
        parts = []
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
            rest = line[match.end():end]
            cut = _NEXT_LABEL.search(rest)
            parts.append(_split_value(rest[:cut.start()] if cut else rest))
        if not any(labelled for _, _, labelled in parts) and all(
                not value.strip(" ([") for _, value, _ in parts):
            # Captions alone on their line: under (or over) the lines signed on.
            found += _captioned(lines, number, matches, [
                role or _role_of(tail) for role, (tail, _, _) in zip(roles, parts, strict=True)],
                side_by_side=side_by_side)
            continue
        for index, (match, role, (tail, value, _), (column, column_end)) in enumerate(zip(
                matches, roles, parts, spans, strict=True)):
            role = " ".join(f"{role} {tail}".split())
            written = _on_the_line_before(line, match, matches[index - 1].end() if index else 0)
            if written is not None:
                # "______ Handtekening referent MARK SANTOS": the caption of the line before
                # it, and the name printed under that line. A mark on the line ("/s/") signs
                # it; a name typed there, or nothing, the text cannot tell: a DOCX's name in
                # a handwriting font there is counted as such, a picture or a pen's stroke
                # is not in the text.
                signed_on_line = ":" not in written and bool(_MARK.search(written))
                found.append(SignaturePlace(_role_of(role), signed_on_line or None, number,
                                            column, column_end))
                continue
            if re.match(r"[_.…]{3,}\s*[^\s_.…]", value) and not _MARK.search(value):
                # "Signature: ______ M. VISSER": the name printed after the line signed on is
                # not a signature; what is on the line, the text does not show.
                value = ""
            signers = _names(value)
            plural = bool(_PLURAL.fullmatch(match.group("label")))
            if len(signers) > 1 or (plural and signers):
                found += [SignaturePlace(role, True, number, column, column_end)
                          for _ in signers]
            elif plural:
                found += [SignaturePlace(role, None if not value.strip() else False, number,
                                         column, column_end)] * 2
            else:
                found.append(SignaturePlace(role, bool(signers) if value.strip() else None,
                                            number, column, column_end))
    return found


def _role_of(text: str) -> str:
    """Whom a place is for, from its caption's words: "/ Signature 1" -> "1", "referent MARK
    SANTOS" -> "referent" (a printed name is not the role)."""
    words = [w for w in text.replace("/", " ").split()
             if not re.fullmatch(_LABEL, w, re.IGNORECASE)]
    kept: list[str] = []
    for word in words:
        if not (re.fullmatch(_ROLE_WORD, word, re.IGNORECASE) or word.islower()):
            break
        kept.append(word)
    return " ".join(kept)


def _on_the_line_before(line: str, match: re.Match[str], previous_end: int) -> str | None:
    """When a label is the caption of a line typed before it, at the start of its line or cell
    ("______ Signature partner 1", "/s/ M. Visser ______ Signature partner 1"): what is
    written on that line ("" for nothing). None when it is not such a caption: after another
    label's value in the same cell ("Signature 1: ____  Signature 2: ____") it is a label."""
    cell_start = line.rfind("|", 0, match.start()) + 1
    if cell_start < previous_end:
        return None
    leader = re.search(r"(?:_{3,}|\.{3,}|…+)\s*$", line[cell_start:match.start()])
    if leader is None:
        return None
    return line[cell_start:cell_start + leader.start()].strip()


# A person a place is for, as a caption under a line names them without the word for a
# signature ("Partner 1", "the sponsor", "Referent / Sponsor"); a bare "1" or "A" is no caption.
_PERSON_NOUNS = (r"sponsor|referent|vreemdeling|applicant|aanvrager|parent|ouder|guardian|"
                 r"voogd|father|mother|vader|moeder|declarant")
_PERSON = re.compile(
    r"(?:(?:" + _FILLER + r"|partn[a-z]{1,3}|partnerin|partenaire|compagn[oa]|parceir[oa]|"
    r"pareja|" + _PERSON_NOUNS + r"|[12AB](?![\w']))\s*)+", re.IGNORECASE)
_PERSON_WORD = re.compile(r"partn|compagn|parceir|pareja|" + _PERSON_NOUNS, re.IGNORECASE)


def _person_caption(piece: str) -> bool:
    """"Partner 1", "Partner 1 / Companheiro(a) 1": whom, with at most a short translation."""
    head, _, translation = piece.partition("/")
    return bool(_PERSON.fullmatch(head.strip()) and _PERSON_WORD.search(head)
                and len(translation.split()) <= 3 and not re.search(r":|\d{3,}", translation))


def _role_captions(lines: list[str], number: int) -> list[SignaturePlace]:
    """Captions that name only whom, right under a line of underscores (a drawn line on a PDF
    page is laid out as one): "______   ______" over "Partner 1   Partner 2". The lines are
    the places; the text shows them empty, a mark drawn on them may not."""
    if number == 0:
        return []
    above = _columns(lines[number - 1])
    pieces = _columns(lines[number])
    if not above or not all(re.fullmatch(r"_{3,}", text) for _, text in above) \
            or not pieces or not all(_person_caption(text) for _, text in pieces):
        return []
    # One line per caption, each caption under its own line: not a heading row of a table
    # under the table's border ("Partner 1   Partner 2" under one rule across).
    if len(above) != len(pieces) or not all(
            start - 3 <= caption <= start + len(text)
            for (start, text), (caption, _) in zip(above, pieces, strict=True)):
        return []
    return [SignaturePlace(" ".join(text.partition("/")[0].split()), False, number, start,
                           pieces[i + 1][0] if i + 1 < len(pieces) else None)
            for i, (start, text) in enumerate(pieces)]


def _bracketed(line: str, match: re.Match[str]) -> bool:
    """A label word in brackets: a transcribed mark ("(signed)", "[signature]")."""
    return bool(match.start() and line[match.start() - 1] in "([" and match.group("close"))


def _caption_line(line: str) -> bool:
    """A line of signature captions and nothing else ("Signature partner 1    Signature
    partner 2")."""
    matches = [m for m in _PLACE.finditer(line) if not _bracketed(line, m)]
    if not matches:
        return False
    rest = _PLACE.sub(" ", line)
    return not rest.strip(" _.|/-")


def _split_value(rest: str) -> tuple[str, str, bool]:
    """A label's remainder as (the rest of the label, the value, whether a colon or a cell
    border separates them): "of the applicant or legal representative: (signed)"."""
    labelled = re.match(r"^([^:|\t_.…]{0,80}?)\s*([:|\t]|[_.…]{3,})\s*(.*)$", rest)
    # A colon soon after the label ends it, whatever OCR made of the words between
    # ("Signature 0f partncr 2: ~~~"); a leader with nothing after it is the empty line.
    if labelled and (_label_tail(labelled.group(1)) or (
            len(labelled.group(1)) <= 24 and len(labelled.group(1).split()) <= 4)):
        value = labelled.group(3).strip(" |")
        leader = labelled.group(2) if labelled.group(2)[0] in "_.…" else ""
        if leader and value and not _MARK.search(value):
            # "Handtekening referent ______ MARK SANTOS": the name printed after the line is
            # not a signature, and what is on the line the text does not show.
            return labelled.group(1), "", True
        return labelled.group(1), value or leader, True
    gap = re.match(r"^(\s*\S.*?)\s{2,}(\S.*)$", rest)
    if gap and _label_tail(gap.group(1)):
        return gap.group(1), gap.group(2).strip(" |"), False
    if _label_tail(rest):
        return rest, "", False
    return "", rest.strip(" |"), False


def _label_tail(text: str) -> bool:
    """The rest of a long signature label: lowercase words, a role, a bracketed note ("or legal
    representative", "aanvrager of wettelijk vertegenwoordiger", "(for minors)")."""
    words = text.replace("/", " ").split()
    if len(words) > 8 or re.search(r"\d(?![\s)]*$)", text) or _MARK.search(text.strip()):
        return False
    return all(w.strip("()[]").islower() or re.fullmatch(_ROLE_WORD, w.strip("()"),
                                                          re.IGNORECASE)
               or re.fullmatch(_LABEL, w, re.IGNORECASE)  # "Handtekening / Signature"
               for w in words if w.strip("()[]"))


def _is_place(line: str, match: re.Match[str]) -> bool:
    """A signature label, not the word in a sentence ("the signature of the registrar is
    legalised", "signed by the officer")."""
    before = line[:match.start()].strip().lower()
    label = match.group("label").lower()
    after = line[match.end():].lstrip()
    if match.group(0).lower().startswith(("signed", "getekend")) and not re.match(
            r"\s*:", line[match.end():]):
        return False  # "signed by the registrar": a sentence, unless "Signed:" labels a value
    if _MARK.fullmatch(line[max(0, match.start() - 1):match.end() + 1].strip()):
        return True  # "(signature)" standing alone: a caption or a transcribed mark
    # A label starts its line or cell, or follows a wide gap, a value or a line typed for the
    # signature before its caption ("______ Signature partner 1").
    if before and not re.search(r"(?:^|\s{2,}|[:|\d.)\](\[/_…]\s*)$", line[:match.start()]) \
            and before.split()[-1] not in _JOINING:
        return False  # mid-sentence: "the signature of the registrar", "Die Echtheit der"
    return not (label in {"signature", "handtekening"} and after[:2].lower() in {"is", "va"})


def _side_by_side(line: str, matches: list[re.Match[str]]) -> bool:
    """Two or more bare labels apart on one line and nothing between them ("Signature
    Signature"): the captions of places side by side, not a heading."""
    return len(matches) >= 2 and all(
        re.fullmatch(r"\s{2,}", line[a.end():b.start()]) for a, b in pairwise(matches))


def _captioned(lines: list[str], number: int, matches: list[re.Match[str]],
               roles: list[str], *, side_by_side: bool = False) -> list[SignaturePlace]:
    """Captions alone on a line: each place's signature is what stands above it in its column.
    A name under a caption is the name printed under the line, not a signature: a place with
    only that is one the text cannot tell."""
    # A caption says whose place it is ("Signature partner 1") or is a transcribed mark
    # ("(signature)"); a bare "Signature" or "Ondertekening | Declaration and signature" is
    # the heading of the part where one signs; bare captions side by side are places.
    kept = [i for i, m in enumerate(matches)
            if roles[i] or side_by_side or _bracketed(lines[number], m)]
    if not kept:
        return []
    matches = [matches[i] for i in kept]
    roles = [roles[i] for i in kept]
    starts = [m.start() for m in matches]
    ends: list[int | None] = [*starts[1:], None]
    for neighbour in (number - 1, number + 1):
        if not 0 <= neighbour < len(lines):
            continue
        line = lines[neighbour]
        marks_only = all(_bracketed(line, m) for m in _PLACE.finditer(line))
        if not marks_only or _NEXT_LABEL.search(" " + line) or len(line.split()) > 12 \
                or "?" in line or re.search(r"\[\s*[xX ]?\s*\]", line):
            continue  # another field, a sentence, a question with its boxes
        if neighbour < number and neighbour > 0 and _caption_line(lines[neighbour - 1]):
            continue  # the names printed under the captions before these, not signatures
        pieces = _columns(line)
        if not pieces or len(pieces) > len(matches) + 1:
            continue
        signed = [False] * len(matches)
        lined = False
        for start, piece in pieces:
            column = min(range(len(starts)), key=lambda i: abs(starts[i] - start))
            if _EMPTY.match(piece):
                lined = True
            elif neighbour < number and _names(piece):
                signed[column] = True
        if any(signed) or lined:
            return [SignaturePlace(role, s, number, start, end)
                    for role, s, start, end in zip(roles, signed, starts, ends, strict=True)]
    # Nothing beside them: a transcribed "(signature)" says the place was signed; a caption
    # alone says nothing the text can tell.
    line = lines[number]
    return [SignaturePlace(role, True if _bracketed(line, m) else None, number, start, end)
            for role, m, start, end in zip(roles, matches, starts, ends, strict=True)]


@dataclass(frozen=True, slots=True)
class PartnersSigned:
    """What the signature places of a form two people sign say: how many places, how many of
    them signed (None: no place found), the places not signed by role, and whether the count
    rests on ink judged on a scan (`unsure`: a person should look rather than the candidate be
    told)."""

    places: int
    signed: int | None
    missing: tuple[str, ...]
    unsure: bool = False

    @property
    def one_of_two(self) -> bool:
        """Signed in some places and not in others: the form does not count."""
        return self.places >= 2 and self.signed is not None and 0 < self.signed < self.places

    @property
    def unsigned(self) -> bool:
        return self.places >= 2 and self.signed == 0


def partners_signed(found: list[SignaturePlace], extra_signed: int = 0, *,
                    scanned: bool = False, marked: frozenset[int] = frozenset()
                    ) -> PartnersSigned:
    """The verdict on a two-signer form's places. `marked`: the places (by index) a mark drawn
    on the page lies on: signed, whatever the text shows there (a pen drawn over an empty
    line). `extra_signed`: signatures seen by other means that do not say where (a DOCX's
    signature pictures and script-font names, ink in a scan's signature boxes, marks on a page
    whose places have no position) for the places the text could not tell; they fill those
    first, in order. `scanned`: the text is OCR's, which does not read handwriting, so a place
    it read as a blank line may carry ink too. Pure."""
    if not found:
        return PartnersSigned(0, None, ())
    if scanned:
        found = [p if p.signed else replace(p, signed=None) for p in found]
    untold = [i for i, p in enumerate(found) if p.signed is None and i not in marked]
    inked = set(untold[:extra_signed])
    signed = [bool(p.signed) or i in inked or i in marked for i, p in enumerate(found)]
    # "2" alone ("Firma / Signature 2") says little to HR: "signature 2".
    missing = tuple(f"signature {p.role or i + 1}" if re.fullmatch(r"[12AB]?", p.role)
                    else p.role for i, p in enumerate(found) if not signed[i])
    return PartnersSigned(len(found), sum(signed), missing, unsure=scanned and bool(missing))


def signature_shaped(mark: Box) -> bool:
    """A mark drawn on a PDF page that has a signature's shape: a stroke group wider than
    tall, between a centimetre and a page's width across and at most 3 cm high; not a round
    seal, a tick in a box or a frame. Pure."""
    width, height = mark[2] - mark[0], mark[3] - mark[1]
    return 28 <= width <= 360 and height <= 85 and width >= 1.5 * height


# A text PDF page laid out for the signature places: one text line per row of words (and per
# row of drawn rules, written as underscores), each word at a column in proportion to where it
# stands, so that what stands over or under a caption is found by column as in a typed form.
_POINTS_PER_COLUMN = 4.0
_COLUMN_GAP = 12.0  # points between two words that stand in two columns, not in one phrase
_SAME_ROW = 3.0  # points between the tops of two words on one row
# How far from its caption's row a drawn mark may lie and still be that place's: about 2 cm,
# the height of the space left to sign in.
_MARK_REACH = 60.0


@dataclass(frozen=True, slots=True)
class Row:
    """One laid-out row of a text PDF page: its text, where it stands, and for each word or
    rule the column its text starts at and the x it stands at (to tell the x of a column)."""

    text: str
    top: float
    bottom: float
    anchors: tuple[tuple[int, float], ...]
    per_column: float = _POINTS_PER_COLUMN  # how wide a column is, in the page's units

    def x_at(self, column: int) -> float:
        start, x = next(((c, x) for c, x in reversed(self.anchors) if c <= column),
                        self.anchors[0] if self.anchors else (0, 0.0))
        return x + (column - start) * self.per_column


def laid_out(words: tuple[PlacedWord, ...], rules: tuple[Box, ...], scale: float = 1.0
             ) -> list[Row]:
    """A page's words and drawn rules as rows of text, top to bottom, with columns kept: words
    far apart are three spaces or more apart, as a typed form's columns are. `scale`: the
    page's units to a point (a scan's pixels). Pure."""
    per_column, column_gap, same_row = (_POINTS_PER_COLUMN * scale, _COLUMN_GAP * scale,
                                        _SAME_ROW * scale)
    items = sorted([(w[2], w[1], w[3], w[4], w[0]) for w in words]
                   + [(r[1], r[0], r[2], r[3], None) for r in rules])
    groups: list[list[tuple[float, float, float, float, str | None]]] = []
    for item in items:
        group = groups[-1] if groups else None
        if group and (group[0][4] is None) == (item[4] is None) \
                and item[0] - group[0][0] <= same_row:
            group.append(item)
        else:
            groups.append([item])
    rows = []
    for group in groups:
        text = ""
        anchors: list[tuple[int, float]] = []
        previous_end: float | None = None
        for _, x0, x1, _, word in sorted(group, key=lambda i: i[1]):
            piece = word if word is not None else "_" * max(
                3, round((x1 - x0) / per_column))
            wanted = round(x0 / per_column)
            if previous_end is None:
                column = wanted
            elif x0 - previous_end < column_gap and word is not None:
                column = len(text) + 1
            else:
                column = max(wanted, len(text) + 3)
            text = text.ljust(column) + piece
            anchors.append((column, x0))
            previous_end = x1
        rows.append(Row(text, min(i[0] for i in group), max(i[3] for i in group),
                        tuple(anchors), per_column))
    return rows


def marked_places(found: list[SignaturePlace], rows: dict[int, Row],
                  marks: list[Box]) -> frozenset[int]:
    """The places (by index) a drawn mark lies on: the mark's middle in the place's columns,
    within `_MARK_REACH` above or below its row, and of all such places the one nearest. `rows`:
    the laid-out row of each line that has one. A mark near no place is no one's signature.
    Pure."""
    marked: set[int] = set()
    for mark in marks:
        middle_x, middle_y = (mark[0] + mark[2]) / 2, (mark[1] + mark[3]) / 2
        nearest: tuple[float, int] | None = None
        for index, place in enumerate(found):
            row = rows.get(place.line)
            if row is None:
                continue
            left = row.x_at(place.column) - _COLUMN_GAP
            right = row.x_at(place.column_end) if place.column_end is not None else float("inf")
            distance = max(row.top - middle_y, middle_y - row.bottom, 0.0)
            if left <= middle_x < right and distance <= _MARK_REACH \
                    and (nearest is None or distance < nearest[0]):
                nearest = (distance, index)
        if nearest is not None:
            marked.add(nearest[1])
    return frozenset(marked)


def form_signatures(pages: list[Page], signature_images: int = 0,
                    script_signatures: int = 0) -> PartnersSigned:
    """The signature places of a form's pages and which are signed: the text (a text PDF's laid
    out by where its words stand), marks drawn and pictures pasted on a text PDF page of a
    signature's shape matched to the places by position, then a DOCX's signature pictures and
    script-font names and ink in a scan's signature boxes."""
    lines: list[str] = []
    laid_pages: list[tuple[dict[int, Row], list[Box]]] = []  # each page's rows and marks
    unplaced_marks = 0
    for page in pages:
        shaped = [mark for mark in page.drawn_marks if signature_shaped(mark)]
        if page.placed_words and not page.ocr:
            # A picture of a signature's shape standing on a place is signed there as a drawn
            # mark is; a picture elsewhere (a letterhead's logo) is no one's signature.
            shaped += [picture for picture in page.pictures if signature_shaped(picture)]
            rows: dict[int, Row] = {}
            for row in laid_out(page.placed_words, page.rules):
                rows[len(lines)] = row
                lines.append(row.text)
            laid_pages.append((rows, shaped))
        else:
            lines += page.text.splitlines()
            unplaced_marks += len(shaped)
    found = places("\n".join(lines))
    if not found:
        return _scanned_role_captions(pages)
    # A mark is matched to the places of its own page only.
    marked: set[int] = set()
    for rows, marks in laid_pages:
        marked |= marked_places(found, rows, marks)
    scanned = any(page.ocr for page in pages)
    inked = [flag for page in pages if page.ocr and page.image is not None and page.words
             for flag in inked_signature_labels(page)]
    read_signed = sum(p.signed is True for p in found)
    if inked and len(inked) == len(found):
        # One signature label per place, both in reading order: each box's ink is its place's.
        marked |= {index for index, flag in enumerate(inked) if flag}
        ink = 0
    else:
        # Ink that cannot be told to a place; where the text already read a place signed (OCR
        # making words of a signature), that ink may be the same signature: not counted twice.
        ink = max(0, sum(inked) - read_signed)
    # A name typed in a handwriting font is in the text too: likewise not counted twice.
    script_unread = max(0, script_signatures - read_signed)
    return partners_signed(found, signature_images + script_unread + ink + unplaced_marks,
                           scanned=scanned, marked=frozenset(marked))


# A page is about 595 points wide (A4): a scan's pixels to a point, for its layout.
_PAGE_POINTS = 595.0


def _scanned_role_captions(pages: list[Page]) -> PartnersSigned:
    """On a scan whose text names no signature place: captions that name only whom right under
    a printed rule ("Partner 1   Partner 2" under two lines), each signed by ink over its
    rule. OCR reads no rule, so the rules are found in the image."""
    found: list[SignaturePlace] = []
    inked: list[bool] = []
    for page in pages:
        if not (page.ocr and page.image is not None and page.words):
            continue
        scale = page.image.width / _PAGE_POINTS
        words = tuple((w.text, float(w.left), float(w.top), float(w.right), float(w.bottom))
                      for w in page.words)
        rules = tuple(tuple(map(float, rule)) for rule in scanned_rules(page.image))
        rows = laid_out(words, rules, scale)  # type: ignore[arg-type]
        lines = [row.text for row in rows]
        for number in range(1, len(rows)):
            for place in _role_captions(lines, number):
                caption, rule = rows[number], rows[number - 1]
                left = int(caption.x_at(place.column) - _COLUMN_GAP * scale)
                right = int(caption.x_at(place.column_end)) if place.column_end is not None \
                    else page.image.width
                height = max(caption.bottom - caption.top, 10 * scale)
                # The space left to sign in over the rule, and the rule (a pen crosses it).
                box = (left, int(rule.top - 4.5 * height), right, int(rule.bottom + 2))
                found.append(replace(place, line=len(found)))
                inked.append(ink_in_box(page, box))
    return partners_signed(found, scanned=True,
                           marked=frozenset(i for i, flag in enumerate(inked) if flag))


__all__ = ["PartnersSigned", "Row", "SignaturePlace", "form_signatures", "laid_out",
           "marked_places", "partners_signed", "places", "signature_shaped"]
