"""Find, read, check and repair the machine readable zone of a passport (ICAO Doc 9303).

TD3 (passport data page): 2 lines of 44 characters. TD1 (ID cards, residence permits) has 3 lines
of 30 and TD2 2 lines of 36; both are recognised only to say "this is not a passport".

OCR confuses look-alike characters. A repair is accepted only where the field's check digit then
passes, because document numbers legitimately hold letters (including `O`) and digits alike.
Fields without a check digit (names, nationality, sex) are repaired by their type alone: a country
code has no digits, a name has no digits.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from classifiers.types import TRUSTED_FIELDS, FieldTrust, PassportData

TD3_LENGTH = 44
TD2_LENGTH = 36
TD1_LENGTH = 30

_WEIGHTS = (7, 3, 1)

# What OCR reads in place of the true character, per direction.
DIGIT_FOR_LETTER = {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "B": "8", "S": "5",
                    "Z": "2", "G": "6", "T": "7", "A": "4"}
LETTER_FOR_DIGIT = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G", "4": "A",
                    "7": "T"}
FILLER_LOOKALIKES = frozenset("KC«‹")
# Where a field may hold letters and digits alike, only the classic pairs are repaired.
_SYMMETRIC_CONFUSIONS = frozenset("OIBSZG")

# ICAO 9303 part 3 codes plus the special ones that appear in passports.
_ICAO_CODE_TABLE = """
AFG ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU
BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL
COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK
FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO D DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY
HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR
KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX
FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN
PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT
WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE
SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT
VEN VNM VGB VIR WLF ESH YEM ZMB ZWE GBD GBN GBO GBP GBS RKS EUE UNO UNA UNK XOM XPO XCC XES XIM
XDC XBA XXA XXB XXC XXX UTO
"""
_ISSUING_CODES = frozenset(_ICAO_CODE_TABLE.split())


class MrzFormat(StrEnum):
    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"


@dataclass(frozen=True, slots=True)
class MrzReading:
    """What was read from one machine readable zone, with every check and repair named."""

    format: MrzFormat
    lines: tuple[str, ...]
    document_code: str
    passport: PassportData | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    repairs: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # Other second lines that pass every check as well (a K that may be a filler, O/0 pairs):
    # the check digits cannot choose, the visual zone may (`classifiers.viz`).
    alternatives: tuple[str, ...] = ()
    # Why this reading is not sure enough to decide on (a guessed code, an unsettled choice).
    unsettled: tuple[str, ...] = ()
    # Given-name parts read after the filler that ends the name: not names, unless the visual
    # zone prints them (a doubled `<` between two given names).
    dropped_names: tuple[str, ...] = ()
    # State codes the visual zone prints (`classifiers.viz`): a witness for the nationality,
    # which no check digit covers.
    printed_codes: tuple[str, ...] = ()
    # The visual zone prints every name part the reading keeps.
    names_printed: bool = False

    @property
    def checks_ok(self) -> bool:
        return bool(self.checks) and all(self.checks.values())

    @property
    def is_passport(self) -> bool:
        return self.format is MrzFormat.TD3 and self.document_code.startswith("P")

    @property
    def failed_checks(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]


def char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"not an MRZ character: {char!r}")


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit over `text`: weights 7-3-1, `<` = 0, A-Z = 10-35."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(text))
    return str(total % 10)


def check_passes(text: str, digit: str) -> bool:
    try:
        expected = check_digit(text)
    except ValueError:
        return False
    # An empty optional field may carry `<` instead of `0` as its check digit.
    return digit == expected or (digit == "<" and expected == "0" and set(text) <= {"<"})


# ---------------------------------------------------------------------------------------------
# Finding MRZ lines in OCR output

_MRZ_CHARS = re.compile(r"[^A-Z0-9<]")


def normalise_line(raw: str) -> str:
    """Upper-case, drop spaces, turn the guillemets OCR makes of `<<` back into fillers."""
    text = raw.upper().replace("«", "<<").replace("‹", "<").replace("»", "<<")
    text = re.sub(r"\s+", "", text)
    return _MRZ_CHARS.sub("", text)


def _looks_like_mrz(line: str, length: int) -> bool:
    # Tesseract drops `<` from long runs; a short line with a filler run is padded back.
    shortest = length - 10 if "<<<" in line else length - 4
    return shortest <= len(line) <= length + 4


def _plausible_zone(lines: Sequence[str]) -> bool:
    """Ordinary prose of the right length is common; an MRZ starts with a document code, holds
    fillers and has many digits."""
    first, rest = lines[0], "".join(lines[1:])
    if first[:1] not in "PVIAC":
        return False
    fillers = sum(line.count("<") for line in lines)
    digits = sum(c.isdigit() for c in "".join(lines))
    return fillers >= 3 and digits >= 8 and sum(c.isdigit() for c in rest) >= 6


def _fit_length(line: str, length: int) -> str:
    """Pad or trim the longest filler run so the line has its nominal length.

    Tesseract often drops or doubles a `<` inside a long run of them; the run is the only place
    where adding or removing one cannot change the meaning of the line.
    """
    if len(line) == length:
        return line
    runs = [m for m in re.finditer(r"<+", line)]
    if not runs:
        return line[:length] if len(line) > length else line + "<" * (length - len(line))
    longest = max(runs, key=lambda m: (len(m.group()), m.start()))
    delta = length - len(line)
    if delta > 0:
        return line[: longest.end()] + "<" * delta + line[longest.end():]
    remove = min(-delta, len(longest.group()))
    fitted = line[: longest.start()] + "<" * (len(longest.group()) - remove) + line[longest.end():]
    return fitted[:length]


def candidate_zones(text_lines: Iterable[str]) -> Iterator[tuple[MrzFormat, tuple[str, ...]]]:
    """Groups of consecutive OCR lines that may be an MRZ, most specific format first."""
    lines = [normalise_line(line) for line in text_lines]
    lines = [line for line in lines if len(line) >= 20]
    for index in range(len(lines)):
        window = lines[index:index + 3]
        if len(window) == 3 and all(_looks_like_mrz(x, TD1_LENGTH) for x in window) and \
                window[0][:1] in "IAC" and _plausible_zone(window):
            yield MrzFormat.TD1, tuple(_fit_length(x, TD1_LENGTH) for x in window)
        pair = lines[index:index + 2]
        if len(pair) < 2:
            continue
        if not _plausible_zone(pair):
            continue
        if all(_looks_like_mrz(x, TD3_LENGTH) for x in pair):
            yield MrzFormat.TD3, tuple(_fit_length(x, TD3_LENGTH) for x in pair)
        elif all(_looks_like_mrz(x, TD2_LENGTH) for x in pair) and pair[0][:1] in "IACV":
            yield MrzFormat.TD2, tuple(_fit_length(x, TD2_LENGTH) for x in pair)


def find_mrz(text_lines: Iterable[str], today: date | None = None) -> MrzReading | None:
    """The best MRZ in the lines: a TD3 that passes its checks beats one that does not."""
    best: MrzReading | None = None
    for fmt, lines in candidate_zones(text_lines):
        if fmt is MrzFormat.TD3:
            reading = parse_td3(lines[0], lines[1], today=today)
        else:
            reading = MrzReading(format=fmt, lines=lines, document_code=lines[0][:2].rstrip("<"),
                                 notes=(f"{fmt.value} machine readable zone: an ID card, "
                                        "residence permit or visa, not a passport",))
        if best is None or _rank(reading) > _rank(best):
            best = reading
    return best


def _rank(reading: MrzReading) -> tuple[int, int, int]:
    passed = sum(reading.checks.values())
    return (int(reading.checks_ok), passed, int(reading.format is MrzFormat.TD3))


# ---------------------------------------------------------------------------------------------
# Field repair

_MAX_SUBSTITUTIONS = 3


def _alternatives(char: str, allowed: str) -> list[str]:
    """Characters that OCR may have misread as `char`, limited to what the field allows."""
    options: list[str] = []
    if char.isalpha() and "0" in allowed and char in DIGIT_FOR_LETTER and (
            "A" not in allowed or char in _SYMMETRIC_CONFUSIONS):
        options.append(DIGIT_FOR_LETTER[char])
    if char.isdigit() and "A" in allowed and char in LETTER_FOR_DIGIT and (
            "0" not in allowed or LETTER_FOR_DIGIT[char] in _SYMMETRIC_CONFUSIONS):
        options.append(LETTER_FOR_DIGIT[char])
    if char in FILLER_LOOKALIKES and "<" in allowed and "0" not in allowed:
        options.append("<")
    if char == "<" and "<" not in allowed and "0" in allowed:
        options.append("0")
    return options


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = _DIGITS + _LETTERS + "<"
NUMERIC = _DIGITS
CHECK = _DIGITS + "<"


def _coerce(text: str, allowed: str) -> str:
    """Replace characters a field cannot hold by the look-alike it can."""
    out = []
    for char in text:
        if char in allowed:
            out.append(char)
            continue
        options = _alternatives(char, allowed)
        out.append(options[0] if options else char)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class FieldReading:
    value: str
    digit: str
    passes: bool
    changes: int


_MAX_CANDIDATES = 12


def _fits_context(text: str, index: int, allowed: str) -> bool:
    """Where letters and digits are both legal, a look-alike is only swapped when it stands out
    among its neighbours: O between digits, 8 between letters.

    In a document number only the field's own check digit guards a repair (the composite
    weighs its characters the same way, so it passes whenever the field does); a swap that
    fits no context is a guess the check digit confirms one time in ten.
    """
    if not ("A" in allowed and "0" in allowed):
        return True
    neighbours = [text[j] for j in (index - 1, index + 1) if 0 <= j < len(text)]
    neighbours = [c for c in neighbours if c != "<"]
    if not neighbours:
        return True
    if text[index].isalpha():
        return all(c.isdigit() for c in neighbours)
    return all(c.isalpha() for c in neighbours)


def field_readings(value: str, digit: str, allowed: str, *, number: bool = False,
                   is_date: bool = False) -> list[FieldReading]:
    """Readings of a checked field whose check digit passes, fewest substitutions first.

    When nothing within reach passes, the only reading is the field as read (digits-only fields
    still coerced to digits, the only reading they can have), marked as failing.

    `number`: a document number, where a `<` followed by more characters is implausible (it is
    a K or C misread: K weighs as `<` does, so the check digit keeps passing). `is_date`: a
    YYMMDD field, where a repair must give a real date.
    """
    digit_options = [digit] if digit in CHECK else []
    digit_options += [d for d in _alternatives(digit, CHECK) if d not in digit_options]
    coerced = _coerce(value, allowed)
    as_read_changes = sum(a != b for a, b in zip(value, coerced, strict=True))
    if number and re.search(r"<[^<]", coerced.rstrip("<")):
        last = len(coerced.rstrip("<"))
        coerced = "".join("K" if c == "<" and i < last else c for i, c in enumerate(coerced))
        as_read_changes += 1
    bases = [(coerced, as_read_changes)]
    if "<" in allowed:
        # A trailing run of fillers read as K or C is one repair, and it comes first: K counts
        # 20 and `<` 0, so the check digit cannot tell them apart (20 x weight = 0 mod 10).
        # In a document number a real letter may end the number, so the run must hold a `<`
        # as read (`...K<` may be a K; `...KK` at the end of a full number is two letters).
        tail = re.search(r"[<KC]{2,}$", coerced)
        if tail and set(tail.group()) != {"<"} and (not number or "<" in tail.group()):
            bases.insert(0, (coerced[: tail.start()] + "<" * len(tail.group()), 0))

    def plausible(candidate: str) -> bool:
        if number and re.search(r"<[^<]", candidate):
            return False
        return not is_date or _real_yymmdd(candidate)

    found: dict[tuple[str, str], FieldReading] = {}
    for base, base_changes in bases:
        positions = [(i, alts) for i, c in enumerate(base) if (alts := _alternatives(c, allowed))
                     and _fits_context(base, i, allowed)]
        # Where letters and digits are both legal every substitution is a guess; allow one.
        reach = 1 if "A" in allowed and "0" in allowed else _MAX_SUBSTITUTIONS
        for count in range(0, min(reach, len(positions)) + 1):
            for chosen in itertools.combinations(positions, count):
                for picks in itertools.product(*(alts for _, alts in chosen)):
                    chars = list(base)
                    for (index, _), pick in zip(chosen, picks, strict=True):
                        chars[index] = pick
                    candidate = "".join(chars)
                    if not plausible(candidate):
                        continue
                    for option in digit_options:
                        if check_passes(candidate, option):
                            changes = base_changes + count + int(option != digit)
                            known = found.get((candidate, option))
                            if known is None or known.changes > changes:
                                found[(candidate, option)] = FieldReading(
                                    candidate, option, True, changes)
            if len(found) >= _MAX_CANDIDATES:
                break
    if number and not found and digit in _DIGITS:
        for base, base_changes in bases:
            paired = _round_pair_reading(base, digit)
            if paired is not None:
                found[(paired, digit)] = FieldReading(paired, digit, True, base_changes + 2)
                break
    if found:
        # Equal changes keep the order they were made in: deterministic, filler runs first.
        return sorted(found.values(), key=lambda r: r.changes)[:_MAX_CANDIDATES]
    fallback_digit = digit_options[0] if digit_options else digit
    return [FieldReading(coerced, fallback_digit, False, as_read_changes)]


def _real_yymmdd(text: str) -> bool:
    """A YYMMDD that is a day of the calendar in some century (29 February: a leap year)."""
    if not re.fullmatch(r"\d{6}", text):
        return False
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
    try:
        date(2000 + yy if yy % 4 == 0 else 2001, month, day)
    except ValueError:
        return False
    return True


def repair_checked_field(value: str, digit: str, allowed: str) -> tuple[str, str, bool]:
    """(value, check digit, passes) after the smallest repair that makes the check pass."""
    best = field_readings(value, digit, allowed)[0]
    return best.value, best.digit, best.passes


def repair_code(code: str) -> str:
    """A three-letter state code: letters and fillers only (`D<<` is Germany)."""
    return resolve_code(code).code


# Characters OCR reads for a letter of a state code: the digits a letter looks like, and the
# letters that differ from it by a stroke. A code is repaired only to an ICAO code.
_CODE_CONFUSIONS: dict[str, str] = {
    "0": "ODQ", "1": "ILT", "2": "Z", "3": "JB", "4": "A", "5": "S", "6": "G", "7": "T",
    "8": "B", "9": "G",
    "O": "DQCU", "D": "OB", "Q": "O", "I": "LTJ", "L": "I", "T": "IJ", "J": "IT", "C": "GO",
    "G": "CO", "E": "FB", "F": "EP", "M": "NH", "N": "MH", "H": "NM", "U": "VO", "V": "UY",
    "Y": "V", "K": "X", "X": "K", "P": "RF", "R": "PB", "B": "ER", "A": "R",
}


@dataclass(frozen=True, slots=True)
class CodeReading:
    """A state code as repaired, and how sure that is.

    `status`: "read" (an ICAO code as printed), "fillers" (only `<` look-alikes or digits that
    can only be one letter were changed), "repaired" (one letter changed for a look-alike, the
    only ICAO code within one change), "ambiguous" (several ICAO codes are one change away)
    or "unknown" (none is).
    """

    code: str
    status: str
    options: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        return self.status in ("read", "fillers")


def resolve_code(code: str, witness: str | None = None) -> CodeReading:
    """Repair a state code to an ICAO code (`D<<` is Germany): a code that is not one is an OCR
    error, never a nationality. `witness`: the other code of the zone as printed (the issuing
    state for the nationality): among several repairs it is the one chosen, and a repair that
    equals it is confirmed by it."""
    if is_known_code(code) and "<" not in code.rstrip("<") and not any(c.isdigit() for c in code):
        return CodeReading(code, "read")
    # `D<<` read as `DKK`/`DCC`: fillers after a known one-letter or two-letter code.
    for keep in (1, 2):
        head, tail = code[:keep], code[keep:]
        if head in _ISSUING_CODES and set(tail) <= FILLER_LOOKALIKES | {"<"}:
            return CodeReading(head + "<" * len(tail), "fillers")
    options = _one_change_codes(code)
    if len(options) == 1:
        return CodeReading(options[0], "repaired", tuple(options))
    if options and witness is not None and witness in options:
        return CodeReading(witness, "repaired", tuple(options))
    fixed = "".join(LETTER_FOR_DIGIT.get(c, c) for c in code)
    return CodeReading(fixed, "ambiguous" if options else "unknown", tuple(options))


def _one_change_codes(code: str) -> list[str]:
    """ICAO codes one look-alike away from `code` (a digit, which a code never holds, must be
    the character changed), sorted."""
    digits = [i for i, c in enumerate(code) if c.isdigit()]
    if len(digits) > 1:
        return []
    found: set[str] = set()
    for index in digits or range(len(code)):
        for letter in _CODE_CONFUSIONS.get(code[index], ""):
            if not letter.isalpha():
                continue
            text = code[:index] + letter + code[index + 1:]
            if is_known_code(text) and "<" not in text.rstrip("<"):
                found.add(text)
    return sorted(found)


def is_known_code(code: str) -> bool:
    return code.rstrip("<") in _ISSUING_CODES


_FILLER_NOISE = frozenset("KCSEXR")


def _is_noise(run: str) -> bool:
    """Letters tesseract makes of a long `<` run: one or two of K, C, S, E, X, R, repeated."""
    return set(run) <= _FILLER_NOISE and (
        len(set(run)) <= 2 or sum(c in "KC" for c in run) * 2 >= len(run))


def _holds_a_name(text: str) -> bool:
    """A run of three or more letters that is not filler noise is a name, not filler."""
    return any(len(run) >= 3 and not _is_noise(run) for run in re.findall("[A-Z]+", text))


def _filler_start(text: str) -> int:
    """Where the trailing filler of a name field begins.

    OCR sprinkles K, C and stray letters into a long run of `<`. The filler is the longest
    suffix that starts with a real `<` and is mostly `<`; letters before it stay name letters.
    When no `<` was read at all, a trailing run of three or more K/C is the filler.
    """
    best = len(text)
    if text[-1:].isalpha() and text[-1] not in _FILLER_NOISE and text[-2:-1] != "<":
        return best  # the field ends in a name letter: a long name cut at 39, no filler
    fillers = 0
    for index in range(len(text) - 1, -1, -1):
        fillers += text[index] == "<" or text[index] in _FILLER_NOISE
        if text[index] != "<":
            continue
        if fillers / (len(text) - index) >= 0.6 and not _holds_a_name(text[index:]):
            best = index
    if best == len(text):
        run = re.search(r"[KC]{3,}$", text)
        if run is not None:
            best = run.start()
    return best


def name_field_truncated(field_text: str) -> bool:
    """The name ran to the field's end with no filler at all: a long name cut at 39 letters.

    A last filler misread as a letter (`FOLAKE<<<<<<X`) is no truncation: judged on where the
    filler starts, not on whether the last character happens to be a `<`."""
    text = "".join(LETTER_FOR_DIGIT.get(c, c) for c in field_text)
    return bool(text) and _filler_start(text) == len(text)


def split_name_field(field_text: str) -> tuple[str, str, bool]:
    """(surname, given names, repaired) from the name field of a TD3 first line."""
    return read_name_field(field_text)[:3]


def read_name_field(field_text: str) -> tuple[str, str, bool, tuple[str, ...]]:
    """(surname, given names, repaired, parts dropped after the name's end) from the name field.

    Names hold no digits, so digits become their look-alike letters. The `<` filler is often read
    as `K` or `C` (see `_filler_start` for the trailing filler). Inside the name, a pair of filler
    look-alikes that holds at least one real `<` is the surname separator.
    """
    text = "".join(LETTER_FOR_DIGIT.get(c, c) for c in field_text)
    repaired = text != field_text
    cut = _filler_start(text)
    if set(text[cut:]) - {"<"}:
        repaired = True
    body = text[:cut]
    if "<<" not in body:
        mixed = re.search(r"(?:<[KC]|[KC]<)", body)
        if mixed is None and len(body) > 12:
            mixed = re.search(r"(?:KK|CC)(?=[A-Z])", body) or re.search(
                r"(?:KC|CK)(?=[A-Z])", body)
        if mixed is not None:
            body = body[: mixed.start()] + "<<" + body[mixed.end():]
            repaired = True
    surname, _, given = body.partition("<<")
    # The name ends at the first filler run after the given names: nothing after it is a name
    # (`FOLAKE<<S<<<` is FOLAKE). What was cut is kept aside for the visual zone to restore.
    given, _, after = given.partition("<<")
    given_parts = [p for p in given.split("<") if p]
    dropped = tuple(p for p in re.split(r"<+", after) if len(p) >= 2 and not _is_noise(p))
    if set(after) - {"<"}:
        repaired = True
    return surname.replace("<", " ").strip(), " ".join(given_parts), repaired, dropped


NAMES_NOT_THE_FIELD = "names: the zone's name field holds more, less or other than these names"
NAMES_STRAY_AFTER_END = ("names: letters after the end of the name that may be a name part "
                         "as well as filler read as letters")
NAMES_SEPARATOR_SHIFTED = ("names: the fillers between the name parts are not where the "
                           "names put them (a surname and given names told apart by a misread)")
_MAX_EDGE_NOISE = 2  # filler look-alikes beside a name part: `<<` read as `KK` on one side
# Positions after the name's last letter where another name part could still begin: after a
# `<<`, a letter misread as a filler, and a little more.
_NAME_END_WINDOW = 5
_SHORT_NAME = 6  # letters of a name part made only of filler look-alikes (`ESSE`, `REX`)


def _edge_match(run: str, part: str) -> tuple[int, int] | None:
    """(noise before, noise after) when `run` is `part` with filler look-alikes at its edges."""
    start = run.find(part)
    while start >= 0:
        before, after = run[:start], run[start + len(part):]
        if len(before) <= _MAX_EDGE_NOISE and len(after) <= _MAX_EDGE_NOISE and \
                set(before + after) <= _FILLER_NOISE:
            return len(before), len(after)
        start = run.find(part, start + 1)
    return None


def _joined_match(run: str, part: str, following: str, *, doubled: bool
                  ) -> tuple[int, int] | None:
    """(noise before, noise after) when `run` is two name parts joined by a filler read as a
    letter (`AMIRSNAVID`), or by the doubled separator read as two (`SMITHKKJOHN`)."""
    joiner = 2 if doubled else 1
    for lead in range(_MAX_EDGE_NOISE + 1):
        if run[lead:lead + len(part)] != part or not set(run[:lead]) <= _FILLER_NOISE:
            continue
        # The fillers read as letters, and up to two look-alikes tesseract put in besides.
        for width in range(joiner, joiner + _MAX_EDGE_NOISE + 1):
            middle = run[lead + len(part):lead + len(part) + width]
            rest = run[lead + len(part) + width:]
            if len(middle) != width or not set(middle) <= _FILLER_NOISE or not rest:
                continue
            tail = _edge_match(rest, following)
            if tail is not None and tail[0] == 0:
                return lead, tail[1]
    return None


def name_field_mismatch(field_text: str, surname: str, given: str) -> str | None:
    """None when the name field as read is exactly these names and filler, else why not.

    No check digit covers a name, so the names are trusted only when every letter of the field
    is accounted for: each name part is a run of the field (a `<` beside it may have been read
    as K, C, S, E, X or R), two parts of one name are one filler apart, surname and given names
    two (a lone look-alike between them is filler too), and what is left after the name is
    filler: near its end a `<` read as a letter, alone, or look-alikes without a vowel; far
    into the filler, where no name part starts, look-alikes and lone letters. This refuses
    what the printed page cannot refuse, since it prints the same words: a name part read as
    filler or cut short (`LI<<NA` read `LI<<N`), a separator shifted (`VAN<DER` read
    `VAN<<DER`), a given name dropped as noise (`<<EKE`), a `<` read as L or I (a thin letter
    the page's OCR may have lost)."""
    text = "".join(LETTER_FOR_DIGIT.get(c, c) for c in field_text)
    groups = [surname.split(), given.split()]
    parts = [(part, group) for group, words in enumerate(groups) for part in words]
    if not parts or re.search("[^A-Z<]", text):
        return NAMES_NOT_THE_FIELD
    runs = [(m.start(), m.group()) for m in re.finditer("[A-Z]+", text)]
    index = 0  # the next run of letters of the field
    end = 0  # where the last name letter matched ends
    trail = 0  # filler look-alikes read right after it
    lone = 0  # lone look-alikes read since
    j = 0
    while j < len(parts):
        part, group = parts[j]
        if index >= len(runs):
            return NAMES_NOT_THE_FIELD
        start, run = runs[index]
        if len(run) == 1 and run in _FILLER_NOISE and run != part and index + 1 < len(runs):
            # A lone look-alike between two parts (`TKACHENKO<K<DMYTRO`): filler noise, counted
            # in the gap below.
            index += 1
            lone += 1
            continue
        consumed = 1
        edges = _edge_match(run, part)
        if edges is None and j + 1 < len(parts):
            following, following_group = parts[j + 1]
            edges = _joined_match(run, part, following, doubled=following_group != group)
            consumed = 2
        if edges is None:
            return NAMES_NOT_THE_FIELD
        # The surname starts the field (with no surname, the given names follow `<<`); parts
        # of one name are a filler apart, surname and given names two.
        first = 0 if groups[0] else 2
        wanted_gap = first if j == 0 else 1 if group == parts[j - 1][1] else 2
        # Between two parts: the fillers as read, and look-alikes that replaced a filler or
        # that tesseract put in besides one (`NAIR<<KDIVYA`: the K is one or the other).
        gap = start + edges[0] - end
        noise = trail + edges[0] + lone
        if not gap - noise <= wanted_gap <= gap:
            return NAMES_SEPARATOR_SHIFTED
        end = start + len(run) - edges[1]
        trail = edges[1]
        lone = 0
        j += consumed
        index += 1
    near_found = False
    for start, run in runs[index:]:
        if start - end > _NAME_END_WINDOW:
            # Far into the filler: no name part starts there. A lone letter of any kind, or
            # filler look-alikes, are noise; a run of other letters is something unread.
            if len(run) > 1 and not set(run) <= _FILLER_NOISE:
                return NAMES_NOT_THE_FIELD
            continue
        if not set(run) <= _FILLER_NOISE:
            return NAMES_NOT_THE_FIELD
        # Where a next name part would start, one lone look-alike is a filler misread; a few
        # more letters with a vowel may be a name part (`<<E<KE` for ELKE, `<<EKE`); `<<KKXS`,
        # without one, is no name, nor is a long run (`<<KKKKKKKEEEKEEKK`: a filler misread).
        if "E" in run and (1 < len(run) <= _SHORT_NAME or (len(run) == 1 and near_found)):
            return NAMES_STRAY_AFTER_END
        near_found = True
    return None


def parse_yymmdd(text: str, *, future_years: int, today: date) -> date | None:
    """A date from YYMMDD. Birth dates lie in the past (future_years=0); expiry dates may lie up
    to `future_years` ahead, so the century is the latest one that keeps within that bound."""
    if not re.fullmatch(r"\d{6}", text):
        return None
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
    year = 2000 + yy
    if year > today.year + future_years:
        year -= 100
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    if future_years == 0 and candidate > today:
        try:
            candidate = date(year - 100, month, day)
        except ValueError:
            return None
    return candidate


def _repair_sex(char: str) -> str:
    if char in "MFX<":
        return char
    if char in FILLER_LOOKALIKES:
        return "<"
    return {"H": "M", "N": "M", "E": "F", "P": "F"}.get(char, char)


def parse_td3(line1: str, line2: str, today: date | None = None) -> MrzReading:
    """Parse and check a TD3 zone; every repair and failing check is named in the reading."""
    today = today or date.today()
    line1 = _fit_length(normalise_line(line1), TD3_LENGTH)
    line2 = _fit_length(normalise_line(line2), TD3_LENGTH)
    repairs: list[str] = []
    notes: list[str] = []
    unsettled: list[str] = []

    code = line1[:2]
    fixed_code = code[0] + ("<" if code[1] in FILLER_LOOKALIKES else code[1])
    if fixed_code != code:
        repairs.append("document code")
    if not fixed_code.startswith("P"):
        kind = "a visa" if fixed_code.startswith("V") else "not a passport"
        notes.append(f"document code {fixed_code.rstrip('<')!r}: {kind}")
    issuing_reading = resolve_code(line1[2:5])
    nationality_reading = resolve_code(
        line2[10:13], witness=issuing_reading.code if issuing_reading.certain else None)
    if not issuing_reading.certain:
        issuing_reading = resolve_code(
            line1[2:5], witness=nationality_reading.code if nationality_reading.certain else None)
    issuing, nationality = issuing_reading.code, nationality_reading.code
    if issuing != line1[2:5]:
        repairs.append("issuing state")
    surname, given, names_repaired, dropped = read_name_field(line1[5:])
    if names_repaired:
        repairs.append("name fillers")
    if dropped:
        unsettled.append("given names: letters after the end of the name field")

    if nationality != line2[10:13]:
        repairs.append("nationality")
    for label, reading, other in (("issuing state", issuing_reading, nationality_reading),
                                  ("nationality", nationality_reading, issuing_reading)):
        witnessed = other.certain and other.code == reading.code
        if reading.status == "repaired" and not witnessed:
            unsettled.append(f"{label} code read as {_printable(reading, line1, line2, label)}, "
                             f"taken as {reading.code.rstrip('<')}")
        elif reading.status in ("ambiguous", "unknown"):
            unsettled.append(f"{label} code {reading.code.rstrip('<')!r} is not an ICAO code")
    sex = _repair_sex(line2[20])
    if sex != line2[20]:
        repairs.append("sex")
        # No check digit covers the sex: a repaired one is a guess until someone looks.
        unsettled.append(f"{SEX_REASON_PREFIX} read as {line2[20]!r}, taken as "
                         f"{sex.replace('<', 'unspecified')}")
    elif sex not in "MFX<":
        unsettled.append(f"{SEX_REASON_PREFIX} {sex!r} is not M, F or unspecified")
    fields = _choose_checked_fields(line2)
    fields, by_format = _issuing_state_format(issuing, fields)
    if by_format:
        repairs.append("document number chosen by the issuing state's number format")
    elif fields.composite_ok and not check_passes(_coerce(line2[0:9], ALNUM), line2[9]) and \
            _substituted(line2[0:9], fields.number.value):
        unsettled.append(NUMBER_REPAIRED)
    number, birth, expiry, optional = fields.number, fields.birth, fields.expiry, fields.optional
    checks = {
        "document_number": number.passes,
        "birth_date": birth.passes,
        "expiry_date": expiry.passes,
        "personal_number": optional.passes,
        "composite": fields.composite_ok,
    }
    for name, before, after in (
        ("document number", line2[0:10], number),
        ("birth date", line2[13:20], birth),
        ("expiry date", line2[21:28], expiry),
        ("personal number", line2[28:43], optional),
    ):
        if before != after.value + after.digit:
            repairs.append(name)
    if fields.composite_digit != line2[43]:
        repairs.append("composite check digit")

    if not is_known_code(issuing):
        notes.append("issuing state code is not an ICAO code")
    if not is_known_code(nationality):
        notes.append("nationality code is not an ICAO code")

    birth_date = parse_yymmdd(birth.value, future_years=0, today=today)
    expiry_date = parse_yymmdd(expiry.value, future_years=20, today=today)
    # Dates must be days of the calendar, and a passport expires after its holder was born.
    checks["dates"] = bool(birth_date and expiry_date and expiry_date > birth_date)
    if birth_date and expiry_date and expiry_date <= birth_date:
        notes.append("expiry date before the birth date")
    alternatives = tuple(_line2(a[0], nationality, a[1], sex, a[2], a[3], a[4])
                         for a in fields.alternatives)
    if alternatives:
        unsettled.append("document number or dates: the check digits cannot choose between "
                         f"{len(alternatives) + 1} readings")

    fixed_line1 = fixed_code + issuing + line1[5:]
    fixed_line2 = fields.line(nationality, sex)
    passport = PassportData(
        document_type=fixed_code.rstrip("<"),
        issuing_country=issuing.rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=number.value.rstrip("<"),
        nationality=nationality.rstrip("<"),
        birth_date=birth_date,
        sex=sex.replace("<", "X"),
        expiry_date=expiry_date,
        checks_ok=all(checks.values()),
    )
    reading = MrzReading(
        format=MrzFormat.TD3,
        lines=(fixed_line1, fixed_line2),
        document_code=fixed_code,
        passport=passport,
        checks=checks,
        repairs=tuple(repairs),
        notes=tuple(notes),
        alternatives=alternatives,
        unsettled=tuple(unsettled),
        dropped_names=dropped,
    )
    return with_confirmation(reading)


def _printable(reading: CodeReading, line1: str, line2: str, label: str) -> str:
    raw = line1[2:5] if label == "issuing state" else line2[10:13]
    return repr(raw.rstrip("<"))


def with_confirmation(reading: MrzReading, viz_disagreements: Sequence[str] = ()) -> MrzReading:
    """Set `PassportData.confirmed` and its reasons from the reading's own state.

    Confirmed: every check passes, both codes are ICAO codes, nothing is left unsettled and
    the visual zone (when read) does not contradict.
    """
    from dataclasses import replace

    if reading.passport is None:
        return reading
    reasons = (*reading.unsettled, *viz_disagreements)
    codes_known = is_known_code(reading.lines[0][2:5]) and is_known_code(reading.lines[1][10:13])
    confirmed = reading.checks_ok and reading.is_passport and codes_known and not reasons
    trust = field_trust(reading, viz_disagreements)
    # A reading confirmed as a whole has every field trusted; never the other way round.
    confirmed = confirmed and all(t.trusted for t in trust)
    return replace(reading, passport=replace(reading.passport, confirmed=confirmed,
                                             disagreements=tuple(dict.fromkeys(reasons)),
                                             trust=trust))


# A document number as read failed its check digit and one look-alike swapped made it pass.
# The true character may be one the repair does not try (a Q read for O) while a swap
# elsewhere passes by chance: a check digit passes one guess in ten, and the composite weighs
# the number alike, so it cannot tell either. Settled only by the printed page.
NUMBER_REPAIRED = ("document number: a look-alike was swapped to make its check digit pass, "
                   "and a check digit passes one guess in ten")


def _substituted(as_read: str, value: str) -> bool:
    """A character of the number changed for a look-alike (a K or C for a filler and back is
    the filler rule's, judged by `_filler_or_k`)."""
    coerced = _coerce(as_read, ALNUM)
    return any(a != b and not (a in "<KC" and b in "<K")
               for a, b in zip(coerced, value, strict=True))


# O and 0 in the number were told apart by the heights of their glyphs (`mrz_cells`): a
# measure of a few pixels, so the number is the best reading but not trusted until the
# printed page shows it.
NUMBER_BY_HEIGHT = ("document number: O and 0 told apart only by the height of their glyphs "
                    "(OCR-B prints digits taller than capitals)")


def with_line2(reading: MrzReading, chosen: str, today: date | None = None) -> MrzReading:
    """The reading with `chosen`, one of its alternatives, as its second line: the number
    and the dates follow it, and the line it replaces becomes an alternative."""
    from dataclasses import replace

    if chosen == reading.lines[1] or reading.passport is None:
        return reading
    today = today or date.today()
    passport = replace(
        reading.passport, document_number=chosen[0:9].rstrip("<"),
        birth_date=parse_yymmdd(chosen[13:19], future_years=0, today=today),
        expiry_date=parse_yymmdd(chosen[21:27], future_years=20, today=today))
    others = tuple(a for a in (reading.lines[1], *reading.alternatives) if a != chosen)
    return replace(reading, lines=(reading.lines[0], chosen), passport=passport,
                   alternatives=others)


# The visual zone prints the number with other look-alikes that pass the checks too.
PRINTED_OTHER_NUMBER = ("document number: the printed page shows it with other look-alikes "
                        "that pass the check digits as well")

# Where in the second line each checked field lies, and the name of its check.
_LINE2_FIELDS = {"document_number": (0, 9), "birth_date": (13, 19), "expiry_date": (21, 27)}
_NAME_REASON_PREFIX = "given names:"
SEX_REASON_PREFIX = "sex:"
UNSEPARATED_NAMES = ("names: no doubled filler separates a surname from given names, and the "
                     "words alone cannot tell them apart")


def field_trust(reading: MrzReading, viz_disagreements: Sequence[str] = ()
                ) -> tuple[FieldTrust, ...]:
    """A verdict per field the checklist decides on, each from the evidence that covers it.

    A checked field (number, birth, expiry) is trusted when its own check digit and the
    composite pass, its dates are real and in order, and no other reading that passes every
    check as well has a different value there: an O/0 tie in the number leaves the dates
    trusted. The nationality has no check digit: it is trusted when it is an ICAO code read as
    printed (or repaired and witnessed) and either the whole zone validates or the visual zone
    prints it. Names have no check digit either: trusted unless a reason speaks against them.
    """
    line2 = reading.lines[1]
    checks = reading.checks
    verdicts: list[FieldTrust] = []
    if not reading.is_passport:
        return tuple(FieldTrust(name, False, "not a passport's machine readable zone")
                     for name in TRUSTED_FIELDS)

    nationality = line2[10:13]
    nationality_doubts = [u for u in reading.unsettled if u.startswith("nationality code")]
    if not is_known_code(nationality):
        verdicts.append(FieldTrust("nationality", False, "not an ICAO country code"))
    elif nationality_doubts:
        verdicts.append(FieldTrust("nationality", False, nationality_doubts[0]))
    elif reading.checks_ok:
        verdicts.append(FieldTrust("nationality", True,
                                   "an ICAO code read as printed; every check digit passes"))
    elif nationality.rstrip("<") in reading.printed_codes:
        verdicts.append(FieldTrust("nationality", True,
                                   "an ICAO code the printed page shows as well"))
    else:
        verdicts.append(FieldTrust(
            "nationality", False, "no check digit covers it, the zone's check digits fail and "
            "the printed page does not show it"))

    for name, (start, end) in _LINE2_FIELDS.items():
        others = sorted({a[start:end] for a in reading.alternatives if a[start:end] !=
                         line2[start:end]})
        label = name.replace("_", " ")
        if not checks.get(name):
            verdicts.append(FieldTrust(name, False, f"the {label}'s check digit fails"))
        elif others:
            verdicts.append(FieldTrust(name, False, _tie_reason(label, line2[start:end], others)))
        elif name == "document_number" and PRINTED_OTHER_NUMBER in reading.unsettled:
            verdicts.append(FieldTrust(name, False, PRINTED_OTHER_NUMBER))
        elif name == "document_number" and NUMBER_REPAIRED in reading.unsettled:
            verdicts.append(FieldTrust(name, False, NUMBER_REPAIRED))
        elif name == "document_number" and NUMBER_BY_HEIGHT in reading.unsettled:
            verdicts.append(FieldTrust(name, False, NUMBER_BY_HEIGHT))
        elif not checks.get("composite"):
            verdicts.append(FieldTrust(name, False, "the composite check digit fails"))
        elif name != "document_number" and not checks.get("dates"):
            verdicts.append(FieldTrust(name, False, "the dates are impossible"))
        else:
            verdicts.append(FieldTrust(name, True, "its check digit and the composite pass"))

    name_doubts = [*(u for u in reading.unsettled if u.startswith(_NAME_REASON_PREFIX)),
                   *viz_disagreements]
    passport = reading.passport
    if passport is not None and not passport.given_names and " " in passport.surname:
        # `ERIKSSON<ANNA<MARIA` with no doubled filler: a single-name holder, or a `<<` read as
        # `<`. The page prints every word either way, so it cannot tell which.
        name_doubts.append(UNSEPARATED_NAMES)
    if passport is not None and not name_doubts:
        # Whatever witnessed the names (the page prints words, not where the fillers were),
        # the zone's own field must hold them and nothing else.
        mismatch = name_field_mismatch(reading.lines[0][5:], passport.surname,
                                       passport.given_names)
        if mismatch is not None:
            name_doubts.append(mismatch)
    if name_doubts:
        verdicts.append(FieldTrust("names", False, name_doubts[0]))
    elif reading.names_printed:
        verdicts.append(FieldTrust("names", True, "the printed page shows them"))
    elif reading.checks_ok:
        verdicts.append(FieldTrust("names", True, "no check digit covers names, but the zone "
                                   "validates and nothing read speaks against them"))
    else:
        verdicts.append(FieldTrust("names", False, "no check digit covers names and the zone's "
                                   "check digits fail"))
    verdicts.append(_sex_trust(reading))
    verdicts.append(_issuing_state_trust(reading, trusted_nationality=verdicts[0].trusted))
    return tuple(verdicts)


def _sex_trust(reading: MrzReading) -> FieldTrust:
    """No check digit covers the sex: trusted when it was read as printed (M, F or a filler)
    in a zone that validates; a letter repaired from a look-alike is a guess."""
    doubts = [u for u in reading.unsettled if u.startswith(SEX_REASON_PREFIX)]
    if doubts:
        return FieldTrust("sex", False, doubts[0])
    if not reading.checks_ok:
        return FieldTrust("sex", False, "no check digit covers it and the zone's check digits fail")
    return FieldTrust("sex", True, "read as printed in a zone that validates")


def _issuing_state_trust(reading: MrzReading, trusted_nationality: bool) -> FieldTrust:
    """The first line has no check digit at all: the issuing state is trusted when it is an
    ICAO code read as printed (or repaired and witnessed) and a second reading shows it: the
    trusted nationality is the same code, or the printed page shows it."""
    issuing = reading.lines[0][2:5]
    doubts = [u for u in reading.unsettled if u.startswith("issuing state code")]
    if not is_known_code(issuing):
        return FieldTrust("issuing_state", False, "not an ICAO country code")
    if doubts:
        return FieldTrust("issuing_state", False, doubts[0])
    if trusted_nationality and issuing == reading.lines[1][10:13]:
        return FieldTrust("issuing_state", True, "the same code as the trusted nationality")
    if issuing.rstrip("<") in reading.printed_codes:
        return FieldTrust("issuing_state", True, "an ICAO code the printed page shows as well")
    return FieldTrust("issuing_state", False, "no check digit covers it, it differs from the "
                      "nationality and the printed page does not show it")


def _tie_reason(label: str, chosen: str, others: Sequence[str]) -> str:
    """Which look-alikes the check digits cannot choose between, never the value itself."""
    pairs = sorted({" or ".join(sorted((a, b), reverse=True))
                    for other in others for a, b in zip(chosen, other, strict=True) if a != b})
    return (f"the check digits cannot choose the {label} between {len(others) + 1} readings "
            f"({', '.join(pairs)})")


_ROUND_SWAP = {"0": "O", "O": "0"}


def _round_pair_reading(number: str, digit: str) -> str | None:
    """The number with two of its O and 0 swapped for each other, when exactly one such pair
    makes its check digit pass; None otherwise.

    For a number whose check fails as read and that no single swap repairs: OCR-B's O and 0
    are the commonest misreading in numbers, and a photo often blurs two of them (`X7O8093O0`
    read `X70809300`). An O counts 24 and a 0 nothing, so a pair at weights 7 and 3 weighs
    nothing (`_weightless_lookalikes`); at any other weights the check digit fails, and swapping
    the pair back is the repair. The composite weighs the number as its own check digit does,
    so it is no second witness for such a repair; other pairs that pass as well make the
    number a guess and nothing is repaired. A number repaired so is never trusted on the zone
    alone (`NUMBER_REPAIRED`): only the printed page showing it settles it.
    """
    positions = [i for i, c in enumerate(number) if c in _ROUND_SWAP]
    passing = []
    for first, second in itertools.combinations(positions, 2):
        chars = list(number)
        for index in (first, second):
            chars[index] = _ROUND_SWAP[chars[index]]
        candidate = "".join(chars)
        if check_passes(candidate, digit):
            passing.append(candidate)
    return passing[0] if len(passing) == 1 else None


# Characters an issuing state never uses in its document numbers, with the source. Only
# states whose rule is published; a rule read off specimens is no rule.
# NLD: "the letter 'O' is not used in Dutch passport numbers. You will only ever see the
# number '0'. This also applies to identity document numbers." (government.nl, "How do I know
# if my passport number includes a number 0 or a letter O?"; python-stdnum's
# nl.identiteitskaartnummer follows it).
NUMBER_NEVER_HOLDS = {"NLD": frozenset("O")}
# Characters a state's numbers are not made of by its published alphabet, used only to choose
# among readings the check digits cannot tell apart; the others stay alternatives, so the
# number stays untrusted until the printed page or the glyphs settle it (a number made up
# without the rule, as a generator or an old series may, is then not confirmed wrong).
# Germany (`D`): serial numbers of passports and identity cards are drawn from the digits and
# C F G H J K L M N P R T V W X Y Z (Passverordnung, Personalausweisverordnung: no vowels, no
# B, D, Q or S), so an O, D or Q there is a 0, a B an 8, an S a 5, an I a 1.
NUMBER_ALPHABET_EXCLUDES = {"D": frozenset("ABDEIOQSU")}


def _issuing_state_format(issuing: str, fields: CheckedFields) -> tuple[CheckedFields, bool]:
    """Among readings that pass every check alike, drop those whose number the issuing state
    never prints (a Dutch number with the letter O), or put first the one its alphabet allows
    (a German one). True when that changed the reading."""
    state = issuing.rstrip("<")
    excluded = NUMBER_ALPHABET_EXCLUDES.get(state)
    if excluded is not None and fields.composite_ok and fields.alternatives and \
            set(fields.number.value) & excluded:
        line = tuple(r.value + r.digit for r in (fields.number, fields.birth, fields.expiry,
                                                 fields.optional))
        fitting = [a for a in fields.alternatives if not set(a[0][:9]) & excluded]
        if fitting:
            first = fitting[0]
            rest = (*(a for a in fields.alternatives if a != first),
                    (*line, fields.composite_digit))
            chosen = tuple(FieldReading(part[:-1], part[-1], True, 1) for part in first[:4])
            return CheckedFields(*chosen, first[4], True, tuple(rest)), True  # type: ignore[misc]
    never = NUMBER_NEVER_HOLDS.get(state)
    if never is None or not fields.composite_ok:
        return fields, False

    def allowed(number: str) -> bool:
        return not set(number) & never

    kept = tuple(a for a in fields.alternatives if allowed(a[0][:9]))
    if allowed(fields.number.value):
        if kept == fields.alternatives:
            return fields, False
        return replace(fields, alternatives=kept), False
    if not kept:
        return fields, False  # every reading breaks the rule: the zone is misread elsewhere
    first, *rest = kept
    chosen = tuple(FieldReading(part[:-1], part[-1], True, 1) for part in first[:4])
    return CheckedFields(*chosen, first[4], True, tuple(rest)), True  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class CheckedFields:
    number: FieldReading
    birth: FieldReading
    expiry: FieldReading
    optional: FieldReading
    composite_digit: str
    composite_ok: bool
    # Other (number, birth, expiry, optional, composite digit) that pass every check with as few
    # repairs: the check digits cannot choose between them.
    alternatives: tuple[tuple[str, str, str, str, str], ...] = ()

    def line(self, nationality: str, sex: str) -> str:
        return _line2(self.number.value + self.number.digit, nationality,
                      self.birth.value + self.birth.digit, sex,
                      self.expiry.value + self.expiry.digit,
                      self.optional.value + self.optional.digit, self.composite_digit)


def _line2(number: str, nationality: str, birth: str, sex: str, expiry: str, optional: str,
           composite: str) -> str:
    return number + nationality + birth + sex + expiry + optional + composite


def _choose_checked_fields(line2: str) -> CheckedFields:
    """Per-field repairs, chosen together so that the composite check passes too.

    A single check digit passes for one wrong reading in ten; the composite digit over all four
    fields is the second witness that keeps a lucky wrong repair out.
    """
    numbers = field_readings(line2[0:9], line2[9], ALNUM, number=True)
    births = field_readings(line2[13:19], line2[19], NUMERIC, is_date=True)
    expiries = field_readings(line2[21:27], line2[27], NUMERIC, is_date=True)
    optionals = field_readings(line2[28:42], line2[42], ALNUM)
    digit_options = [line2[43], *_alternatives(line2[43], _DIGITS)]
    combos = sorted(itertools.product(numbers, births, expiries, optionals),
                    key=lambda combo: sum(r.changes for r in combo))
    passing = []
    for combo in combos:
        body = "".join(r.value + r.digit for r in combo)
        digit = next((d for d in digit_options if check_passes(body, d)), None)
        if digit is not None:
            passing.append((sum(r.changes for r in combo), combo, digit))
    if passing:
        fewest = passing[0][0]
        tied = [p for p in passing if p[0] == fewest]
        alternatives = list(tied)
        if len(tied) > 1:
            # Document numbers hold more digits than letters: B/8, O/0 ties go to the digit.
            def letters(candidate: tuple[int, tuple[FieldReading, ...], str]) -> int:
                return sum(c.isalpha() for r in candidate[1] for c in r.value)
            least = min(letters(p) for p in tied)
            tied = [p for p in tied if letters(p) == least]
        # Two different repairs that both pass: the zone is guessed, not read. Refuse (the
        # visual zone may still choose among the alternatives).
        if len(tied) == 1 or fewest == 0:
            _, combo, digit = tied[0]
            others = tuple((*(r.value + r.digit for r in c), d)
                           for _, c, d in alternatives if c is not combo)
            others += _filler_or_k(line2[0:9], combo, digit)
            combo, others = _weightless_lookalikes(combo, digit, others)
            others += _balanced_pairs(combo, digit, others)
            return CheckedFields(*combo, digit, True, others)  # type: ignore[misc]
        unsure = tuple((*(r.value + r.digit for r in c), d) for _, c, d in alternatives)
    else:
        unsure = ()
    as_read = tuple(_as_read(line2[a:b], line2[b], allowed)
                    for a, b, allowed in ((0, 9, ALNUM), (13, 19, NUMERIC), (21, 27, NUMERIC),
                                          (28, 42, ALNUM)))
    return CheckedFields(*as_read, line2[43], False, unsure)  # type: ignore[misc]


# Letters OCR-B prints so like a digit that a photo cannot tell them (L and 1 differ clearly).
_ROUND_LOOKALIKES = frozenset("ODQG")


def _weightless_lookalikes(
    combo: tuple[FieldReading, ...], digit: str,
    others: tuple[tuple[str, str, str, str, str], ...],
) -> tuple[tuple[FieldReading, ...], tuple[tuple[str, str, str, str, str], ...]]:
    """Document numbers a number as read may stand for, that no check digit can tell.

    G counts 16 and 6 six: the same modulo 10 at every weight. O counts 24: two of them at
    weights 7 and 3 weigh like two zeros; D, O and D together can weigh like three. So such
    characters pass every check whether they are the letters or the digits, and that holds
    both ways: a letter read in a number may be its digit, and a digit read may be the letter
    (`G16174876` read as `616174876`, `F8OO90947` as `F80090947`). Numbers hold more digits
    than letters: the digit reading comes first; the others stay alternatives for a witness
    (the visual zone, the glyphs' shapes).
    """
    number = combo[0]
    value = number.value
    swappable = [i for i, c in enumerate(value) if c in _ROUND_LOOKALIKES or c in _LETTER_BY_SHAPE
                 ][:8]
    candidates = [value]
    for size in range(1, len(swappable) + 1):
        for chosen in itertools.combinations(swappable, size):
            chars = list(value)
            for index in chosen:
                chars[index] = DIGIT_FOR_LETTER.get(chars[index]) or _LETTER_BY_SHAPE[chars[index]]
            candidate = "".join(chars)
            if check_passes(candidate, number.digit) and candidate not in candidates:
                candidates.append(candidate)
    if len(candidates) == 1:
        return combo, others
    # Then the fewest characters changed from the reading, so that an O and a 0 at positions
    # of the same weight are not swapped for nothing (`L0O0K0K01`, not `L000KOK01`).
    best = min(candidates, key=lambda v: (sum(c.isalpha() for c in v),
                                          sum(a != b for a, b in zip(v, value, strict=True)), v))
    rest = tuple(r.value + r.digit for r in combo[1:])
    extra = tuple((v + number.digit, *rest, digit) for v in candidates if v != best)
    chosen_reading = FieldReading(best, number.digit, True, number.changes + (best != value))
    return (chosen_reading, *combo[1:]), (*others, *extra)  # type: ignore[return-value]


# Look-alikes whose single swap changes the check digit, but two swaps at weights 7 and 3
# (or any two that weigh 0 modulo 10 together) do not: B counts 11 and 8 eight, 3 apart; S and
# 5, Z and 2 are 23 and 33 apart, I and 1 17. The composite weighs the number alike.
_PAIRED_LOOKALIKES = {"8": "B", "B": "8", "5": "S", "S": "5", "2": "Z", "Z": "2", "1": "I",
                      "I": "1"}


def _balanced_pairs(combo: tuple[FieldReading, ...], digit: str,
                    others: tuple[tuple[str, str, str, str, str], ...],
                    ) -> tuple[tuple[str, str, str, str, str], ...]:
    """Numbers two paired look-alikes away from the one chosen, that pass every check as well.

    `X12345BB8` read `X12345888` validates: both B cost 3 modulo 10 at weights 7 and 3, which
    sum to a multiple of 10. Such a reading is never chosen over the one read (the zone's OCR
    saw those characters); it is an alternative the glyph shapes or the printed page may rule
    out, and until then the number is not trusted. Letters are only put where a number holds
    them: in a block of letters (its leading ones, or two side by side as French numbers
    print them); digits may stand anywhere. Only side-by-side pairs: two letters at weights 7
    and 3 are neighbours (positions 1-2, 4-5, 7-8).
    """
    number = combo[0]
    value = number.value
    positions = [i for i, c in enumerate(value) if c in _PAIRED_LOOKALIKES][:8]
    known = {o[0][:9] for o in others}
    out = []
    for first, second in itertools.combinations(positions, 2):
        # Only a block of two: scattered swaps are guesses the check digit confirms one time
        # in ten, not a pair weighed out by construction.
        if second != first + 1:
            continue
        chars = list(value)
        for index in (first, second):
            chars[index] = _PAIRED_LOOKALIKES[chars[index]]
        candidate = "".join(chars)
        if candidate in known or not check_passes(candidate, number.digit):
            continue
        if not all(letter_fits(candidate, index) for index in (first, second)
                   if candidate[index].isalpha()):
            continue
        known.add(candidate)
        out.append((candidate + number.digit, *(r.value + r.digit for r in combo[1:]), digit))
    return tuple(out)


def letter_fits(candidate: str, index: int) -> bool:
    """A letter at `index` of a number: beside another letter of the candidate (a block of
    letters, as French numbers print two among digits), or one of its leading letters."""
    beside = [candidate[j] for j in (index - 1, index + 1) if 0 <= j < len(candidate)]
    leading = len(candidate) - len(candidate.lstrip(_LETTERS))
    return index < leading or any(c.isalpha() for c in beside)


# The letter a digit read in a number may be, weighing the same: OCR-B's 0 and O, 6 and G are
# the pairs a photo blurs into each other.
_LETTER_BY_SHAPE = {"0": "O", "6": "G"}


def _filler_or_k(as_read: str, combo: tuple[FieldReading, ...], digit: str
                 ) -> tuple[tuple[str, str, str, str, str], ...]:
    """The same number with a trailing K read as `<` or back: both pass every check.

    K counts 20, `<` 0, the same modulo 10 at every weight, so no check digit tells a real K
    at the end of a short number from a filler read as K.
    """
    number = combo[0]
    out = []
    for index, char in enumerate(as_read):
        if char != "K" or number.value[index] not in "K<":
            continue
        flipped = number.value[:index] + ("<" if number.value[index] == "K" else "K") + \
            number.value[index + 1:]
        if re.search(r"<[^<]", flipped):
            continue
        out.append((flipped + number.digit, *(r.value + r.digit for r in combo[1:]), digit))
    return tuple(out)


def _as_read(value: str, digit: str, allowed: str) -> FieldReading:
    """A field only coerced to its type, judged by its own check digit."""
    coerced = _coerce(value, allowed)
    fixed_digit = _coerce(digit, CHECK)
    return FieldReading(coerced, fixed_digit, check_passes(coerced, fixed_digit), 0)


def _common_prefix(options: Sequence[str]) -> str:
    shortest = min(options, key=len, default="")
    for index, char in enumerate(shortest):
        if any(option[index] != char for option in options):
            return shortest[:index]
    return shortest


def merge_names(readings: Sequence[MrzReading]) -> MrzReading:
    """The first reading, with names agreed between several tesseract readings of one zone.

    Noise letters at the edge of a name (a `<` read as K or X) change from one reading to the
    next; real letters do not. So for every name part the shortest spelling that all readings
    contain wins: VALERIAK, VALERIA, VALERIAX -> VALERIA; ERIK, ERIK, ERIK -> ERIK.
    """
    base = readings[0]
    parsed = [r.passport for r in readings if r.passport is not None]
    if base.passport is None or len(parsed) < 2:
        return base

    def agree(options: list[str]) -> str:
        shared = [o for o in options if o and all(o in other for other in options)]
        if shared:
            return min(shared, key=len)
        common = _common_prefix(options)
        if len(common) >= 2 and all(set(o[len(common):]) <= _FILLER_NOISE for o in options):
            return common  # VALERIAK, VALERIAS, VALERIAX: the noise differs, VALERIA stays
        # The most frequent spelling, then the shorter, then the alphabetically first: never
        # the order of a set, which depends on the process's hash seed.
        return min(dict.fromkeys(options), key=lambda o: (-options.count(o), len(o), o))

    surname = agree([p.surname for p in parsed])
    token_lists = [p.given_names.split() for p in parsed]
    if base.passport.given_names:
        # A reading that lost every given name does not outvote one that has them.
        token_lists = [tokens for tokens in token_lists if tokens]
    counts = [len(tokens) for tokens in token_lists]
    length = min(sorted(set(counts)), key=lambda n: (-counts.count(n), n))
    given = " ".join(agree([tokens[i] for tokens in token_lists if len(tokens) > i])
                     for i in range(length))
    if (surname, given) == (base.passport.surname, base.passport.given_names):
        return base
    from dataclasses import replace

    return replace(base, passport=replace(base.passport, surname=surname, given_names=given),
                   repairs=(*base.repairs, "names agreed between readings"))


def describe(reading: MrzReading) -> list[str]:
    """Short, document-number-free sentences for HR about a reading."""
    if reading.format is not MrzFormat.TD3:
        return list(reading.notes)
    out = []
    if reading.checks_ok:
        out.append("machine readable zone found; all 5 check digits pass")
    elif set(reading.failed_checks) == {"dates"}:
        out.append("machine readable zone found; check digits pass but the dates are impossible")
    else:
        out.append("machine readable zone found; check digits fail: "
                   + ", ".join(n.replace("_", " ") for n in reading.failed_checks))
    if reading.repairs:
        out.append("OCR repaired: " + ", ".join(reading.repairs))
    out.extend(reading.notes)
    return out


def lines_from_text(text: str) -> Sequence[str]:
    return text.splitlines()
