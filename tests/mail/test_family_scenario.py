"""One family end to end through real Dovecot and SMTP, via the CLI: HR declares the spouse,
the candidate mails his and her passports, then a child's passport nobody declared; HR
confirms the child; every reply names each person."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.mail.cli_support import Mailbot, replies_to
from tests.mail.messages import person_mail
from tests.support.dovecot import DovecotServer
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.slow

RAFAEL = ("rafael.costa@example.org", "Rafael Costa")


def passports() -> dict[str, tuple[str, bytes, str]]:
    """Real generated passports of the candidate (BRA), his wife (DEU: TB-exempt) and their
    daughter (BRA, 14 on 2026-11-28)."""
    from fixtures.synth import documents as synth
    from fixtures.synth.people import random_person

    rng = random.Random(31)
    people = {
        "rafael": replace(random_person(rng, nationality="BRA", sex="M"), surname="COSTA",
                          given_names="RAFAEL"),
        "lucia": replace(random_person(rng, nationality="DEU", sex="F"), surname="COSTA",
                         given_names="LUCIA"),
        "bia": replace(random_person(rng, nationality="BRA", sex="F"), surname="COSTA",
                       given_names="BEATRIZ", birth_date=date(2012, 3, 3)),
    }
    return {who: (f"{who}-passport.png", synth.passport(person, "png", easy_photo=True),
                  "image/png") for who, person in people.items()}


@pytest.fixture
def bot(dovecot: DovecotServer, smtp_server: SmtpServer, tmp_path: Path) -> Iterator[Mailbot]:
    yield Mailbot(tmp_path, dovecot, smtp_server)


def ok(bot: Mailbot, *args: str) -> str:
    done = bot.run(*args)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def text_of(message: Any) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())


def test_a_family_through_the_real_mailbox(bot: Mailbot, dovecot: DovecotServer,
                                           smtp_server: SmtpServer) -> None:
    files = passports()
    ok(bot, "case", "add", RAFAEL[0], "--name", RAFAEL[1])
    ok(bot, "case", "person", "add", RAFAEL[0], "--relation", "spouse", "--name", "LUCIA COSTA")
    _mid, raw = person_mail(*RAFAEL, attachments=(files["rafael"], files["lucia"]), minute=1)
    dovecot.append(raw)
    bot.once()
    (first,) = replies_to(smtp_server, RAFAEL[0])
    text = text_of(first)
    assert "For you:" in text and "For your spouse LUCIA COSTA:" in text
    case = bot.cases()[RAFAEL[0]]
    spouse = next(p for p in case["persons"] if p["relation"] == "spouse")
    assert [d["filename"] for d in spouse["received"]] == ["lucia-passport.png"]
    assert spouse["tb_exempt"] is True and "tb_declaration" not in spouse["missing"]

    # The daughter's passport before HR declared her: a proposed dependant, HR confirms.
    _mid, raw = person_mail(*RAFAEL, subject="Beatriz", attachments=(files["bia"],), minute=2)
    dovecot.append(raw)
    bot.once()
    second = replies_to(smtp_server, RAFAEL[0])[-1]
    assert "HR will confirm how BEATRIZ COSTA belongs to your application" in text_of(second)
    listed = json.loads(ok(bot, "case", "person", "list", RAFAEL[0], "--json"))
    proposed = next(p for p in listed if not p["confirmed"])
    assert proposed["name"] == "BEATRIZ COSTA" and proposed["relation"] is None
    ok(bot, "case", "person", "confirm", RAFAEL[0], str(proposed["id"]), "--relation", "child")
    daughter = next(p for p in bot.cases()[RAFAEL[0]]["persons"] if p["relation"] == "child")
    assert daughter["confirmed"] and daughter["missing"] == [
        "antecedents", "tb_declaration", "birth_certificate"]
    assert bot.cases()[RAFAEL[0]]["status"] == "incomplete"
