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
    # Not "=x": a lone X is the tick in a form's box ("Nee X") far more often than the X of
    # "X-ray", which `_concepts` reads as "xray".
    "tb": ("tubercul", "tuberkul", "tbc", "=tb", "tuberculose", "longfoto", "xray", "rontgen"),
    "crime": ("crimin", "convict", "prosecut", "offenc", "offens", "antecedent", "strafb",
              "strafr", "strafz", "veroordeel", "vervolg", "misdrijf", "misdrijv", "sentenc",
              "penal", "guilty", "schuldig", "justiti", "gevangenis", "prison", "taakstraf",
              # An entry ban, not "entry": a register's entry (a birth, a marriage) or a visa's
              # "multiple entry" is no crime, and it made birth certificates antecedents forms.
              "geldboete", "strafblad", "1f", "inreisverbod", "=ban", "=banned", "undesirab",
              # Other words for the same past: "veroordeling" (not "veroordeel-"), a crime, a
              # police or judicial record, fines, arrests, a felony, a delict, an offence.
              "veroordel", "=crime", "=crimes", "police", "politie", "judici", "=fined",
              "=fines", "boete", "beboet", "arrest", "aangehoud", "felon", "misdemean",
              "misdaad", "delict", "delikt", "overtred", "imprison", "=jail", "punish",
              "gestraft", "=straf", "straffen", "verdacht"),
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
# Synonyms and stems of the family documents (issue 13) in the languages civil-registry papers
# come in (en, nl, de, fr, es, pt, it, tr). Only the family stage (`FAMILY_FEATURES`) sees them:
# the first kinds' model reads exactly the features it was trained on. "=x" is the whole word.
FAMILY_CONCEPTS: dict[str, tuple[str, ...]] = {
    "marriage": ("marriag", "married", "=marry", "spouse", "husband", "wife", "wives", "bride",
                 "solemni", "wedlock", "huwelijk", "gehuwd", "getrouwd", "trouw", "echtgeno",
                 "bruid", "=ehe", "eheur", "ehesch", "ehegat", "ehemann", "ehefrau", "eheregist",
                 "heirat", "verheirat", "mariag", "=marie", "=mariee", "epoux", "epouse",
                 "matrimon", "casad", "casament", "esposo", "esposa", "conyug", "contrayent",
                 "casamento", "casam", "noivo", "noiva", "nubent", "conjug", "sposat", "coniug",
                 "nozze", "evlilik", "evlen", "nikah", "evli", "=es", "=esi", "kocasi"),
    "partnership": ("partner", "partenair", "partnership", "partnerschap", "partnerschaft",
                    "lebenspartner", "=union", "=unions", "=unie", "=pacs", "solidarit", "pareja",
                    "parejas", "convivient", "uniao", "estavel", "companheir", "unione",
                    "unioni", "birliktelik"),
    "birth": ("birth", "born", "geboort", "geboren", "geburt", "naissanc", "nacimient", "nacid",
              "nacio", "nasciment", "nascid", "nasceu", "nascit", "=nato", "=nata", "dogum",
              "filiation", "filiacao", "abstammung"),
    "unmarried": ("unmarried", "single", "bachelorh", "impediment", "celibac", "ledigk", "ongehuwd",
                  "huwelijksbevoegd", "ledig", "ehefahig", "familienstand", "celibat", "celibatair",
                  "soltero", "soltera", "solteria", "solteiro", "solteira", "nubile", "celibe",
                  "bekar", "=engeli"),
    "relation": ("relation", "relatie", "partner", "beziehung", "relacion", "relacionament",
                 "relazion", "iliski", "exclusiv", "exclusief", "aussch", "esclusiv", "durable",
                 "duurza", "dauerhaft", "duradero", "duradour", "duratur", "lasting", "langdurig",
                 "cohabit", "samenwon", "zusammenleb", "concubin", "convivenc", "convivenz",
                 "vivemos", "together", "couple", "coppia", "casal", "=paar", "=stel",
                 "partenair", "companheir", "convivi", "beziehung"),
    "consent": ("consent", "toestemm", "permission", "permis", "einverstand", "zustimm",
                "erlaubnis", "genehmig", "autoris", "autoriz", "consentim", "consenso", "accord",
                "akkoord", "agree", "object", "bezwaar", "machtig", "muvafakat", "izin", "onay",
                "rizaname"),
    "parent": ("parent", "father", "mother", "ouder", "vader", "moeder", "vater", "mutter",
               "eltern", "elterlich", "=pere", "=mere", "=padre", "=madre", "padres", "=pai",
               "=mae", "genitor", "custody", "guardian", "gezag", "voogd", "sorgerecht", "patria",
               "potesta", "annesi", "babasi", "=veli", "vesayet"),
    "child": ("child", "minor", "=son", "daughter", "kinder", "kindje", "minderjarig", "zoon",
              "dochter", "=sohn", "tochter", "minderjahrig", "enfant", "mineur", "=fils", "=fille",
              "hijo", "=hija", "menor", "filho", "filha", "figli", "minore", "cocuk", "oglu"),
    "registry": ("registrar", "registry", "register", "burgerlijk", "burgerzak", "standesamt",
                 "standesbeamt", "etat", "officier", "cartorio", "oficial", "registro", "anagraf",
                 "comune", "nufus", "akte", "acte", "=acta", "=atto", "certidao", "certid",
                 "certificad", "urkunde", "extract", "uittreksel", "auszug", "extrait", "extracto",
                 "estratto", "assento", "partida", "apostil", "legalis", "legaliz", "sworn",
                 "beedigd", "vereidig", "traduct", "traduz", "translat", "vertal", "ubersetz",
                 "ciec", "plurilingu", "multilingu", "meertalig", "mehrsprachig", "parish",
                 "parochie", "church", "kerk", "kirche", "eglise", "iglesia", "igreja", "chiesa"),
    # The first kinds' own subjects, narrowly (not "entry", "penal" or "x", which civil-registry
    # papers say too): a page that names them is never the family stage's.
    "tb_core": ("tubercul", "tuberkul", "tbc", "=tb", "tuberculose", "longfoto", "rontgen", "xray"),
    "crime_core": ("=crime", "crimes", "misdaad", "delict", "=straf", "crimin", "convict",
                   "prosecut", "antecedent", "strafb", "strafr", "veroordeel", "misdrijf",
                   "misdrijv", "gevangenis", "prison", "=1f", "geldboete", "taakstraf", "guilty",
                   "schuldig", "offenc", "offens"),
    # What the look-alikes are about, so that a divorce or a death is not a marriage.
    "divorce": ("divorc", "scheiding", "scheidung", "geschied", "dissol", "ontbind", "ontbond",
                "divorzi", "bosanma", "decree", "vonnis", "sentenc", "urteil", "jugement",
                "sentenz", "beschikking", "court", "rechtbank", "gericht", "tribunal", "juzgado"),
    "death": ("death", "died", "deceas", "overlijd", "overled", "sterbe", "verstorb", "=tod",
              "deces", "decede", "defuncion", "fallec", "obito", "falec", "morte", "decesso",
              "deceduto", "olum", "vefat", "burial", "begraf", "funeral", "uitvaart"),
    "celebrate": ("invit", "uitnodig", "einlad", "rsvp", "=celebrate", "celebration", "feest",
                  "fiesta", "festa", "reception", "receptie", "ceremony", "ceremonie", "dinner",
                  "diner", "welcome", "welkom", "announc", "aankondig", "congrat", "gefeliciteerd",
                  "christen", "doopviering", "davet", "dugun", "kutla"),
    "school": ("school", "pupil", "leerling", "schuler", "eleve", "alumno", "aluno", "alunno",
               "ogrenci", "rapport", "zeugnis", "bulletin", "boletin", "boletim", "pagella",
               "karne", "grade", "cijfer", "teacher", "leerkracht", "lehrer"),
}
# Negation words (en, nl, de, fr, es, pt, it, tr): a concept named within a few words of one
# is also named negated ("not married", "geen huwelijk", "n'est pas marié(e)", "non ha mai
# contratto matrimonio", "evlilik kaydı bulunmamaktadır"), which is what proof of unmarried
# status says and a marriage certificate does not.
NEGATIONS = frozenset({
    "not", "never", "no", "none", "neither", "nor", "without", "niet", "nooit", "geen", "noch",
    "nicht", "nie", "niemals", "kein", "keine", "keiner", "keinen", "pas", "jamais", "aucun",
    "aucune", "ni", "non", "sans", "nunca", "ningun", "ninguno", "ninguna", "sin", "nao",
    "nenhum", "nenhuma", "sem", "mai", "nessun", "nessuno", "nessuna", "senza", "degil", "yok",
    "yoktur", "bulunmamaktadir", "bulunmamaktad", "hic"})
NEGATED_CONCEPTS = ("marriage", "partnership")
NEGATION_WINDOW = 4  # words before the concept's word; 3 after it (Turkish negates after)
FAMILY_TOPIC_CONCEPTS = frozenset(
    ["c:" + name for name in FAMILY_CONCEPTS] + ["c:not_" + name for name in NEGATED_CONCEPTS])


def _stem_table(concepts: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """stem -> concepts; "=tb" matches the whole word only."""
    table: dict[str, tuple[str, ...]] = {}
    for concept, stems in concepts.items():
        for stem in stems:
            if concept not in table.get(stem, ()):
                table[stem] = (*table.get(stem, ()), concept)
    return table


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
# How many different words name a subject: a form about criminal antecedents uses several
# ("criminal", "sentenced", "prison", "fine"), a letter or a checklist that names the form once
# only one. Counted for these subjects; "c:crime_several" (2-3 words) and "c:crime_many" (4+).
COUNTED_CONCEPTS = ("tb", "crime", "identity")
COUNT_LEVELS = ((4, "many"), (2, "several"))
TOPIC_CONCEPTS = frozenset({"c:tb", "c:crime", "c:identity", "c:referral"}
                           | {f"c:{concept}_{level}" for concept in COUNTED_CONCEPTS
                              for _, level in COUNT_LEVELS})


@dataclass(frozen=True)
class FeatureSet:
    """The concepts one model's features name, and which of them its topic head may see."""

    name: str
    stems: dict[str, tuple[str, ...]]
    topic_concepts: frozenset[str]
    # Concepts that are also named negated ("c:not_marriage") near a negation word.
    negated: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str, concepts: dict[str, tuple[str, ...]],
           topic_concepts: frozenset[str], negated: tuple[str, ...] = ()) -> FeatureSet:
        return cls(name, _stem_table(concepts), topic_concepts, negated)

    @property
    def stem_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(stem) for stem in self.stems if not stem.startswith("=")}))


# The first kinds' model (passport, antecedents, TB) and the family stage's.
FIRST_FEATURES = FeatureSet.of("first", CONCEPTS, TOPIC_CONCEPTS)
FAMILY_FEATURES = FeatureSet.of("family", {**CONCEPTS, **FAMILY_CONCEPTS},
                                TOPIC_CONCEPTS | FAMILY_TOPIC_CONCEPTS, NEGATED_CONCEPTS)


def for_topic(name: str, feature_set: FeatureSet = FIRST_FEATURES) -> bool:
    return name[:2] in ("w:", "s:", "g:", "b:") or name in feature_set.topic_concepts


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
    # A letter's salutation comes after the sender's address, the date and a subject line.
    if any(_SALUTATION.match(line) for line in lines[:12]):
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


def _word_concepts(word: str, feature_set: FeatureSet) -> list[str]:
    stems = feature_set.stems
    hits = list(stems.get("=" + word, ()))
    for length in _lengths(feature_set):
        if length > len(word):
            break
        hits.extend(stems.get(word[:length], ()))
    return hits


def _joined_xray(words: list[str]) -> list[str]:
    """"X-ray" normalises to "x ray": one word again, so that a lone X (a tick) stays none."""
    out: list[str] = []
    for word in words:
        if word.startswith("ray") and out and out[-1] == "x":
            out[-1] = "x" + word
        else:
            out.append(word)
    return out


def _concepts(words: list[str], feature_set: FeatureSet) -> list[str]:
    found: dict[str, None] = {}
    distinct: dict[str, int] = {}
    for word in dict.fromkeys(_joined_xray(words)):
        for concept in dict.fromkeys(_word_concepts(word, feature_set)):
            found["c:" + concept] = None
            distinct[concept] = distinct.get(concept, 0) + 1
    for concept in COUNTED_CONCEPTS:
        level = next((name for least, name in COUNT_LEVELS
                      if distinct.get(concept, 0) >= least), None)
        if level:
            found[f"c:{concept}_{level}"] = None
    if feature_set.negated:
        for position, word in enumerate(words):
            near = words[max(0, position - NEGATION_WINDOW):position + 4]
            if not NEGATIONS.intersection(near):
                continue
            for concept in _word_concepts(word, feature_set):
                if concept in feature_set.negated:
                    found["c:not_" + concept] = None
    return sorted(found)


_LENGTHS: dict[str, tuple[int, ...]] = {}


def _lengths(feature_set: FeatureSet) -> tuple[int, ...]:
    lengths = _LENGTHS.get(feature_set.name)
    if lengths is None:
        lengths = _LENGTHS[feature_set.name] = feature_set.stem_lengths
    return lengths


# A warning against forging the paper itself, printed on civil-status certificates ("There are
# offences relating to falsifying or altering a certificate", "Any alteration voids this
# certificate", "Fälschungen werden strafrechtlich verfolgt"): a sentence that names tampering
# with a document and what follows from it. It says nothing of the holder's criminal past, and
# "a certificate is not evidence of identity" nothing of identity papers.
_TAMPERING = re.compile(
    r"falsif|\balter(?:s|ed|ing|ation|ations)?\b|\bforg(?:e|ed|es|ing|ery)\b|counterfeit|"
    r"tamper|\beras(?:ure|ures|ed|ing)\b|duplicat|photostat|vervals|valsheid|\bvals\b|"
    r"falsch|contrefa|adulter|wijzig|veranderd|copie non conforme")
_CONSEQUENCE = re.compile(
    r"offen[cs]|illegal|unlawful|crimin|punish|prosecut|\bvoid|invalid|prohibit|forbidden|"
    r"strafbaar|strafbar|strafrecht|verboden|ongeldig|ungultig|delit|delito|crime|penal|"
    r"sancion|puni")
_NOT_IDENTITY = re.compile(r"not (?:be )?(?:evidence|proof) of (?:the holder s )?identity|"
                           r"geen (?:bewijs|identiteitsbewijs)|kein (?:identitats)?nachweis")


def without_cautions(text: str) -> str:
    """The text with its anti-forgery cautions taken out, sentence by sentence (up to a full
    stop, ! or ?, or a line's end); everything else stays as it was, line breaks included."""
    def kept(sentence: re.Match[str]) -> str:
        plain = normalise(sentence.group())
        caution = (_TAMPERING.search(plain) and _CONSEQUENCE.search(plain)) \
            or _NOT_IDENTITY.search(plain)
        return "" if caution else sentence.group()
    return _SENTENCE.sub(kept, text)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def page_features(text: str, feature_set: FeatureSet = FIRST_FEATURES) -> Features:
    """Binary word, stem, bigram and character n-gram features (scaled to unit length) plus
    concept and layout cues (value 1 each), of the text without its anti-forgery cautions."""
    text = without_cautions(text)
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
    cues = {name: None for name in (*_concepts(words, feature_set), *layout_cues(text))}
    scale = 1 / math.sqrt(len(textual)) if textual else 0.0
    names = (*textual, *cues)
    values = (*([scale] * len(textual)), *([1.0] * len(cues)))
    return Features(tuple(names), tuple(values))


def feature_index(name: str, dim: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % dim


def hashed(features: Features, dim: int, topic_only: bool = False,
           feature_set: FeatureSet = FIRST_FEATURES) -> tuple[list[int], list[float]]:
    """Indices and values in a `dim`-wide vector; colliding names add up. `topic_only` keeps
    what the topic head (of the model reading `feature_set`) looks at."""
    summed: dict[int, float] = {}
    for name, value in zip(features.names, features.values, strict=True):
        if topic_only and not for_topic(name, feature_set):
            continue
        index = feature_index(name, dim)
        summed[index] = summed.get(index, 0.0) + value
    indices = sorted(summed)
    return indices, [summed[i] for i in indices]


__all__ = ["CONCEPTS", "FAMILY_CONCEPTS", "FAMILY_FEATURES", "FAMILY_TOPIC_CONCEPTS",
           "FIRST_FEATURES", "NEGATIONS", "TOPIC_CONCEPTS", "FeatureSet", "Features",
           "feature_index", "for_topic", "hashed", "layout_cues", "normalise", "page_features"]
