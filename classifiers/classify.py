"""One explainable verdict per page and per file, from the learned model and the MRZ.

Each page's text goes through the learned model (`classifiers.model`): what it is about and what
kind of paper it is, combined into the probability of each kind. A validated TD3 passport MRZ is
decisive for a passport; an ID-card or visa MRZ rules a passport out. A verdict is confident or
uncertain (`review`): uncertain pages go to HR, who decide by hand (`Limits.review_*`).

The family documents (issue 13) are a second stage with a model of its own (`family_call`). It
reads a page the first stage calls `other`; a page the first stage gave a kind of its own it
takes only when it is very sure; never a page that names tuberculosis or criminal
antecedents, nor one with a machine-readable zone. A file on which the family stage
finds nothing keeps the first stage's verdict exactly (`verdict(..., family=False)`); that the
first kinds' verdicts stay what they were is measured by `bench.kinds` and tested.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from classifiers import model as learned
from classifiers.extract import ExtractedFile, ExtractError, Page, extract
from classifiers.features import CONCEPTS
from classifiers.filled import judge
from classifiers.kinds import FAMILY_KINDS, FORM_KINDS, WANTED
from classifiers.limits import DEFAULT_LIMITS, Deadline, Limits
from classifiers.mrz import MrzFormat, MrzReading, describe, is_known_code
from classifiers.ocr import OcrUnavailable
from classifiers.people import read_people
from classifiers.signatures import PartnersSigned, form_signatures
from classifiers.sniff import FileType, sniff
from classifiers.types import (
    Classification,
    FieldTrust,
    Kind,
    PageVerdict,
    PassportData,
    ReadError,
)

log = logging.getLogger(__name__)

# Fewer words than this on a page and the text model has nothing to go on.
MIN_WORDS = 3
PEOPLE_PAGES_OF_OTHER = 3  # pages of an `other` paper read for the names of whom it is about


@dataclass
class PageScore:
    page: Page
    prediction: learned.Prediction | None
    kind: Kind = Kind.OTHER
    confidence: float = 0.0
    review: bool = False
    reasons: list[str] = field(default_factory=list)
    continued: bool = False
    # A page sent to HR as `other` that may be a wanted document: the kind it may be, and how
    # likely, so that while HR checks it the person's item reads "being checked", not "missing".
    may_be: Kind | None = None
    may_be_p: float = 0.0


def classify(data: bytes, filename: str = "", limits: Limits | None = None) -> Classification:
    """The verdict on one file: an unreadable file is kind `other` with an error.

    Raises only `OcrUnavailable` (tesseract missing, broken or without its language data):
    that is a fault of this installation, not of the file, so it must not become a verdict."""
    limits = limits or DEFAULT_LIMITS
    key = hashlib.sha256(data).hexdigest() + repr(limits)
    cached = _RESULTS.get(key)
    if cached is not None:
        return cached
    try:
        result = _classify(data, limits)
    except ExtractError as error:
        result = _unreadable(error.code, error.detail, _safe_sniff(data))
    except OcrUnavailable:
        raise  # never cached: once tesseract is back, the same bytes are read for real
    except Exception as error:  # the promise is a verdict for every file, even on our own bugs
        log.exception("classifier failed on a %d-byte file (%s)", len(data), type(error).__name__)
        result = _unreadable(ReadError.CORRUPT, f"internal error ({type(error).__name__})",
                             _safe_sniff(data))
    _RESULTS.put(key, result)
    return result


def _safe_sniff(data: bytes) -> str | None:
    try:
        return sniff(data).value
    except Exception:
        return None


def _unreadable(code: ReadError, detail: str, detected: str | None) -> Classification:
    reasons = [code.describe()]
    if detail and detail != code.describe():
        reasons.append(detail)
    return Classification(kind=Kind.OTHER, confidence=1.0, reasons=tuple(reasons), error=code,
                          detected_type=detected)


def _classify(data: bytes, limits: Limits) -> Classification:
    if not data:
        raise ExtractError(ReadError.EMPTY)
    if len(data) > limits.max_bytes:
        raise ExtractError(ReadError.TOO_LARGE)
    detected = sniff(data)
    if detected in (FileType.OTHER, FileType.ZIP):
        raise ExtractError(ReadError.UNSUPPORTED_TYPE, f"detected type: {detected.value}")
    document = extract(data, detected, limits, Deadline(limits.timeout_seconds))
    return verdict(document, limits)


def _word_count(text: str) -> int:
    return sum(1 for word in text.split() if sum(c.isalpha() for c in word) >= 2)


def score_page(page: Page, limits: Limits = DEFAULT_LIMITS) -> PageScore:
    """The kind of one page, how sure, and why."""
    has_text = _word_count(page.text) >= MIN_WORDS
    prediction = learned.load().predict(page.text) if has_text else None
    score = PageScore(page, prediction)
    reading = page.mrz
    if reading is not None and reading.format is MrzFormat.TD3 and reading.is_passport \
            and (reading.checks_ok or sum(reading.checks.values()) >= 3):
        _passport_by_mrz(score, limits)
        return score
    if prediction is None:
        score.kind, score.confidence = Kind.OTHER, 0.9
        score.reasons.append("no readable text on the page")
        return score
    ranked = prediction.ranked()
    (best, p_best), (second, p_second) = ranked[0], ranked[1]
    if best is Kind.PASSPORT and reading is not None and (
            reading.format is not MrzFormat.TD3 or not reading.is_passport):
        # An ID card, residence permit or visa: its MRZ says so, whatever the words.
        best, p_best = Kind.OTHER, 1.0 - p_best
        code = reading.document_code.rstrip("<")
        score.reasons.append(f"machine readable zone of an ID card, permit or visa ({code})")
    score.kind, score.confidence = best, round(p_best, 3)
    score.reasons.extend(prediction.reasons[best])
    if (best in WANTED or second in WANTED) and p_best - p_second < limits.review_margin:
        score.review = True
        score.reasons.append(f"uncertain: {best.value} {p_best:.2f} against "
                             f"{second.value} {p_second:.2f}")
        if best is Kind.OTHER:
            score.may_be, score.may_be_p = second, round(p_second, 3)
    elif best is Kind.PASSPORT and reading is None and "<<" not in page.text \
            and not _PASSPORT_WORD.search(page.text):
        # Identity words and dates, but no machine-readable zone (not even its fillers, as a
        # damaged one leaves them) and no word for passport in any language: a driving
        # licence, an ID card's back, a permit. A passport page prints both; one whose zone
        # and title a photo lost goes to HR too.
        score.review = True
        score.reasons.append("uncertain: an identity paper with no machine-readable zone and "
                             "no word for passport")
    elif best is Kind.TB_DECLARATION and "c:declare" not in prediction.concepts:
        # The TB declaration is a statement of intent: a TB form-like page that declares,
        # confirms or agrees to nothing (a referral whose title was lost, a results sheet)
        # goes to HR instead of counting.
        score.review = True
        score.reasons.append("uncertain: a TB form that states no declaration or consent")
    elif best is Kind.OTHER:
        form_like = prediction.paper.get("form", 0.0) >= limits.review_form_paper
        topic = max(("tb", "antecedents"), key=lambda t: prediction.topic.get(t, 0.0))
        if form_like and prediction.topic.get(topic, 0.0) >= 0.5 \
                and _SUBJECT[topic] not in prediction.concepts \
                and _placed_despite_damage(score, topic, limits):
            return score
        if form_like and prediction.topic.get(topic, 0.0) >= 0.5:
            score.review = True
            if _SUBJECT[topic] in prediction.concepts:
                score.kind = Kind.TB_DECLARATION if topic == "tb" else Kind.ANTECEDENTS
                score.confidence = round(prediction.kinds[score.kind], 3)
            elif score.page.ocr:
                # Read by OCR, which may have lost the subject's words: HR checks whether
                # this is the form (a typed page without them is another paper).
                score.may_be = _FORM_OF[topic]
                score.may_be_p = round(prediction.kinds[score.may_be], 3)
            # Without one word of its subject (OCR lost them, or it is another form) the best
            # guess stays `other`, but HR looks: it may be the form, damaged.
            score.reasons.append(f"uncertain: a form-like page {_TOPIC_WORDS[topic]} that is not "
                                 "clearly the form")
    return score


# The word for a passport in the languages of the data pages (ICAO Doc 9303 prints the
# document's name in the issuer's language and in English or French), also as OCR damages it.
_PASSPORT_WORD = re.compile(r"p[a@4]s{1,2}[aez]?p[o0]{1,2}r|reisep[a@4]ss|паспорт|護照|护照|旅券",
                            re.IGNORECASE)
_TOPIC_WORDS = {"tb": "about tuberculosis", "antecedents": "about criminal antecedents"}
_SUBJECT = {"tb": "c:tb", "antecedents": "c:crime"}
_FORM_OF = {"tb": Kind.TB_DECLARATION, "antecedents": Kind.ANTECEDENTS}


def _placed_despite_damage(score: PageScore, topic: str, limits: Limits) -> bool:
    """A form page whose subject word OCR damaged ("antecedcnten", "tubercu1ose"), so that the
    model's subject gate held the form kind at zero: with the word read through the damage,
    the kind is the model's own topic-times-paper probability, and it counts when it beats
    the rest by the review margin, as any page does. Sets the page's verdict when it does."""
    prediction = score.prediction
    assert prediction is not None
    damaged = damaged_subject_word(score.page.text, topic)
    if damaged is None:
        return False
    kind = _FORM_OF[topic]
    p_kind = prediction.topic.get(topic, 0.0) * prediction.paper.get("form", 0.0)
    others = [p for k, p in prediction.kinds.items() if k not in (kind, Kind.OTHER)]
    p_other = max(0.0, 1.0 - p_kind - sum(others))
    if p_kind - max([p_other, *others]) < limits.review_margin:
        return False
    score.kind, score.confidence = kind, round(p_kind, 3)
    score.reasons.extend(prediction.reasons[kind])
    score.reasons.append(f"its subject word is damaged by OCR ({damaged!r})")
    return True


# OCR's usual letter confusions, folded to one letter on both sides of a comparison.
_OCR_FOLD = str.maketrans({"0": "o", "1": "l", "|": "l", "!": "l", "i": "l", "5": "s", "$": "s",
                           "c": "e", "f": "t", "h": "n", "u": "v", "8": "b", "q": "g"})
_DAMAGE_STEMS = {topic: tuple(dict.fromkeys(
    stem.translate(_OCR_FOLD) for stem in CONCEPTS[concept[2:]]
    if not stem.startswith("=") and len(stem) >= 6)) for topic, concept in _SUBJECT.items()}


def damaged_subject_word(text: str, topic: str) -> str | None:
    """A word of the topic's subject as OCR damages it: the stem with OCR's usual confusions
    folded ("anteeedenten" for "antecedenten"), or, for stems of seven letters and more, one
    further letter misread ("antececent"). The word as it stands, or None."""
    for word in re.findall(r"[a-z0-9|!$]{6,}", text.lower()):
        folded = word.translate(_OCR_FOLD)
        for stem in _DAMAGE_STEMS[topic]:
            head = folded[:len(stem)]
            if len(head) < len(stem):
                continue
            if head == stem or (len(stem) >= 7 and sum(a != b for a, b in zip(
                    head, stem, strict=True)) <= 1):
                return word
    return None


def _passport_by_mrz(score: PageScore, limits: Limits) -> None:
    reading = score.page.mrz
    assert reading is not None
    score.kind = Kind.PASSPORT
    score.reasons.extend(describe(reading))
    passport = decided_passport(reading)
    if passport is not None:
        # Per field, for HR: what the reader would not decide on, and why (never the value).
        score.reasons.extend(f"not sure of the {t.field.replace('_', ' ')}: {t.reason}"
                             for t in passport.trust if not t.trusted)
    if reading.checks_ok:
        score.confidence = 0.99
        text_says = score.prediction.kinds[Kind.PASSPORT] if score.prediction else None
        if score.page.full_text_read and text_says is not None \
                and text_says < limits.review_mrz_text:
            score.review = True
            score.reasons.append(f"uncertain: a valid passport MRZ, but the page reads as "
                                 f"{_best_other(score.prediction)}")
        return
    # Most check digits pass (`score_page` asks for three of six): the zone was found and read,
    # one or two characters were not. The page is plainly a passport page; what is in doubt is
    # a field, not the kind.
    text_says = score.prediction.kinds[Kind.PASSPORT] if score.prediction else None
    text_disagrees = score.page.full_text_read and text_says is not None \
        and text_says < limits.review_mrz_text
    if partial_zone_counts(reading) and not text_disagrees:
        # The expiry passed its own check digit and the dates make sense: the page counts on
        # it (`decided_passport`). The fields not trusted are named above for HR; a nationality
        # the printed page does not confirm is not decided on, so the candidate is asked for a
        # clearer photo for it rather than told the passport is missing.
        score.confidence = 0.8
        score.reasons.append("a passport page: it counts on its expiry date, whose own check "
                             "digit passes")
        return
    # The expiry (or the dates' sense) failed, or the words read as another paper: the kind may
    # be clear, but the checklist cannot decide on this reading, and on a clear photo the
    # misreading is ours, so a person reads the printed page rather than the candidate being
    # asked for a "clearer" copy of a good one. A zone read mostly wrong is not a passport here.
    score.confidence = 0.6
    score.review = True
    if text_disagrees:
        score.reasons.append(f"uncertain: a passport MRZ that does not fully validate, on a page "
                             f"that reads as {_best_other(score.prediction)}")
    else:
        score.reasons.append("uncertain: the passport MRZ does not fully validate (expiry date "
                             "or dates); HR to read them from the printed page")


# Checks whose failure says nothing about the expiry's digits: the document number's and
# personal number's own, and the composite that a failed one of them fails with it.
_OUTSIDE_EXPIRY = frozenset({"document_number", "personal_number", "composite"})
# The reader's word (`classifiers.mrz.field_trust`) on an expiry whose own check passes when
# only the composite stands against it.
_COMPOSITE_ONLY = "the composite check digit fails"


def partial_zone_counts(reading: MrzReading) -> bool:
    """A passport zone that fails a check yet is plainly a passport's and can be decided on.

    A TD3 zone of a `P` document whose issuing state or nationality is an ICAO code, whose
    failed checks are the document number's or the personal number's with the composite that
    fails with them — the expiry's own check digit and the dates pass, and the reader doubts
    the expiry for the composite alone (no look-alike reading of it passes too). The expiry
    then rests on its own check digit, which catches every single misread digit. Pure:
    unit-tested on readings."""
    if not reading.is_passport or reading.checks_ok or len(reading.lines) != 2 \
            or reading.passport is None:
        return False
    failed = set(reading.failed_checks)
    if not failed <= _OUTSIDE_EXPIRY or not failed & {"document_number", "personal_number"}:
        return False
    expiry = next((t for t in reading.passport.trust if t.field == "expiry_date"), None)
    if expiry is None or not (expiry.trusted or expiry.reason == _COMPOSITE_ONLY):
        return False
    line1, line2 = reading.lines
    return is_known_code(line1[2:5]) or is_known_code(line2[10:13])


def decided_passport(reading: MrzReading) -> PassportData | None:
    """The reading's passport as the checklist decides on it: on a zone that
    `partial_zone_counts`, the expiry trusted on its own check digit."""
    passport = reading.passport
    if passport is None or not partial_zone_counts(reading):
        return passport
    failed = " and ".join(name.replace("_", " ") for name in reading.failed_checks
                          if name != "composite")
    trust = tuple(
        FieldTrust(t.field, True, f"its own check digit passes and the dates are real; the "
                                  f"composite fails with the {failed}'s check")
        if t.field == "expiry_date" and not t.trusted else t for t in passport.trust)
    return replace(passport, trust=trust)


def _best_other(prediction: learned.Prediction | None) -> str:
    if prediction is None:
        return "something else"
    from classifiers.kinds import PAPER_NAMES

    paper = max(prediction.paper, key=prediction.paper.__getitem__)
    return PAPER_NAMES.get(paper, paper)


@dataclass(frozen=True)
class FamilyCall:
    """What the family stage makes of one page the first stage called `other`."""

    kind: Kind
    confidence: float
    review: bool
    reasons: tuple[str, ...]


# Papers the family stage never reads as one of its documents.
_IDENTITY_PAPERS = frozenset({"passport_page", "id_card"})


_FIRST_SUBJECTS = frozenset({"c:tb_core", "c:crime_core"})


def family_reads(score: PageScore) -> bool:
    """Is a page the family stage's to read at all? Not one without text, nor one with a
    machine-readable zone: that is an identity paper whatever its words (a passport page names
    a birth date and place as a birth certificate does), so the family model is not even asked
    about it. Pure."""
    return score.prediction is not None and score.page.mrz is None


def family_call(first_kind: Kind, family: learned.Prediction,
                limits: Limits = DEFAULT_LIMITS) -> FamilyCall | None:
    """The family kind of a page `family_reads`, or None when the first stage's verdict on it
    stands.

    A page whose paper the family model reads as a passport or ID page is an identity paper
    whatever its words; a page that names tuberculosis or criminal antecedents
    is the first stage's (a TB declaration a parent signs for a child, an antecedents form
    asking for the spouse, stay what they are). A page the first stage called `other` is the
    family stage's to place, with its own review margin, whether or not the first stage sent it
    to HR (a confident family verdict settles it; an unsure one stays with HR with the family
    kind it may be as its best guess); a page the first stage gave
    one of its kinds is taken only by a confident family verdict at least `family_override`
    sure. Pure."""
    if max(family.paper, key=family.paper.__getitem__) in _IDENTITY_PAPERS \
            or _FIRST_SUBJECTS & family.concepts:
        return None
    ranked = family.ranked()
    (best, p_best), (second, p_second) = ranked[0], ranked[1]
    if best not in FAMILY_KINDS and second not in FAMILY_KINDS:
        return None
    confident = p_best - p_second >= limits.family_review_margin
    if first_kind is not Kind.OTHER:
        if best in FAMILY_KINDS and confident and p_best >= limits.family_override:
            return FamilyCall(best, round(p_best, 3), False, family.reasons[best])
        return None
    if not confident:
        # HR looks; the best guess is the family kind it may be, so that the person's item is
        # "being checked" rather than "missing" meanwhile (also when the first stage was unsure).
        guess = best if best in FAMILY_KINDS else second
        return FamilyCall(guess, round(family.kinds[guess], 3), True, (
            *family.reasons[guess],
            f"uncertain: {best.value} {p_best:.2f} against {second.value} {p_second:.2f}"))
    if best not in FAMILY_KINDS:
        return None
    return FamilyCall(best, round(p_best, 3), False, family.reasons[best])


def _first_kind(score: PageScore) -> Kind:
    """The first stage's kind as the family stage weighs it. A passport verdict without a
    machine-readable zone rests on words a birth or marriage certificate shares with a data
    page (names, sex, place and date of birth, an issuing office): the family stage places
    such a page as it places one the first stage called `other` (a page it reads has no zone:
    `family_reads`)."""
    if score.kind is Kind.PASSPORT:
        return Kind.OTHER
    return score.kind


def _family_scores(page_scores: list[PageScore], limits: Limits) -> list[PageScore] | None:
    """The pages as the family stage reads them, or None when it finds none of its kinds."""
    model = learned.load_family()
    scores: list[PageScore] = []
    for score in page_scores:
        call = None
        if family_reads(score):
            call = family_call(_first_kind(score), model.predict(score.page.text), limits)
        scores.append(score if call is None else replace(
            score, kind=call.kind, confidence=call.confidence, review=call.review,
            reasons=list(call.reasons)))
    if all(new is old for new, old in zip(scores, page_scores, strict=True)):
        return None
    _carry_forms_over(scores)
    return scores


def verdict(document: ExtractedFile, limits: Limits = DEFAULT_LIMITS,
            family: bool = True) -> Classification:
    """`family=False`: the first stage's verdict alone (what the family stage cannot move)."""
    page_scores = [score_page(page, limits) for page in document.pages]
    _carry_forms_over(page_scores)
    family_scores = _family_scores(page_scores, limits) if family else None
    return _assemble(document, family_scores or page_scores)


def _assemble(document: ExtractedFile, page_scores: list[PageScore]) -> Classification:
    """The file's verdict from its pages' kinds."""
    found: OrderedDict[Kind, list[PageScore]] = OrderedDict()
    for score in page_scores:
        if score.kind is not Kind.OTHER and not score.review:
            found.setdefault(score.kind, []).append(score)
    uncertain = [s for s in page_scores if s.review]
    review = False
    if found:
        # Several documents in one scan: the first one names the file, the rest are listed.
        primary = next(iter(found))
        confidence = max(s.confidence for s in found[primary])
    elif uncertain:
        # Nothing sure: the best guess of the most likely uncertain page, for HR to check.
        guess = max(uncertain, key=lambda s: s.confidence)
        if guess.kind is Kind.OTHER:
            # HR checks a page that may be a wanted form: that form is the best guess the
            # person's checklist shows ("being checked"); a file HR checks is never "missing".
            guess = next((replace(s, kind=s.may_be, confidence=s.may_be_p) for s in uncertain
                          if s.kind is Kind.OTHER and s.may_be is not None), guess)
        primary, confidence, review = guess.kind, guess.confidence, True
        if primary is not Kind.OTHER:
            found[primary] = [guess]
    else:
        primary = Kind.OTHER
        confidence = min(s.confidence for s in page_scores) if page_scores else 0.5

    reasons = _reasons(primary, found, page_scores)
    filled = None
    signatures = None
    # `filled` speaks of the form in the file, also when a passport page comes first.
    form_kind = next((kind for kind in found if kind in FORM_KINDS), None)
    if form_kind is not None:
        form_pages = [s.page for s in found[form_kind]]
        filled_verdict = judge(form_pages, document.form_fields, document.signature_images,
                               document.answered_fields, document.script_signatures)
        filled = filled_verdict.filled
        reasons.extend(filled_verdict.reasons)
        if filled is None and form_kind is primary and any(p.text.strip() for p in form_pages):
            # Read, but not clearly enough to say blank or filled: a person decides, so the
            # candidate is neither thanked for a blank form nor told a filled one is blank.
            review = True
        if form_kind in TWO_SIGNERS and filled is not False:
            signed = form_signatures(form_pages, document.signature_images,
                                     document.script_signatures)
            signatures = signed.signed
            note = _signatures_note(signed)
            if note and form_kind is primary:
                # Both partners sign the declaration: a copy one of them signed is not it yet.
                # HR looks, with the place not signed named, rather than it counting.
                review = True
                reasons.append(note)
    # Who the paper is about, from the pages that made its kind (issue 13: matched to persons).
    # A paper of no kind we want is read for names only as far as its first pages: HR may place
    # it by hand, and who a paper is about is said at its start; a 30-page contract's other pages
    # would cost a tenth of a second for nothing.
    about = found.get(primary) or page_scores[:PEOPLE_PAGES_OF_OTHER]
    people = read_people("\n".join(s.page.text for s in about), primary)
    passport = None
    for score in found.get(Kind.PASSPORT, []):
        reading = score.page.mrz
        usable = reading is not None and reading.passport is not None and reading.is_passport
        if usable and (passport is None or (reading.checks_ok and not passport.checks_ok)):
            passport = decided_passport(reading)
    if any(page.ocr for page in document.pages):
        reasons.append("read with OCR: " + ", ".join(
            f"page {p.number}" + (f" turned {p.rotation}°" if p.rotation else "")
            for p in document.pages if p.ocr))
    return Classification(
        kind=primary,
        confidence=confidence,
        reasons=tuple(dict.fromkeys(reasons)),
        filled=filled,
        pages=tuple(PageVerdict(s.page.number, s.kind, s.confidence, s.page.ocr)
                    for s in page_scores),
        passport=passport,
        detected_type=document.detected_type.value,
        kinds_found=tuple(found),
        review=review,
        people=people,
        signatures=signatures,
    )


# Forms that two people sign, each in their own place: the declaration of a long-term and
# exclusive relationship (both partners).
TWO_SIGNERS: frozenset[Kind] = frozenset({Kind.RELATIONSHIP_DECLARATION})


def _signatures_note(signed: PartnersSigned) -> str:
    """Why a two-signer form does not count yet, or "" when it does. Pure."""
    if signed.one_of_two:
        places = ", ".join(signed.missing)
        if signed.unsure:
            return (f"signed in {signed.signed} of its {signed.places} signature places as far "
                    f"as the scan shows (not seen: {places}); both partners must sign")
        return (f"signed by one partner only: {signed.signed} of {signed.places} signature "
                f"places signed, not signed: {places}; both partners must sign")
    if signed.unsigned:
        return (f"none of its {signed.places} signature places is signed"
                + (" as far as the scan shows" if signed.unsure else "")
                + "; both partners must sign")
    return ""


def _carry_forms_over(page_scores: list[PageScore]) -> None:
    """A page that is not a kind of its own after a form page, and reads as a form page (more
    fields, questions, the signature block), is that form's next page."""
    for previous, current in itertools.pairwise(page_scores):
        if previous.kind not in FORM_KINDS or previous.review:
            continue
        if current.kind is not Kind.OTHER and not (current.review and
                                                   current.kind is previous.kind):
            continue
        prediction = current.prediction
        if prediction is None:
            continue
        if max(prediction.paper, key=prediction.paper.__getitem__) == "form":
            current.kind = previous.kind
            current.confidence = round(previous.confidence * 0.8, 3)
            current.continued = True
            current.review = False


def _reasons(primary: Kind, found: OrderedDict[Kind, list[PageScore]],
             page_scores: list[PageScore]) -> list[str]:
    reasons: list[str] = []
    if primary is Kind.OTHER:
        reasons.append("no passport, antecedents certificate or TB declaration recognised")
        for score in page_scores:
            reasons.extend(score.reasons)
        return reasons
    for score in found[primary]:
        if score.continued:
            continue
        reasons.extend(score.reasons)
    if len(page_scores) > 1 or len(found) > 1:
        for kind, scores in found.items():
            pages = ", ".join(str(s.page.number) for s in scores)
            reasons.append(f"{kind.value} on page{'s' if len(scores) > 1 else ''} {pages}")
    return reasons


class _ResultCache:
    """The same bytes get the same verdict without being read twice."""

    def __init__(self, capacity: int = 256) -> None:
        self._items: OrderedDict[str, Classification] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def get(self, key: str) -> Classification | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, value: Classification) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_RESULTS = _ResultCache()


def clear_caches() -> None:
    """Forget every verdict and OCR result held in memory (tests and benchmarks)."""
    from classifiers import ocr

    _RESULTS.clear()
    ocr.CACHE.clear()


__all__ = ["FamilyCall", "classify", "clear_caches", "decided_passport", "family_call",
           "family_reads",
           "partial_zone_counts", "score_page", "verdict"]
