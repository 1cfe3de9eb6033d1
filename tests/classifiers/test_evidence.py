"""Each evidence unit on its own, on short texts."""

from __future__ import annotations

from classifiers.classify import score_page, verdict
from classifiers.evidence import (
    AntecedentsQuestions,
    AntecedentsTitle,
    CoverLetter,
    FormLayout,
    IdentityDocument,
    InformationLeaflet,
    PageView,
    PassportMrz,
    TbDeclarationStatement,
    TbDeclarationTitle,
    TbReferralForm,
)
from classifiers.extract import Document, Page
from classifiers.filled import judge, label_values
from classifiers.mrz import find_mrz
from classifiers.sniff import FileType
from classifiers.types import Kind

SPECIMEN = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


def test_every_unit_has_a_name_and_a_description() -> None:
    from classifiers.evidence import NEGATIVE_UNITS, POSITIVE_UNITS
    for unit in (*POSITIVE_UNITS, *NEGATIVE_UNITS):
        assert unit.name and unit.description


def test_titles_in_english_and_dutch_survive_ocr_spacing() -> None:
    assert AntecedentsTitle().score(PageView("Bijlage Antecedenten-\nverklaring")).score >= 6
    assert AntecedentsTitle().score(PageView("Appendix  Antecedents Certificate")).score >= 6
    dutch = PageView("Bijlage Intentieverklaring tbc-onderzoek")
    assert TbDeclarationTitle().score(dutch).score >= 6
    assert TbDeclarationTitle().score(
        PageView("Appendix Declaration of intent to undergo a TB test 7103")).score >= 7


def test_questions_and_statement() -> None:
    text = "Have you ever been sentenced to community service or a penal order? Entry ban?"
    assert AntecedentsQuestions().score(PageView(text)).score >= 2
    nl = "Ik verklaar dat ik bereid ben mee te werken aan een onderzoek naar tuberculose"
    assert TbDeclarationStatement().score(PageView(nl)).score >= 3


def test_mrz_unit_and_identity_document_negative() -> None:
    view = PageView("\n".join(SPECIMEN), mrz=find_mrz(SPECIMEN))
    assert PassportMrz().score(view).score >= 6
    td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
           "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    card = PageView("\n".join(td1), mrz=find_mrz(td1))
    assert PassportMrz().score(card).score == 0
    assert IdentityDocument().score(card).score > 0


def test_hard_negatives_fire() -> None:
    assert TbReferralForm().score(PageView("Bijlage Verwijzingsformulier tbc-onderzoek")).score > 0
    leaflet = "The TB test: what you need to know. This leaflet is for information only."
    assert InformationLeaflet().score(PageView(leaflet)).score > 0
    letter = "Dear HR team, please find attached the documents. Kind regards, Anna"
    assert CoverLetter().score(PageView(letter)).score > 0


def _verdict(text: str) -> Kind:
    return verdict(Document(FileType.PDF, [Page(1, text)])).kind


def test_a_cover_letter_naming_the_forms_is_other() -> None:
    letter = ("Dear HR team, as requested I am sending the Appendix Antecedents certificate and "
              "the Appendix Declaration of intent to undergo a TB test. Kind regards, Anna")
    assert _verdict(letter) is Kind.OTHER


def test_the_referral_form_is_not_the_declaration() -> None:
    form = ("Bijlage Verwijzingsformulier tbc-onderzoek\nAchternaam\nVoornamen\nGeboortedatum "
            "(dd-mm-jjjj)\nIn te vullen door de GGD\nDatum tbc-onderzoek")
    assert _verdict(form) is Kind.OTHER


def test_a_form_page_scores_its_kind() -> None:
    form = ("Appendix Antecedents certificate\nSurname\nGiven names\nDate of birth (dd-mm-yyyy)\n"
            "Are you currently being prosecuted? Entry ban? Article 1F\nSignature\n7101")
    score = score_page(Page(1, form))
    assert max(score.scores, key=score.scores.__getitem__) is Kind.ANTECEDENTS
    assert FormLayout().score(PageView(form)).score >= 2


def test_filled_from_labels_dates_and_acroform() -> None:
    blank = "Surname\nGiven names\nDate of birth (dd-mm-yyyy)\nPlace\nDate (dd-mm-yyyy)"
    filled = "Surname Jansen\nGiven names Anna\nDate of birth (dd-mm-yyyy) 01-02-1990\nPlace Delft"
    assert label_values(blank) == []
    assert len(label_values(filled)) >= 3
    assert judge([Page(1, blank)], None).filled is False
    assert judge([Page(1, filled)], None).filled is True
    assert judge([Page(1, blank)], {"surname": "", "date": ""}).filled is False
    assert judge([Page(1, blank)], {"surname": "Jansen", "date": ""}).filled is True
    bilingual_blank = "Achternaam / Surname\nGeboortedatum (dd-mm-jjj) / Date of birth"
    assert judge([Page(1, bilingual_blank)], None).filled is False
