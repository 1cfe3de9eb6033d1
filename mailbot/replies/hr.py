"""Mails for HR: a case became complete, a mail needs a human. Pure: data in, text out."""

from __future__ import annotations

from dataclasses import dataclass

from mailbot.replies.compose import TITLES, ComposedText, environment


@dataclass(frozen=True)
class CompleteNotice:
    reference: str
    name: str
    email: str
    nationality: str | None
    passport_expiry: str | None
    documents: tuple[tuple[str, str], ...]   # (kind, filename) of the documents that count


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
        "documents": [(TITLES.get(kind, kind), filename) for kind, filename in notice.documents],
    }
    subject = f"[{notice.reference}] complete: {notice.name or notice.email}"
    return subject, ComposedText(
        text=environment.get_template("hr_complete.txt").render(values),
        html=environment.get_template("hr_complete.html").render(values),
    )


def compose_review(notice: ReviewNotice) -> tuple[str, ComposedText]:
    tag = f"[{notice.reference}] " if notice.reference else ""
    subject = f"{tag}needs review: mail #{notice.inbound_id} from {notice.sender or 'unknown'}"
    values = {"n": notice}
    return subject, ComposedText(
        text=environment.get_template("hr_review.txt").render(values),
        html=environment.get_template("hr_review.html").render(values),
    )
