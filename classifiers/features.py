"""What the learned document model sees of a page: hashed words, stems, character n-grams,
synonym concepts and layout cues.

Everything here is deterministic and stable across runs and machines: features are strings
hashed with zlib.crc32 (never Python's `hash()`), and their order never depends on set order.
The same function builds the training vectors and the run-time vectors.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass

# Synonyms and stems in English and Dutch (and the odd other language): one concept feature
# fires for any of them, so a title worded in a way training never saw still says "TB".
# A stem matches the start of a word; OCR-damaged words still share their character n-grams.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "tb": ("tubercul", "tuberkul", "tbc", "=tb", "tuberculose", "longfoto", "xray", "=x",
           "rontgen"),
    "crime": ("crimin", "convict", "prosecut", "offenc", "offens", "antecedent", "strafb",
              "strafr", "strafz", "veroordeel", "vervolg", "misdrijf", "misdrijv", "sentenc",
              "penal", "guilty", "schuldig", "justiti", "gevangenis", "prison", "taakstraf",
              "geldboete", "strafblad", "1f", "inreisverbod", "entry"),
    "identity": ("passport", "paspoort", "passeport", "pasaport", "reisepass", "passaport",
                 "paszport", "identit", "ausweis", "rijbewijs", "licence", "visa", "visum"),
    "declare": ("declar", "verklar", "verklaar", "certify", "confirm", "bevestig", "undersign",
                "ondergetekend", "consent", "toestemm", "agree", "akkoord", "undertake",
                "willing", "bereid", "intent", "intend"),
    "fill": ("surname", "achternaam", "geslachtsnaam", "given", "voornam", "voornaam", "birth",
             "geboort", "national", "sex", "gender", "geslacht", "address", "adres", "signatur",
             "handtekening", "onderteken", "signed"),
    "issued": ("issued", "afgegev", "afgifte", "certif", "hereby", "valid", "geldig",
               "authoris", "stamp", "stempel", "minister", "officer", "namens"),
    "inform": ("inform", "leaflet", "folder", "brochure", "frequent", "veelgesteld", "cookie",
               "privacy", "home", "updated", "bijgewerkt", "symptom", "klacht", "infectious",
               "besmet"),
    "letter": ("dear", "geacht", "beste", "hello", "hallo", "regards", "groet", "sincerely",
               "hoogachtend", "attached", "bijlage", "bijgaand", "subject", "onderwerp"),
    "appointment": ("appointment", "afspraak", "invit", "uitnodig", "reminder", "herinner",
                    "arrive", "location", "locatie"),
    "referral": ("referr", "verwijz", "verwijs", "ggd"),
}
# stem -> concepts; "=tb" matches the whole word only.
_STEMS: dict[str, tuple[str, ...]] = {}
for _concept, _stems in CONCEPTS.items():
    for _stem in _stems:
        _STEMS[_stem] = (*_STEMS.get(_stem, ()), _concept)
_STEM_LENGTHS = tuple(sorted({len(stem) for stem in _STEMS if not stem.startswith("=")}))

_FIELD_LINE = re.compile(r"^\s*(?:\d+[.)]\s*)?[A-Za-zÀ-ÿ][\w \-/()'.]{1,45}?"
                         r"(?::|\.{3,}|_{3,}|…|\[|\||\s{3,})")
_CHECKBOX = re.compile(r"[☐☒☑□■✔✗]|\[\s*[xX]?\s*\]|\(\s*[xX]?\s*\)")
_YES_NO = re.compile(r"\b(?:yes|ja|y|j)\b\W{0,8}(?:\W\w{0,2}\W{0,4})?\b(?:no|nee|n)\b",
                     re.IGNORECASE)
_PLACEHOLDER_DATE = re.compile(r"dd[-/ .]mm[-/ .](?:yyyy|jjjj)|__[-/]__", re.IGNORECASE)
_DIGIT_DATE = re.compile(r"\b\d{1,4}[-./]\d{1,2}[-./]\d{2,4}\b")
_FIRST_PERSON = re.compile(r"\b(?:i|ik|my|mijn|me|mij)\b", re.IGNORECASE)
_SALUTATION = re.compile(r"^\W*(?:dear|geachte|beste|hello|hi|hallo|good morning|goedemorgen|"
                         r"to whom)\b", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"^\s*(?:from|to|sent|subject|van|aan|verzonden|onderwerp|cc|date)"
                          r"\s*:", re.IGNORECASE)
_URL = re.compile(r"www\.|https?:|\.nl\b|\.com\b", re.IGNORECASE)
_MRZ_LINE = re.compile(r"^[A-Z0-9<]{25,46}$")
_WORD = re.compile(r"[a-z0-9]+")


# What the topic head may look at: the words and the subject concepts, not the layout or the
# paper-kind concepts, so that "it has fields" never makes a page about tuberculosis.
TOPIC_CONCEPTS = frozenset({"c:tb", "c:crime", "c:identity", "c:referral"})


def for_topic(name: str) -> bool:
    return name[:2] in ("w:", "s:", "g:", "b:") or name in TOPIC_CONCEPTS


@dataclass(frozen=True, slots=True)
class Features:
    """Feature names with their values; the names are kept for the reasons HR reads."""

    names: tuple[str, ...]
    values: tuple[float, ...]


def normalise(text: str) -> str:
    """Lower case, accents removed; everything but letters, digits and line breaks is a space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9\n]+", " ", plain)


def _bucket(count: int) -> str:
    return "0" if count == 0 else "1" if count == 1 else "few" if count <= 4 else "many"


def layout_cues(text: str) -> list[str]:
    """What kind of paper the lines look like, independent of the words on them."""
    lines = [line for line in text.splitlines() if line.strip()]
    compact = [re.sub(r"\s+", "", line) for line in lines]
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    cues = [
        f"fields_{_bucket(fields)}",
        f"checkbox_{_bucket(len(_CHECKBOX.findall(text)))}",
        f"yesno_{_bucket(len(_YES_NO.findall(text)))}",
        f"placeholder_date_{_bucket(len(_PLACEHOLDER_DATE.findall(text)))}",
        f"digit_date_{_bucket(len(_DIGIT_DATE.findall(text)))}",
        f"first_person_{_bucket(len(_FIRST_PERSON.findall(text)))}",
        f"questions_{_bucket(text.count('?'))}",
        f"lines_{_bucket(len(lines) // 5)}",
    ]
    if any(_SALUTATION.match(line) for line in lines[:6]):
        cues.append("salutation")
    if sum(1 for line in lines[:8] if _MAIL_HEADER.match(line)) >= 2:
        cues.append("mail_headers")
    if _URL.search(text):
        cues.append("url")
    if text.count(">") >= 2:
        cues.append("breadcrumb")
    mrz = [line for line in compact if _MRZ_LINE.match(line.upper()) and "<<" in line]
    if mrz:
        cues.append("mrz_p" if mrz[0].upper().startswith("P") else "mrz_other")
        cues.append(f"mrz_lines_{min(len(mrz), 3)}")
    if lines and len(lines) >= 4:
        long_lines = sum(1 for line in lines if len(line) > 70)
        cues.append(f"prose_{_bucket(long_lines)}")
    return ["l:" + cue for cue in cues]


def _concepts(words: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for word in dict.fromkeys(words):
        hits = list(_STEMS.get("=" + word, ()))
        for length in _STEM_LENGTHS:
            if length > len(word):
                break
            hits.extend(_STEMS.get(word[:length], ()))
        for concept in hits:
            found["c:" + concept] = None
    return sorted(found)


def page_features(text: str) -> Features:
    """Binary word, stem, bigram and character n-gram features (scaled to unit length) plus
    concept and layout cues (value 1 each)."""
    plain = normalise(text)
    words = _WORD.findall(plain)
    textual: dict[str, None] = {}
    for word in words:
        if len(word) == 1 and word not in ("i", "x"):
            continue
        textual["w:" + word] = None
        if len(word) >= 6:
            textual["s:" + word[:5]] = None
        if len(word) >= 3 and not word.isdigit():
            padded = f"^{word}$"
            for size in (3, 4):
                for start in range(len(padded) - size + 1):
                    textual["g:" + padded[start:start + size]] = None
    for first, second in itertools.pairwise(words):
        if not (first.isdigit() or second.isdigit()):
            textual[f"b:{first}_{second}"] = None
    cues = {name: None for name in (*_concepts(words), *layout_cues(text))}
    scale = 1 / math.sqrt(len(textual)) if textual else 0.0
    names = (*textual, *cues)
    values = (*([scale] * len(textual)), *([1.0] * len(cues)))
    return Features(tuple(names), tuple(values))


def feature_index(name: str, dim: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % dim


def hashed(features: Features, dim: int, topic_only: bool = False) -> tuple[list[int], list[float]]:
    """Indices and values in a `dim`-wide vector; colliding names add up. `topic_only` keeps
    what the topic head looks at."""
    summed: dict[int, float] = {}
    for name, value in zip(features.names, features.values, strict=True):
        if topic_only and not for_topic(name):
            continue
        index = feature_index(name, dim)
        summed[index] = summed.get(index, 0.0) + value
    indices = sorted(summed)
    return indices, [summed[i] for i in indices]


__all__ = ["CONCEPTS", "TOPIC_CONCEPTS", "Features", "feature_index", "for_topic", "hashed",
           "layout_cues", "normalise", "page_features"]
