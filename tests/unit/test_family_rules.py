"""A family's checklist (one per person) and who each document is of: pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from classifiers.types import Kind
from mailbot.checklist import DocumentFact, PassportFacts, evaluate, load_tb_exempt_list
from mailbot.checklist.family import (
    CANDIDATE,
    FamilyChecklist,
    Identity,
    Mention,
    PersonChecklist,
    PersonFacts,
    age_on,
    assign,
    evaluate_family,
    load_family_rules,
    names_match,
)
from mailbot.errors import ConfigError

TB_LIST = load_tb_exempt_list()
RULES = load_family_rules()
RECEIVED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
CANDIDATE_ID, SPOUSE_ID, CHILD_ID = 1, 2, 3


def passport(person: int | None, given: str, surname: str = "SANTOS", *,
             nationality: str = "BRA", birth: date | None = date(1990, 3, 4),
             sex: str = "F") -> DocumentFact:
    return DocumentFact(
        kind=Kind.PASSPORT, filename=f"passport-{given.lower()}.jpg", received_at=RECEIVED,
        passport=PassportFacts(surname, given, nationality, date(2031, 5, 1), True,
                               confirmed=True, birth_date=birth, sex=sex),
        person_id=person)


def doc(person: int | None, kind: Kind, filled: bool | None = True) -> DocumentFact:
    return DocumentFact(kind=kind, filename=f"{kind}-{person}.pdf", received_at=RECEIVED,
                        filled=filled, person_id=person)


def candidate_complete() -> list[DocumentFact]:
    return [passport(CANDIDATE_ID, "JOAO", sex="M"), doc(CANDIDATE_ID, Kind.ANTECEDENTS),
            doc(CANDIDATE_ID, Kind.TB_DECLARATION)]


CANDIDATE_PERSON = PersonFacts(CANDIDATE_ID, CANDIDATE, "Joao Santos")


def spouse(partnership: str | None = None) -> PersonFacts:
    return PersonFacts(SPOUSE_ID, "spouse", "MARIA SANTOS", partnership=partnership)


def child(birth: date | None, other_parent_stays: bool = False,
          confirmed: bool = True) -> PersonFacts:
    return PersonFacts(CHILD_ID, "child" if confirmed else None, "ANA SANTOS",
                       birth_date=birth, other_parent_stays=other_parent_stays,
                       confirmed=confirmed)


def family(persons: list[PersonFacts], documents: list[DocumentFact]) -> FamilyChecklist:
    return evaluate_family(persons, documents, TB_LIST, RULES, TODAY)


def of(result: FamilyChecklist, person_id: int) -> PersonChecklist:
    return next(p for p in result.persons if p.person.person_id == person_id)


def test_the_candidate_alone_gets_exactly_the_checklist_of_before() -> None:
    documents = [passport(None, "JOAO"), doc(None, Kind.ANTECEDENTS)]
    alone = family([CANDIDATE_PERSON], documents)
    before = evaluate(documents, TB_LIST)
    assert alone.candidate.checklist == before
    assert alone.candidate.checklist.missing == ["tb_declaration"]
    assert family([], documents).candidate.checklist == before  # no person row yet


@pytest.mark.parametrize(("birth", "antecedents_needed"), [
    (date(2014, 12, 2), False),   # 11 on the check date: turns 12 tomorrow
    (date(2014, 12, 1), True),    # 12 on the check date itself
])
def test_a_childs_antecedents_from_12_on_the_check_date(birth: date,
                                                       antecedents_needed: bool) -> None:
    documents = [*candidate_complete(), passport(CHILD_ID, "ANA", birth=birth)]
    result = of(family([CANDIDATE_PERSON, child(None)], documents), CHILD_ID)
    assert result.checklist.item(Kind.ANTECEDENTS).needed is antecedents_needed
    assert ("antecedents" in result.checklist.missing) is antecedents_needed


def test_the_passports_birth_date_beats_the_declared_one() -> None:
    documents = [passport(CHILD_ID, "ANA", birth=date(2018, 1, 1))]
    result = of(family([CANDIDATE_PERSON, child(date(2010, 1, 1))], documents), CHILD_ID)
    assert result.age == 8 and result.checklist.item(Kind.ANTECEDENTS).needed is False


def test_age_unknown_leaves_a_childs_antecedents_open_and_an_adults_needed() -> None:
    result = family([CANDIDATE_PERSON, spouse(), child(None)], [])
    assert of(result, CHILD_ID).checklist.item(Kind.ANTECEDENTS).needed is None
    assert of(result, SPOUSE_ID).checklist.item(Kind.ANTECEDENTS).needed is True
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13


def test_each_persons_own_nationality_decides_their_tb_declaration() -> None:
    """Mixed nationalities: a Brazilian candidate needs it, a German spouse does not."""
    documents = [*candidate_complete()[:2], passport(SPOUSE_ID, "MARIA", nationality="D")]
    result = family([CANDIDATE_PERSON, spouse()], documents)
    assert result.candidate.checklist.item(Kind.TB_DECLARATION).needed is True
    assert "tb_declaration" in result.candidate.checklist.missing
    spouse_list = of(result, SPOUSE_ID).checklist
    assert spouse_list.facts.nationality == "DEU" and spouse_list.facts.tb_exempt is True
    assert "tb_declaration" not in spouse_list.missing


def test_a_declared_nationality_decides_until_a_passport_is_read() -> None:
    declared = PersonFacts(SPOUSE_ID, "spouse", "MARIA SANTOS", nationality="USA")
    spouse_list = of(family([CANDIDATE_PERSON, declared], []), SPOUSE_ID).checklist
    assert spouse_list.item(Kind.TB_DECLARATION).needed is False


def test_a_minors_tb_declaration_is_signed_by_a_parent() -> None:
    documents = [passport(CHILD_ID, "ANA", birth=date(2012, 5, 5))]
    result = family([CANDIDATE_PERSON, spouse(), child(None)], documents)
    assert of(result, CHILD_ID).tb_signed_by_parent is True
    assert of(result, SPOUSE_ID).tb_signed_by_parent is False
    assert of(result, CHILD_ID).checklist.item(Kind.TB_DECLARATION).needed is True


@pytest.mark.parametrize("partnership", [None, "marriage", "registered"])
def test_a_spouse_or_registered_partner_needs_the_marriage_item(
        partnership: str | None) -> None:
    result = of(family([CANDIDATE_PERSON, spouse(partnership)], []), SPOUSE_ID)
    assert result.checklist.missing == ["passport", "antecedents", "tb_declaration",
                                        "marriage_certificate"]


def test_a_partnership_certificate_meets_the_marriage_item() -> None:
    documents = [doc(SPOUSE_ID, Kind.PARTNERSHIP_CERTIFICATE)]
    result = of(family([CANDIDATE_PERSON, spouse("registered")], documents), SPOUSE_ID)
    assert result.checklist.item(Kind.MARRIAGE_CERTIFICATE).satisfied


def test_an_unmarried_partner_needs_both_partners_unmarried_status_and_the_declaration() -> None:
    partner = PersonFacts(SPOUSE_ID, "partner", "LEA MOREAU")  # unmarried when not said
    result = family([CANDIDATE_PERSON, partner], [*candidate_complete()])
    assert of(result, SPOUSE_ID).checklist.missing == [
        "passport", "antecedents", "tb_declaration", "unmarried_status",
        "relationship_declaration"]
    assert result.candidate.checklist.missing == ["unmarried_status"]
    settled = family([CANDIDATE_PERSON, partner], [
        *candidate_complete(), doc(CANDIDATE_ID, Kind.UNMARRIED_STATUS),
        doc(SPOUSE_ID, Kind.UNMARRIED_STATUS)])
    assert settled.candidate.complete
    assert "unmarried_status" not in of(settled, SPOUSE_ID).checklist.missing


def test_the_partners_unmarried_status_does_not_count_for_the_candidate() -> None:
    partner = PersonFacts(SPOUSE_ID, "partner", "LEA MOREAU", partnership="unmarried")
    result = family([CANDIDATE_PERSON, partner],
                    [*candidate_complete(), doc(SPOUSE_ID, Kind.UNMARRIED_STATUS)])
    assert result.candidate.checklist.missing == ["unmarried_status"]


@pytest.mark.parametrize(("stays", "wanted"), [
    (False, ["birth_certificate"]), (True, ["birth_certificate", "parental_consent"])])
def test_a_child_needs_the_birth_certificate_and_consent_when_the_other_parent_stays(
        stays: bool, wanted: list[str]) -> None:
    documents = [passport(CHILD_ID, "ANA", birth=date(2020, 1, 1))]
    result = of(family([CANDIDATE_PERSON, child(None, stays)], documents), CHILD_ID)
    assert result.checklist.missing == ["tb_declaration", *wanted]  # 6: no antecedents


def test_a_childs_form_does_not_count_for_the_candidate() -> None:
    documents = [passport(CANDIDATE_ID, "JOAO"), doc(CHILD_ID, Kind.ANTECEDENTS)]
    result = family([CANDIDATE_PERSON, child(date(2012, 1, 1))], documents)
    assert "antecedents" in result.candidate.checklist.missing
    assert "antecedents" not in of(result, CHILD_ID).checklist.missing


def test_the_family_is_complete_only_when_every_confirmed_person_is() -> None:
    spouse_docs = [passport(SPOUSE_ID, "MARIA"), doc(SPOUSE_ID, Kind.ANTECEDENTS),
                   doc(SPOUSE_ID, Kind.TB_DECLARATION)]
    incomplete = family([CANDIDATE_PERSON, spouse()], [*candidate_complete(), *spouse_docs])
    assert incomplete.candidate.complete and not incomplete.complete
    married = [*candidate_complete(), *spouse_docs, doc(SPOUSE_ID, Kind.MARRIAGE_CERTIFICATE)]
    assert family([CANDIDATE_PERSON, spouse()], married).complete
    # A proposed person (a passport nobody declared) waits for HR, not for documents.
    proposed = child(None, confirmed=False)
    assert family([CANDIDATE_PERSON, spouse(), proposed], married).complete


def test_the_bundled_rules_carry_their_source_and_date_and_a_broken_file_is_refused(
        tmp_path: Path) -> None:
    assert RULES.source and RULES.as_of and RULES.antecedents_from_age == 12
    broken = tmp_path / "family.toml"
    broken.write_text('antecedents_from_age = 12\nadult_from_age = 18\n'
                      '[[relation_documents]]\nrelations = ["cousin"]\nitem = "passport"\n'
                      'holder = "dependant"\ndescription = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="cousin"):
        load_family_rules(broken)


# ---------------------------------------------------------------- who is who

JOAO = Identity(CANDIDATE_ID, CANDIDATE, ("Joao Santos", "JOAO SANTOS"), (date(1988, 1, 1),),
                has_passport=True)
MARIA = Identity(SPOUSE_ID, "spouse", ("MARIA SANTOS",))
ANA = Identity(CHILD_ID, "child", ("ANA",), (date(2012, 5, 5),))


def test_a_passport_is_assigned_by_its_mrz_name_and_birth_date() -> None:
    family_ids = [JOAO, MARIA, ANA]
    assert assign(Kind.PASSPORT, "MARIA SANTOS", date(1990, 3, 4), family_ids).person_id == 2
    assert assign(Kind.PASSPORT, "ANA SANTOS", date(2012, 5, 5), family_ids).person_id == 3
    assert assign(Kind.PASSPORT, "JOAO SANTOS", date(1988, 1, 1), family_ids).person_id == 1


def test_a_matching_name_with_another_birth_date_is_someone_else() -> None:
    found = assign(Kind.PASSPORT, "ANA SANTOS", date(2016, 7, 7), [JOAO, MARIA, ANA])
    assert found.propose and found.person_id is None


def test_a_passport_of_someone_new_opens_a_proposed_dependant() -> None:
    found = assign(Kind.PASSPORT, "PEDRO SANTOS", date(2018, 2, 2), [JOAO])
    assert found.propose and not found.undecided


def test_the_first_passport_of_a_candidate_alone_is_the_candidates() -> None:
    new = Identity(CANDIDATE_ID, CANDIDATE, ("Someone Else",))
    assert assign(Kind.PASSPORT, "JOAO SANTOS", None, [new]).person_id == CANDIDATE_ID
    # In a family, a first passport that plainly names someone else is not taken for hers.
    assert assign(Kind.PASSPORT, "PEDRO LIMA", None, [new, MARIA]).propose


def test_a_childs_passport_sent_before_the_candidates_own_opens_a_proposed_dependant() -> None:
    # Given a case of the candidate alone, with no passport yet, and the candidate's surname
    new = Identity(CANDIDATE_ID, CANDIDATE, ("Joao Santos",))
    # When the first passport is a 9-year-old's, then it is proposed as a dependant
    child = assign(Kind.PASSPORT, "ANA SANTOS", date(2017, 5, 5), [new],
                   today=date(2026, 12, 2), adult_from_age=18)
    assert child.propose and child.person_id is None
    # and an adult's first passport is still the candidate's, as before
    adult = assign(Kind.PASSPORT, "JOAO SANTOS", date(1988, 1, 1), [new],
                   today=date(2026, 12, 2), adult_from_age=18)
    assert adult.person_id == CANDIDATE_ID
    # 18 on the day of the check is an adult's
    eighteen = assign(Kind.PASSPORT, "JOAO SANTOS", date(2008, 12, 2), [new],
                      today=date(2026, 12, 2), adult_from_age=18)
    assert eighteen.person_id == CANDIDATE_ID


def test_forms_are_the_candidates_alone_and_undecided_in_a_family() -> None:
    assert assign(Kind.ANTECEDENTS, "", None, [JOAO]).person_id == CANDIDATE_ID
    found = assign(Kind.ANTECEDENTS, "", None, [JOAO, MARIA])
    assert found.undecided and found.person_id is None


def test_a_relation_document_goes_to_the_only_person_it_can_be_of() -> None:
    assert assign(Kind.MARRIAGE_CERTIFICATE, "", None, [JOAO, MARIA, ANA]).person_id == 2
    assert assign(Kind.BIRTH_CERTIFICATE, "", None, [JOAO, MARIA, ANA]).person_id == 3
    two_children = [JOAO, ANA, Identity(4, "child", ("PEDRO",))]
    assert assign(Kind.BIRTH_CERTIFICATE, "", None, two_children).undecided
    assert assign(Kind.UNMARRIED_STATUS, "", None, [JOAO, MARIA]).undecided


def test_names_match_across_accents_and_a_shorter_form() -> None:
    assert names_match("Ana Müller", "ANA MULLER")
    assert names_match("ANA", "ANA MARIA SANTOS")
    assert not names_match("MARIA SANTOS", "ANA SANTOS")
    assert not names_match("", "ANA")


# A form or certificate by the names written on it (once the reader extracts them).

def test_a_form_goes_to_the_person_whose_name_and_birth_date_it_bears() -> None:
    family_ids = [JOAO, MARIA, ANA]
    holder = (Mention("ANA SANTOS", "holder", date(2012, 5, 5)),)
    assert assign(Kind.ANTECEDENTS, "", None, family_ids, holder).person_id == CHILD_ID


def test_a_form_whose_birth_date_differs_from_the_passport_goes_to_hr() -> None:
    """The cross-check: the right name with another birth date is no one's: HR decides."""
    wrong = (Mention("ANA SANTOS", "holder", date(2013, 5, 5)),)
    found = assign(Kind.TB_DECLARATION, "", None, [JOAO, MARIA, ANA], wrong)
    assert found.undecided and found.person_id is None


def test_a_marriage_certificate_is_the_dependant_partys() -> None:
    parties = (Mention("JOAO SANTOS", "spouse"), Mention("MARIA SANTOS", "spouse"))
    assert assign(Kind.MARRIAGE_CERTIFICATE, "", None, [JOAO, MARIA, ANA],
                  parties).person_id == SPOUSE_ID


def test_a_birth_certificate_must_name_the_candidate_or_the_partner_as_a_parent() -> None:
    child = Mention("ANA SANTOS", "child", date(2012, 5, 5))
    ours = (child, Mention("JOAO SANTOS", "parent"), Mention("MARIA SANTOS", "parent"))
    assert assign(Kind.BIRTH_CERTIFICATE, "", None, [JOAO, MARIA, ANA], ours).person_id == 3
    strangers = (child, Mention("PAULO REIS", "parent"), Mention("LIA REIS", "parent"))
    assert assign(Kind.BIRTH_CERTIFICATE, "", None, [JOAO, MARIA, ANA], strangers).undecided


def test_the_candidate_alone_keeps_every_form_whatever_it_names() -> None:
    other = (Mention("SOMEONE ELSE", "holder"),)
    assert assign(Kind.ANTECEDENTS, "", None, [JOAO], other).person_id == CANDIDATE_ID


def test_a_file_hr_has_yet_to_place_is_being_checked_for_whoever_lacks_its_kind() -> None:
    # Given a family whose antecedents form names nobody the bot could match (HR places it)
    waiting = DocumentFact(kind=Kind.ANTECEDENTS, filename="antecedenten.pdf",
                           received_at=RECEIVED, filled=True, review=True, person_id=None)
    spouse_passport = passport(SPOUSE_ID, "MARIA")
    result = family([CANDIDATE_PERSON, spouse()], [*candidate_complete()[:1], spouse_passport,
                                                   waiting])
    # Then it may be either adult's: for both it is being checked, for neither "missing"
    for person_id in (CANDIDATE_ID, SPOUSE_ID):
        checklist = of(result, person_id).checklist
        assert "antecedents" not in checklist.missing
        assert "antecedents" in checklist.in_review
    # and the family waits for HR
    assert result.unplaced == (waiting,) and not result.complete


def test_a_spouse_declared_by_her_married_name_is_found_by_her_birth_date() -> None:
    # Given HR declared MARIA SANTOS with her birth date, and her passport bears her birth name
    maria = Identity(SPOUSE_ID, "spouse", ("MARIA SANTOS",), (date(1990, 3, 4),))
    found = assign(Kind.PASSPORT, "MARIA OLIVEIRA", date(1990, 3, 4), [JOAO, maria, ANA])
    # Then the same birth date and a name in common make it hers
    assert found.person_id == SPOUSE_ID
    # but a birth date alone, with no name in common, is nobody's we know
    assert assign(Kind.PASSPORT, "PEDRO LIMA", date(1990, 3, 4), [JOAO, maria, ANA]).propose


def test_a_file_hr_has_yet_to_place_that_names_one_person_is_checked_for_them_alone() -> None:
    # Given an antecedents form filled in for the spouse, with a birth date her passport denies
    waiting = DocumentFact(kind=Kind.ANTECEDENTS, filename="antecedents-maria.pdf",
                           received_at=RECEIVED, filled=True, review=True,
                           named=("Maria Santos",))
    result = family([CANDIDATE_PERSON, spouse()],
                    [*candidate_complete()[:1], passport(SPOUSE_ID, "MARIA"), waiting])
    # Then HR checks it for her; the candidate's own is still missing
    assert "antecedents" in of(result, SPOUSE_ID).checklist.in_review
    assert "antecedents" in result.candidate.checklist.missing
