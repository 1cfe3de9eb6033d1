"""The family documents' training generator (issue 13): the corpus of the family stage's model.

`fixtures.training.family` writes the relation documents and their hard negatives; `make model`
trains the family stage (`classifiers/model/family.json`) on them.
"""

from __future__ import annotations

import random
from datetime import date

from fixtures.training import family
from fixtures.training.family import FamilyWriter
from fixtures.training.generate import _person, pool

FAMILY_LABELS = [label for label in family.WEIGHTS if label in family.LABELS]


def test_every_family_label_writes_text_in_each_of_its_languages() -> None:
    rng = random.Random(3)
    for label in FAMILY_LABELS:
        languages, _ = family.LANGUAGES[label]
        for language in languages:
            for split in ("train", "dev"):
                lines = family.MAKERS[label](FamilyWriter(rng, split, language), _person(rng), True,
                                             date(2026, 1, 5))
                assert lines and any(line.strip() for line in lines), (label, language, split)


def test_hard_negatives_are_not_relation_documents() -> None:
    relation_pairs = {family.LABELS[label] for label in (
        "marriage_certificate", "partnership_certificate", "birth_certificate",
        "unmarried_status", "relationship_declaration", "parental_consent")}
    assert len(relation_pairs) == 6
    for negative in ("wedding_invitation", "marriage_announcement", "baptism_invitation",
                     "divorce_decree", "death_certificate", "school_report", "photo_caption",
                     "family_letter", "divorce_extract", "baptism_certificate",
                     "marriage_notice"):
        assert family.LABELS[negative] not in relation_pairs, negative
    # The antecedents form that asks about the family and the TB declaration a parent signs
    # are the old kinds' papers.
    assert family.LABELS["antecedents_family"] == ("antecedents", "form")
    assert family.LABELS["tb_declaration_minor"] == ("tb", "form")


def test_family_dev_wording_never_occurs_in_train() -> None:
    for bank in (family.MARRIAGE_TITLES, family.BIRTH_TITLES, family.CONSENT_TITLES,
                 family.RELATION_STATEMENTS, family.UNMARRIED_TITLES):
        for language, options in bank.items():
            train, dev = set(pool(options, "train")), set(pool(options, "dev"))
            assert dev and train and not train & dev, language


def test_the_family_corpus_is_reproducible_and_in_many_languages() -> None:
    first = [item.to_json() for item in family.generate("train", 400, seed=2)]
    assert first == [item.to_json() for item in family.generate("train", 400, seed=2)]
    assert first != [item.to_json() for item in family.generate("dev", 400, seed=2)]
    languages = {str(item["lang"]).split("-")[0] for item in first}
    assert {"en", "nl", "de", "fr", "es", "pt", "it", "tr"} <= languages
    kinds = {item["kind"] for item in first}
    assert {"marriage_certificate", "partnership_certificate", "birth_certificate",
            "unmarried_status", "relationship_declaration", "parental_consent",
            "passport", "other"} <= kinds


def test_a_filled_relationship_declaration_is_signed_by_both_partners() -> None:
    """The corpus's declarations have a signature place per partner, both signed on a filled
    copy (as the checklist requires: `classifiers.signatures`), neither on a blank one; a
    re-typed copy has the form's one usual signature line."""
    from classifiers.signatures import partners_signed, places

    seen = {True: 0, False: 0}
    shapes = {0: 0, 1: 0, 2: 0}  # 0: a signature line whose value is on the next line
    rng = random.Random(7)
    for split in ("train", "dev"):
        for _ in range(60):
            for filled in (True, False):
                writer = FamilyWriter(rng, split, rng.choice(["en", "nl", "bi"]))
                lines = family.MAKERS["relationship_declaration"](
                    writer, _person(rng), filled, date(2026, 1, 5))
                signed = partners_signed(places("\n".join(lines)))
                assert signed.places in shapes, lines
                shapes[signed.places] += 1
                if signed.places == 2:
                    assert signed.signed == (2 if filled else 0), lines
                seen[filled] += 1
    assert seen[True] and seen[False]
    assert shapes[2] > 2 * (shapes[0] + shapes[1]) > 0
