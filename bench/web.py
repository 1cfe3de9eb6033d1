"""How fast HR's dashboard answers: the case list with 10,000 cases, and a page thumbnail
rendered the first time (from the stored mail) and the second (from the data folder's cache).

    .venv/bin/python -m bench.web [--cases 10000] [--rounds 30] [--database-url URL]

Generates the cases in a fresh SQLite database in a temporary folder (or the PostgreSQL
database named, which must be empty), with one stored sample mail (Maria's passport photo and
CV) for the thumbnail, and times real requests through the whole app (session, CSRF, SQL,
template) with Starlette's TestClient, logged in as a generated HR account. Target on a
2-core machine: median ≤ 100 ms per case-list page. Numbers only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session
from starlette.testclient import TestClient

from mailbot.boot import build_admin_services
from mailbot.config import Settings
from mailbot.mime.parse import parse_mail
from mailbot.store.models import Case, Document, InboundMessage, utcnow
from mailbot.users import add_user
from mailbot.web.app import create_app

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "emails" / \
    "01-maria-passport-and-cv.eml"
TARGET_MEDIAN_MS = 100.0
PASSWORD = "bench password, long enough"
FIRST_NAMES = ("Maria", "Arjun", "Chen", "Fatima", "Lucas", "Amara", "Ivan", "Sofia")
LAST_NAMES = ("Santos", "Patel", "Wei", "Okafor", "Silva", "Kowalski", "Nguyen", "Haddad")


def generate(settings: Settings, count: int) -> int:
    """`count` cases of every state, and one with a stored mail; returns its document id."""
    services = build_admin_services(settings)
    now = utcnow()
    with Session(services.engine) as session:
        cases = []
        for number in range(1, count + 1):
            name = f"{FIRST_NAMES[number % 8]} {LAST_NAMES[(number // 8) % 8]} {number}"
            complete = number % 3 == 0
            cases.append(Case(
                reference=f"HSM-{number:05d}", email=f"candidate{number}@example.com",
                name=name, status="complete" if complete else "incomplete",
                missing=[] if complete else ["tb_declaration"][: number % 2],
                in_review=["antecedents"] if number % 11 == 0 else [],
                needs_human=number % 17 == 0, created_at=now - timedelta(days=number % 60),
                last_activity_at=now - timedelta(hours=number % 1000)))
        session.add_all(cases)
        session.flush()
        raw = SAMPLE.read_bytes()
        photo = parse_mail(raw).attachments[0]
        inbound = InboundMessage(source_key="bench", message_id="<bench@example.com>",
                                 raw_sha256="bench", raw=raw, case_id=cases[0].id)
        session.add(inbound)
        session.flush()
        assert inbound.id is not None
        document = Document(case_id=cases[0].id, inbound_id=inbound.id,
                            filename=photo.filename, sha256=photo.sha256, size=len(photo.data),
                            pages=[{"number": 1}])
        session.add(document)
        session.commit()
        assert document.id is not None
        document_id = document.id
    add_user(services.engine, "bench@example.com", PASSWORD, now)
    return document_id


def timed(client: TestClient, path: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        settings = Settings(data_dir=data,  # type: ignore[call-arg]
                            database_url=args.database_url
                            or f"sqlite:///{data / 'mailbot.sqlite3'}")
        start = time.perf_counter()
        document_id = generate(settings, args.cases)
        print(f"{args.cases} cases generated in {time.perf_counter() - start:.1f} s "
              f"({settings.effective_database_url.split(':')[0]})")
        app = create_app(build_admin_services(settings), secure_cookie=False)
        with TestClient(app) as client:
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
            assert token
            client.post("/login", data={"csrf": token.group(1), "email": "bench@example.com",
                                        "password": PASSWORD})
            pages = {
                "first page, newest activity": "/",
                "search by name": "/?q=okafor",
                "search by reference": "/?q=HSM-04242",
                "incomplete, sorted by name": "/?show=incomplete&sort=name&order=asc",
                "in review": "/?show=in_review",
                "waiting > 14 days": "/?show=waiting&days=14",
                "page 100": "/?page=100",
            }
            print(f"case list, {args.rounds} requests each (target: median ≤ "
                  f"{TARGET_MEDIAN_MS:.0f} ms):")
            medians = []
            for label, path in pages.items():
                times = timed(client, path, args.rounds)
                medians.append(statistics.median(times))
                print(f"  {label:30s} median {statistics.median(times):6.1f} ms   "
                      f"p95 {sorted(times)[int(len(times) * 0.95) - 1]:6.1f} ms")
            print(f"  worst median {max(medians):.1f} ms: "
                  f"{'within' if max(medians) <= TARGET_MEDIAN_MS else 'OVER'} the target")
            path = f"/documents/{document_id}/pages/1.png"
            first = timed(client, path, 1)[0]
            second = statistics.median(timed(client, path, 10))
            print(f"thumbnail of a 315 KB passport photo: first {first:.0f} ms (rendered from "
                  f"the stored mail), then {second:.1f} ms (cached in the data folder)")


if __name__ == "__main__":
    main()
