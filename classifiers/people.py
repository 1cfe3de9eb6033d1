"""Who a document is about: the names and birth dates written on it, with the role each has.

A form names its holder in fields ("Surname: SANTOS", "Voornamen ... Maria"), in a first-person
statement ("I, the undersigned, Maria Santos, born on 12 March 1990") or both; a certificate
names its parties in sections ("Bride", "Gegevens van het kind", "Father"). The reader is
vocabulary, not templates: field labels and section words in the languages candidates' papers
come in (English, Dutch, German, French, Spanish, Portuguese), values after a colon, a tab,
dotted leaders, a wide gap, a single space after a whole label, or on the next line.

Pure: text in, `PersonMention`s out. It never reads the file name, and it says nothing rather
than guess: a value that does not look like a name is no name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from classifiers.types import Kind, PersonMention

# ------------------------------------------------------------------------------ vocabulary

SURNAME_LABELS = (
    "surname", "surnames", "family name", "last name", "name at birth", "maiden name",
    "achternaam", "geslachtsnaam", "familienaam", "nachname", "familienname",
    "nom de famille", "nom", "apellidos", "apellido", "sobrenome", "apelido", "cognome",
    "soyadı", "soyadi", "geburtsname", "nom de naissance",
)
GIVEN_LABELS = (
    "given names", "given name", "first names", "first name", "forenames", "forename",
    "christian names", "voornamen", "voornaam", "vornamen", "vorname", "prénoms", "prénom",
    "prenoms", "prenom", "nombres", "nombre", "nomes próprios", "nome próprio", "adı", "adi",
)
FULL_NAME_LABELS = (
    "name and surname", "names and surnames", "first and last name", "surname and given names",
    "surname and first names", "surname and forenames", "naam en voornamen",
    "achternaam en voornamen", "geslachtsnaam en voornamen", "nombre y apellidos",
    "nom et prénoms", "nome e apelido",
    "full name", "full names", "name in full", "name", "names", "volledige naam", "naam",
    "namen", "name und vorname", "vollständiger name", "nom complet", "nombre completo",
    "nome completo", "nome", "name of the applicant", "name of applicant", "naam van de aanvrager",
    "naam aanvrager", "adı soyadı", "adi soyadi", "ad soyad", "nome e cognome",
    "cognome e nome", "nom et prénom", "naam en voornaam", "don/doña", "sr./sra.",
)
BIRTH_LABELS = (
    "date of birth", "birth date", "birthdate", "date and place of birth", "born on", "born",
    "d.o.b.", "dob", "geboortedatum", "geboortedatum en -plaats", "geboren op", "geboren",
    "geburtsdatum", "geboren am", "date de naissance", "né le", "née le", "né(e) le",
    "fecha de nacimiento", "nacido el", "nacida el", "data de nascimento", "nascido em",
    "nascida em", "data di nascita", "nato il", "nata il", "geb. am", "geboren am",
    "doğum tarihi", "dogum tarihi", "doğum yeri/tarihi", "dogum yeri/tarihi",
    "fecha nacimiento", "date of birth (dd/mm/yyyy)",
)

# Section and label qualifiers that say whose fields follow, most specific first.
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consenting_parent", ("consenting parent", "parent giving consent", "parent who consents",
                           "toestemmende ouder", "ouder die toestemming geeft",
                           "the parent who stays", "achterblijvende ouder")),
    ("child", ("child", "the child", "minor", "son", "daughter", "kind", "het kind",
               "minderjarige", "zoon", "dochter", "enfant", "hijo", "hija", "filho", "filha",
               "figlio", "figlia", "çocuk", "cocuk")),
    ("parent", ("father", "mother", "parent 1", "parent 2", "first parent", "second parent",
                "parents", "parent", "vader", "moeder", "ouder 1", "ouder 2", "ouders",
                "ouder", "vater", "mutter", "eltern", "père", "mère", "padre", "madre",
                "pai", "mãe", "padres", "pais", "genitori", "genitore", "filiação", "filiacao",
                "filiación", "baba", "ana adı", "ana adi", "anne adı", "anne adi")),
    ("spouse", ("spouse", "spouses", "husband", "wife", "bride", "groom", "bridegroom",
                "echtgenoot", "echtgenote", "echtgenoten", "bruid", "bruidegom", "ehemann",
                "ehefrau", "époux", "épouse", "esposo", "esposa", "cônjuge", "marido",
                "mulher", "nubente", "nubentes", "contrayente", "contrayentes", "sposo", "sposa",
                "sposi", "eheschließende", "ehegatte", "ehegattin")),
    ("partner", ("partner 1", "partner 2", "first partner", "second partner", "partners",
                 "partner", "partnerin", "partenaire", "pareja", "companheiro", "companheira",
                 "lebenspartner", "lebenspartnerin", "lebenspartner/in", "lebenspartner/in 1",
                 "lebenspartner/in 2", "lebenspartner 1", "lebenspartner 2")),
    ("holder", ("applicant", "holder", "the undersigned", "undersigned", "declarant",
                "aanvrager", "ondergetekende", "antragsteller", "demandeur", "solicitante",
                "requerente", "personal details", "personal data", "persoonsgegevens",
                "your details", "uw gegevens")),
)

# What a document's plain subject is called when no section says otherwise.
DEFAULT_ROLE = {
    Kind.MARRIAGE_CERTIFICATE: "spouse",
    Kind.PARTNERSHIP_CERTIFICATE: "partner",
    Kind.RELATIONSHIP_DECLARATION: "partner",
    Kind.BIRTH_CERTIFICATE: "child",
    Kind.PARENTAL_CONSENT: "consenting_parent",
}

MONTHS = {
    name: number
    for number, names in enumerate((
        ("january", "jan", "januari", "janvier", "enero", "janeiro", "januar", "jänner"),
        ("february", "feb", "februari", "février", "fevrier", "febrero", "fevereiro", "februar"),
        ("march", "mar", "maart", "mars", "marzo", "março", "marco", "märz", "maerz", "mrt"),
        ("april", "apr", "avril", "abril"),
        ("may", "mei", "mai", "mayo", "maio"),
        ("june", "jun", "juni", "juin", "junio", "junho"),
        ("july", "jul", "juli", "juillet", "julio", "julho"),
        ("august", "aug", "augustus", "août", "aout", "agosto"),
        ("september", "sep", "sept", "septembre", "septiembre", "setembro"),
        ("october", "oct", "okt", "oktober", "octobre", "octubre", "outubro"),
        ("november", "nov", "novembre", "noviembre", "novembro"),
        ("december", "dec", "dez", "décembre", "decembre", "diciembre", "dezembro", "dezember"),
    ), start=1)
    for name in names
}

# Words that continue a label or belong to the form's furniture, never a name.
NOT_NAME_WORDS = frozenset("""
    and of the or in as on at to for from by with your his her their this that which
    en van de het der des du la le les et ou y e do da dos das und oder von zu im
    address adres adresse date datum place plaats signature handtekening nationality
    nationaliteit employer werkgever passport paspoort number nummer birth geboorte born
    geboren country land sex gender geslacht block capitals letters print applicant
    child parent father mother spouse partner see page section field required optional
    not applicable n/a yes no ja nee city town street postcode telephone phone email
    e-mail name naam surname voornaam voornamen achternaam given first last full
    party
""".split())  # noqa: SIM905 - a paragraph of words reads better than a list of strings

# Two fields on one line: table cells, tab stops, a wide gap, a bar.
_CELL_GAP = re.compile(r"\t+|\s{3,}|\s+\|\s+")
_FILLERS = re.compile(r"[._…_\-–—]{2,}|_+")
# A bilingual label's other languages after slashes, up to the separator.
_ROLE_PREFIX = "|".join(re.escape(word) for _, words in ROLE_WORDS for word in words)
_TRANSLATED = re.compile(rf"^(?:\s*/\s*(?:(?i:{_ROLE_PREFIX})\s*[:：]\s*)?"  # "/ Vater: Vornamen"
                         r"[^\W\d_][^/:：\t]{0,40}?"
                         r"(?=\s*(?:/|[:：\t]|\s{2,}|[._…]{2,}|\.\s|$)))+")
_HINT = re.compile(r"^(?:\s*\([^)]{0,40}\))+")
# A leader's last dot alone ("Father: Forenames . Tiago André") separates as the whole leader.
_SEPARATOR = re.compile(r"^\s*(?:[:：]|\t|\s{2,}|[._…]{2,}|_+|[-–—]\s|\s\.\s)\s*")
_NAME_CHARS = re.compile(r"^[^\W\d_][^\W\d_'’ .\-]*(?:[ '’.\-]+[^\W\d_][^\W\d_'’.\-]*)*\.?$")


@dataclass
class _Draft:
    role: str
    surname: str = ""
    given: str = ""
    full: str = ""
    birth_date: date | None = None
    lines: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        if self.given or self.surname:
            return " ".join(part for part in (self.given, self.surname) if part)
        return self.full

    def fill(self, slot: str, value: str, line: int) -> None:
        self.lines.append(line)
        if slot == "birth":
            self.birth_date = date.fromisoformat(value)
        elif slot == "full" and self.surname and not self.given:
            # "Cognome: FERRARI / Nome: Luca": a name field after the surname is the rest of it,
            # unless it holds the whole name again.
            if name_key(self.surname) <= name_key(value):
                self.surname, self.full = "", value
            else:
                self.given = value
        else:
            setattr(self, slot, value)

    def wants(self, slot: str) -> bool:
        """Whether this person still has room for the slot (a second surname is a new person)."""
        if slot == "birth":
            return self.birth_date is None
        if slot == "full":
            return not self.name or (bool(self.surname) and not self.given)
        return not getattr(self, slot) and not self.full


def read_people(text: str, kind: Kind) -> tuple[PersonMention, ...]:
    """The persons `text` names, in reading order. A passport's holder comes from its MRZ;
    any other paper is read, so that one HR places by hand still says whom it names."""
    if kind is Kind.PASSPORT or not text.strip():
        return ()
    default = DEFAULT_ROLE.get(kind, "holder")
    month_first = month_first_paper(text)
    drafts: list[_Draft] = []
    section = default
    lines = [_plain_line(line) for line in text.splitlines()]
    # A table with a column per person ("HUSBAND    WIFE"), until a blank line: each column's
    # role and the person its rows fill in.
    columns: list[str] = []
    column_drafts: list[_Draft | None] = []
    for number, line in enumerate(lines):
        if not line:
            columns = []
            continue
        heading = _section_role(line)
        if heading is not None:
            section, columns = heading, []
            continue
        cells = _cells(line)
        below = lines[number + 1] if number + 1 < len(lines) else ""
        under = _cells(below)
        roles = [_section_role(cell) for cell in cells]
        if len(cells) > 1 and all(roles):
            columns = [role for role in roles if role]
            column_drafts = [None] * len(columns)
            continue
        if columns and (row := _column_row(cells, under, len(columns))) is not None:
            label, values = row
            for index, (role, value) in enumerate(zip(columns, values, strict=True)):
                for slot, _, found in _fields(f"{label}: {value}", "", role, month_first):
                    draft = column_drafts[index]
                    if draft is None or not draft.wants(slot):
                        draft = column_drafts[index] = _Draft(role)
                        drafts.append(draft)
                    draft.fill(slot, found, number)
            continue
        if (header := _header_row(cells, under)) is not None:
            # A table's header row: each label's answer is the cell below it.
            pairs = list(zip(header, under, strict=True))
        else:
            # A label alone in its cell: the answer is the next cell, or the next line.
            pairs = [(cell, cells[index + 1] if index + 1 < len(cells) else below)
                     for index, cell in enumerate(cells)]
        for cell, answer in pairs:
            for slot, role, value in _fields(cell, answer, section, month_first):
                if slot == "surname" and _MAIDEN.search(cell) and any(
                        number in d.lines and d.name for d in drafts):
                    # "MOTHER'S NAME: RACHEL ANNE CARTER   MAIDEN SURNAME: LOPEZ": the birth
                    # name of the person just named on the line, not another person.
                    continue
                if role is None and slot in ("surname", "given") and drafts \
                        and drafts[-1].role != section and drafts[-1].lines \
                        and number - drafts[-1].lines[-1] <= 1 and drafts[-1].wants(slot):
                    # "3 Husband: surname BALOGUN / 4 forenames EMEKA": the role named on a
                    # surname's label goes on to the given names right under it (not to a
                    # birth date: "Baba Adı: Ahmet / Doğum Tarihi" is the child's).
                    role = drafts[-1].role
                _place(drafts, slot, role or section, value, number)
    flat = " ".join(text.split())
    _family_surname(drafts)
    for mention in (*_statements(flat, default, month_first), *_prose(text, default),
                    *_born_clauses(text, default, month_first)):
        drafts.append(_Draft(mention.role, full=mention.name, birth_date=mention.birth_date))
    return _unique(drafts)


def _family_surname(drafts: list[_Draft]) -> None:
    """A birth record that gives the parents' given names only ("Baba Adı: Mehmet Emre", as a
    Turkish register's extract does) names them by the family's surname, the child's: the
    parent is "Mehmet Emre KAYA", not a person called "Mehmet Emre"."""
    child = next((d for d in drafts if d.role == "child" and d.surname), None)
    if child is None:
        return
    for draft in drafts:
        if draft.role == "parent" and draft.given and not draft.surname and not draft.full:
            draft.surname = child.surname


# ------------------------------------------------------------------------------ lines

_MAIDEN = re.compile(r"\b(?:maiden|birth name|name at birth|geboortenaam|meisjesnaam|"
                     r"geburtsname|nom de naissance|nom de jeune fille)\b", re.IGNORECASE)


def _plain_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").strip(" \t|*#>")
    return _OCR_LETTER_WORD.sub(lambda m: m.group(0).replace("0", "o").replace("1", "l"), line)


# A word of letters with a 0 or 1 among them is what OCR makes of an o or l (`geb0ren`, `0F`):
# names and labels hold no digits, and dates are read from digits (`parse_date` undoes it).
# A word whose only letters are O and l (`1O`) is a number OCR misread, not a word.
_OCR_LETTER_WORD = re.compile(r"\b(?=[^\W_]*[^\W\d_OoIl])(?=[^\W_]*[01])(?:[^\W\d_]|[01])+\b")


def _cells(line: str) -> list[str]:
    return [cell for cell in _CELL_GAP.split(line) if cell.strip()]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _section_role(line: str) -> str | None:
    """A line that is only a role heading ("Bride", "2. Gegevens van de moeder")."""
    words = _fold(re.sub(r"^[\dIVX]+[.)]\s*|[:：]\s*$", "", line))
    words = re.sub(r"^(?:details|particulars|data|gegevens|personalia|angaben|données|datos|"
                   r"dados)\s+(?:of|of the|van|van de|van het|zu|du|de la|de|del|do|da)\s+",
                   "", words)
    words = re.sub(r"^(?:the|de|het|der|die|le|la|el|o|a)\s+", "", words)
    for role, names in ROLE_WORDS:
        if words in names:
            return role
    return None


def _header_row(cells: list[str], under: list[str]) -> list[str] | None:
    """A table's header row over its row of answers: every cell a name or birth label, one
    answer below each (and no label among the answers)."""
    header = cells if 1 < len(under) == len(cells) else []
    if len(header) < 2 or not all(map(_starts_with_label, header)):
        return None
    if any(_starts_with_label(answer) for answer in under):
        return None  # two rows of labels: no answers
    return header


def _column_row(cells: list[str], under: list[str], width: int
                ) -> tuple[str, list[str]] | None:
    """A row of a table with one column per person: its label and one value per column, on
    the label's line ("Date of birth   3 May 1985   22 November 1988") or the line below."""
    cells = [cell for cell in cells if not _HINT.fullmatch(cell)]  # "(Day)(Month)(Year)"
    if not cells or _label_start(_EVERY_LABEL).match(cells[0]) is None:
        return None
    if len(cells) == width + 1:
        return cells[0], cells[1:]
    if len(cells) == 1 and len(under) == width and not _starts_with_label(under[0]):
        return cells[0], under
    return None


def _fields(line: str, next_line: str, section: str,
            month_first: bool = False) -> list[tuple[str, str | None, str]]:
    """(slot, role or None, value) for each labelled name or birth date on the line."""
    found: list[tuple[str, str]] = []
    for slot, labels in _by_label_position(line):
        value = _value_after(line, labels, next_line)
        if value is None:
            continue
        if slot == "birth":
            day = parse_date(value, month_first)
            if day is not None:
                found.append((slot, day.isoformat()))
            continue
        name = clean_name(value)
        if name:
            found.append((slot, name))
            # One name field a line; the same person's birth date may follow on it.
            written = _value_anywhere(line, BIRTH_LABELS)
            day = parse_date(written, month_first) if written else None
            if day is not None:
                found.append(("birth", day.isoformat()))
            break
    if not found:
        return _role_as_label(line, next_line)
    # "Surname of the child", "Naam moeder", "Father's name", "Child – date of birth"
    qualifier = _ROLE_IN_LABEL.search(_fold(line))
    role = _ROLE_OF[qualifier.group("word")] if qualifier else None
    return [(slot, role, value) for slot, value in found]


_SLOTS = (("surname", SURNAME_LABELS), ("given", GIVEN_LABELS), ("full", FULL_NAME_LABELS),
          ("birth", BIRTH_LABELS))


def _by_label_position(line: str) -> list[tuple[str, tuple[str, ...]]]:
    """The slots whose label starts the line, the one with the fewest words before its label
    and then the longest label first: "Adı Soyadı" is the whole name, not a surname after a
    word; "Given name" is a given name, not a name after a word."""
    found = []
    for order, (slot, labels) in enumerate(_SLOTS):
        match = _label_start(labels).match(line)
        if match is not None:
            label = match.group("label")
            found.append((match.start("label"), -len(label), order, slot, labels))
    return [(slot, labels) for *_, slot, labels in sorted(found)]


def _role_as_label(line: str, next_line: str) -> list[tuple[str, str | None, str]]:
    """"Father: Pedro Santos", "Bride – Ana Lima": the role word is the label of a full name."""
    word = _label_start(_ROLE_LABELS).match(line)
    if word is None:
        return []
    role = _ROLE_OF[_fold(word.group("label"))]
    rest = re.sub(r"^\s*[:：]\s*", "", line[word.end():])
    if _label_start(_EVERY_LABEL).match(rest):
        # "Père: Nom / Vater: Familienname ... GONÇALVES": the role qualifies the next label.
        return [(slot, role, found) for slot, _, found in _fields(rest, next_line, role)]
    value = _value_after(line, _ROLE_LABELS, next_line)
    name = clean_name(value) if value else None
    return [("full", role, name)] if name else []


_ROLE_OF = {word: role for role, words in reversed(ROLE_WORDS) for word in words}
_ROLE_IN_LABEL = re.compile(
    r"(?:^|\b(?:of|of the|van|van de|van het|du|de la|de|del|do|da|naam|name|achternaam|"
    r"voornamen|geboortedatum)\s+)"
    rf"(?P<word>{'|'.join(re.escape(w) for w in sorted(_ROLE_OF, key=len, reverse=True))})"
    r"(?:'s|’s)?\b")
# Role words that label a person's name on their own; not "parents" or "partners" (two names).
_ROLE_LABELS = tuple(word for word in _ROLE_OF if not word.endswith(("s", "ouders", "eltern"))
                     and word not in ("the undersigned", "personal details", "personal data",
                                      "your details", "uw gegevens", "persoonsgegevens"))


@functools.cache
def _label_pattern(labels: tuple[str, ...]) -> str:
    ordered = sorted(labels, key=len, reverse=True)
    return "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in ordered)


def _value_after(line: str, labels: tuple[str, ...], next_line: str) -> str | None:
    """The value a line gives for a label it starts with (after a role word or a number)."""
    match = _label_start(labels).match(line)
    if match is None:
        return None
    rest = line[match.end():]
    # "Name of the child: ...": the label goes on with a role; skip to the separator.
    tail = _LABEL_GOES_ON.match(rest)
    if tail:
        said = _fold(tail.group(0))
        if not any(re.search(rf"\b{re.escape(w)}\b", said) for _, words in ROLE_WORDS
                   for w in words) and not re.search(_PLAIN_QUALIFIERS, said):
            return None  # "Name of the employer": someone else's field, not a person's
        rest = rest[tail.end():]
    rest = _HINT.sub("", rest, count=1)  # a hint such as "(dd-mm-jjjj)" is no answer
    translated = _TRANSLATED.sub("", rest, count=1)  # "Surname / Achternaam / Nom:" one label
    if not translated.strip() and rest.strip():
        # The translations ran to the end of the line: the value may stand one space after
        # the last of them ("surname / Époux: nom BALOGUN", "date de naissance 1984-12-07").
        translated = _value_after_translations(rest)
    rest = translated
    separated = _SEPARATOR.match(rest)
    if separated and rest[separated.end():].strip():
        value = rest[separated.end():]
    elif separated or not rest.strip():
        value = next_line  # "Naam:" alone in its cell or line; the answer in the next
        if _starts_with_label(value):
            return None
    elif rest[:1] == " " and _starts_value(rest):
        value = rest  # "Surname OLIVEIRA", "Born 01.02.1999": a whole label, one space
    else:
        return None
    value = _FILLERS.split(value)[0] if _FILLERS.match(value.strip()) is None else ""
    return value.strip() or None


def _starts_value(rest: str) -> bool:
    """Whether the words after a label one space away are its value: a capital or a digit
    first, after at most two of a surname's lower-case particles."""
    for word in rest.split()[:3]:
        if word[0].isupper() or word[0].isdigit():
            return True
        if word not in _PARTICLES:  # the particles of a surname, "von Hagen", "van den Heuvel"
            return False
    return False


def _value_after_translations(rest: str) -> str:
    """" BALOGUN" from " / Époux: nom BALOGUN": the words from the first one written in capitals
    throughout (a name) or beginning with a digit (a date), when no label word is among them;
    "" when there is none."""
    words = rest.split()
    for index, word in enumerate(words):
        if word[0].isdigit() or (len(word) >= 2 and word.isupper() and word.isalpha()):
            value = words[index:]
            if any(_fold(w) in _LABEL_WORDS for w in value):
                return ""
            return " " + " ".join(value)
    return ""


_LABEL_GOES_ON = re.compile(
    r"^\s*(?:of|van|du|de|del|do|da|des)\b[^:\t]{0,40}?(?=[:：\t]|\s{2,}|[._…]{2,})", re.IGNORECASE)
_PLAIN_QUALIFIERS = (r"\b(?:in full|as (?:shown )?in (?:the )?passport|"
                     r"zoals in (?:het )?paspoort|voluit)\b")


@functools.cache
def _label_start(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A line that starts with one of the labels, after a number and up to three role words."""
    return re.compile(r"^(?:[\dIVX]{1,3}[a-z]?[.)]\s*|\d{1,2}\s+|[a-z][.)]\s+)?"
                      r"(?:(?:[^\W\d_]+(?:'s|’s)?\s+){0,3}?)"
                      rf"(?P<label>{_label_pattern(labels)})\b", re.IGNORECASE)


def _value_anywhere(line: str, labels: tuple[str, ...]) -> str | None:
    match = re.search(rf"\b(?:{_label_pattern(labels)})\b\s*(?:\([^)]{{0,30}}\))?\s*[:：]?\s*",
                      line, re.IGNORECASE)
    return line[match.end():].strip() if match else None


_EVERY_LABEL = SURNAME_LABELS + GIVEN_LABELS + FULL_NAME_LABELS + BIRTH_LABELS
# Folded as the words they are compared with ("eheschließende" as "eheschliessende").
_LABEL_WORDS = frozenset(word for label in (*_EVERY_LABEL, *_ROLE_OF)
                         for word in _fold(label).split())


def _starts_with_label(line: str) -> bool:
    return re.match(rf"^(?:{_label_pattern(_EVERY_LABEL)})\b", line, re.IGNORECASE) is not None


def _place(drafts: list[_Draft], slot: str, role: str, value: str, line: int) -> None:
    """Fields of one person follow each other; a filled slot or another role starts a new one."""
    current = next((d for d in reversed(drafts) if d.role == role), None)
    near = current is not None and (not current.lines or line - current.lines[-1] <= 6)
    if current is None or not near or not current.wants(slot):
        current = _Draft(role)
        drafts.append(current)
    current.fill(slot, value, line)


# ------------------------------------------------------------------------------ statements

_STATEMENT = re.compile(
    r"\b(?:I|Ik|Je|Ich|Yo|Eu)\s*,?\s*(?:the\s+undersigned|ondergetekende|soussignée?|"
    r"der\s+unterzeichnete|die\s+unterzeichnete|el\s+abajo\s+firmante|abaixo\s+assinado)?\s*,?\s*"
    r"(?P<name>[^\W\d_][^\W\d_'’\-]+(?:\s+[^\W\d_][^\W\d_'’.\-]*){1,5}?)\s*,\s*"
    r"(?:born|geboren|né|née|nacid[oa]|nascid[oa])(?:\s+(?:on|op|le|am|el|em))?\s+"
    r"(?P<date>[^,;\n]{6,30})",
    re.IGNORECASE,
)


def _statements(text: str, role: str,  # text: one line
                month_first: bool = False) -> list[PersonMention]:
    """"I, the undersigned, NAME, born on DATE": a declaration's own words name its holder."""
    mentions = []
    for match in _STATEMENT.finditer(text):
        name = clean_name(match.group("name"))
        if name:
            mentions.append(PersonMention(name, role if role != "child" else "holder",
                                          parse_date(match.group("date"), month_first)))
    return mentions


# Certificates' sentences: "daughter of PEDRO SANTOS and MARIA LIMA", "certify that A and B
# were married", "the marriage between A and B", "ANA SANTOS, born on 5 March 2012".
_CHILD_OF = {("son", "of"), ("daughter", "of"), ("child", "of"), ("zoon", "van"),
             ("dochter", "van"), ("kind", "van"), ("fils", "de"), ("fille", "de"),
             ("hijo", "de"), ("hija", "de"), ("filho", "de"), ("filha", "de"), ("sohn", "von"),
             ("tochter", "von")}
_PARTIES = {("certify", "that"), ("certifies", "that"), ("between",), ("tussen",),
            ("entre",), ("zwischen",)}
_AND = {"and", "en", "et", "y", "e", "und", "&"}
_PARTICLES = {"da", "de", "do", "dos", "das", "van", "der", "den", "ten", "ter", "von", "la",
              "le", "del", "della", "di", "du", "bin", "binti", "al", "el"}
_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*|\d[\d./\-]*|[^\w\s]")


def _prose(text: str, role: str) -> list[PersonMention]:
    tokens = _TOKEN.findall(text)
    folded = [token.casefold() for token in tokens]
    mentions: list[PersonMention] = []
    for at in range(len(tokens)):
        for trigger in (2, 1):
            key = tuple(folded[at:at + trigger])
            if key in _CHILD_OF or key in _PARTIES:
                who = "parent" if key in _CHILD_OF else role
                first, after = _name_at(tokens, at + trigger)
                if first is None:
                    continue
                mentions.append(PersonMention(first, who))
                if after < len(tokens) and folded[after] in _AND:
                    second, _ = _name_at(tokens, after + 1)
                    if second is not None:
                        mentions.append(PersonMention(second, who))
    return mentions


def _name_at(tokens: list[str], start: int) -> tuple[str | None, int]:
    """The capitalised name that starts at `start` (particles inside it allowed), and the index
    after it; None when no name of two to six words starts there."""
    at = start
    while at < len(tokens) and _HONORIFIC.fullmatch(tokens[at] + " "):
        at += 1 + (at + 1 < len(tokens) and tokens[at + 1] == ".")
    words: list[str] = []
    while at < len(tokens) and len(words) < 7:
        token = tokens[at]
        capitalised = token[:1].isupper() and token.casefold() not in NOT_NAME_WORDS
        particle = (token.casefold() in _PARTICLES and bool(words) and at + 1 < len(tokens)
                    and tokens[at + 1][:1].isupper())
        if not (capitalised or particle):
            break
        words.append(token)
        at += 1
    name = clean_name(" ".join(words)) if 2 <= len(words) <= 6 else None
    return name, at


# A birth clause in a certificate's or affidavit's sentence: "Antoine DUBOIS, ingénieur, né à
# Grenoble le 22 janvier 1991", "ROSSI Marco, nato a Modena il 07/08/1989", "Herr Jonas BRAUN
# geboren am 30. Dezember 1989", "BRUNO ALMEIDA, brasileiro, solteiro, nascido em 02/03/1991".
_BIRTH_MARKER = re.compile(
    r"(?<![\w.])(?:born|geboren|geb\.|né|née|nee|nato|nata|nascid[oa]|nacid[oa]|"
    r"date of birth|geboortedatum|geburtsdatum|fecha de nacimiento|data de nascimento|"
    r"doğum tarihi)(?!\w)", re.IGNORECASE)
# What follows the marker when it means "born" (a place or a date), not a birth name ("née
# Silva", "geb. Müller").
_BIRTH_FOLLOWS = re.compile(
    r"^\s*(?:[:：]|\(|\d|(?:à|a|au|in|em|en|te|at|on|op|le|il|am|el|the|no|na|dia|den|"
    r"on the|in the)\b)", re.IGNORECASE)
# A clause about the person's parents between the name and the marker ("son of Shri Rajesh
# Mehta", "filho de Manuel Gonçalves e de Rosa Ferreira"): it names no one born there.
_PARENTS_CLAUSE = re.compile(
    r"^(?:son|daughter|child|s/o|d/o|c/o|w/o|zoon|dochter|kind|fils|fille|enfant|hijo|hija|"
    r"hijo/a|filho|filha|filho/a|figlio|figlia|sohn|tochter|oğlu|kızı)\b", re.IGNORECASE)
_OF_WORDS = frozenset({"de", "of", "van", "von", "di", "do", "da", "des", "du"})
_SEGMENTS_BACK = 4  # comma-separated remarks between a name and its birth (job, status, place)


def _born_clauses(text: str, role: str, month_first: bool = False) -> list[PersonMention]:
    """The person each birth clause is about, with the date it gives. On a birth certificate
    a name written after "of"/"de" ("de Samir BENALI, né à Oran") is a parent's."""
    mentions = []
    # One line of prose, a sentence running over line ends; a pilcrow keeps where lines began.
    # A wide gap (another column: "Temitope ADEBAYO     Sex: F") separates like a comma.
    text = " ".join(re.sub(r"\s*\n\s*", " ¶ ", re.sub(r"[ \t]{3,}", " ¦ ", text)).split())
    for marker in _BIRTH_MARKER.finditer(text):
        after = text[marker.end():marker.end() + 70].replace("¶", " ")
        label = " " in marker.group(0) or len(marker.group(0)) > 8  # "date of birth"
        if not _BIRTH_FOLLOWS.match(after) or (label and (
                not re.match(r"\s*\d", after) or text[:marker.start()].endswith("¶ "))):
            continue  # a birth name ("née Silva"), or a field label the field reader reads
        following = _BIRTH_MARKER.search(after)
        window = re.split(r"[;¦]", after[:following.start()] if following else after)[0]
        found = _name_ending_at(text[max(0, marker.start() - 240):marker.start()]
                                .replace("¶", " "))  # ¦ stays: a segment's end
        if found is None:
            continue
        name, after_of = found
        who = "parent" if after_of and role == "child" else role
        mentions.append(PersonMention(name, "holder" if who == "parent" and role == "parent"
                                      else who, parse_date(window, month_first)))
    return mentions


def _name_ending_at(before: str) -> tuple[str, bool] | None:
    """The name a clause ending here is about: the nearest comma-separated segment that ends in
    a name of two to six capitalised words, skipping remarks and a parents' clause. With it,
    whether the name came after "of"/"de" (a parent named in a child's sentence)."""
    segments = re.split(r"[,;:()\[\]¦]|(?<=[a-zà-ÿ]{3})\.\s", before)
    ordered = list(reversed(segments))
    for index, segment in enumerate(ordered[:_SEGMENTS_BACK + 1]):
        words = segment.split()
        if not words or _PARENTS_CLAUSE.match(segment.strip()):
            continue
        start = len(words)
        while start > 0 and _name_word(words, start - 1):
            start -= 1
        while start < len(words) and words[start].casefold() in _PARTICLES:
            start += 1  # a name starts with its own word, not "de" of the sentence
        tail = words[start:]
        if start == 0 and tail and index + 1 < len(ordered):
            # "HUBER, Lena Maria geb. am ...": the surname before the comma is the name's too.
            previous = ordered[index + 1].split()
            alone = len(previous) <= 1 or not _name_word(previous, len(previous) - 2)
            if previous and alone and previous[-1].isupper() and len(previous[-1]) > 1 \
                    and not all(w.isupper() for w in tail):
                tail = [*tail, previous[-1]]
                words = previous[:-1] + tail
                start = len(previous) - 1
        name = clean_name(" ".join(tail)) if len(tail) >= 2 else None
        if name is not None and len(name.split()) >= 2:
            return name, start > 0 and words[start - 1].casefold() in _OF_WORDS
        if len(words) > 6:
            return None  # a sentence of its own: the clause's subject is not before it
    return None


def _name_word(words: list[str], at: int) -> bool:
    word = words[at].strip(".'’")
    if not word:
        return False
    if word.casefold() in _PARTICLES:
        return at + 1 < len(words) and words[at + 1][:1].isupper()
    folded = word.casefold()
    return (word[:1].isupper() and folded not in NOT_NAME_WORDS and folded not in _ROLE_OF
            and not _starts_with_label(word) and not any(c.isdigit() for c in word))


# ------------------------------------------------------------------------------ values


def clean_name(value: str) -> str | None:
    """A written name, tidied, or None when the value is no name (a blank, a label, a note)."""
    value = re.sub(r"\([^)]*\)|\[[^]]*]", " ", value)
    value = value.split("  ")[0] if "  " in value.strip() else value
    value = re.split(r"[;|/]|,\s*(?=[^\W\d_]+\s*[:：])|,?\s+\b(?:born|geboren|née?|nacid[oa]|"
                     r"nascid[oa])\b|,\s*(?=\d)", value, flags=re.IGNORECASE)[0]
    value = _HONORIFIC.sub("", " ".join(value.replace("’", "'").split()).strip(" .,:;-"))
    value = re.split(r"(?<=[^\W\d_]{3})\.\s", value)[0]  # "Lúcia Mendes. Data": a sentence end
    value = value.strip(" .,:;-")
    while " " in value and value.rsplit(" ", 1)[1].casefold() in _ROLE_OF:
        value = value.rsplit(" ", 1)[0]  # "Álvaro Martínez Roig PADRE": the next column's label
    surname, comma, given = value.partition(",")
    if comma and given.strip() and "," not in given:
        value = f"{given.strip()} {surname.strip()}"  # "SANTOS, Maria": surname first
    if not 2 <= len(value) <= 70 or not _NAME_CHARS.match(value):
        return None
    words = value.split()
    if len(words) > 6 or all(w.casefold().strip(".") in NOT_NAME_WORDS for w in words):
        return None
    if words[0].casefold() in NOT_NAME_WORDS and words[0].islower() and not _starts_value(value):
        return None  # "and address of ...": the label went on ("de Vries" is a name)
    if any(w[:1].islower() and w.casefold() not in _PARTICLES for w in words):
        return None  # "vestiging van minderjarig kind": a phrase, no name
    return value


_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|dhr|mevr|mevrouw|de heer|herr|frau|"
                        r"mme|mlle|m|sr|sra|srta|dona|doña|don|shri|sri|smt|smti|srimati|kum|"
                        r"kumari|dott|dott\.ssa|dr\.ssa|sig|sig\.ra|fr|rev|revd|mag|ing|ir|drs|"
                        r"alhaji|chief|d|dª|dña|d\.ª)\.?\s+)+", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{2,4})\b")
_WORDED = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|e|º)?\.?\s+(?:of\s+|de\s+)?([^\W\d_]{3,10})"
                     r"\.?,?\s+(?:de\s+)?(\d{4})\b", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
                          re.IGNORECASE)


def parse_date(value: str | None, month_first: bool = False) -> date | None:
    """A birth date as people write it: 12-03-1990, 1990-03-12, 12.3.1990, 12 maart 1990,
    March 12, 1990. Day first where both readings are possible (as on European papers), unless
    `month_first`: the paper is American (`month_first_paper`)."""
    if not value:
        return None
    text = _ocr_date_fixes(value.strip())
    for match in _WORDED.finditer(text):
        month = MONTHS.get(match.group(2).casefold())
        if month:
            return _day(int(match.group(3)), month, int(match.group(1)))
    for match in _MONTH_FIRST.finditer(text):
        month = MONTHS.get(match.group(1).casefold())
        if month:
            return _day(int(match.group(3)), month, int(match.group(2)))
    match = _NUMERIC.search(text)
    if match is None:
        return None
    first, second, third = (int(g) for g in match.groups())
    if len(match.group(1)) == 4:
        return _day(first, second, third)
    year = third if len(match.group(3)) == 4 else None
    if year is None:
        return None  # a two-digit year is a guess about the century: say nothing
    if second > 12 >= first or (month_first and first <= 12 and second <= 12):
        return _day(year, first, second)  # month first (US style)
    return _day(year, second, first)


# A paper from the United States says so: the country, a state's or county's registry, its
# vital records office. Two-letter state codes alone are too like other words to count.
_US_STATES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|"
    "michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|"
    "new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|"
    "rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|"
    "washington|west virginia|wisconsin|wyoming")
_AMERICAN = re.compile(
    r"\b(?:united states(?: of america)?|u\.\s?s\.\s?a\.?|usa|(?:the )?(?:state|commonwealth) "
    rf"of (?:{_US_STATES})|(?:{_US_STATES}) (?:department of health|vital (?:records|"
    r"statistics))|vital statistics (?:section|unit|office)|county clerk|"
    r"department of vital records)\b", re.IGNORECASE)


def month_first_paper(text: str) -> bool:
    """Are the paper's numeric dates month first? When it is American (it names the country,
    a state's or county's registry), or when one of its dates can only be read month first
    ("03/16/2015") and none only day first ("16/03/2015"). Pure."""
    only_month_first = only_day_first = False
    for match in _NUMERIC.finditer(_ocr_date_fixes(text)):
        if len(match.group(1)) == 4 or len(match.group(3)) != 4:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        only_month_first |= second > 12 >= first
        only_day_first |= first > 12 >= second
    if only_day_first:
        return False
    return only_month_first or bool(_AMERICAN.search(text))


def _ocr_date_fixes(text: str) -> str:
    """What OCR makes of a date's characters: `O9.1O.1984`, `22.1l.1992`, `Apri1`."""
    text = re.sub(r"\b[^\W\d_]{2,}[01][^\W\d_]*\b",
                  lambda m: m.group(0).replace("1", "l").replace("0", "o"), text)
    return re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)|(?<=\d)[lI|]|[lI|](?=\d)",
                  lambda m: "0" if m.group(0) in "Oo" else "1", text)


def _day(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _unique(drafts: list[_Draft]) -> tuple[PersonMention, ...]:
    """One mention per person: the same name twice (a field and a statement) is one."""
    merged: dict[frozenset[str], PersonMention] = {}
    for draft in drafts:
        name = draft.name
        if not name or _fragment(draft):
            continue
        key = name_key(name)
        known = merged.get(key)
        if known is None:
            merged[key] = PersonMention(name, draft.role, draft.birth_date)
        elif known.birth_date is None and draft.birth_date is not None:
            merged[key] = PersonMention(known.name, known.role, draft.birth_date)
    return tuple(merged.values())


def _fragment(draft: _Draft) -> bool:
    """A surname alone, given names alone, or one word, with no birth date beside it: part of
    someone's name (a maiden name, a parent's given names, a name cut by a column), too little
    to tell a person by; it is left out rather than offered as a person of its own."""
    if draft.birth_date is not None:
        return False
    if draft.given or draft.surname:
        return not (draft.given and draft.surname)
    return len(draft.full.split()) < 2


def name_key(name: str) -> frozenset[str]:
    """A name as a set of plain words: order, case, accents and punctuation do not matter (the MRZ
    writes MULLER for Müller). The checklist matches documents to persons by it too."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return frozenset("".join(c if c.isalnum() else " " for c in plain).split())
