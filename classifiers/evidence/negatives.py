"""Hard negatives: documents that look like a wanted kind and are not.

Each returns a positive score that the classifier subtracts from the kinds it names in
`penalises`, with a reason HR can read.
"""

from __future__ import annotations

import re

from classifiers.evidence.base import Evidence, EvidenceUnit, PageView, Phrase, quote, score_phrases
from classifiers.mrz import MrzFormat


class NegativeUnit(EvidenceUnit):
    kind = "other"
    penalises: tuple[str, ...] = ()


class TbReferralForm(NegativeUnit):
    name = "tb_referral_form"
    description = "the TB test referral form (verwijzingsformulier), which the person keeps"
    penalises = ("tb_declaration",)

    PHRASES = (
        Phrase("tb test referral form", 8.0), Phrase("referral form", 6.0),
        Phrase("verwijzingsformulier", 8.0, "nl"),
        Phrase("do not send it to the ind", 2.0), Phrase("stuur het niet naar de ind", 2.0, "nl"),
        Phrase("to be filled in by the ggd", 2.0), Phrase("in te vullen door de ggd", 2.0, "nl"),
    )

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if not found:
            return Evidence(0.0)
        return Evidence(total, (f"TB referral form, not the declaration: {quote(found)}",))


class InformationLeaflet(NegativeUnit):
    name = "information_leaflet"
    description = "an information leaflet or web page about the procedure, not a form"
    penalises = ("tb_declaration", "antecedents")

    PHRASES = (
        Phrase("information leaflet", 5.0), Phrase("informatieblad", 5.0, "nl"),
        Phrase("brochure", 4.0), Phrase("folder", 2.0, "nl"),
        Phrase("more information", 1.5), Phrase("meer informatie", 1.5, "nl"),
        Phrase("frequently asked questions", 2.0), Phrase("veelgestelde vragen", 2.0, "nl"),
        Phrase("what is tuberculosis", 3.0), Phrase("wat is tuberculose", 3.0, "nl"),
        Phrase("what is tb", 2.0), Phrase("wat is tbc", 2.0, "nl"),
        Phrase("information about", 1.5), Phrase("informatie over", 1.5, "nl"),
        Phrase("www.ind.nl", 1.0), Phrase("ind.nl", 1.0),
        Phrase("who has to", 1.0), Phrase("wie moet", 1.0, "nl"),
        Phrase("what you need to know", 3.0), Phrase("wat moet u weten", 3.0, "nl"),
        Phrase("for information only", 3.0), Phrase("alleen informatie", 3.0, "nl"),
        Phrase("which forms", 1.5), Phrase("welke formulieren", 1.5, "nl"),
        Phrase("do not need to fill it in", 3.0), Phrase("niet in te vullen", 2.0, "nl"),
    )

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if total < 3.0:
            return Evidence(0.0)
        return Evidence(total, (f"reads as an information leaflet: {quote(found)}",))


class CoverLetter(NegativeUnit):
    name = "cover_letter"
    description = "a letter or e-mail that mentions the documents instead of being one"
    penalises = ("tb_declaration", "antecedents", "passport")

    PHRASES = (
        Phrase("dear", 1.5), Phrase("geachte", 1.5, "nl"), Phrase("beste", 1.0, "nl"),
        Phrase("kind regards", 2.0), Phrase("best regards", 2.0), Phrase("yours sincerely", 2.0),
        Phrase("met vriendelijke groet", 2.0, "nl"),
        Phrase("please find attached", 2.0), Phrase("please find enclosed", 2.0),
        Phrase("enclosed", 1.0), Phrase("attached", 1.0), Phrase("bijgaand", 1.5, "nl"),
        Phrase("in de bijlage", 1.5, "nl"), Phrase("als bijlage", 1.5, "nl"),
        Phrase("i am sending", 1.0), Phrase("i will send", 1.0), Phrase("hierbij stuur", 1.5, "nl"),
    )

    def score(self, view: PageView) -> Evidence:
        total, found = score_phrases(view, self.PHRASES)
        if total < 3.0:
            return Evidence(0.0)
        return Evidence(total, (f"reads as a letter about the documents: {quote(found)}",))


class IdentityDocument(NegativeUnit):
    name = "identity_document"
    description = "an ID card, residence permit or visa: a TD1/TD2 zone, a V code, or its words"
    penalises = ("passport",)

    PHRASES = (
        Phrase("identity card", 3.0), Phrase("identiteitskaart", 3.0, "nl"),
        Phrase("id card", 2.0), Phrase("personalausweis", 3.0, "de"),
        Phrase("carte d'identite", 3.0, "fr"), Phrase("residence permit", 2.0),
        Phrase("verblijfsvergunning", 2.0, "nl"), Phrase("residence card", 3.0),
        Phrase("residence document", 2.0), Phrase("verblijfsdocument", 2.0, "nl"),
        Phrase("visa", 1.5), Phrase("visum", 1.5, "nl"),
    )

    def score(self, view: PageView) -> Evidence:
        reading = view.mrz
        reasons: list[str] = []
        points = 0.0
        if reading is not None and reading.format is not MrzFormat.TD3:
            points += 12.0
            reasons.append(f"{reading.format.value} machine readable zone (3 x 30 or 2 x 36): "
                           "an ID card, residence permit or visa, not a passport")
        elif reading is not None and not reading.is_passport:
            points += 12.0
            code = reading.document_code.rstrip("<")
            what = "a visa" if code.startswith("V") else "not a passport"
            reasons.append(f"machine readable zone with document code '{code}': {what}")
        total, found = score_phrases(view, self.PHRASES)
        if total >= 2.0 and not re.search(r"\bpassport\b|\bpaspoort\b", view.plain):
            points += total
            reasons.append(f"identity document wording: {quote(found)}")
        return Evidence(points, tuple(reasons))
