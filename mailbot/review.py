"""HR settles the files the classifier was unsure about (or overrules a confident verdict).

A decision is kept next to the classifier's verdict (who, when, why), re-evaluates the
checklist, and — only when what the candidate was told changes — queues ONE reply through the
outbox, in the same transaction as the decision. Deciding the same thing again changes nothing
and sends nothing; a crash before the commit leaves nothing, after it the outbox sends once.
The decided file is exported as a labelled example for the next training (`make model`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from classifiers.extract import ExtractError, extract
from classifiers.limits import Deadline
from classifiers.mrz import is_known_code
from classifiers.sniff import sniff
from classifiers.types import Kind
from mailbot.cases import documents_bytes
from mailbot.checklist.family import FAMILY_KINDS, FamilyChecklist
from mailbot.checklist.rules import REQUIREMENTS, add_years
from mailbot.errors import ConfigError, UnknownDocument  # UnknownDocument: also from here
from mailbot.services import Services
from mailbot.store import repo
from mailbot.store.db import session_scope
from mailbot.store.models import AuditEntry, Document, ReviewDecision
from mailbot.store.private_files import write_private

log = logging.getLogger("mailbot")

# What HR can settle a document as: a kind the checklist counts, or `other`. (Kinds the
# classifier may name before the checklist has a place for them are not offered.)
KINDS = (*(requirement.name.value for requirement in REQUIREMENTS), Kind.OTHER.value)
# A case with dependants also counts the documents of a relation (checklist/family.toml).
FAMILY_REVIEW_KINDS = (*KINDS[:-1], *(kind.value for kind in FAMILY_KINDS), Kind.OTHER.value)


def kinds_for(has_dependants: bool) -> tuple[str, ...]:
    """What HR can settle a document of a case as."""
    return FAMILY_REVIEW_KINDS if has_dependants else KINDS
TRAINING_SOURCE = "hr-review"


@dataclass(frozen=True)
class Decision:
    document_id: int
    decision: ReviewDecision
    by: str
    kind: Kind | None = None    # accept: what it counts as; reject: what it really is, if said
    reason: str | None = None   # reject: told to the candidate
    # accept as a passport: what HR reads on the page where the bot could not (the MRZ did
    # not validate): the nationality decides on the TB declaration, the expiry on validity.
    nationality: str | None = None
    expires: date | None = None
    person_id: int | None = None  # accept: whose document it is (`case person list`)

    def validated(self) -> Decision:
        checked = replace(self, kind=parse_kind(self.kind))
        if checked.decision == ReviewDecision.ACCEPTED and checked.kind is None:
            raise ConfigError("accept needs the kind the document counts as")
        if checked.person_id is not None and checked.decision != ReviewDecision.ACCEPTED:
            raise ConfigError("--person goes with `accept`: it places the file on a person")
        if checked.decision == ReviewDecision.REJECTED and not (checked.reason or "").strip():
            raise ConfigError("reject needs --reason: the candidate is told why")
        if not checked.by.strip():
            raise ConfigError("--by: who decides may not be empty")
        if (checked.nationality or checked.expires) and not (
                checked.decision == ReviewDecision.ACCEPTED and checked.kind is Kind.PASSPORT):
            raise ConfigError("--nationality and --expires go with `accept DOC passport`")
        if checked.nationality is None:
            return checked
        code = checked.nationality.strip().strip("<").upper()
        if not is_known_code(code):
            raise ConfigError(f"{checked.nationality!r} is not a nationality code as passports "
                              "print it (three letters, e.g. NGA, IND; D for Germany)")
        return replace(checked, nationality=code)


def parse_kind(name: str | None) -> Kind | None:
    """A kind as HR typed it (None: not said); an unknown one stops the command."""
    if name is None:
        return None
    if name not in FAMILY_REVIEW_KINDS:
        raise ConfigError(f"unknown kind {name!r}; one of {', '.join(FAMILY_REVIEW_KINDS)}")
    return Kind(name)


@dataclass(frozen=True)
class Outcome:
    document_id: int
    reference: str
    filename: str
    changed: bool               # False: the same decision was already recorded
    reply_queued: bool
    exported: Path | None
    status: str
    missing: tuple[Kind, ...]
    in_review: tuple[Kind, ...]


def training_path(data_dir: Path, document_id: int) -> Path:
    return data_dir / "training" / f"doc-{document_id}.json"


def decide(services: Services, decision: Decision) -> Outcome:
    decision = decision.validated()
    label = decision.kind  # what the file is, for training; None: HR did not say
    with Session(services.engine) as session:
        known = session.get(Document, decision.document_id)
        repeated = known is not None and _same_decision(known, decision)
    pages = _page_texts(services, decision.document_id) if label and not repeated else None
    now = services.clock()
    with session_scope(services.engine) as session:
        document = repo.document_for_update(session, decision.document_id)
        if document is None or document.case_id is None:
            raise UnknownDocument(f"no document {decision.document_id}; `mailbot review` lists "
                                  "the queue, `mailbot case show` every document of a case")
        case = repo.case_for_update(session, document.case_id)
        assert case is not None and case.id is not None
        if _same_decision(document, decision):
            checklist = services.cases.family(session, case.id)
            return _outcome(document, case.reference, checklist, changed=False,
                            reply_queued=False, exported=None)
        _check_validity(document, decision)
        family = services.cases.family(session, case.id)
        _check_person(document, decision, family)
        before = family.standing
        previous_person = document.person_id
        previous = _decision_of(document)
        twins = repo.waiting_twins(session, document)
        for decided in (document, *twins):
            decided.decision = decision.decision
            decided.decided_kind = label
            decided.decided_by = decision.by.strip()[:200]
            decided.decided_at = now
            decided.decision_reason = (decision.reason or "").strip()[:1000] or None
            decided.decided_nationality = decision.nationality
            decided.decided_expiry = decision.expires
            if decision.person_id is not None:
                decided.person_id = decision.person_id
        session.flush()
        checklist = services.cases.refresh(session, case, now)  # also the HR "complete" mail
        reply_queued = False
        if checklist.standing != before:
            reply_queued = services.cases.answer_decision(session, case, [document],
                                                           checklist)
        exported = _export(services.settings.data_dir, document, pages)
        repo.record_audit(session, AuditEntry(
            at=now, actor=document.decided_by, action=f"review.{decision.decision}",
            case_id=case.id, document_id=document.id,
            detail={"verdict": {"kind": document.kind, "confidence": document.confidence,
                                "review": document.review},
                    "kind": label, "reason": document.decision_reason, "previous": previous,
                    "nationality": document.decided_nationality,
                    "expires": _iso(document.decided_expiry),
                    "copies": [twin.id for twin in twins],
                    "person": document.person_id, "previous_person": previous_person,
                    "reply_queued": reply_queued, "exported": exported is not None},
        ))
        log.info("%s: document %s %s%s by %s; reply %s", case.reference, document.id,
                 decision.decision, f" as {label}" if label else "", document.decided_by,
                 "queued" if reply_queued else "not needed")
        return _outcome(document, case.reference, checklist, changed=True,
                        reply_queued=reply_queued, exported=exported)


def _check_validity(document: Document, decision: Decision) -> None:
    """A passport HR accepts with its expiry date must be valid 12 months after we got it:
    one that is not does not count, and the candidate should hear why (a rejection)."""
    if decision.expires is None:
        return
    if decision.expires < add_years(document.received_at.date(), 1):
        raise ConfigError(f"a passport expiring on {decision.expires.isoformat()} is not valid "
                          "for 12 months after we received it; reject it with --reason instead")


def _check_person(document: Document, decision: Decision, family: FamilyChecklist) -> None:
    """A file counts for one person of its own case: a family's file whose person could not be
    told is accepted only with --person; a relation document only in a case with dependants."""
    if decision.decision != ReviewDecision.ACCEPTED:
        return
    persons = {person.person.person_id: person for person in family.persons}
    if decision.person_id is not None and decision.person_id not in persons:
        raise ConfigError(f"person {decision.person_id} is not of this case; `mailbot case "
                          "person list` names them")
    if decision.kind in FAMILY_KINDS and not family.has_dependants:
        raise ConfigError(f"{decision.kind} counts for a dependant; the case has none (`mailbot "
                          "case person add`)")
    whose = decision.person_id if decision.person_id is not None else document.person_id
    if family.has_dependants and whose is None and decision.kind != Kind.OTHER:
        raise ConfigError("whose file it is could not be told: say --person ID (`mailbot case "
                          "person list`)")


def _same_decision(document: Document, decision: Decision) -> bool:
    if decision.person_id is not None and decision.person_id != document.person_id:
        return False
    return (document.decision == decision.decision and document.decided_kind == decision.kind
            and (document.decision_reason or None) == ((decision.reason or "").strip() or None)
            and document.decided_nationality == decision.nationality
            and document.decided_expiry == decision.expires)


def _decision_of(document: Document) -> dict[str, Any] | None:
    if document.decision is None:
        return None
    return {"decision": document.decision, "kind": document.decided_kind,
            "by": document.decided_by, "reason": document.decision_reason,
            "at": document.decided_at.isoformat() if document.decided_at else None}


def _outcome(document: Document, reference: str, checklist: FamilyChecklist, *, changed: bool,
             reply_queued: bool, exported: Path | None) -> Outcome:
    assert document.id is not None
    return Outcome(document.id, reference, document.filename, changed, reply_queued, exported,
                   "complete" if checklist.complete else "incomplete",
                   tuple(checklist.missing), tuple(checklist.in_review))


def _page_texts(services: Services, document_id: int) -> list[str] | None:
    """The file's page texts, read again from the stored raw mail (slow: outside any
    transaction). None when it cannot be read: then there is nothing to learn from."""
    with Session(services.engine) as session:
        document = session.get(Document, document_id)
        if document is None:
            return None
        data = documents_bytes(session, [document]).get(document.sha256)
    if data is None:
        return None
    limits = services.document_limits
    try:
        read = extract(data, sniff(data), limits, Deadline(limits.timeout_seconds))
    except ExtractError as error:
        log.warning("document %s: no training example (%s)", document_id, error.code.value)
        return None
    except Exception as error:  # a reader bug must not lose HR's decision
        log.warning("document %s: no training example (%s)", document_id, type(error).__name__)
        return None
    return [page.text for page in read.pages]


def _export(data_dir: Path, document: Document, pages: list[str] | None) -> Path | None:
    """Write (or, when HR no longer says what it is, remove) the labelled example. Written
    before the commit: a crash after it leaves a file the rerun rewrites, never a decision
    without its example."""
    assert document.id is not None
    path = training_path(data_dir, document.id)
    if document.decided_kind is None or pages is None:
        path.unlink(missing_ok=True)
        return None
    example = {
        "kind": document.decided_kind,
        "pages": pages,
        "source": TRAINING_SOURCE,
        "decided_by": document.decided_by,
        "decided_at": _iso(document.decided_at),
        "reason": document.decision_reason,
    }
    # Page texts are personal data, like the database.
    write_private(path, json.dumps(example, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def _iso(moment: date | None) -> str | None:
    return moment.isoformat() if moment else None
