"""A case's standing: its checklist re-evaluated from every document, the candidate's replies
that tell it, and HR's one "complete" notice.

Used by the cycle's steps, HR's review decisions and `mailbot case link`, always inside the
caller's transaction, so the checklist, the case row and the mail they cause commit together.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from classifiers.types import Kind
from mailbot.checklist.family import (
    CANDIDATE,
    FamilyChecklist,
    FamilyRules,
    Identity,
    Mention,
    PersonFacts,
    assign,
    evaluate_family,
    load_family_rules,
    names_match,
)
from mailbot.checklist.rules import Checklist
from mailbot.checklist.tb_exempt import TbExemptList
from mailbot.config import Settings
from mailbot.mime.parse import parse_mail
from mailbot.outbox import Outbox
from mailbot.replies.compose import CaseSummary, ReplyContext, compose_reply, person_heading
from mailbot.replies.hr import CompleteNotice, compose_complete
from mailbot.replies.message import FileAttachment
from mailbot.store import repo
from mailbot.store.models import (
    Case,
    Document,
    InboundMessage,
    OutboundKind,
    OutboundMail,
    Person,
    ReviewDecision,
)
from mailbot.store.verdicts import document_fact, passport_facts

log = logging.getLogger("mailbot")


def person_facts(person: Person) -> PersonFacts:
    return PersonFacts(
        person_id=person.id, relation=person.relation.value if person.relation else None,
        name=person.name, birth_date=person.birth_date, nationality=person.nationality,
        other_parent_stays=person.other_parent_stays,
        partnership=person.partnership.value if person.partnership else None,
        confirmed=person.confirmed)


def family_of(session: Session, case_id: int, tb_list: TbExemptList, rules: FamilyRules,
              today: date) -> FamilyChecklist:
    """The case's checklist per person, from its persons and every document."""
    persons = [person_facts(person) for person in repo.persons_of(session, case_id)]
    documents = [document_fact(doc) for doc in repo.documents_of(session, case_id)]
    return evaluate_family(persons, documents, tb_list, rules, today)


def counted_kind(document: Document) -> Kind:
    """What the file counts as: HR's word when HR accepted it, else the classifier's."""
    if document.decision == ReviewDecision.ACCEPTED and document.decided_kind is not None:
        return document.decided_kind
    return document.kind


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


WHOSE_UNDECIDED = "whose: {reason}; HR says which person of the family it is"


def identities(persons: list[Person], documents: list[Document]) -> list[Identity]:
    """Who each person is: the declared name and birth date, and those of their passports."""
    found = []
    for person in persons:
        candidate = person.relation == CANDIDATE
        names, births, has_passport = [person.name] if person.name else [], [], False
        if person.birth_date:
            births.append(person.birth_date)
        for doc in documents:
            mine = doc.person_id == person.id or (candidate and doc.person_id is None)
            if not mine or counted_kind(doc) != Kind.PASSPORT or not doc.passport:
                continue
            read = passport_facts(doc.passport)
            if read.full_name and read.checks_ok:
                names.append(read.full_name)
                births.extend([read.birth_date] if read.birth_date else [])
                has_passport = True
        found.append(Identity(person.id, person.relation.value if person.relation else None,
                              tuple(names), tuple(births), has_passport))
    return found


@dataclass
class Cases:
    settings: Settings
    outbox: Outbox
    tb_list: TbExemptList
    family_rules: FamilyRules = field(default_factory=load_family_rules)

    def today(self) -> date:
        return self.outbox.clock().date()

    def checklist(self, session: Session, case_id: int) -> Checklist:
        """The candidate's own checklist."""
        return self.family(session, case_id).candidate.checklist

    def family(self, session: Session, case_id: int) -> FamilyChecklist:
        return family_of(session, case_id, self.tb_list, self.family_rules, self.today())

    def place(self, session: Session, case: Case, documents: list[Document]) -> None:
        """Tell whose each new document is, by evidence (`checklist.family.assign`): a
        passport of someone new opens a proposed dependant; a file whose person cannot be
        told waits for HR and counts for no one. Held and unreadable files are placed when
        HR releases them (they count for nothing until then)."""
        candidate = repo.candidate_of(session, case)
        persons = repo.persons_of(session, candidate.case_id)
        new_ids = {doc.id for doc in documents}
        known = [doc for doc in repo.documents_of(session, candidate.case_id)
                 if doc.id not in new_ids]
        # Passports first (a child's passport and form in one mail open the child first),
        # the one with the candidate's name before the others (the candidate's own, whatever
        # the order of the attachments).
        def order(doc: Document) -> tuple[bool, bool]:
            read = passport_facts(doc.passport) if doc.passport else None
            named = bool(read and names_match(read.full_name, candidate.name))
            return counted_kind(doc) != Kind.PASSPORT, not named

        for document in sorted(documents, key=order):
            if document.held or document.error is not None:
                continue
            kind = counted_kind(document)
            read = passport_facts(document.passport) if document.passport else None
            name = read.full_name if read and read.checks_ok else ""
            birth = read.birth_date if read and read.checks_ok else None
            mentions = tuple(Mention(str(m.get("name", "")), str(m.get("role", "")),
                                     _day(m.get("birth_date"))) for m in document.people)
            found = assign(kind, name, birth, identities(persons, known), mentions,
                           today=self.today(), adult_from_age=self.family_rules.adult_from_age)
            if found.propose:
                proposed = repo.add_person(session, Person(
                    case_id=candidate.case_id, relation=None, name=name, birth_date=birth,
                    confirmed=False, proposed_from_document=document.id,
                    created_at=document.received_at))
                persons.append(proposed)
                document.person_id = proposed.id
                log.info("%s: document %s opens a proposed dependant (person %s)",
                         case.reference, document.id, proposed.id)
            elif found.undecided:
                document.person_id = None
                if document.decision is None:
                    document.review = True
                    document.reasons = [*document.reasons,
                                        WHOSE_UNDECIDED.format(reason=found.reason)]
            else:
                document.person_id = found.person_id or candidate.id
            known.append(document)
        session.flush()

    def refresh(self, session: Session, case: Case, now: datetime) -> FamilyChecklist:
        """Re-evaluate the checklist from every document; notify HR once on completion."""
        assert case.id is not None
        documents = repo.documents_of(session, case.id)
        family = self.family(session, case.id)
        checklist = family.candidate.checklist
        facts = checklist.facts
        case.status = "complete" if family.complete else "incomplete"
        case.nationality = facts.nationality
        case.tb_exempt = facts.tb_exempt
        case.passport_expiry = facts.passport.expiry_date if facts.passport else None
        # The row keeps the candidate's own items, as the kinds' stored values (`cases
        # --json` prints them as they are); each person's are in `persons`.
        case.missing = [kind.value for kind in checklist.missing]
        case.in_review = [kind.value for kind in checklist.in_review]
        case.problems = checklist.problem_codes
        if family.complete and case.completed_at is None:
            case.completed_at = now
            self._queue_complete(session, case, family, documents)
        return family

    def answer(self, session: Session, case: Case, answered: list[InboundMessage]) -> bool:
        """One reply answering the given mails of the case (they are marked answered, also
        when the daily cap stops the reply). Returns whether a reply was queued."""
        assert case.id is not None
        for inbound in answered:
            inbound.reply_pending = False
        if self.outbox.reply_cap_reached(session, case):
            return False
        answered_ids = {inbound.id for inbound in answered}
        all_documents = repo.documents_of(session, case.id)
        documents = [doc for doc in all_documents if doc.inbound_id in answered_ids]
        family = self.family(session, case.id)
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=family.candidate.checklist, family=family,
            received=tuple(document_fact(doc) for doc in documents if not doc.held),
            asked_question=any(inbound.asks_question for inbound in answered),
            held_files=tuple(doc.filename for doc in documents if doc.held),
            company=self.settings.company_name,
        ))
        self.outbox.reply_in_thread(session, case, answered, text)
        return True

    def answer_decision(self, session: Session, case: Case, decided: list[Document],
                        family: FamilyChecklist) -> bool:
        """After HR decided on files by hand: one reply, in the thread of the mails that
        carried them. Returns whether a reply was queued."""
        if self.outbox.reply_cap_reached(session, case):
            return False
        mails = [repo.inbound_of(session, doc) for doc in decided]
        answered = sorted({m.id: m for m in mails if m is not None}.values(),
                          key=lambda m: (m.sent_at or m.fetched_at, m.id or 0))
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=family.candidate.checklist, family=family,
            received=(),
            reviewed=tuple(document_fact(doc) for doc in decided if not doc.held),
            company=self.settings.company_name,
        ))
        self.outbox.reply_in_thread(session, case, answered, text)
        return True

    def remind(self, session: Session, case: Case, number: int,
               follows: OutboundMail) -> str:
        """Reminder `number`: the reply's own wording of where the case stands (what is still
        missing, what HR is checking), opened as a reminder, in the thread of `follows`.
        Returns its Message-ID. The caller has checked the daily cap."""
        assert case.id is not None
        family = self.family(session, case.id)
        text = compose_reply(ReplyContext(
            case=CaseSummary(case.reference, case.name, case.email),
            checklist=family.candidate.checklist, family=family,
            received=(),
            company=self.settings.company_name,
            reminder=number,
        ))
        return self.outbox.remind_in_thread(session, case, follows, text)

    def _queue_complete(self, session: Session, case: Case, family: FamilyChecklist,
                        documents: list[Document]) -> None:
        counted: dict[int | None, tuple[Kind, str]] = {}
        for person in family.persons:
            label = "" if person.person.is_candidate else person_heading(person)[len("For "):]
            for item in person.checklist.items:
                if item.satisfied_by is not None:
                    counted[item.satisfied_by.document_id] = (item.requirement, label)
        chosen = [doc for doc in documents if doc.id in counted]
        contents = documents_bytes(session, chosen)
        files = tuple(
            FileAttachment(doc.filename, doc.content_type or "application/octet-stream",
                           contents[doc.sha256])
            for doc in chosen if doc.sha256 in contents
        )
        subject, text = compose_complete(CompleteNotice(
            reference=case.reference, name=case.name, email=case.email,
            nationality=case.nationality,
            passport_expiry=case.passport_expiry.isoformat() if case.passport_expiry else None,
            documents=tuple((counted[doc.id][0], doc.filename) for doc in chosen
                            if not counted[doc.id][1]),
            family=tuple((counted[doc.id][1], counted[doc.id][0], doc.filename)
                         for doc in chosen if counted[doc.id][1]),
            passport_notes=passport_notes(family.candidate.checklist),
        ))
        self.outbox.to_hr(session, OutboundKind.HR_COMPLETE, case.id, subject, text,
                          attachments=files)


def passport_notes(checklist: Checklist) -> tuple[str, ...]:
    """What the reader left unsettled on the passport that counts, for HR to check by eye."""
    passport = checklist.item(Kind.PASSPORT).satisfied_by
    if passport is None or passport.passport is None:
        return ()
    return passport.passport.hr_notes


def documents_bytes(session: Session, documents: list[Document]) -> dict[str, bytes]:
    """Stored documents' bytes by sha256, from their mails (the raw mail is the document
    store); each mail is parsed once."""
    wanted = {doc.sha256 for doc in documents}
    found: dict[str, bytes] = {}
    for inbound_id in dict.fromkeys(doc.inbound_id for doc in documents):
        inbound = session.get(InboundMessage, inbound_id)
        if inbound is None:
            continue
        for attachment in parse_mail(inbound.raw).attachments:
            if attachment.sha256 in wanted:
                found.setdefault(attachment.sha256, attachment.data)
    return found
