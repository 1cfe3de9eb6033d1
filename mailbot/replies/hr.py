"""Mails for HR: a case became complete, a mail needs a human, the daily digest. Pure: data in,
text out (what goes into the digest is gathered by `mailbot/digest.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from classifiers.types import Kind
from mailbot.replies.compose import TITLES, ComposedText


@dataclass(frozen=True)
class CompleteNotice:
    reference: str
    name: str
    email: str
    nationality: str | None
    passport_expiry: str | None
    documents: tuple[tuple[Kind, str], ...]  # (kind, filename) of the documents that count
    # A family's dependants' documents that count: (whose, e.g. "your spouse MARIA SANTOS",
    # kind, filename).
    family: tuple[tuple[str, Kind, str], ...] = ()
    # What the passport reader could not settle and no rule decided on (an O or a 0 in the
    # document number): HR checks it on the attached page.
    passport_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewNotice:
    reference: str | None
    subject: str
    sender: str
    inbound_id: int
    what_happened: str
    what_to_do: str


def compose_complete(notice: CompleteNotice) -> tuple[str, ComposedText]:
    values = {
        "n": notice,
        "documents": [(TITLES.get(kind, kind.value), filename)
                      for kind, filename in notice.documents],
        "family": [(whose.removeprefix("your "), TITLES.get(kind, kind.value), filename)
                   for whose, kind, filename in notice.family],
    }
    subject = f"[{notice.reference}] complete: {notice.name or notice.email}"
    return subject, ComposedText.rendered("hr_complete", values)


def compose_review(notice: ReviewNotice) -> tuple[str, ComposedText]:
    tag = f"[{notice.reference}] " if notice.reference else ""
    subject = f"{tag}needs review: mail #{notice.inbound_id} from {notice.sender or 'unknown'}"
    values = {"n": notice}
    return subject, ComposedText.rendered("hr_review", values)


@dataclass(frozen=True)
class DigestRow:
    reference: str
    name: str
    email: str
    detail: str


@dataclass(frozen=True)
class DigestData:
    since: datetime
    until: datetime
    new_documents: tuple[DigestRow, ...]
    completed: tuple[DigestRow, ...]
    waiting: tuple[DigestRow, ...]
    problems: tuple[DigestRow, ...]
    needs_human: tuple[DigestRow, ...]
    waiting_days: int
    in_review: tuple[DigestRow, ...] = ()   # files waiting for HR's decision, oldest first

    @property
    def empty(self) -> bool:
        return not (self.new_documents or self.completed or self.waiting or self.problems
                    or self.needs_human or self.in_review)


def compose_digest(data: DigestData) -> tuple[str, ComposedText]:
    subject = (f"HSM documents digest {data.until:%Y-%m-%d}: {len(data.new_documents)} new, "
               f"{len(data.completed)} complete, {len(data.needs_human)} need a human"
               + (f", {len(data.in_review)} to review" if data.in_review else ""))
    sections = [
        ("New documents", data.new_documents),
        ("Became complete", data.completed),
        ("Needs a human", data.needs_human),
        ("Waiting for your review, oldest first (mailbot review)", data.in_review),
        ("Problems", data.problems),
        (f"Waiting on the candidate for more than {data.waiting_days} days", data.waiting),
    ]
    values = {"d": data, "sections": sections}
    return subject, ComposedText.rendered("digest", values)


@dataclass(frozen=True)
class AlertNotice:
    """To the operators: something kept failing (or, `recovered`, it cleared)."""

    title: str
    detail: str
    since: str
    now: str
    host: str
    recovered: bool = False
    alerted_at: str = ""
    waiting_for_operator: int = 0


def compose_alert(notice: AlertNotice) -> tuple[str, ComposedText]:
    what = "recovered" if notice.recovered else "ALERT"
    subject = f"[mailbot {what}] {notice.title} ({notice.host})"
    values = {"n": notice}
    return subject, ComposedText.rendered("alert", values)
