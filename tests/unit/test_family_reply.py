"""The family's reply: one mail, per person what arrived and what is missing. Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime

from classifiers.types import Kind
from mailbot.checklist import DocumentFact, PassportFacts, load_tb_exempt_list
from mailbot.checklist.family import (
    CANDIDATE,
    FamilyChecklist,
    PersonFacts,
    evaluate_family,
    load_family_rules,
)
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply
from mailbot.replies.hr import CompleteNotice, compose_complete

RECEIVED = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
PERSONS = [PersonFacts(1, CANDIDATE, "Joao Santos"), PersonFacts(2, "spouse", "MARIA SANTOS"),
           PersonFacts(3, "child", "ANA SANTOS")]


def passport(person: int, given: str, birth: date, nationality: str = "BRA",
             sex: str = "F") -> DocumentFact:
    return DocumentFact(
        kind=Kind.PASSPORT, filename=f"{given.lower()}.png", received_at=RECEIVED,
        passport=PassportFacts("SANTOS", given, nationality, date(2031, 5, 1), True,
                               confirmed=True, birth_date=birth, sex=sex),
        document_id=person * 10, person_id=person)


def family(documents: list[DocumentFact],
           persons: list[PersonFacts] = PERSONS) -> FamilyChecklist:
    return evaluate_family(persons, documents, load_tb_exempt_list(), load_family_rules(),
                           TODAY)


def reply(documents: list[DocumentFact], persons: list[PersonFacts] = PERSONS,
          received: tuple[DocumentFact, ...] | None = None) -> str:
    checked = family(documents, persons)
    return compose_reply(ReplyContext(
        case=CaseSummary("HSM-0042", "Joao Santos", "joao@example.com"),
        checklist=checked.candidate.checklist, family=checked,
        received=tuple(documents) if received is None else received)).text


def test_one_reply_names_each_person_and_what_they_still_need() -> None:
    text = reply([passport(1, "JOAO", date(1988, 1, 1), sex="M"),
                  passport(2, "MARIA", date(1990, 1, 1), nationality="D"),
                  passport(3, "ANA", date(2012, 6, 1))])
    you, rest = text.split("For you:")[1].split("For your spouse MARIA SANTOS:")
    spouse, daughter = rest.split("For your daughter ANA (14):")
    assert "Passport of JOAO SANTOS" in you and "TB test declaration" in you
    assert "Passport of MARIA SANTOS" in spouse and "TB test declaration" not in spouse
    assert "Marriage or registered partnership certificate" in spouse
    assert "Birth certificate" in daughter and "Antecedents certificate" in daughter
    # A minor's TB declaration: a parent fills it in and signs it.
    assert "a parent fills in and signs it" in daughter
    assert "a parent fills in and signs it" not in spouse


def test_a_child_without_a_passport_yet_is_told_antecedents_depend_on_the_age() -> None:
    text = reply([])
    daughter = text.split("For your child ANA:")[1]
    assert "Needed only if they are 12 or older" in daughter


def test_a_proposed_dependant_is_named_and_hr_will_confirm() -> None:
    proposed = PersonFacts(4, None, "PEDRO SANTOS", confirmed=False)
    text = reply([passport(4, "PEDRO", date(2018, 3, 3), sex="M")],
                 persons=[*PERSONS, proposed])
    assert "We also received documents of PEDRO SANTOS" in text
    assert "HR will confirm how PEDRO SANTOS belongs to your application" in text
    assert "For your son" not in text


def test_a_file_whose_person_cannot_be_told_is_with_hr_not_with_anyone() -> None:
    form = DocumentFact(kind=Kind.ANTECEDENTS, filename="form.pdf", received_at=RECEIVED,
                        filled=True, review=True, document_id=99, person_id=None)
    checked = family([form])
    assert checked.unplaced == (form,) and not checked.complete
    assert "form.pdf" not in str(checked.candidate.checklist.reviewing)
    text = reply([form])
    assert "could not tell for whom in your family form.pdf is" in text
    assert "Received: form.pdf" not in text


def test_the_candidate_alone_gets_the_reply_of_before() -> None:
    alone = [PersonFacts(1, CANDIDATE, "Joao Santos")]
    documents = [passport(1, "JOAO", date(1988, 1, 1))]
    checked = family(documents, alone)
    with_family = compose_reply(ReplyContext(
        case=CaseSummary("HSM-0042", "Joao Santos", "joao@example.com"),
        checklist=checked.candidate.checklist, family=checked, received=tuple(documents)))
    before = compose_reply(ReplyContext(
        case=CaseSummary("HSM-0042", "Joao Santos", "joao@example.com"),
        checklist=checked.candidate.checklist, received=tuple(documents)))
    assert with_family == before and "For you:" not in before.text


def test_hrs_complete_mail_lists_the_familys_documents() -> None:
    _, text = compose_complete(CompleteNotice(
        reference="HSM-0042", name="Joao Santos", email="joao@example.com",
        nationality="BRA", passport_expiry="2031-05-01",
        documents=((Kind.PASSPORT, "joao.png"),),
        family=(("your spouse MARIA SANTOS", Kind.MARRIAGE_CERTIFICATE, "casamento.pdf"),)))
    assert "spouse MARIA SANTOS: Marriage or registered partnership certificate: " \
           "casamento.pdf" in text.text
