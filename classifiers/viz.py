"""The second reading: the passport's visual zone (VIZ) confirms or repairs the MRZ.

The data page prints surname, given names, the state code and the number above the machine
readable zone. No check digit covers a name or a nationality, and some OCR errors pass every
check digit (a K read for a filler, an `OO` read for `00`), so the printed page is the witness:

- a name part confirmed by the VIZ stays; one that is a VIZ word plus filler noise (`FOLAKES`,
  `KEMMANUELX`) becomes the VIZ word; given names cut after a doubled filler come back when the
  VIZ prints them; a name the VIZ spells differently is a disagreement, never silently chosen.
- among readings of the second line that pass every check alike, the one whose number the VIZ
  prints is chosen.
- a state code repaired from a look-alike is confirmed when the VIZ prints that code.

Everything here is pure: words in, a reading out. `classifiers.extract` does the one OCR pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from classifiers.mrz import (
    NUMBER_BY_HEIGHT,
    NUMBER_REPAIRED,
    PRINTED_OTHER_NUMBER,
    MrzReading,
    check_passes,
    letter_fits,
    name_field_truncated,
    read_name_field,
    with_confirmation,
    with_line2,
)

# ICAO 9303 part 3 transliterations a VIZ name needs to be compared with its MRZ spelling.
_TRANSLITERATIONS = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Ø": "OE", "Å": "AA",
                     "Æ": "AE", "Œ": "OE", "Þ": "TH", "Ð": "D", "Ĳ": "IJ"}
_EDGE_NOISE = frozenset("KCXSERLI")  # what tesseract makes of a `<` next to a name
_I_LOOKALIKES = frozenset("!|")
_THIN_LETTERS = frozenset("IL")
_EDGE_LETTER = "the printed page shows a name with a letter more or less at its edge"
_UNPRINTED_AFTER_END = "letters after the end of the name field the printed page does not show"
_THIN_EDGE = "a name ends in a letter the printed page does not show"
NUMBER_AMBIGUITY = "document number or dates: the check digits cannot choose"
_NAMES_UNSEEN = "the names could not be confirmed on the printed page"
_LOST_PART = "the zone and the printed page both show a name part the reading left out"


def viz_tokens(words: Sequence[str]) -> list[str]:
    """Upper-case letter/digit words of the VIZ, each also in its ICAO transliteration."""
    out: list[str] = []
    for word in words:
        upper = word.upper()
        spellings = {_plain(upper), _plain("".join(_TRANSLITERATIONS.get(c, c) for c in upper))}
        if _I_LOOKALIKES & set(upper):
            # Tesseract reads a capital I at a word's edge as `!` or `|` (`MORAD!`): split
            # there, the name would lose its I and look like filler noise stripped.
            spellings.add(_plain("".join("I" if c in _I_LOOKALIKES else c for c in upper)))
        for spelling in sorted(spellings):
            for token in re.split(r"[^A-Z0-9]+", spelling):
                if token and token not in out:
                    out.append(token)
    return out


def words_off_zone(page_lines: Sequence[Sequence[str]], zone_lines: Sequence[str]
                   ) -> list[str]:
    """The words of a page read whole, without the lines that are the zone itself.

    The zone is no witness for itself: a misread name part (`MARIAS`) that tesseract set
    apart from its fillers by a space would otherwise "print" itself. A page line is the
    zone's when, spaces removed, it matches one of the zone's lines on most of its length;
    words holding a `<` are dropped later in any case."""
    from difflib import SequenceMatcher

    out: list[str] = []
    for words in page_lines:
        compact = "".join(words).upper()
        if len(compact) >= 20 and any(
                SequenceMatcher(None, compact, line, autojunk=False).ratio() >= 0.6
                for line in zone_lines):
            continue
        out.extend(words)
    return out


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_noise(part: str, tokens: Sequence[str]) -> str | None:
    """The VIZ word that `part` is with filler noise at its edges, if exactly one is."""
    found = []
    for token in tokens:
        if len(token) < 2 or token == part or token not in part:
            continue
        start = part.index(token)
        before, after = part[:start], part[start + len(token):]
        # Up to two noise letters at each edge: a doubled filler on both sides of a name reads
        # as `KDIVYAKK`; three at one edge would be more than a `<<` misread.
        if (before or after) and len(before) <= 2 and len(after) <= 2 and \
                set(before + after) <= _EDGE_NOISE:
            found.append(token)
    longest = max((len(t) for t in found), default=0)
    best = sorted(t for t in found if len(t) == longest)
    return best[0] if len(best) == 1 else None


def _near(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart (names of four letters or more)."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _split_joined(part: str, tokens: Sequence[str]) -> list[str] | None:
    """Two VIZ words joined by a filler read as a letter (`AMIRSNAVID`: AMIR NAVID)."""
    for index in range(2, len(part) - 2):
        head, noise, tail = part[:index], part[index], part[index + 1:]
        if noise in _EDGE_NOISE and head in tokens:
            if tail in tokens:
                return [head, tail]
            cleaned = _strip_noise(tail, tokens)
            if cleaned is not None:
                return [head, cleaned]
    return None


def _check_part(part: str, tokens: Sequence[str], truncated: bool
                ) -> tuple[list[str], str | None]:
    """(the parts to keep, a disagreement or None) for one MRZ name part.

    No check digit covers a name: a part the page does not print is not confirmed."""
    if part in tokens or (truncated and any(t.startswith(part) for t in tokens)):
        return [part], None
    cleaned = _strip_noise(part, tokens)
    if cleaned is not None:
        if set(part.replace(cleaned, "", 1)) & _THIN_LETTERS:
            # An I or an L beside a name is as likely a letter the page's OCR lost (thin
            # glyphs, `MORAD` for MORADI) as a filler the zone misread: neither is chosen.
            return [part], _THIN_EDGE
        return [cleaned], None
    if len(part) >= 5 and any(t in (part[1:], part[:-1]) for t in tokens):
        # The page's OCR lost the first or last letter (`ARIA` for MARIA), or the zone has a
        # stray letter at the edge (`NGOZIY` for NGOZI): the zone's spelling stays, but the
        # two readings do not agree, so it is not confirmed.
        return [part], _EDGE_LETTER
    joined = _split_joined(part, tokens)
    if joined is not None:
        return joined, None
    near = sorted(t for t in tokens if _near(part, t))
    if near:
        return [part], "the printed page spells a name differently from the machine readable zone"
    return [part], _NAMES_UNSEEN


def confirm(reading: MrzReading, words: Sequence[str], today: date | None = None) -> MrzReading:
    """The MRZ reading confirmed, repaired or contradicted by the words printed on the page."""
    passport = reading.passport
    if passport is None or not reading.is_passport:
        return reading
    # When the whole page was read, its words hold the zone's own lines: the zone is no
    # witness for itself (`NGOZI<<<<SSSSY` would "print" SSSSY as a given name).
    tokens = viz_tokens([w for w in words if "<" not in w])
    if not tokens:
        return with_confirmation(reading, [_NAMES_UNSEEN])
    if not reading.checks_ok:
        reading = _number_from_page(reading, tokens, today)
        passport = reading.passport
        assert passport is not None
    unsettled = list(reading.unsettled)
    if reading.checks_ok and not reading.alternatives and _other_number_printed(reading, tokens):
        unsettled.append(PRINTED_OTHER_NUMBER)
    elif passport.document_number in tokens:
        # The page prints the number as repaired (or as the glyph heights chose it),
        # character for character: two readings and the check digit agree (a page showing
        # the truth where the repair guessed wrong shows another number, and leaves the doubt).
        unsettled = [u for u in unsettled if u not in (NUMBER_REPAIRED, NUMBER_BY_HEIGHT)]
    disagreements: list[str] = []
    repairs = list(reading.repairs)

    # Names.
    name_field = reading.lines[0][5:]
    truncated = name_field_truncated(name_field)
    surname_parts = passport.surname.split()
    given_parts = passport.given_names.split()
    line_surname, line_given, _, _ = read_name_field(name_field)
    line_parts = (*line_surname.split(), *line_given.split())
    if _lost_parts(name_field, (*surname_parts, *given_parts), tokens) and all(
            _printed_in_field(name_field, part, tokens) for part in line_parts):
        # The vote between reads dropped a part that the zone's own line holds and the page
        # prints, as it prints every other part of that line: two readings agree on it.
        surname_parts, given_parts = line_surname.split(), line_given.split()
        repairs.append("names of the zone's line, as the printed page shows them")
    kept_surname, kept_given = [], []
    for parts, kept in ((surname_parts, kept_surname), (given_parts, kept_given)):
        for index, part in enumerate(parts):
            last = parts is given_parts and index == len(parts) - 1
            values, problem = _check_part(part, tokens, truncated and (last or not given_parts))
            kept.extend(values)
            if problem:
                disagreements.append(problem)
    restored = [p for p in reading.dropped_names if p in tokens]
    unprinted = [p for p in reading.dropped_names if p not in tokens]
    if restored or (reading.dropped_names and kept_given and all(p in tokens for p in kept_given)):
        # The page prints them (a doubled filler between two given names), or it prints the
        # given names without them: filler noise when they are made of what tesseract reads a
        # filler as (`KKXS`); otherwise the page's OCR may have missed a real second name.
        unsettled = [u for u in unsettled if not u.startswith("given names:")]
        kept_given.extend(restored)
        if any(set(p) - _EDGE_NOISE for p in unprinted):
            disagreements.append(_UNPRINTED_AFTER_END)
    if _lost_parts(reading.lines[0][5:], (*kept_surname, *kept_given), tokens):
        disagreements.append(_LOST_PART)
    surname, given = " ".join(kept_surname), " ".join(kept_given)
    if (surname, given) != (passport.surname, passport.given_names):
        repairs.append("names confirmed by the printed page")
    passport = replace(passport, surname=surname, given_names=given)

    # State codes repaired from a look-alike: settled when the page prints the code.
    for label, code in (("issuing state", passport.issuing_country),
                        ("nationality", passport.nationality)):
        if code in tokens:
            unsettled = [u for u in unsettled
                         if not (u.startswith(f"{label} code read as") and
                                 u.endswith(f"taken as {code}"))]

    lines = reading.lines
    alternatives = reading.alternatives
    if alternatives:
        chosen = _choose_line2([lines[1], *alternatives], tokens, _printed_dates(words))
        if chosen is not None:
            unsettled = [u for u in unsettled if not u.startswith(NUMBER_AMBIGUITY)]
            if chosen[0:9].rstrip("<") in tokens:
                unsettled = [u for u in unsettled if u != NUMBER_REPAIRED]
            if chosen != lines[1]:
                moved = with_line2(replace(reading, passport=passport), chosen, today)
                assert moved.passport is not None
                passport, lines = moved.passport, moved.lines
                unsettled = [u for u in unsettled if u != NUMBER_BY_HEIGHT]
                repairs.append("document number chosen by the printed page")
            alternatives = ()

    # Only three-letter codes: a lone `D` on the page is as likely noise as Germany.
    printed_codes = tuple(code for code in dict.fromkeys(
        (passport.issuing_country, passport.nationality)) if len(code) == 3 and code in tokens)
    updated = replace(reading, lines=lines, passport=passport, repairs=tuple(repairs),
                      unsettled=tuple(unsettled), alternatives=alternatives, dropped_names=(),
                      printed_codes=printed_codes,
                      names_printed=not disagreements and all(
                          part in tokens for part in (*kept_surname, *kept_given)))
    return with_confirmation(updated, disagreements)


def _printed(part: str, tokens: Sequence[str]) -> list[str] | None:
    """The page's words for a zone name part: itself, itself without filler noise, or two
    words a filler read as a letter joined (`JUNSKYANGK`: JUN YANG); None when not printed."""
    if part in tokens:
        return [part]
    cleaned = _strip_noise(part, tokens)
    if cleaned is not None:
        return [cleaned]
    return _split_joined(part, tokens)


def _printed_in_field(name_field: str, part: str, tokens: Sequence[str]) -> list[str] | None:
    """`_printed`, and for the last part of a name field cut at its end (`OLUWASEUN<B` for
    OLUWASEUN BABATUNDE) the part itself when a printed word begins with it."""
    printed = _printed(part, tokens)
    if printed is None and name_field_truncated(name_field):
        surname, given, _, _ = read_name_field(name_field)
        parts = (*surname.split(), *given.split())
        if parts and part == parts[-1] and any(t.startswith(part) for t in tokens):
            return [part]
    return printed


def _lost_parts(name_field: str, kept: Sequence[str], tokens: Sequence[str]) -> list[str]:
    """Name parts of the zone's own line that the reading lacks although the page prints them.

    Readings agreed between several tesseract reads (`mrz.merge_names`) can lose a part one
    read dropped (`YULIA` for YULIA<IRYNA, `OYELARAN` for OYELARAN<ADEYEMI<BANKOLE, the cut
    `B` of OLUWASEUN<B): every part left is printed, so without this the page would confirm a
    name cut short."""
    surname, given, _, _ = read_name_field(name_field)
    parts = (*surname.split(), *given.split())
    # A field cut at its end has no filler there for noise to come from: its last part is a
    # name's first letters, lost when the reading lacks it, printed or not.
    cut = parts[-1] if parts and name_field_truncated(name_field) else None
    lost = []
    for part in parts:
        if part in kept:
            continue
        printed = _printed_in_field(name_field, part, tokens)
        if part == cut or (printed is not None and any(word not in kept for word in printed)):
            lost.append(part)
    return lost


def _choose_line2(options: Sequence[str], tokens: Sequence[str], dates: set[str]
                  ) -> str | None:
    """The one second line whose document number and dates the page prints (None: none or
    several)."""
    numbers = {o[0:9].rstrip("<") for o in options}
    if len(numbers) > 1:
        printed = [o for o in options if o[0:9].rstrip("<") in tokens]
        # OCR of a printed number leans to digits just as the zone's does: a page showing
        # `0` where another reading has O, D or Q is no witness; one showing the letter is.
        if any(_only_round_letters_differ(p[0:9], o[0:9]) for p in printed for o in options):
            return None
        options = printed
    if len({o[13:19] + o[21:27] for o in options}) > 1:
        options = [o for o in options if o[13:19] in dates and o[21:27] in dates]
    distinct = sorted(set(options))
    return distinct[0] if len(distinct) == 1 else None


def _only_round_letters_differ(digits: str, letters: str) -> bool:
    """`letters` is `digits` with some zeros as the round letters that look like them, or
    sixes as G.

    A G and a 6 differ in a visual zone's sans-serif type, but not in a blurred desk photo:
    one page read both the zone's and the printed G as 6, and that wrong number was
    validated. So a page printing the digit is no witness against the letter; one printing
    the letter still is for it (OCR leans to digits in a number, not to letters). Only where a
    number holds letters (its leading ones, or beside another letter): a G among digits is
    no reading anyone prints, and a page's 6 there still settles it."""
    return digits != letters and all(
        a == b or (a == "0" and b in "ODQ") or (a == "6" and b == "G" and letter_fits(letters, i))
        for i, (a, b) in enumerate(zip(digits, letters, strict=True)))


# Lookalikes between a printed number and its MRZ reading (either side may be the misread one).
_LOOKALIKE_PAIRS = frozenset({("O", "0"), ("Q", "0"), ("D", "0"), ("I", "1"), ("L", "1"),
                              ("B", "8"), ("S", "5"), ("Z", "2"), ("G", "6"), ("K", "<"),
                              ("T", "7"), ("A", "4"),
                              # letters OCR takes for each other: round ones, thin ones
                              ("O", "Q"), ("O", "D"), ("D", "Q"), ("I", "L")})


def _lookalike(a: str, b: str) -> bool:
    return a == b or (a, b) in _LOOKALIKE_PAIRS or (b, a) in _LOOKALIKE_PAIRS


def _other_number_printed(reading: MrzReading, tokens: Sequence[str]) -> bool:
    """The page prints the number with other look-alikes (B for 8, O for 0) that pass every
    check digit as well: the two readings disagree where no check digit can tell them apart.
    Neither is chosen; the number is not settled."""
    number = reading.lines[1][0:9]
    digit = reading.lines[1][9]
    for token in tokens:
        candidate = token.ljust(9, "<")
        if len(token) < 6 or len(candidate) != 9 or candidate == number:
            continue
        if all(_lookalike(a, b) for a, b in zip(candidate, number, strict=True)) and \
                check_passes(candidate, digit):
            return True
    return False


def _number_from_page(reading: MrzReading, tokens: Sequence[str], today: date | None
                      ) -> MrzReading:
    """A failing document number repaired from the printed one: the page's number differs
    from the zone's only by look-alikes, and with it every check digit passes. Two readings
    and a check digit agree, where the MRZ alone could not choose (`E62O85O78`)."""
    from classifiers.mrz import parse_td3

    line1, line2 = reading.lines
    field = line2[0:9]
    found = []
    for token in tokens:
        candidate = token.ljust(9, "<")
        if len(token) < 6 or len(candidate) != 9 or candidate == field:
            continue
        if not all(_lookalike(a, b) for a, b in zip(candidate, field, strict=True)):
            continue
        repaired = parse_td3(line1, candidate + line2[9:], today=today)
        if repaired.checks_ok and repaired.passport is not None:
            found.append(repaired)
    distinct = {r.lines[1] for r in found}
    if len(distinct) != 1:
        return reading
    chosen = found[0]
    assert chosen.passport is not None and reading.passport is not None
    return replace(chosen, passport=replace(chosen.passport, surname=reading.passport.surname,
                                            given_names=reading.passport.given_names),
                   repairs=(*chosen.repairs, "document number from the printed page"))


_MONTHS = {name: number for number, names in enumerate((
    ("JAN", "JANV"), ("FEB", "FEV", "FEVR"), ("MAR", "MARS", "MRT"), ("APR", "AVR"),
    ("MAY", "MAI", "MEI"), ("JUN", "JUIN"), ("JUL", "JUIL"), ("AUG", "AOUT", "AOU"),
    ("SEP", "SEPT"), ("OCT", "OKT"), ("NOV",), ("DEC", "DEZ")), start=1) for name in names}


def _printed_dates(words: Sequence[str]) -> set[str]:
    """Dates printed on the page as YYMMDD: `12 AUG 1974`, `12.08.1974`, `12/08/74`, ..."""
    text = " ".join(_plain(w.upper()) for w in words)
    out: set[str] = set()
    for day, month, other, year in re.findall(
            r"\b(\d{1,2})[ .-]?([A-Z]{3,4})(?:\s?/\s?([A-Z]{3,4}))?[ .-]?(\d{4}|\d{2})\b", text):
        number = _MONTHS.get(month) or _MONTHS.get(other)
        if number:
            out.add(f"{year[-2:]}{number:02d}{int(day):02d}")
    for day, month, year in re.findall(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b", text):
        out.add(f"{year[-2:]}{int(month):02d}{int(day):02d}")
    return out
