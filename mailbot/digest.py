"""Gather what HR should know since the last digest, and queue the digest mail."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlmodel import Session

from mailbot.replies.hr import DigestData, DigestRow, compose_digest
from mailbot.services import Services
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import (
    OutboundKind,
)

LAST_DIGEST = "digest:last"


def gather(session: Session, since: datetime, until: datetime, waiting_days: int) -> DigestData:
    cases = {case.id: case for case in repo.all_cases(session)}

    def row(case_id: int | None, detail: str) -> DigestRow:
        case = cases.get(case_id)
        if case is None:
            return DigestRow("-", "(no case)", "", detail)
        return DigestRow(case.reference, case.name, case.email, detail)

    dependants = repo.all_dependants(session)
    persons = {person.id: person for person in dependants}
    families = {person.case_id for person in dependants}

    def whose(person_id: int | None) -> str:
        person = persons.get(person_id)
        if person is None:
            return ""
        return f" ({person.relation or 'proposed'} {person.name})"

    new_by_case: dict[int | None, list[str]] = defaultdict(list)
    for document in repo.documents_received(session, since, until):
        new_by_case[document.case_id].append(
            f"{document.kind}{' (unreadable)' if document.error else ''}"
            f"{whose(document.person_id)}: {document.filename}")
    needs_human = [row(case.id, "asked a question") for case in cases.values()
                   if case.needs_human]
    needs_human += [
        row(person.case_id, f"a passport of {person.name or 'someone'}"
                            f"{f' (born {person.birth_date})' if person.birth_date else ''} "
                            "arrived, who is not of the case yet: mailbot case person confirm "
                            f"{cases[person.case_id].reference if person.case_id in cases else ''}"
                            f" {person.id} --relation spouse|partner|child (or remove)")
        for person in dependants if not person.confirmed]
    open_cases = [case for case in cases.values() if not case.closed and case.status != "complete"]
    needs_human += [row(case.id, f"no answer after {case.escalated_after} reminder(s) (marked "
                                 f"{case.escalated_at:%Y-%m-%d}; mailbot case resolve|resume)")
                    for case in open_cases if case.escalated_at]
    needs_human += [row(case.id, f"a mail to {case.email} bounced on {case.bounced_at:%Y-%m-%d}; "
                                 "reminders stopped (mailbot case resume once fixed)")
                    for case in open_cases
                    if case.bounced_at and case.bounced_at > case.last_activity_at
                    and not (case.reminders_resumed_at
                             and case.reminders_resumed_at > case.bounced_at)]
    for inbound in repo.mails_for_hr_since(session, since):
        reason = inbound.note or inbound.error
        needs_human.append(row(inbound.case_id, f"mail #{inbound.id}: {reason}"))
    for outbound in repo.outbound_not_delivered(session):
        needs_human.append(row(outbound.case_id, f"outbound mail {outbound.state}: "
                                                  f"{outbound.subject} ({outbound.last_error})"))
    waiting_since = until - timedelta(days=waiting_days)
    in_review = tuple(
        row(doc.case_id, f"document {doc.id}: {doc.filename} (best guess {doc.kind}, "
                         f"{doc.confidence:.2f}), waiting since {doc.received_at:%Y-%m-%d}")
        for doc in repo.review_queue(session)  # oldest first
    )
    return DigestData(
        since=since, until=until,
        new_documents=tuple(row(case_id, "; ".join(files))
                            for case_id, files in new_by_case.items()),
        completed=tuple(row(case.id, f"complete since {case.completed_at:%Y-%m-%d}")
                        for case in cases.values()
                        if case.completed_at and since < case.completed_at <= until),
        waiting=tuple(row(case.id, f"missing {', '.join(case.missing)}"
                                   + ("; and the family's (mailbot case show)"
                                      if case.id in families else "")
                                   + f"; last mail {case.last_activity_at:%Y-%m-%d}")
                      for case in cases.values()
                      if case.status != "complete" and not case.closed
                      and case.last_activity_at < waiting_since),
        problems=tuple(row(case.id, ", ".join(case.problems)) for case in cases.values()
                       if case.problems and case.status != "complete"),
        needs_human=tuple(needs_human),
        waiting_days=waiting_days,
        in_review=in_review,
    )


def build_digest(services: Services) -> DigestData:
    now = services.clock()
    with Session(services.engine) as session:
        last = repo.service_state(session, LAST_DIGEST)
        since = datetime.fromisoformat(last.value) if last else now - timedelta(days=1)
        return gather(session, since, now, services.settings.digest_waiting_days)


def send_digest(services: Services) -> DigestData:
    """Queue the digest and remember when, in one transaction; then send the outbox."""
    data = build_digest(services)
    subject, text = compose_digest(data)
    with session_scope(services.engine) as session:
        services.outbox.to_hr(session, OutboundKind.DIGEST, None, subject, text)
        repo.set_service_state(session, LAST_DIGEST, data.until.isoformat())
    services.outbox.send()
    return data

