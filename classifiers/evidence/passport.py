"""Evidence that a page is the data page of a passport."""

from __future__ import annotations

from classifiers.evidence.base import Evidence, EvidenceUnit, PageView, Phrase, quote, score_phrases
from classifiers.mrz import MrzFormat, describe

MRZ_VALID = 10.0
MRZ_MOSTLY_VALID = 6.0
MRZ_UNCHECKED = 2.5


class PassportMrz(EvidenceUnit):
    name = "passport_mrz"
    kind = "passport"
    description = "a TD3 machine readable zone with document code P, checked by its check digits"

    def score(self, view: PageView) -> Evidence:
        reading = view.mrz
        if reading is None or reading.format is not MrzFormat.TD3 or not reading.is_passport:
            return Evidence(0.0)
        passed = sum(reading.checks.values())
        if reading.checks_ok:
            points = MRZ_VALID
        elif passed >= 3:
            points = MRZ_MOSTLY_VALID
        else:
            points = MRZ_UNCHECKED
        return Evidence(points, tuple(describe(reading)))


class PassportWords(EvidenceUnit):
    name = "passport_words"
    kind = "passport"
    description = "words printed on a passport data page (visual inspection zone)"

    PHRASES = (
        Phrase("passport", 2.0), Phrase("paspoort", 2.0, "nl"), Phrase("passeport", 1.5, "fr"),
        Phrase("pasaporte", 1.5, "es"), Phrase("reisepass", 1.5, "de"),
        Phrase("passaporte", 1.5, "pt"),
        Phrase("date of expiry", 1.0), Phrase("date of issue", 0.5),
        Phrase("date of birth", 0.5), Phrase("place of birth", 0.5),
        Phrase("given names", 0.5), Phrase("surname", 0.5), Phrase("nationality", 0.5),
        Phrase("authority", 0.5), Phrase("passport no", 1.0), Phrase("country code", 0.5),
        Phrase("geldig tot", 0.5, "nl"), Phrase("nationaliteit", 0.5, "nl"),
    )
    CAP = 4.0

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if not found:
            return Evidence(0.0)
        return Evidence(min(total, self.CAP), (f"passport wording: {quote(found)}",))
