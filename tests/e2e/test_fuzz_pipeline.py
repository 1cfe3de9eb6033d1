"""Property-based: mangled documents through the real classifier and the real worker.

Whatever bytes arrive, `classify` returns a verdict (never raises) and every mail ends in a
known state with a reply queued for its sender.
"""

from __future__ import annotations

import os
import tempfile
from email.message import EmailMessage
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from classifiers import classify
from classifiers.limits import Limits
from classifiers.types import Classification, Kind
from fixtures.synth import documents
from fixtures.synth.people import people
from mailbot.delivery.folder import FolderDelivery
from mailbot.pipeline import Worker
from mailbot.sources.base import FetchedMail, NoSource
from mailbot.store.db import open_database
from mailbot.store.models import InboundMessage, InboundState
from tests.conftest import make_settings

EXAMPLES = int(os.environ.get("MAILBOT_FUZZ_EXAMPLES", "200")) // 5
LIMITS = Limits(timeout_seconds=20.0)


@cache
def seeds() -> list[tuple[str, bytes]]:
    person = people(9, 1)[0]
    return [
        ("form.pdf", documents.antecedents(person)),
        ("scan.pdf", documents.tb_declaration(person, shape="pdf_scan")),
        ("passport.png", documents.passport(person, "png")),
        ("photo.jpg", documents.passport(person, "photo_jpeg")),
        ("form.docx", documents.antecedents(person, shape="docx")),
    ]


@st.composite
def mangled(draw: st.DrawFn) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(seeds()))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(0, 12))):
        position = draw(st.integers(0, len(buffer) - 1))
        buffer[position] = draw(st.integers(0, 255))
    cut = draw(st.one_of(st.none(), st.integers(0, len(buffer))))
    return name, bytes(buffer[:cut] if cut is not None else buffer)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=mangled())
def test_classify_never_raises_on_mangled_documents(document: tuple[str, bytes]) -> None:
    name, data = document
    verdict = classify(data, name, LIMITS)
    assert isinstance(verdict, Classification)
    assert verdict.kind in set(Kind)
    assert 0.0 <= verdict.confidence <= 1.0
    assert verdict.error is None or verdict.kind == Kind.OTHER


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=mangled(),
       subject=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_every_mangled_mail_ends_in_a_known_state(
    document: tuple[str, bytes], subject: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run_one_mail(Path(folder), document, subject)


def run_one_mail(tmp_path: Path, document: tuple[str, bytes], subject: str) -> None:
    url = f"sqlite:///{tmp_path / 'fuzz.sqlite3'}"
    worker = Worker(make_settings(tmp_path, url), open_database(url), NoSource(),
                    FolderDelivery(tmp_path / "outbox"))
    message = EmailMessage()
    message["From"] = "maria@example.com"
    message["To"] = "hsm-documents@mailbot.example"
    message["Subject"] = subject
    message.set_content("Here it is.\n")
    message.add_attachment(document[1], maintype="application", subtype="octet-stream",
                           filename=document[0])
    raw = message.as_bytes()
    worker.ingest.store_raw(FetchedMail(f"fuzz:{hash(raw)}", raw))
    worker.run_cycle(("process", "reply"))
    with Session(worker.engine) as session:
        states = {row.state for row in session.exec(select(InboundMessage)).all()}
    assert states == {InboundState.PROCESSED}
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 0  # queued, not sent: no send step
    worker.run_cycle(("send",))
    assert len(list((tmp_path / "outbox").glob("*.eml"))) >= 1  # the candidate is answered
