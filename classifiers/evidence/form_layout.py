"""Evidence that a page is a form at all: field labels a person fills in and signs.

Letters, leaflets and web pages name the forms in their text, but they have no fields.
"""

from __future__ import annotations

from classifiers.evidence.base import Evidence, EvidenceUnit, PageView, Phrase, quote, score_phrases

FIELD_LABELS = (
    Phrase("surname", 1.0), Phrase("given names", 1.0), Phrase("date of birth", 1.0),
    Phrase("place of birth", 1.0), Phrase("nationality", 1.0), Phrase("v-number", 1.0),
    Phrase("signature", 1.0), Phrase("place", 0.5), Phrase("sex", 0.5), Phrase("address", 0.5),
    Phrase("achternaam", 1.0, "nl"), Phrase("voornamen", 1.0, "nl"),
    Phrase("geboortedatum", 1.0, "nl"), Phrase("geboorteplaats", 1.0, "nl"),
    Phrase("nationaliteit", 1.0, "nl"), Phrase("v-nummer", 1.0, "nl"),
    Phrase("handtekening", 1.0, "nl"), Phrase("plaats", 0.5, "nl"),
    Phrase("geslacht", 0.5, "nl"), Phrase("adres", 0.5, "nl"),
    Phrase("dd-mm-yyyy", 1.0), Phrase("dd-mm-jjjj", 1.0, "nl"),
)


class FormLayout(EvidenceUnit):
    name = "form_layout"
    kind = "form"
    description = "field labels (name, date of birth, signature, ...) that make a page a form"

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, FIELD_LABELS)
        if total < 2.0:
            return Evidence(total, ())
        return Evidence(total, (f"form fields: {quote(found, 3)}",))
