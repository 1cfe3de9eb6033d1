"""Was a form filled in, or sent back blank?

A blank form must never tick the checklist, so the answer is False only on positive signs of
emptiness and True on signs of answers. The signs, strongest first:
- AcroForm: the values of the form's fields (empty fields = blank).
- Word's own fields: content controls and legacy text fields holding a value.
- Text (text layer or OCR): values after field labels ("Surname  Jansen", and in any wording
  after a separator: "Employer: Brightwave B.V."), dates (with digits or a month name; a blank
  form only says "dd-mm-yyyy", a version line or an example), ticked boxes (☒ ✓ [X] (x)),
  questions with one answer chosen ("No" under it, one box marked and the others empty, a mark
  beside one option), the name written into a statement's blank ("I, Priya Raman, born on").
- A signature: a drawn curve in a PDF, a picture on a DOCX's signature line (not a logo), a
  name typed there in a handwriting font, a typed one ("/s/ P. Raman", "Signature: P. Raman"),
  or ink inside the signature box of a scan (the box outline and the scan's grain removed).
Two answers, or one and a signature, make a form filled; one sign alone goes to HR, and so does
a photo of which OCR read too few field labels to see them empty. Each sign is counted once: a
Word field and its label line are one answer, a ticked box and the question it answers are one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from PIL import Image, ImageOps

from classifiers.extract import Page
from classifiers.ocr import Word

_LABELS = (
    "surname", "given names", "date of birth", "place of birth", "nationality", "v-number",
    "sex", "address", "purpose of stay", "passport number", "date of issue", "valid until",
    "place", "date", "achternaam", "voornamen", "geboortedatum", "geboorteplaats",
    "nationaliteit", "v-nummer", "geslacht", "adres", "verblijfsdoel", "paspoortnummer",
    "datum van afgifte", "geldig tot", "plaats", "datum",
    # Other wordings of the same fields (older, re-typed and translated versions).
    "family name", "last name", "first names", "first name", "forenames", "birth date",
    "born on", "citizenship", "gender", "residential address", "home address",
    "current address", "geslachtsnaam", "familienaam", "voornaam", "woonadres", "geboren op",
    "doel van verblijf", "documentnummer", "document number", "name", "naam",
)
_LABEL_LINE = re.compile(
    r"^\s*(?:\d+\.\s*)?(" + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True))
    + r")\b(.*)$", re.IGNORECASE)
_LABEL_NOISE = re.compile(
    r"\((?:dd-mm-(?:yyyy|jjjj)|if known|indien bekend|m/f|m/v)\)|[|:_.,\-\[\]()~]", re.IGNORECASE)
# Not \b at the end: OCR glues the next word on ("01-05-2026signature").
_MONTH = r"(?i:jan|feb|febr|mar|mrt|maart|apr|may|mei|jun|jul|aug|sep|sept|oct|okt|nov|dec)"
_DIGIT_DATE = re.compile(r"(?<!\d)\d{1,2}[-./ ]\d{1,2}[-./ ](?:19|20)\d{2}(?!\d)"
                         # "1990-03-12": the year first, as a date picker or an ISO-minded
                         # person writes it (dashes only: "2024.1" is a version).
                         r"|(?<![\d-])(?:19|20)\d{2}-[01]?\d-[0-3]?\d(?![\d-])"
                         # "3 November 2026", "01 Dec 1988", "20 juli 2025", "12th of March
                         # 1990", "3rd day of February 2026": a day, a month by name, a year —
                         # never a version line's "January 2024".
                         r"|(?<!\d)\d{1,2}(?i:st|nd|rd|th|e|ste|de)?\s?(?i:day\s)?(?i:of\s)?"
                         + _MONTH + r"[a-z]*\.?,?\s?(?:19|20)\d{2}(?!\d)"
                         # "February 3, 2026", "Feb 3rd 2026": the month first.
                         r"|(?<![A-Za-z])" + _MONTH
                         + r"[a-z]*\.?\s\d{1,2}(?i:st|nd|rd|th)?,?\s(?:19|20)\d{2}(?!\d)")
# A crossed box as OCR reads it: "[X]", "☒", and with one side of the box lost or misread
# ("X]", "[X", "DX]", "LX]", "|X|").
_TICKED = re.compile(r"[☒☑✓✔✗✘]|\[\s*[xX×]\s*\]|(?<!\S)[\[|(DLI]?[xX×][\]|)](?!\S)"
                     r"|(?<!\S)[\[|(][xX×](?!\S)")
# What is left of a blank field: date masks, and the rest of a long label ("Place and country
# of birth", "Signature of the applicant or legal representative") that is not an answer.
# Date masks, also as OCR misreads them ("dc-mm-yyyy", "dl-mm-jjjj").
# The whole mask first, so that a misread one ("dd-mn-yyyy") goes as a whole, not as "dd", "yyyy"
# and an "mn" that would read as an answer.
_PLACEHOLDER = re.compile(
    r"\b[a-z]{2}[-/.|][a-z]{2}[-/.|][a-z]{2,4}\b|\b(?:dd|mm|yyyy|jjjj|yy|jj)\b", re.IGNORECASE)
_LABEL_TAIL = frozenset({
    "and", "of", "the", "or", "at", "as", "in", "on", "to", "country", "birth", "applicant",
    "legal", "representative", "passport", "signing", "signed", "name", "names", "s", "en",
    "land", "aanvrager", "wettelijk", "vertegenwoordiger", "ondertekening", "te", "van",
    "geboorte", "zoals", "paspoort", "known", "if", "indien", "bekend", "all", "alle",
    "current", "huidige", "m", "f", "v", "number", "nummer", "reason", "for", "stay",
    "purpose", "residence", "street", "straat", "huisnummer", "doel", "verblijf", "ind",
    "client", "klantnummer", "full", "e-mail", "phone", "travel", "reisdocument", "birthplace",
    "birthdate", "geboorteplaats"})
_SIGNATURE_LABEL = re.compile(r"^(signature|handtekening)", re.IGNORECASE)

# The options of a yes/no question, as printed on every copy of the form, filled or not.
_OPTION_WORD = r"(?:yes|no|ja|nee|y|n|j)"
_OPTIONS = re.compile(rf"^\W*(?:\S{{0,3}}\s*)?{_OPTION_WORD}\b.*\b{_OPTION_WORD}\b\W*$",
                      re.IGNORECASE)
# A box as it reads while empty: OCR makes "O", "0", "D", "[]", "LJ" or "( )" of it.
_EMPTY_BOX = re.compile(r"^(?:[\[(|]\s*[\])|]|[O0oDQ□☐◻▢○◯]|LJ|\[\s*\]|\(\s*\))$")
# A box with a mark in it, as OCR reads it ("KI", "X]", "&", "%"): a cross-like letter or sign.
_MARKED_BOX = re.compile(r"^\S{0,2}[xX×KkVvWw✓✔✗✘☒☑■%&#¥@*]\S{0,2}$")
# Boxes drawn as characters: an empty one beside a filled one is a choice made.
_EMPTY_GLYPH = re.compile(r"[☐□○◯▢◻]")
_FILLED_GLYPH = re.compile(r"[■●◼▪☒☑✓✔]")
_OPTION_TOKENS = re.compile(rf"(\S{{1,4}})\s+({_OPTION_WORD})\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?\s*(.*)$")
# A bare answer to a question: "No", "Nee", "✓ No", "X  No", "No ✔", "■ no".
_BARE_ANSWER = re.compile(rf"^\W{{0,2}}(?:[xX✓✔✗✘■●]\s*)?{_OPTION_WORD}(?:\s*[xX✓✔■●])?\W{{0,2}}$",
                          re.IGNORECASE)


def answered_questions(text: str) -> list[str]:
    """Questions with one answer chosen: a bare "No" or "Nee" (with or without a mark) under or
    after the question, or one of the printed options marked while the others read as empty
    boxes. The printed "Yes / No" of a blank copy answers nothing."""
    found = []
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        question = _QUESTION_END.search(line)
        if question is None or len(line.split()) < 3:
            continue
        after = question.group(1).strip()
        following = [after] if after else []
        following += [x for x in lines[index + 1:index + 3] if x][:1 if after else 2]
        for candidate in following[:2]:
            if _TICKED.search(candidate):
                break  # counted as a ticked box already
            if _BARE_ANSWER.match(candidate) or _marked_option(candidate) or (
                    _EMPTY_GLYPH.search(candidate) and _FILLED_GLYPH.search(candidate)) \
                    or _mark_beside_option(candidate):
                found.append(line[:60])
                break
            if not _OPTIONS.search(candidate) or "?" in candidate:
                break  # the next line is the form going on, not this question's answer
    # A statement answered after its colon ("I agree to a TB test: Yes"); a blank copy
    # prints both options there, or a blank to write on.
    found.extend(line[:60] for line in lines if _STATEMENT_ANSWER.match(line)
                 and "?" not in line and not _BOTH_OPTIONS.search(line))
    return found


_STATEMENT_ANSWER = re.compile(rf"^(?:\S+\s+){{3,}}\S*:\s*(?:[xX✓✔]\s*)?{_OPTION_WORD}\W?$",
                               re.IGNORECASE)
# "... imposed an entry ban Yes : No": the printed options of a blank copy, a speck between
# them read as the colon. An answer after a colon is one option, not the last of two.
_BOTH_OPTIONS = re.compile(rf"\b{_OPTION_WORD}\s*:\s*{_OPTION_WORD}\W?$", re.IGNORECASE)
# A mark written beside one option where the options have no boxes: "Yes      No X",
# "v No   Yes", "Ja  X   Nee".
_LONE_MARK = re.compile(r"^(?:[xX×✓✔]|v|V)$")


def _mark_beside_option(line: str) -> bool:
    """Both options printed and one lone mark next to one of them."""
    tokens = line.replace("/", " ").split()
    options = [i for i, token in enumerate(tokens)
               if re.fullmatch(_OPTION_WORD + r"\W?", token, re.IGNORECASE)]
    marks = [i for i, token in enumerate(tokens) if _LONE_MARK.match(token)]
    if len(options) < 2 or len(marks) != 1 or len(tokens) > len(options) + 2:
        return False
    return any(abs(marks[0] - option) == 1 for option in options)


def _marked_option(line: str) -> bool:
    """One option's box reads as marked, and the others as empty: "O Yes KI No"."""
    boxes = [token for token, _ in _OPTION_TOKENS.findall(line)]
    if len(boxes) < 2:
        return False
    empty = [bool(_EMPTY_BOX.match(box)) for box in boxes]
    marked = [not e and bool(_MARKED_BOX.match(box)) for e, box in zip(empty, boxes,
                                                                        strict=True)]
    return sum(marked) == 1 and sum(empty) == len(boxes) - 1


# A signature typed as text: "/s/ P. Raman", "(signed) P. Raman", "Signed: P. Raman",
# "Signature: P. Raman", and a name on the line under an empty "Signature" label.
_TYPED_SIGNATURE = re.compile(
    r"(?:^|\s)/s/\s*[A-Z]|\((?:signed|getekend|w\.g\.)\)\s*[A-Z]"
    r"|^\s*(?:\d+[.)]\s*)?(?i:signature|handtekening|signed|getekend|ondertekend)"
    r"(?i:\s+(?:of|van)\s+(?:the\s+)?[a-z]+)?\s*[:|\t]\s*(?:/s/\s*)?"
    r"(?:[A-Z]\.\s*)*[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)*\s*$", re.MULTILINE)


# A statement with the person's details written into its blanks: "I, Priya Raman, born on
# 12-03-1990 in Chennai, declare ...", "Ondergetekende, P. Raman, geboren op ...". A blank
# copy has a line or dots there, or "the undersigned" in lowercase.
_FILLED_STATEMENT = re.compile(
    r"(?:^|[.:;]\s)\s*(?:I|Ik|The undersigned|Undersigned|De ondergetekende|Ondergetekende)"
    r"\s*,?\s+((?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]+)\s*(?:,|\(|\s(?:born|geboren|residing|"
    r"living|wonende|wonend|hereby|declare|verklaar|verklaart|agree|of|van)\b)", re.MULTILINE)


def filled_statements(text: str) -> list[str]:
    """Names written into a statement's blank ("I, ____, born on ____, declare")."""
    found = []
    for match in _FILLED_STATEMENT.finditer(text):
        words = [w.lower().strip(".,") for w in match.group(1).split()]
        if not all(_label_word(w) or w in _FORM_WORDS for w in words):
            found.append(match.group(1))
    return found


def typed_signature(text: str) -> bool:
    for match in _TYPED_SIGNATURE.finditer(text):
        name = re.sub(r"^.*?[:|\t)]|/s/", " ", match.group(0), count=1)
        words = [w.lower().strip(".") for w in name.split()]
        # "Signature | Handtekening", "Signature: Date": the next label, not a name.
        if not words or not all(not w or _label_word(w) for w in words):
            return True
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line, below in itertools.pairwise(lines):
        if re.fullmatch(r"(?:signature|handtekening)[^:]{0,40}:?", line, re.IGNORECASE) and \
                re.fullmatch(r"(?:/s/\s*)?(?:[A-Z]\.\s*)+[A-Z][a-z'-]+|/s/\s*[A-Z][a-z'-]+(?:"
                             r"\s+[A-Z][a-z'-]+)+", below):
            return True
    return False


@dataclass(frozen=True, slots=True)
class FilledVerdict:
    filled: bool | None
    reasons: tuple[str, ...]


# What a written answer looks like even where OCR was unsure of it: a name or place with a
# capital, a word in capitals, digits. A dotted leader comes out as lowercase strings.
_ANSWER_LIKE = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]{2,}|[A-Z]{3,})(?![a-z])|\d{2,}")


def label_values(text: str, *, answer_like: bool = False, below: bool = False) -> list[str]:
    """Field labels that have a value written after them on the same line (`answer_like`: a
    value that looks like an answer, for text OCR was not sure of; `below`: also an answer on
    the line under its label, for text layers, where lines come in the order they were typed)."""
    found = []
    waiting = ""  # a label with nothing after it: its answer may stand on the next line
    lines = text.splitlines()
    header: list[str] = []  # a grid's column labels: the row under them holds the answers
    for number, line in enumerate(lines):
        if header:
            found.extend(grid_answers(header, line))
            header = []
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if (columns := grid_header(line, following)) is not None:
            header, waiting = columns, ""
            continue
        line = re.sub(r"^\s*\|\s*", "", line)  # a table row: "| Label | Answer |"
        match = _LABEL_LINE.match(line)
        field = (match.group(1), match.group(2)) if match else _other_field(line)
        # A numbered field's answer stands after a wider space, where the patterns above
        # would take it for more of the label.
        numbered = _NUMBERED_FIELD.match(line)
        if (field is None or numbered) and (value := _any_field(line)) is not None:
            found.append(value)
            waiting = ""
            continue
        if field is None:
            if below and waiting and _answer_below(line) and _fits_label(waiting, line):
                found.append(waiting)
            if line.strip():
                waiting = ""
            # A label in any wording alone on its line, up to its colon ("Employee:"): its
            # answer may be the line under it.
            alone = _LABEL_ALONE.match(line)
            if alone and alone.group(1).lower().split()[0] not in _NOT_FIELDS:
                waiting = alone.group(1).lower()
            continue
        waiting = ""
        label, tail = field
        if match and re.search(r"[:\t]|\s\|", tail):
            # The label runs up to its separator ("Naam werknemer:", "Address in the
            # Netherlands:"): what stands before it is more label, never the answer.
            tail = re.split(r"[:\t]|\s\|", tail, maxsplit=1)[1]
        if re.search(r"_{3,}|\.{3,}|…", tail):
            # The same for the blank to write on ("Address in the Netherlands ______"): the
            # answer, if any, is written on or after it, or between its dots
            # ("Naam: ...... Priya Raman ......").
            tail = " ".join(re.split(r"_{3,}|\.{3,}|…+", tail)[1:])
        rest = re.sub(r"\([^)]*\)?", " ", _PLACEHOLDER.sub(" ", tail))  # "(if known)"
        rest = _LABEL_NOISE.sub(" ", rest)
        # Bilingual labels read "Achternaam / Surname": the second language is not an answer.
        rest = re.sub(r"^\s*/?\s*(" + "|".join(map(re.escape, _LABELS)) + r")\b", " ", rest,
                      flags=re.IGNORECASE)
        words = _PLACEHOLDER.sub(" ", rest).split()
        while words and _label_word(words[0].lower().strip("/-|")):
            words.pop(0)
        rest = " ".join(words)
        if len(re.findall(r"[A-Za-z0-9]", rest)) >= 2 and (
                not answer_like or reads_as_answer(rest)):
            found.append(label.lower())
        elif len(line.split()) <= 8 and not re.search(r"\s\|\s*$", line):
            # (A table row with its answer cell empty, "Nationality | ", was answered there or
            # not at all: the line under it is the next part of the form.)
            waiting = label.lower()
    return found


# What OCR makes of a dotted leader: strings of small letters, bits of one or two characters.
_LEADER_BIT = re.compile(r"\W*(?:[a-z]+\d{0,2}[a-z]*|\S{1,2})\W*")
_STRONG_ANSWER = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]{3,}|[A-Z]{4,})(?![a-z])|\d{3,}")


def reads_as_answer(rest: str) -> bool:
    """Writing OCR was unsure of that reads as an answer: a name or place with a capital, a
    word in capitals, digits. On a line that is mostly a dotted leader read as letters
    ("ee ere a ee ees eerste tp ... ON cya"), stray capitals come out of the dots too: there
    only a longer name or a number at the start of the line counts, where people write."""
    tokens = rest.split()
    if not _ANSWER_LIKE.search(rest):
        return False
    bits = sum(bool(_LEADER_BIT.fullmatch(token)) for token in tokens)
    if len(tokens) < 5 or bits < 0.6 * len(tokens):
        return True
    return any(_STRONG_ANSWER.search(token) and not _label_word(token.lower().strip(".,:;/|_"))
               for token in tokens[:3])


_LABEL_ALONE = re.compile(r"^\s*(?:\d+[.)]\s*)?([A-Za-zÀ-ÿ][\w'./()-]*(?:\s+[\w'./()-]+){0,3})"
                          r"\s*:\s*$")


def _cells(line: str) -> list[str]:
    """A table row's cells (an empty row of a blank grid reads ' |  |  | ')."""
    return re.split(r"\s*\|\s*", line.strip())


def grid_header(line: str, following: str) -> list[str] | None:
    """The column labels of a grid ("Surname | Given names | Date of birth", the answers in
    the row under it), or None. A row of three or more label cells — no digit, no blank to
    write on, no colon, one of them a known field label — over a row of as many cells: read
    as a label and its value, the other labels of the row would be one label's answer. A
    label-and-box row ("| Surname | ____ |", "| Geslacht (M/V) | Sex (M/F) | [  ] |") is not."""
    cells = _cells(line)
    labels = [cell for cell in cells if cell]
    if len(labels) < 3 or re.search(r"\d|_{2}|\.{3}|…|[\[\]:]", line) \
            or any(not re.sub(r"\([^)]*\)", "", _PLACEHOLDER.sub("", cell)).strip()
                   for cell in labels):  # a cell that is only a mask is a box to fill
        return None
    if len(_cells(following)) != len(cells) or "|" not in following:
        return None
    known = [cell for cell in labels if _LABEL_LINE.fullmatch(cell) or _other_field(cell)]
    return [cell.lower() for cell in cells] if known else None


def grid_answers(header: list[str], line: str) -> list[str]:
    """The column labels whose cell in the row under the grid's labels holds an answer (not
    a blank to write on, a mask, or another label)."""
    found = []
    for label, cell in zip(header, _cells(line), strict=False):
        value = _PLACEHOLDER.sub(" ", cell)
        if not label or len(re.findall(r"[A-Za-z0-9]", value)) < 2 or re.search(
                r"_{3,}|\.{3,}|…|\[\s*\]", value):
            continue
        if _LABEL_LINE.match(value) or _other_field(value) or all(
                _label_word(word.lower().strip(".,:()/")) for word in value.split()):
            continue
        found.append(label)
    return found


def _answer_below(line: str) -> bool:
    """A short line under an unanswered label that reads as its answer (a table cell or a
    box below the label), not as the next heading, question or label."""
    words = line.split()
    # Not a numbered heading ("2. Declaration", "2 Antecedents") or the page's footer.
    if not 1 <= len(words) <= 6 or re.match(r"^\s*\d+[.)]?\s+[A-Za-z]", line):
        return False
    if _FORM_FURNITURE.search(line) or _OPTIONS.search(line):
        return False
    # The next section's heading ("Deel C - Ondertekening", "Part 2 Declaration",
    # "Signing"): under the last field of a blank form it reads like a written name.
    cleaned = [w.lower().strip(".,;:/()|[]-") for w in words]
    if cleaned[0] in _NOT_FIELDS or _SECTION_WORDS.intersection(cleaned):
        return False
    # Another field or table row, a box to write in or a date mask: not an answer.
    if re.search(r"[|\t:\[\]]|\.{3}|_{3}|…", line) or _PLACEHOLDER.search(line):
        return False
    if line.rstrip().endswith((":", "?")) or not _ANSWER_LIKE.search(line):
        return False
    # Answers are names, places, numbers and dates; a lowercase word makes it a sentence
    # ("Please sign below"), unless it is a name particle or a month.
    if any(re.fullmatch(r"[a-z]{3,}", w.strip(".,;:()")) and w.strip(".,;:()") not in
           _LOWERCASE_IN_ANSWERS for w in words):
        return False
    return not all(not w or _label_word(w) for w in cleaned)


def _fits_label(label: str, line: str) -> bool:
    """Whether a line under a label can be its answer by what the label asks: a date has digits
    or a month, a signature or a name has letters. Under the last field of a blank scan stand
    the next heading ("Date of birth:" over "Antecedents") or the footer's form number
    ("Signature" over "7101 1/1"), which read like answers otherwise."""
    if re.search(r"\b(?:date|born|geboren|dob)\b|datum\b", label):
        return bool(re.search(r"\d", line) or re.search(rf"\b{_MONTH}", line))
    if re.search(r"name|naam|signature|handtekening|sign|teken", label):
        return len(re.findall(r"[^\W\d_]", line)) >= 2
    return True


_SECTION_WORDS = frozenset({"ondertekening", "signing", "ondertekenen", "declaration",
                            "verklaring", "statement"})


_LOWERCASE_IN_ANSWERS = frozenset({
    "van", "der", "den", "del", "von", "bin", "binti", "ten", "ter", "het", "dos", "das", "les",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januari", "februari", "maart", "mei", "juni", "juli",
    "augustus", "oktober"})


# A field line in someone else's wording: a short label naming what is asked, a separator
# (table cell, tab, colon, a run of spaces, dots or underscores), then the answer — or the
# label alone on its line, its answer below it.
_OTHER_FIELD = re.compile(
    r"^\s*(?:\d+[.)]\s*)?([^\t|:]{2,45}?)\s*(?:\t|\s\|\s|:|\s{3,}|\.{3,}|_{3,}|$)(.*)$")
_FIELD_STEMS = frozenset({
    "name", "names", "surname", "naam", "achternaam", "voornaam", "voornamen", "date", "datum",
    "birth", "born", "geboren", "geboortedatum", "geboorteplaats", "nationality", "nationaliteit",
    "citizenship", "passport", "paspoort", "document", "number", "nummer", "no", "nr", "place",
    "plaats", "woonplaats", "address", "adres", "country", "land", "sex", "gender", "geslacht",
    "email", "e-mail", "phone", "telephone", "telefoon", "city", "street", "postcode", "straat",
    "huisnummer", "signed", "getekend", "ondertekend", "client", "klantnummer", "first",
    "family", "given", "initials", "voorletters", "signature", "handtekening", "dob"})


_NUMBERED_FIELD = re.compile(r"^\s*\d+[.)]\s*\S.*?\S\s{2}\s*\S")
# Labels that are not fields: headings, notes and addressing printed on every copy.
_NOT_FIELDS = frozenset({
    "note", "notes", "nb", "n.b", "let op", "attention", "important", "belangrijk", "return",
    "send", "to", "from", "aan", "van", "subject", "onderwerp", "re", "betreft", "title",
    "titel", "part", "section", "deel", "onderdeel", "step", "stap", "appendix", "bijlage",
    "annex", "chapter", "question", "vraag", "attachment", "tip", "warning", "let", "please",
    "form", "formulier", "version", "versie", "page", "pagina", "ref", "example", "voorbeeld",
    "website", "www", "internet", "info", "information", "informatie", "contact", "gegevens",
    "details", "personal", "persoonsgegevens", "about", "over", "declaration", "verklaring"})
_ANY_FIELD = re.compile(r"^\s*(?:\d+[.)]\s*)?([A-Za-zÀ-ÿ][\w'./()-]*(?:\s+[\w'./()-]+){0,3})"
                        r"\s*(?::|\t|\s\|)\s*(.+?)\s*\|?\s*$"
                        # A numbered field: its answer after a wider space ("4. Signed at  Kyiv"),
                        # its label in two languages too ("1. Getekend te / Signed at  Kyiv").
                        r"|^\s*\d+[.)]\s*([A-Za-zÀ-ÿ][\w'./()-]*(?:\s[\w'./()|-]+){0,7})\s{2,}"
                        r"(\S.*?)\s*$")


def _any_field(line: str) -> str | None:
    """A field in wording no list here knows ("Employer: Brightwave B.V.", "Mobile | +31 6
    1234"): a short label, its separator, and a value that reads as an answer (names, numbers,
    dates), not as a sentence or more form text."""
    match = _ANY_FIELD.match(line)
    if match is None or _FORM_FURNITURE.search(line):
        return None
    label, answer = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    if _OPTIONS.search(answer):
        return None
    label = label.lower()
    words = re.findall(r"[a-zà-ÿ.]+", label)
    if not words or words[0].strip(".") in _NOT_FIELDS or label in _NOT_FIELDS:
        return None
    value = _PLACEHOLDER.sub(" ", answer)
    tokens = [t.strip(".,;:()[]|") for t in value.split()]
    if not _ANSWER_LIKE.search(value) or len(tokens) > 6 or re.search(r"[:?]|\.{3}|_{2}", value):
        return None
    if any(re.fullmatch(r"[a-z]{3,}", t) and t not in _LOWERCASE_IN_ANSWERS for t in tokens):
        return None
    # Any word of a label or heading makes it the other half of a bilingual label or title
    # ("Verklaring en ondertekening | Declaration"), not an answer.
    if any(_label_word(t.lower()) or t.lower() in _FORM_WORDS for t in tokens if t):
        return None
    return label


_FORM_WORDS = frozenset({
    "declaration", "verklaring", "form", "formulier", "test", "screening", "intent", "statement",
    "antecedents", "antecedenten", "details", "gegevens", "section", "part", "deel", "tb", "tbc",
    "tuberculosis", "tuberculose", "consent", "toestemming", "applicant", "aanvrager",
    "personal", "persoonsgegevens", "criminal", "record", "appendix", "bijlage", "yes", "no",
    "ja", "nee"})


def _other_field(line: str) -> tuple[str, str] | None:
    match = _OTHER_FIELD.match(line)
    if not match:
        return None
    words = re.findall(r"[a-z-]+", match.group(1).lower())
    if not 1 <= len(words) <= 6 or not _FIELD_STEMS.intersection(words):
        return None
    return match.group(1).strip(), match.group(2)


_LABEL_WORDS = frozenset(w for label in _LABELS for w in label.split()) | {
    "dd-mm-yyyy", "dd-mm-jjjj", "(dd-mm-yyyy)", "(dd-mm-jjjj)", "(if", "known)", "(indien",
    "bekend)", "(m/f)", "(m/v)", "/", "of", "the", "van", "de", "birth", "geboorte",
    # The next field's label on the same line ("Place and date: ____ Signature: ____").
    "signature", "signatures", "handtekening", "ondertekening", "sign", "signed", "and", "en"}


_NOT_AN_ANSWER = _LABEL_TAIL | _LABEL_WORDS | {""} | {
    # Headings and titles that stand beside a label in the other language.
    "declaration", "verklaring", "form", "formulier", "details", "gegevens", "section", "part",
    "deel", "personal", "persoonsgegevens", "statement", "about", "over", "you", "u"}
_LONG_LABEL_WORDS = tuple(sorted(w for w in _NOT_AN_ANSWER if len(w) >= 4))


def _label_word(word: str) -> bool:
    """A word of the label itself, also as OCR misreads it ("Nare" for "Name", "b1rth")."""
    if word in _NOT_AN_ANSWER:
        return True
    if len(word) < 4:
        return False
    if any(_one_edit(word, known) for known in _LONG_LABEL_WORDS):
        return True
    # Two label words OCR ran together ("ofbirth", "placeof").
    if any(word[:i] in _NOT_AN_ANSWER and word[i:] in _NOT_AN_ANSWER
           for i in range(2, len(word) - 1)):
        return True
    # Longer words survive two misread letters ("ccunfry" for "country").
    return len(word) >= 6 and any(
        len(known) >= 6 and SequenceMatcher(None, word, known).ratio() >= 0.7
        for known in _LONG_LABEL_WORDS)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def values_beside_labels(page: Page) -> list[str]:
    """On a scan, labels and the boxes beside them are separate blocks to tesseract: look for
    words to the right of a label word, on the same line of the page."""
    found = []
    for label in page.words:
        name = label.text.lower().strip(":")
        if name not in _LABELS_BY_FIRST_WORD:
            continue
        line = sorted((w for w in page.words if w.left > label.right and abs(
            (w.top + w.bottom) / 2 - (label.top + label.bottom) / 2) < label.height),
            key=lambda w: w.left)
        # Words that follow at the spacing of words are more of the label ("Address in the
        # Netherlands:"); the answer stands after the gap of the box or line it is written on.
        edge, last = label.right, label.text
        while line and line[0].left - edge < 2 * label.height and not last.endswith(":"):
            word = line.pop(0)
            edge, last = word.right, word.text
        beside = [w for w in line
                  if w.left > edge + 2 * label.height
                  and w.confidence >= 40 and w.text.lower().strip("|/[]():") not in _LABEL_WORDS
                  and not w.text.endswith(":")
                  and len(re.findall(r"[A-Za-z0-9]", w.text)) >= 2]
        if beside:
            found.append(name)
    return found


_LABELS_BY_FIRST_WORD = frozenset({"surname", "achternaam", "voornamen", "geboortedatum",
                                   "geboorteplaats", "nationality", "nationaliteit", "v-number",
                                   "v-nummer", "place", "plaats", "datum", "date", "sex",
                                   "geslacht", "address", "adres", "paspoortnummer"})


def judge(pages: list[Page], form_fields: dict[str, str] | None,
          signature_images: int = 0, answered_controls: int = 0,
          script_signatures: int = 0) -> FilledVerdict:
    """`signature_images`: pictures where a signature goes (a DOCX's signature line);
    `answered_controls`: a DOCX's content controls and legacy text fields that hold a value;
    `script_signatures`: names typed in a handwriting font where a DOCX is signed."""
    if form_fields:
        answered = [name for name, value in form_fields.items() if value]
        if not answered:
            return FilledVerdict(False, (f"blank: all {len(form_fields)} form fields are empty",))
        return FilledVerdict(True, (f"filled in: {len(answered)} of {len(form_fields)} "
                                    "form fields have a value",))
    # Typed text layers; what OCR read; the part of it OCR was sure of (line-wise throughout,
    # so the order of the pages does not matter).
    typed = "\n".join(page.text for page in pages if not page.ocr)
    ocr_text = "\n".join(page.text for page in pages if page.ocr)
    read = "\n".join(_confident_text(page) for page in pages if page.ocr)
    # OCR reads a page top to bottom, so an answer written on the line under its label (an
    # answer box below the label) follows it, as in a text layer; only what OCR was sure of.
    labelled = (label_values(typed, below=True) + label_values(read, below=True)
                or label_values(ocr_text, answer_like=True)
                or [v for page in pages for v in values_beside_labels(page)])
    # A value in a Word field is the same answer its label line shows: the larger count, not
    # both, so one answer is never two signs.
    fields = max(len(labelled), answered_controls)
    dates = answer_dates(f"{typed}\n{read}")
    ticks = _TICKED.findall(f"{typed}\n{ocr_text}")
    questions = answered_questions(f"{typed}\n{ocr_text}")
    # A name written into the statement is the same answer as a name field on a form that has
    # both; it counts only where no field was read.
    written_in = [] if fields else filled_statements(f"{typed}\n{read}")
    fields += len(written_in)
    unsure = label_values(ocr_text)
    signature = _signature_sign(pages, signature_images) or (
        "a name typed in a handwriting font where one signs" if script_signatures else "") or (
        "a typed signature" if typed_signature(f"{typed}\n{read}") else "")
    signs = []
    if fields:
        signs.append(f"{fields} answered fields")
    if dates:
        signs.append(f"{len(dates)} written dates")
    if ticks:
        signs.append(f"{len(ticks)} ticked boxes")
    if questions:
        signs.append(f"{len(questions)} answered questions")
    if signature:
        signs.append(signature)
    answers = fields + len(dates) + len(ticks) + len(questions)
    if answers >= 2 or (answers >= 1 and signature):
        return FilledVerdict(True, ("filled in: " + ", ".join(signs),))
    if not any(page.text.strip() for page in pages):
        return FilledVerdict(None, ("could not tell whether the form is filled in",))
    if signature and answers == 0:
        # Ink where a signature goes, and not one answer read: a signed form whose writing OCR
        # cannot read, or a blank one with a stamp or print in its box. HR looks.
        return FilledVerdict(None, (f"could not tell whether the form is filled in: {signature} "
                                    "but no answers were read",))
    if answers == 1 or len(unsure) >= 2:
        # One answer alone, or something after several labels that OCR was not sure of
        # (handwriting on a dotted line, or the dots themselves): not ours to decide, HR looks.
        unclear = f"the writing after {len(unsure)} field labels is unclear"
        return FilledVerdict(None, ("could not tell whether the form is filled in: "
                                    + (", ".join(signs) if answers else unclear),))
    if ocr_text.strip() and not typed.strip() and len(field_labels(ocr_text)) < _LABELS_SEEN_EMPTY:
        # Blank is said on positive signs of emptiness: the form's fields read, and nothing
        # after them. Where OCR read too little of the page to find its fields (a tilted, small
        # or dim photo), their emptiness was not seen: HR looks.
        return FilledVerdict(None, ("could not tell whether the form is filled in: too few of "
                                    "its field labels were read to see them empty",))
    return FilledVerdict(False, ("blank: no answers, dates or signature found"
                                 + (f" ({', '.join(signs)} is not enough)" if signs else ""),))


# How many field labels OCR must have read on a form page to call the fields empty.
_LABELS_SEEN_EMPTY = 2


def field_labels(text: str) -> list[str]:
    """The lines of a text that read as a field's label (with or without an answer)."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"^\s*\|\s*", "", line)
        if _LABEL_LINE.match(line) or _other_field(line) or _LABEL_ALONE.match(line):
            found.append(line.strip()[:40])
    return found


# Tesseract reads a dotted leader or a row of letter boxes as long strings of letters, with a
# confidence far below that of print or handwriting: such words are not answers.
_LEADER_CONFIDENCE = 40


def _confident_text(page: Page) -> str:
    """An OCR'd page's text without the words OCR was not sure of, line by line."""
    if not page.words:
        return page.text
    lines: dict[tuple[int, int, int], list[str]] = {}
    for word in page.words:
        if word.confidence >= _LEADER_CONFIDENCE:
            lines.setdefault(word.line_key, []).append(word.text)
    return "\n".join(" ".join(words) for words in lines.values())


# Lines that belong to the printed form, not to the person: a version date, a page footer.
_FORM_FURNITURE = re.compile(
    r"\b(?:version|versie|updated|bijgewerkt|revised|revision|rev\.|page|pagina|blz|edition|"
    r"editie|uitgave|printed|gedrukt|copyright|valid from|geldig vanaf|form(?:ulier)?\s*(?:no\.?|"
    r"nr\.?|code)?\s*[A-Z0-9-]*\d|v\.\s?(?:19|20)\d\d)\b|©|www\.|https?:"
    # An example of how to write a date, and where the form goes or what it is filed under.
    r"|\b(?:example|for instance|e\.g\.|bijv(?:oorbeeld)?\.?|voorbeeld|ref\.|reference|"
    r"kenmerk|our ref|ons kenmerk|return (?:this|the) form|send (?:this|the) form|retour|"
    r"terugsturen|postbus|p\.o\. box)", re.IGNORECASE)


def answer_dates(text: str) -> list[str]:
    """Dates written as answers: every digit date except those on a version or page line, or
    beside nothing but a form code ("7601 (05-11-2020)")."""
    found = []
    for line in text.splitlines():
        dates = _DIGIT_DATE.findall(line)
        if not dates or _FORM_FURNITURE.search(line):
            continue
        rest = re.findall(r"[^\s()\[\],;|·]+", _DIGIT_DATE.sub(" ", line).replace(" - ", " "))
        if rest and all(re.search(r"\d", token) for token in rest):
            continue
        found.extend(dates)
    return found


def _signature_sign(pages: list[Page], signature_images: int) -> str:
    if signature_images:
        return "a signature image"
    for page in pages:
        if page.drawn_marks:
            return "a drawn signature"
        if page.image is not None and page.words and signature_ink(page):
            return "ink in the signature box"
    return ""


def signature_ink(page: Page) -> bool:
    """Ink inside the box to the right of the 'Signature' label of a scanned form."""
    return any(inked_signature_labels(page))


def inked_signature_labels(page: Page, labels: re.Pattern[str] = _SIGNATURE_LABEL) -> list[
        bool]:
    """For each signature label of a scanned page, in reading order: is there ink in its box?
    A box ends where the next label on its line begins, so that two places side by side
    ("Signature partner 1 ...  Signature partner 2 ...") are judged each on its own."""
    assert page.image is not None
    found = [w for w in page.words if labels.match(w.text)]
    image = page.image
    printed = _printed_lines(page.words)
    inked = []
    for label in found:
        line_height = max(label.height, 10)
        ends = [w.left - line_height // 2 for w in found
                if w.line_key == label.line_key and w.left > label.right]
        boxes = [(label.right + 2 * line_height, label.top - line_height,
                  min(image.width, label.right + int(image.width * 0.45), *ends),
                  min(image.height, label.top + 9 * line_height))]
        if _caption(page, label):
            # "Signature of the applicant" printed under the line signed on: the ink is above.
            boxes.append((max(0, label.left - line_height), max(0, label.top - 5 * line_height),
                          min(image.width, label.left + int(image.width * 0.45), *ends),
                          max(0, label.top - line_height // 4)))
        # The label's own line is not print to mask: a signature read as words stands there.
        masked = printed - {label.line_key}
        inked.append(any(_ink_in(page, box, masked) for box in boxes))
    return inked


def ink_in_box(page: Page, box: tuple[int, int, int, int]) -> bool:
    """Handwriting in one region of a scanned page (pixels: left, top, right, bottom), its
    printed words and rules not counted."""
    assert page.image is not None
    image = page.image
    clipped = (max(0, box[0]), max(0, box[1]), min(image.width, box[2]), min(image.height, box[3]))
    return _ink_in(page, clipped, _printed_lines(page.words))


# A rule printed to sign on, as a scan shows it: a dark run across at least a seventh of the
# page's width, a few pixels thick.
_RULE_SHARE = 1 / 7
_RULE_MAX_PIXELS = 10


def scanned_rules(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """The horizontal rules of a scanned page (left, top, right, bottom in pixels), top to
    bottom: rows whose dark pixels run on unbroken (a gap of a pixel or two aside) for a
    seventh of the width; text, whose dark runs are a letter wide, has none. Pure."""
    grey = np.asarray(ImageOps.autocontrast(image.convert("L"), cutoff=1), dtype=np.uint8)
    dark = grey < 110
    # Close the gaps of a pixel or two a scan leaves in a printed rule, and let a rule a photo
    # shows slightly aslant run on in the rows next to it.
    dark[:, 1:-1] |= dark[:, :-2] & dark[:, 2:]
    dark[1:-1] |= dark[:-2] | dark[2:]
    wanted = max(40, int(image.width * _RULE_SHARE))
    found: list[list[int]] = []
    for y in np.nonzero(dark.mean(axis=1) >= _RULE_SHARE)[0]:
        row = np.concatenate(([0], dark[y].astype(np.int8), [0]))
        edges = np.flatnonzero(np.diff(row))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if end - start < wanted:
                continue
            rule = next((r for r in found if r[3] >= y - 1 and r[0] < end and start < r[2]), None)
            if rule is None:
                found.append([int(start), int(y), int(end), int(y)])
            else:
                rule[:] = [min(rule[0], int(start)), rule[1], max(rule[2], int(end)), int(y)]
    # Less the row the run was let on into above and below it.
    return [(r[0], r[1] + 1, r[2], r[3]) for r in found if r[3] - r[1] < _RULE_MAX_PIXELS]


def _caption(page: Page, label: Word) -> bool:
    """A signature label that is a caption (no colon on its line, nothing written after it):
    the line to sign on is above it, not beside it."""
    line = [w for w in page.words if w.line_key == label.line_key]
    return not any(w.text.rstrip().endswith(":") for w in line)


# Grey levels below the paper that are ink, not grain: scans and phone photos vary by about 10
# around their paper's level; pencil and pale ballpoint are 60 and more below it.
_INK_BELOW_PAPER = 40


def _ink_in(page: Page, box: tuple[int, int, int, int],
            printed_lines: set[tuple[int, int, int]]) -> bool:
    """Handwriting in one region of a scanned page: printed words and rules removed."""
    assert page.image is not None
    image = page.image
    if box[2] - box[0] < 50 or box[3] - box[1] < 30:
        return False
    crop = image.crop(box)
    region = ImageOps.autocontrast(crop, cutoff=1)
    # Darker than the paper by more than a scan's grain: on an empty box (a rule and paper)
    # the contrast stretch alone makes ink of the grain, once the rule is under its 1 % cutoff.
    grey = np.asarray(crop.convert("L"), dtype=np.int16)
    ink = (np.asarray(region, dtype=np.uint8) < 110) & (grey < np.median(grey) - _INK_BELOW_PAPER)
    for word in page.words:
        # Printed words (the rest of a long label, a footer, its postcode and example date)
        # are the form, not the signer; so are the words OCR was unsure of on a line of print
        # (`printed_lines`: the statement under a "Signature" heading); and a field's label
        # however unsure ("Datum /").
        letters = re.sub(r"[^A-Za-z0-9]", "", word.text)
        if len(letters) >= 2 and (word.confidence >= 50 or word.line_key in printed_lines
                                  or (len(letters) >= 4 and letters.lower() in _NOT_AN_ANSWER)):
            ink[max(0, word.top - box[1] - 3):max(0, word.bottom - box[1] + 3),
                max(0, word.left - box[0] - 3):max(0, word.right - box[0] + 3)] = False
    ink = _without_specks(_without_straight_lines(ink))
    return bool(ink.mean() > 0.004 and _stroke_rows(ink) >= 4)


# The most pixels a speck of dust or scanner grain covers; a pen stroke, even a pale one, joins
# many more.
_SPECK_PIXELS = 8


def _without_specks(ink: np.ndarray) -> np.ndarray:
    """Drop the ink of specks: 8-connected groups of a few pixels. A dusty or noisy scan strews
    dark dots over an empty signature box that add up to as much ink as a short signature."""
    remaining = {(int(y), int(x)) for y, x in zip(*np.nonzero(ink), strict=True)}
    cleaned = np.zeros_like(ink)
    while remaining:
        group = [remaining.pop()]
        index = 0
        while index < len(group):
            y, x = group[index]
            index += 1
            for dy, dx in _NEIGHBOURS:
                if (y + dy, x + dx) in remaining:
                    remaining.discard((y + dy, x + dx))
                    group.append((y + dy, x + dx))
        if len(group) > _SPECK_PIXELS:
            for y, x in group:
                cleaned[y, x] = True
    return cleaned


_NEIGHBOURS = tuple((dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)


def _printed_lines(words: Sequence[Word]) -> set[tuple[int, int, int]]:
    """The lines of a page that OCR read as print: three or more words, most of them sure."""
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line_key, []).append(word)
    return {key for key, line in by_line.items()
            if len(line) >= 3 and sum(w.confidence >= 50 for w in line) >= 0.6 * len(line)}


def _without_straight_lines(ink: np.ndarray) -> np.ndarray:
    """Drop rows and columns that are mostly ink: box borders and rules, not handwriting."""
    cleaned = ink.copy()
    for axis in (1, 0):
        lines = np.nonzero(ink.mean(axis=axis) > 0.25)[0]
        # A slightly crooked rule spreads over neighbouring rows: drop those too.
        near = np.unique(np.clip(np.concatenate([lines + d for d in range(-3, 4)]), 0,
                                 ink.shape[1 - axis] - 1)) if len(lines) else lines
        if axis == 1:
            cleaned[near, :] = False
        else:
            cleaned[:, near] = False
    return cleaned


def _stroke_rows(ink: np.ndarray) -> int:
    """How many separate row bands hold ink: a signature spans many, a speck one or two."""
    rows = ink.any(axis=1)
    return int(rows.sum() // 4)


def image_has_ink(image: Image.Image) -> bool:
    ink = np.asarray(ImageOps.autocontrast(image.convert("L")), dtype=np.uint8) < 110
    return bool(ink.mean() > 0.002)
