"""Evidence that a page is the IND appendix Antecedents certificate (Antecedentenverklaring)."""

from __future__ import annotations

from classifiers.evidence.base import (
    Evidence,
    EvidenceUnit,
    FormTitle,
    PageView,
    Phrase,
    quote,
    score_phrases,
)

FOOTER_CODE = "7101"


class AntecedentsTitle(FormTitle):
    name = "antecedents_title"
    kind = "antecedents"
    footer_code = FOOTER_CODE
    description = "the form's title in English or Dutch, and its IND footer code 7101"

    PHRASES = (
        Phrase("appendix antecedents certificate", 7.0),
        Phrase("antecedents certificate", 6.0),
        Phrase("declaration of antecedents", 6.0),
        Phrase("bijlage antecedentenverklaring", 7.0, "nl"),
        Phrase("antecedentenverklaring", 6.0, "nl"),
    )


class AntecedentsQuestions(EvidenceUnit):
    name = "antecedents_questions"
    kind = "antecedents"
    description = "the questions about prosecution, convictions, Article 1F, entry bans, " \
                  "incorrect information and illegal stay"

    PHRASES = (
        Phrase("prosecuted", 1.0, label="prosecuted"),
        Phrase("community service", 1.0), Phrase("penal order", 1.0),
        Phrase("custodial measure", 1.0), Phrase("prison sentence", 0.5),
        Phrase("accepted a settlement", 1.0), Phrase("article 1f", 1.5),
        Phrase("refugee convention", 1.0), Phrase("entry ban", 1.0),
        Phrase("incorrect information", 0.5), Phrase("illegally", 0.5),
        Phrase("filled in this certificate truthfully", 1.5),
        Phrase("strafzaak", 1.0, "nl"), Phrase("taakstraf", 1.0, "nl"),
        Phrase("strafbeschikking", 1.0, "nl"), Phrase("geldboete", 0.5, "nl"),
        Phrase("vrijheidsbenemende maatregel", 1.0, "nl"), Phrase("transactie", 0.5, "nl"),
        Phrase("artikel 1f", 1.5, "nl"), Phrase("vluchtelingenverdrag", 1.0, "nl"),
        Phrase("inreisverbod", 1.0, "nl"), Phrase("onjuiste gegevens", 0.5, "nl"),
        Phrase("illegaal", 0.5, "nl"), Phrase("naar waarheid ingevuld", 1.5, "nl"),
    )
    CAP = 6.0

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if len(found) < 2:
            return Evidence(0.0)
        return Evidence(min(total, self.CAP), (f"antecedents questions: {quote(found)}",))
