"""Wanted documents sent to HR review where the evidence is there: a form page the model places
on its topic and paper, whose subject word OCR damaged, is its kind (bench.kinds, dev split).
And a page HR checks because it may be a wanted form has that form as its best guess, so the
person's item reads "being checked" meanwhile, never "missing" (issue 9)."""

from __future__ import annotations

import pytest

from classifiers import model
from classifiers.classify import damaged_subject_word, verdict
from classifiers.extract import ExtractedFile, Page
from classifiers.model import Prediction
from classifiers.sniff import FileType
from classifiers.types import Classification, Kind


@pytest.mark.parametrize(("text", "word"), [
    ("Verklaringomtrent antecedcnten", "antecedcnten"),
    ("Antececentenverklaring aanvrager", "antececentenverklaring"),
    ("Declaration eoneeming erimlna| past", "erimlna|"),
])
def test_a_subject_word_damaged_by_ocr_is_still_its_subject(text: str, word: str) -> None:
    assert damaged_subject_word(text, "antecedents") == word


def test_words_of_other_subjects_are_no_damaged_subject_word() -> None:
    assert damaged_subject_word("Employment contract, salary and pension scheme",
                                "antecedents") is None
    assert damaged_subject_word("Invitation for your appointment at the town hall", "tb") is None
    assert damaged_subject_word("Tuberculosis screening", "antecedents") is None
    assert damaged_subject_word("Tubercu1ose-onderzoek", "tb") == "tubercu1ose"




class _Model:
    """A stand-in for the learned model that predicts one fixed thing for every page."""

    def __init__(self, prediction: Prediction) -> None:
        self.prediction = prediction

    def predict(self, _text: str) -> Prediction:
        return self.prediction


PAGE_TEXT = ("Please complete this form in capitals and sign it where shown, then return it "
             "to your employer. Name: Date of birth: Nationality: Signature: Date:")


def _verdict_for(monkeypatch: pytest.MonkeyPatch, prediction: Prediction,
                 ocr: bool = False) -> Classification:
    monkeypatch.setattr(model, "load", lambda: _Model(prediction))
    return verdict(ExtractedFile(FileType.PDF, [Page(1, PAGE_TEXT, ocr=ocr)]), family=False)


def _prediction(kinds: dict[Kind, float], topic: dict[str, float],
                concepts: frozenset[str] = frozenset()) -> Prediction:
    return Prediction(topic=topic, paper={"form": 0.9, "letter": 0.1}, kinds=kinds,
                      reasons={kind: (f"{kind.value} reason",) for kind in kinds},
                      concepts=concepts)


def test_a_scanned_form_about_tb_not_clearly_the_form_is_checked_as_a_tb_declaration(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a scanned form-like page about tuberculosis without one word of its subject
    unsure = _prediction({Kind.OTHER: 0.8, Kind.TB_DECLARATION: 0.15, Kind.ANTECEDENTS: 0.05},
                         topic={"tb": 0.7, "other": 0.3})
    # When it is classified
    result = _verdict_for(monkeypatch, unsure, ocr=True)
    # Then HR checks it, and the TB declaration is what it may be: "being checked", not missing
    assert result.review and result.kind is Kind.TB_DECLARATION
    assert any("not clearly the form" in reason for reason in result.reasons)
    # A typed page without the subject's words is another paper: HR checks it as `other`.
    typed = _verdict_for(monkeypatch, unsure, ocr=False)
    assert typed.review and typed.kind is Kind.OTHER


def test_a_near_tie_between_other_and_a_wanted_kind_is_checked_as_the_wanted_kind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    close = _prediction({Kind.OTHER: 0.5, Kind.ANTECEDENTS: 0.45, Kind.TB_DECLARATION: 0.05},
                        topic={"other": 0.6, "antecedents": 0.4}, concepts=frozenset({"c:crime"}))
    result = _verdict_for(monkeypatch, close)
    assert result.review and result.kind is Kind.ANTECEDENTS


def test_a_confident_other_stays_other_and_is_not_for_hr(monkeypatch: pytest.MonkeyPatch) -> None:
    sure = _prediction({Kind.OTHER: 0.95, Kind.TB_DECLARATION: 0.05},
                       topic={"other": 0.9, "tb": 0.1})
    result = _verdict_for(monkeypatch, sure)
    assert not result.review and result.kind is Kind.OTHER


@pytest.mark.parametrize(("text", "checked"), [
    ("DRIVING LICENCE  1. FERNANDEZ  2. SOFIA  3. 12.03.1990 Buenos Aires  4a. 01.02.2020", True),
    ("REPUBLICA ARGENTINA  PASAPORTE / PASSPORT  Apellido / Surname FERNANDEZ", False),
    ("P4SSPORT  Surname FERNANDEZ  Given names SOFIA  Date of birth 12 MAR 1990", False),
])
def test_an_identity_paper_without_zone_or_passport_word_is_checked_by_hr(
        monkeypatch: pytest.MonkeyPatch, text: str, checked: bool) -> None:
    # Given a page the model places as a passport, on which no machine-readable zone was found
    passport = _prediction({Kind.PASSPORT: 0.9, Kind.OTHER: 0.1}, topic={"identity": 1.0})
    monkeypatch.setattr(model, "load", lambda: _Model(passport))
    # When it is classified
    result = verdict(ExtractedFile(FileType.PDF, [Page(1, text, ocr=True)]), family=False)
    # Then it counts as a passport page only where it names itself one; HR checks the rest
    assert result.kind is Kind.PASSPORT
    assert result.review is checked
