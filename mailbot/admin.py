"""What HR does by hand: open a case, link an address, close, purge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlmodel import Session

from classifiers.people import name_key
from mailbot.errors import ConfigError, UnknownCase  # UnknownCase: importable from here too
from mailbot.services import Services
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import (
    AuditEntry,
    Case,
    CaseAlias,
    InboundState,
    OutboundState,
    Partnership,
    Person,
    Relation,
    ReviewDecision,
    utcnow,
)

if TYPE_CHECKING:
    from mailbot.declarations import DeclaredCase


def _case(session: Session, key: str) -> Case:
    case = repo.case_by_reference_or_email(session, key)
    if case is None:
        raise UnknownCase(f"no case {key!r}; `mailbot cases` lists them")
    return case


def _audit(session: Session, case: Case, by: str | None, action: str,
           **detail: object) -> None:
    """HR's change in the audit trail, in the change's own transaction; `by` None: a command
    run without a name to record (the CLI's), as before the dashboard."""
    if by:
        repo.record_audit(session, AuditEntry(at=utcnow(), actor=by[:200], action=action,
                                              case_id=case.id, detail=dict(detail)))


def add_case(engine: Engine, email: str, name: str) -> str:
    email = email.strip().lower()
    with session_scope(engine) as session:
        existing = repo.case_for_address(session, email)
        if existing is not None:
            return existing.reference
        return repo.open_case(session, email, name, when=utcnow()).reference


def link_address(services: Services, key: str, address: str, *, by: str | None = None) -> int:
    """Add an alias; documents held because they came from it now count. Returns how many."""
    address = address.strip().lower()
    with session_scope(services.engine) as session:
        case = _case(session, key)
        other = repo.case_for_address(session, address)
        if other is not None and other.id != case.id:
            raise ConfigError(f"{address} already belongs to {other.reference}")
        if other is None:
            session.add(CaseAlias(address=address, case_id=case.id))
        released = []
        for inbound in repo.held_mails_from(session, case.id, address):
            inbound.state = InboundState.PROCESSED
            inbound.note = f"released by HR: {address} linked to {case.reference}"
            for document in repo.documents_of_mail(session, inbound.id):
                document.held = False
                released.append(document)
        session.flush()
        services.cases.place(session, case, released)  # now they count: for whom
        services.cases.refresh(session, case, utcnow())
        _audit(session, case, by, "case.link", address=address, released=len(released))
        return len(released)


def resolve_case(engine: Engine, key: str, now: datetime | None = None, *,
                 by: str | None = None) -> None:
    """HR answered the candidate: no longer waiting for a human, nor marked after unanswered
    reminders. After a question, reminders count from HR's answer (now); a series that ended
    unanswered stays ended (the next counts from the candidate's next mail)."""
    with session_scope(engine) as session:
        case = _case(session, key)
        if case.needs_human:
            case.reminders_resumed_at = now or utcnow()
        case.needs_human = False
        case.escalated_at = case.escalated_after = None
        _audit(session, case, by, "case.resolve")


def pause_reminders(engine: Engine, key: str) -> None:
    with session_scope(engine) as session:
        _case(session, key).reminders_paused = True


def resume_reminders(engine: Engine, key: str, now: datetime | None = None) -> None:
    """Reminders go on, as a new series counted from now: an earlier bounce or mark for HR
    no longer stops them."""
    with session_scope(engine) as session:
        case = _case(session, key)
        case.reminders_paused = False
        case.reminders_resumed_at = now or utcnow()
        case.escalated_at = case.escalated_after = None


def resend_last_reply(services: Services, key: str, *, by: str | None = None) -> str:
    """Queue our newest reply to the candidate once more (they say it never arrived), to the
    case's own address. Refused while that reply has not gone out yet: the copy would be a
    second mail for one click. Returns what HR reads."""
    with session_scope(services.engine) as session:
        case = _case(session, key)
        assert case.id is not None
        reply = repo.last_reply(session, case.id)
        if reply is None:
            raise ConfigError(f"{case.reference} has no reply to resend yet")
        if reply.state in (OutboundState.QUEUED, OutboundState.SENDING):
            raise ConfigError(f"the last reply to {case.reference} has not been sent yet; it "
                              "goes out with the next send, so there is nothing to resend")
        if case.bounced_at is not None:
            raise ConfigError(f"mail to {case.email} bounced; link a working address and "
                              f"`case resume {case.reference}` first")
        message_id = services.outbox.resend(session, case, reply)
        _audit(session, case, by, "case.resend", original=reply.message_id, copy=message_id)
        return f"the last reply to {case.reference} goes out again to {case.email}"


def close_case(engine: Engine, key: str, *, by: str | None = None) -> None:
    with session_scope(engine) as session:
        case = _case(session, key)
        case.closed = True
        _audit(session, case, by, "case.close")


def reopen_case(engine: Engine, key: str, *, by: str | None = None) -> None:
    """A closed case is open again (its reminders and purge follow the open case's rules)."""
    with session_scope(engine) as session:
        case = _case(session, key)
        case.closed = False
        _audit(session, case, by, "case.reopen")


def purge_closed(engine: Engine, older_than_days: int, *, dry_run: bool = False) -> list[str]:
    """Delete documents, mails and replies of closed cases idle for longer than the given days.

    The case row stays, anonymised, so references in old HR mails still resolve to "purged".
    """
    cutoff = utcnow() - timedelta(days=older_than_days)
    report: list[str] = []
    with session_scope(engine) as session:
        for case in repo.closed_idle_cases(session, cutoff):
            assert case.id is not None
            documents = repo.documents_of(session, case.id)
            mails = repo.mail_ids_of(session, case.id)
            if not documents and not mails and case.email.endswith(".invalid"):
                continue
            report.append(f"{case.reference}: {len(documents)} document(s), {len(mails)} mail(s)"
                          f"{' would be' if dry_run else ''} deleted")
            if dry_run:
                continue
            repo.delete_case_contents(session, case.id)
            case.email = f"purged-{case.reference.lower()}@purged.invalid"
            case.name = ""
            candidate = repo.candidate_of(session, case)
            candidate.name, candidate.birth_date, candidate.nationality = "", None, None
            case.nationality = None
            case.passport_expiry = None
    return report or ["nothing to purge"]


# ---------------------------------------------------------------- persons of a case

DEPENDANT_RELATIONS = (Relation.SPOUSE, Relation.PARTNER, Relation.CHILD)


@dataclass(frozen=True)
class NewPerson:
    relation: str
    name: str
    birth_date: date | None = None
    nationality: str | None = None
    other_parent_stays: bool = False
    partnership: str | None = None

    def validated(self, *, as_keys: bool = False) -> NewPerson:
        """Check the person; errors name each field as the command's option (`--birth-date`),
        or with `as_keys` as a declarations file's key (`birth_date`)."""
        def field(name: str) -> str:
            return name if as_keys else "--" + name.replace("_", "-")

        relation = _relation(self.relation, field("relation"))
        if not self.name.strip():
            raise ConfigError(f"{field('name')}: the person's name as their passport prints it")
        if self.partnership is not None:
            if self.partnership not in tuple(Partnership):
                raise ConfigError(f"{field('partnership')} {self.partnership!r}: one of "
                                  f"{', '.join(tuple(Partnership))}")
            if relation == Relation.CHILD:
                raise ConfigError(f"{field('partnership')} goes with a spouse or partner")
        if self.other_parent_stays and relation != Relation.CHILD:
            raise ConfigError(f"{field('other_parent_stays')} goes with a child")
        if self.birth_date is not None and self.birth_date > utcnow().date():
            raise ConfigError(f"{field('birth_date')} {self.birth_date.isoformat()} is in the "
                              "future")
        return self


def _relation(value: str, field: str) -> Relation:
    if value not in tuple(DEPENDANT_RELATIONS):
        raise ConfigError(f"{field} {value!r}: one of "
                          f"{', '.join(r.value for r in DEPENDANT_RELATIONS)}")
    return Relation(value)


def _person(session: Session, case: Case, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.case_id != case.id:
        raise ConfigError(f"{case.reference} has no person {person_id}; `mailbot case person "
                          f"list {case.reference}` names them")
    return person


def person_row(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "relation": person.relation.value if person.relation else None,
        "name": person.name,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "nationality": person.nationality,
        "other_parent_stays": person.other_parent_stays,
        "partnership": person.partnership.value if person.partnership else None,
        "confirmed": person.confirmed,
        "proposed_from_document": person.proposed_from_document,
    }


def add_person(services: Services, key: str, new: NewPerson, *, by: str | None = None,
               ) -> dict[str, Any]:
    """HR declares a dependant (confirmed); the case's checklist now asks for their documents."""
    new = new.validated()
    with session_scope(services.engine) as session:
        case = _case(session, key)
        repo.candidate_of(session, case)
        person = repo.add_person(session, Person(
            case_id=case.id, relation=Relation(new.relation), name=new.name.strip()[:200],
            birth_date=new.birth_date, nationality=(new.nationality or "").upper() or None,
            other_parent_stays=new.other_parent_stays,
            partnership=Partnership(new.partnership) if new.partnership else None,
            confirmed=True, created_at=utcnow()))
        services.cases.refresh(session, case, utcnow())
        _audit(session, case, by, "case.person.add", person=person.id,
               relation=new.relation, birth_date=_iso(new.birth_date),
               other_parent_stays=new.other_parent_stays, partnership=new.partnership)
        return person_row(person)


def list_persons(engine: Engine, key: str) -> list[dict[str, Any]]:
    with Session(engine) as session:
        case = _case(session, key)
        assert case.id is not None
        persons = repo.persons_of(session, case.id)
        if not any(person.relation == Relation.CANDIDATE for person in persons):
            # A case made before persons existed, not yet refreshed: its candidate is implied.
            return [{"id": None, "relation": Relation.CANDIDATE.value, "name": case.name,
                     "birth_date": None, "nationality": None, "other_parent_stays": False,
                     "partnership": None, "confirmed": True, "proposed_from_document": None},
                    *(person_row(person) for person in persons)]
        return [person_row(person) for person in persons]


def remove_person(services: Services, key: str, person_id: int, *,
                  by: str | None = None) -> None:
    """A dependant who does not come along (or a proposal HR declines). Refused while
    documents are theirs: HR places them first (`review accept DOC KIND --person ID`), so
    nothing is lost or silently counted for someone else."""
    with session_scope(services.engine) as session:
        case = _case(session, key)
        person = _person(session, case, person_id)
        if person.relation == Relation.CANDIDATE:
            raise ConfigError("the candidate is not removed; `mailbot case close` closes a case")
        assert case.id is not None
        documents = [doc for doc in repo.documents_of(session, case.id)
                     if doc.person_id == person.id]
        theirs = [doc.id for doc in documents if doc.decision != ReviewDecision.REJECTED]
        if theirs:
            raise ConfigError(f"document(s) {', '.join(map(str, theirs))} are of this person; "
                              "place them on another person first (`mailbot review accept DOC "
                              "KIND --person ID`)")
        detail = person_row(person)
        for document in documents:  # rejected ones count for no one anyway
            document.person_id = None
        session.flush()
        session.delete(person)
        session.flush()
        services.cases.refresh(session, case, utcnow())
        _audit(session, case, by, "case.person.remove", person=person_id,
               relation=detail["relation"], confirmed=detail["confirmed"])


def confirm_person(services: Services, key: str, person_id: int, relation: str, *,
                   other_parent_stays: bool | None = None, partnership: str | None = None,
                   by: str | None = None) -> dict[str, Any]:
    """HR says who a proposed dependant is (or corrects a declared one's relation)."""
    checked = NewPerson(relation, "-", other_parent_stays=bool(other_parent_stays),
                        partnership=partnership).validated()
    with session_scope(services.engine) as session:
        case = _case(session, key)
        person = _person(session, case, person_id)
        if person.relation == Relation.CANDIDATE:
            raise ConfigError("the candidate is the candidate; confirm a dependant")
        previous = {"relation": person.relation.value if person.relation else None,
                    "confirmed": person.confirmed}
        person.relation = Relation(checked.relation)
        person.confirmed = True
        if other_parent_stays is not None:
            person.other_parent_stays = other_parent_stays
        if partnership is not None:
            person.partnership = Partnership(partnership)
        session.flush()
        services.cases.refresh(session, case, utcnow())
        _audit(session, case, by, "case.person.confirm", person=person_id,
               relation=checked.relation, previous=previous)
        return person_row(person)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def declare(services: Services, cases: Sequence[DeclaredCase], *, by: str | None = None,
            ) -> list[str]:
    """Open the cases and add the persons of HR's declarations file that are not there yet (a
    person is there when the case has one of that relation and name, in any order or case of
    the words); one line per change, or per case that needed none. Idempotent."""
    done: list[str] = []
    for declared in cases:
        reference = add_case(services.engine, declared.email, declared.name)
        added = 0
        for new in declared.persons:
            if _declared_already(services.engine, reference, new):
                continue
            person = add_person(services, reference, new, by=by)
            done.append(f"{reference}: person {person['id']} added "
                        f"({person['relation']} {person['name']})")
            added += 1
        if not added:
            done.append(f"{reference} ({declared.email}): already as declared")
    return done


def _declared_already(engine: Engine, reference: str, new: NewPerson) -> bool:
    wanted = name_key(new.name)
    return any(person["relation"] == new.relation
               and name_key(person["name"] or "") == wanted
               for person in list_persons(engine, reference))
