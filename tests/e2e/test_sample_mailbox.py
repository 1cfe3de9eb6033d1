"""The README's demo, for real: the sample mailbox through the CLI, real classifier and OCR.

Checks every case's final `missing` and `problems` against fixtures/emails/EXPECTED.json, the
replies' words, and that a second run over the same folder does nothing.
"""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from tests.support.databases import database_url

ROOT = Path(__file__).resolve().parents[2]
MAILBOX = ROOT / "fixtures" / "emails"
EXPECTED: dict[str, Any] = json.loads((MAILBOX / "EXPECTED.json").read_text())


# How the reply speaks of each declared child of the sample families.
_CHILD = {"Tobi Adeyemi": "son", "Ada Adeyemi": "daughter"}


def mailbot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mailbot", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp(f"demo-{request.param}")
    with database_url(request.param, tmp) as url:
        env = {**os.environ, "MAILBOT_DATA_DIR": str(tmp / "data"),
               "MAILBOT_DATABASE_URL": url, "OMP_THREAD_LIMIT": "1"}
        # HR declared two of the families before their mails came, as `make demo` does.
        declared = mailbot("case", "import", str(MAILBOX / "declared.toml"), env=env)
        assert declared.returncode == 0, declared.stderr[-3000:]
        first = mailbot("run", "--once", "--source", str(MAILBOX), "--outbox",
                        str(tmp / "outbox"), env=env)
        assert first.returncode == 0, first.stderr[-3000:]
        second = mailbot("run", "--once", "--source", str(MAILBOX), "--outbox",
                         str(tmp / "outbox"), env=env)
        assert second.returncode == 0, second.stderr[-3000:]
        cases = json.loads(mailbot("cases", "--json", env=env).stdout)
        sent = [email.message_from_bytes(p.read_bytes(), policy=default)
                for p in sorted((tmp / "outbox").glob("*.eml"))]
        again = mailbot("case", "import", str(MAILBOX / "declared.toml"), env=env)
        yield {"first": first, "second": second, "cases": {c["email"]: c for c in cases},
               "sent": sent, "tmp": tmp, "declared": declared.stdout, "again": again.stdout}


def candidates() -> list[str]:
    return sorted(EXPECTED["candidates"])


def replies_to(demo: Any, address: str) -> list[EmailMessage]:
    return [m for m in demo["sent"] if m["To"] == address]


@pytest.mark.parametrize("address", candidates())
def test_every_case_ends_as_expected(demo: Any, address: str) -> None:
    expected = EXPECTED["candidates"][address]
    case = demo["cases"][address]
    assert case["status"] == expected["status"]
    assert sorted(case["missing"]) == sorted(expected["missing"])
    assert sorted(case["problems"]) == sorted(expected["problems"])
    assert case["nationality"] == expected["nationality"]
    assert case["tb_exempt"] == expected["tb_exempt"]


@pytest.mark.parametrize("address", candidates())
def test_every_family_ends_as_expected(demo: Any, address: str) -> None:
    """Each person of the case (the candidate alone, or a family) and the files whose person
    HR has to say."""
    expected = EXPECTED["candidates"][address]
    case = demo["cases"][address]
    wanted = expected.get("persons", [{"relation": "candidate", "confirmed": True}])
    found = [{key: person[key] for key in wanted[0] if key != "received"}
             | ({"received": [doc["filename"] for doc in person["received"]]}
                if "received" in wanted[0] else {})
             for person in case["persons"]]
    assert found == wanted
    assert case["unplaced"] == expected.get("unplaced", [])
    if "persons" in expected:  # the family's one reply speaks to each person
        (reply,) = replies_to(demo, address)
        text = reply.get_body(preferencelist=("plain",)).get_content()
        assert "For you:" in text
        for person in expected["persons"][1:]:
            if not person["confirmed"]:
                assert f"HR will confirm how {person['name']} belongs" in text
            elif person["relation"] == "child":  # "For your son TOBI (14):", age as of today
                assert f"For your {_CHILD[person['name']]} {person['name'].split()[0].upper()} (" \
                    in text
            else:
                assert f"For your {person['relation']} {person['name'].upper()}:" in text
        for filename in expected.get("unplaced", []):
            assert f"could not tell for whom in your family {filename}" in text


@pytest.mark.parametrize("address", candidates())
def test_one_reply_per_candidate_answers_every_human_mail_of_the_cycle(
    demo: Any, address: str
) -> None:
    (reply,) = replies_to(demo, address)  # the whole mailbox is one cycle
    answered = EXPECTED["candidates"][address]["answered_message_ids"]
    assert reply["In-Reply-To"] == answered[-1]
    references = reply["References"].split()
    assert references[-len(answered):] == answered  # after the parent's own References
    assert reply["Auto-Submitted"] == "auto-replied"
    assert f"[{demo['cases'][address]['case_id']}]" in reply["Subject"]


def test_hr_declared_the_families_once(demo: Any) -> None:
    assert demo["declared"].count("added") == 4  # Tunde's wife and children, Ingrid's partner
    assert "added" not in demo["again"]


def test_machines_and_strangers_get_nothing(demo: Any) -> None:
    recipients = {m["To"] for m in demo["sent"]}
    for address in EXPECTED["never_reply"]:
        assert address not in recipients
    assert recipients <= set(EXPECTED["candidates"]) | {"hr@mailbot.example"}


def test_a_second_run_processes_and_sends_nothing(demo: Any) -> None:
    assert "Cycle: 0 new mail(s)" in demo["second"].stdout
    assert "0 mail(s) sent" in demo["second"].stdout


def test_summary_lists_every_candidate(demo: Any) -> None:
    for address in candidates():
        assert address in demo["first"].stdout


def test_logs_never_show_full_passport_numbers(demo: Any) -> None:
    logs = demo["first"].stderr + demo["first"].stdout
    numbers = [c["passport"]["document_number"] for c in EXPECTED["candidates"].values()]
    assert len(numbers) == len(EXPECTED["candidates"])
    assert "mail #1 processed" in logs  # the logs were captured
    for number in numbers:
        assert number not in logs


def test_data_folder_is_private(demo: Any) -> None:
    assert (demo["tmp"] / "data").stat().st_mode & 0o077 == 0
