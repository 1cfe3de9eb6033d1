"""Wanted documents sent to HR review where the evidence is there: a form page the model places
on its topic and paper, whose subject word OCR damaged, is its kind (bench.kinds, dev split)."""

from __future__ import annotations

import pytest

from classifiers.classify import damaged_subject_word


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


