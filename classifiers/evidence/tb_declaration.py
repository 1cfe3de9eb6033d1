"""Evidence that a page is the IND appendix Declaration of intent to undergo a TB test."""

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

FOOTER_CODE = "7103"


class TbDeclarationTitle(FormTitle):
    name = "tb_declaration_title"
    kind = "tb_declaration"
    footer_code = FOOTER_CODE
    description = "the form's title in English or Dutch, and its IND footer code 7103"

    PHRASES = (
        Phrase("declaration of intent to undergo a tb test", 7.0),
        Phrase("intent to undergo a tb test", 6.0),
        Phrase("intentieverklaring tbc-onderzoek", 7.0, "nl"),
        Phrase("intentieverklaring tbc", 6.0, "nl"),
        Phrase("intentieverklaring", 4.0, "nl"),
    )


class TbDeclarationStatement(EvidenceUnit):
    name = "tb_declaration_statement"
    kind = "tb_declaration"
    description = "the statement that the person will cooperate with a TB examination"

    PHRASES = (
        Phrase("willing to cooperate with an examination for tuberculosis", 3.0),
        Phrase("cooperate with an examination", 1.5),
        Phrase("treatment for tuberculosis", 1.0),
        Phrase("undergo the examination within 3 months", 1.5),
        Phrase("bereid ben mee te werken aan een onderzoek naar tuberculose", 3.0, "nl"),
        Phrase("mee te werken aan een onderzoek", 1.5, "nl"),
        Phrase("behandeling voor tuberculose", 1.0, "nl"),
        Phrase("binnen 3 maanden", 0.5, "nl"), Phrase("within 3 months", 0.5),
        Phrase("passport number", 0.5), Phrase("paspoortnummer", 0.5, "nl"),
        Phrase("purpose of stay", 0.5), Phrase("verblijfsdoel", 0.5, "nl"),
    )
    CAP = 6.0

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if not found or total < 1.0:
            return Evidence(0.0)
        return Evidence(min(total, self.CAP), (f"TB declaration wording: {quote(found)}",))
