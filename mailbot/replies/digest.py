"""The daily HR digest. Pure: the gathered facts in, subject and text out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailbot.replies.compose import ComposedText, environment


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
    return subject, ComposedText(
        text=environment.get_template("digest.txt").render(values),
        html=environment.get_template("digest.html").render(values),
    )
