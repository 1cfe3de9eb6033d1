"""The dashboard's access rules against the real app, store and worker output (Starlette's
TestClient): no page without a session, no POST without its CSRF token, no path through the
thumbnail route, no passport number in the page until HR reveals it (and the reveal logged)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from mailbot.boot import build_admin_services
from mailbot.store.models import AuditEntry, Document
from mailbot.web.app import create_app
from mailbot.web.security import LoginThrottle
from tests.web.conftest import HR_EMAIL, HR_PASSWORD, Dashboard, settings_of

pytestmark = pytest.mark.slow

PROTECTED_GETS = ("/", "/health", "/cases/HSM-0001", "/documents/1/pages/1.png",
                  "/?show=in_review&q=maria", "/cases/HSM-0001/mails/in/1",
                  "/cases/HSM-0001/mails/out/1")
PROTECTED_POSTS = ("/logout", "/cases/HSM-0001/close", "/cases/HSM-0001/reopen",
                   "/cases/HSM-0001/resend",
                   "/cases/HSM-0001/resolve", "/cases/HSM-0001/link",
                   "/cases/HSM-0001/documents/1/accept", "/cases/HSM-0001/documents/1/reject",
                   "/cases/HSM-0001/documents/1/reveal")


@pytest.fixture
def client(dashboard: Dashboard) -> Iterator[TestClient]:
    services = build_admin_services(settings_of(dashboard))
    # The test client speaks plain http to "testserver": the Secure flag would drop the cookie.
    with TestClient(create_app(services, secure_cookie=False)) as test_client:
        yield test_client


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field in the page"
    return found.group(1)


def log_in(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    answer = client.post("/login", data={"csrf": token, "email": HR_EMAIL,
                                         "password": HR_PASSWORD}, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def test_no_page_without_a_session(client: TestClient) -> None:
    for path in PROTECTED_GETS:
        browser = client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
        assert browser.status_code == 303 and browser.headers["location"] == "/login", path
        script = client.get(path, headers={"accept": "*/*"}, follow_redirects=False)
        assert script.status_code == 401, path
    for path in PROTECTED_POSTS:
        assert client.post(path, data={}, follow_redirects=False).status_code in (401, 403), path


def test_security_headers_and_cookie_flags(client: TestClient) -> None:
    page = client.get("/login")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert "<script" not in page.text


def test_cookie_is_secure_unless_on_loopback(dashboard: Dashboard) -> None:
    services = build_admin_services(settings_of(dashboard))
    with TestClient(create_app(services, secure_cookie=True)) as secure:
        assert "secure" in secure.get("/login").headers["set-cookie"].lower()
    from mailbot.web.security import is_loopback
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_post_without_csrf_token_is_refused(client: TestClient) -> None:
    no_token = client.post("/login", data={"email": HR_EMAIL, "password": HR_PASSWORD},
                           follow_redirects=False)
    assert no_token.status_code == 403
    log_in(client)
    for path in PROTECTED_POSTS[1:]:
        refused = client.post(path, data={"csrf": "forged", "reason": "x", "kind": "other"},
                              follow_redirects=False)
        assert refused.status_code == 403, path
    assert "(closed)" not in client.get("/cases/HSM-0001").text


def test_wrong_passwords_are_rate_limited(dashboard: Dashboard) -> None:
    services = build_admin_services(settings_of(dashboard))
    with TestClient(create_app(services, secure_cookie=False,
                               throttle=LoginThrottle(attempts=3))) as client:
        token = csrf_of(client.get("/login").text)
        for _ in range(3):
            assert client.post("/login", data={"csrf": token, "email": HR_EMAIL,
                                               "password": "guess guess guess"}).status_code == 401
        blocked = client.post("/login", data={"csrf": token, "email": HR_EMAIL,
                                              "password": HR_PASSWORD})
        assert blocked.status_code == 429  # even the right password waits now


def test_thumbnail_route_takes_ids_only(client: TestClient, dashboard: Dashboard) -> None:
    log_in(client)
    for path in ("/documents/1/pages/..%2F..%2Fmailbot.sqlite3", "/documents/../web-secret",
                 "/documents/1/pages/../../web-secret.png", "/documents/%2e%2e/pages/1.png",
                 "/documents/999999/pages/1.png", "/documents/1/pages/0.png",
                 "/documents/1/pages/999.png", "/static/../web-secret",
                 "/static/%2e%2e/%2e%2e/store/models.py"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 404, (path, answer.status_code)
    first = client.get("/documents/1/pages/1.png")
    assert first.status_code == 200 and first.content.startswith(b"\x89PNG")
    cached = list((dashboard.data / "thumbnails").iterdir())
    assert [path.name for path in cached] == ["doc-1-p1.png"]
    assert (cached[0].stat().st_mode & 0o077) == 0


def test_passport_number_hidden_until_revealed_and_the_reveal_is_logged(
        client: TestClient, dashboard: Dashboard) -> None:
    log_in(client)
    services = build_admin_services(settings_of(dashboard))
    with Session(services.engine) as session:
        passport = next(doc for doc in session.exec(select(Document)).all()
                        if (doc.passport or {}).get("document_number"))
        number = passport.passport["document_number"]  # type: ignore[index]
    page = client.get(f"/cases/HSM-0001#doc-{passport.id}").text
    assert number not in page and "Reveal" in page
    revealed = client.post(f"/cases/HSM-0001/documents/{passport.id}/reveal",
                           data={"csrf": csrf_of(page)})
    assert revealed.status_code == 200 and number in revealed.text
    assert number not in client.get("/cases/HSM-0001").text  # a reveal is for one view only
    with Session(services.engine) as session:
        logged = session.exec(select(AuditEntry).where(
            AuditEntry.action == "passport.reveal")).all()
    assert [(entry.actor, entry.document_id) for entry in logged] == [(HR_EMAIL, passport.id)]
    assert number not in str(logged[0].detail)


def test_case_list_searches_and_filters(client: TestClient) -> None:
    log_in(client)
    assert "HSM-0001" in client.get("/?q=maria").text
    assert "HSM-0001" in client.get("/?q=hsm-0001&show=in_review").text
    assert "No case matches." in client.get("/?q=nobody-at-all").text
    assert "No case matches." in client.get("/?show=complete").text


def test_case_page_words_the_checklist_as_the_reply_does(client: TestClient) -> None:
    log_in(client)
    page = client.get("/cases/HSM-0001").text
    assert "a colleague from HR is checking TB declaration scan.pdf by hand" in page


def test_case_actions_go_through_the_services_and_are_audited(
        client: TestClient, dashboard: Dashboard) -> None:
    log_in(client)
    token = csrf_of(client.get("/cases/HSM-0001").text)
    closed = client.post("/cases/HSM-0001/close", data={"csrf": token})
    assert closed.status_code == 200 and "Reopen" in closed.text  # after the redirect
    assert "(closed)" in client.get("/?q=maria").text
    assert "Close case" in client.post("/cases/HSM-0001/reopen", data={"csrf": token}).text
    linked = client.post("/cases/HSM-0001/link", data={"csrf": token,
                                                       "address": "Maria.Work@example.org"})
    assert "maria.work@example.org" in linked.text
    taken = client.post("/cases/HSM-0001/link", data={"csrf": token, "address": "nonsense"})
    assert taken.status_code == 400 and "is not an e-mail address" in taken.text
    resent = client.post("/cases/HSM-0001/resend", data={"csrf": token})
    assert resent.status_code == 200 and "Resend the last reply" in resent.text
    again = client.post("/cases/HSM-0001/resend", data={"csrf": token})
    assert again.status_code == 400 and "has not been sent yet" in again.text
    unknown = client.post("/cases/HSM-9999/close", data={"csrf": token})
    assert unknown.status_code == 404
    bad = client.post("/cases/HSM-0001/documents/1/reject", data={"csrf": token, "reason": " "})
    assert bad.status_code == 400 and "reject needs --reason" in bad.text
    services = build_admin_services(settings_of(dashboard))
    with Session(services.engine) as session:
        entries = session.exec(select(AuditEntry).where(
            AuditEntry.action.startswith("case."))).all()  # type: ignore[attr-defined]
    assert [(entry.actor, entry.action) for entry in entries] == [
        (HR_EMAIL, "case.close"), (HR_EMAIL, "case.reopen"), (HR_EMAIL, "case.link"),
        (HR_EMAIL, "case.resend")]


def test_health_page_says_what_status_says(client: TestClient, dashboard: Dashboard) -> None:
    import json

    from typer.testing import CliRunner

    from mailbot.cli import app

    log_in(client)
    page = client.get("/health").text
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAILBOT_DATA_DIR", str(dashboard.data))
        patch.setenv("MAILBOT_DATABASE_URL", f"sqlite:///{dashboard.data / 'mailbot.sqlite3'}")
        said = json.loads(CliRunner().invoke(app, ["status", "--json"]).output)
    assert f'id="health-status">{said["status"]}<' in page
    assert f"Documents in review: {said['documents_in_review']}" in page
    assert said["documents_in_review"] == 1


def test_timeline_mails_open_as_text_of_their_own_case_only(client: TestClient) -> None:
    log_in(client)
    page = client.get("/cases/HSM-0001").text
    assert "/cases/HSM-0001/mails/in/1" in page and "/cases/HSM-0001/mails/out/1" in page
    first = client.get("/cases/HSM-0001/mails/in/1")
    assert first.status_code == 200 and "IMG_20261116_092811.jpg" in first.text
    reply = client.get("/cases/HSM-0001/mails/out/1")
    assert reply.status_code == 200 and "Dear Maria Santos" in reply.text
    for path in ("/cases/HSM-0001/mails/in/999", "/cases/HSM-0001/mails/sideways/1",
                 "/cases/HSM-0002/mails/in/1", "/cases/HSM-0001/mails/in/..%2F1"):
        assert client.get(path).status_code == 404, path


def test_a_removed_account_is_logged_out_at_its_next_request(dashboard: Dashboard) -> None:
    from mailbot.users import add_user, remove_user

    services = build_admin_services(settings_of(dashboard))
    add_user(services.engine, "leaver@example.com", "leaving the company soon", services.clock())
    with TestClient(create_app(services, secure_cookie=False)) as client:
        token = csrf_of(client.get("/login").text)
        client.post("/login", data={"csrf": token, "email": "leaver@example.com",
                                    "password": "leaving the company soon"})
        assert client.get("/").status_code == 200
        remove_user(services.engine, "leaver@example.com")
        assert client.get("/", headers={"accept": "*/*"}).status_code == 401


def test_names_from_mails_are_escaped(client: TestClient, dashboard: Dashboard) -> None:
    from mailbot.admin import add_case

    services = build_admin_services(settings_of(dashboard))
    reference = add_case(services.engine, "mallory@example.com",
                         '<script>alert(1)</script><img src=x onerror="alert(2)">')
    log_in(client)
    for path in ("/?q=mallory", f"/cases/{reference}"):
        page = client.get(path).text
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cases_are_named_by_reference_only(client: TestClient) -> None:
    log_in(client)
    assert client.get("/cases/maria.santos@example.com").status_code == 404
    token = csrf_of(client.get("/").text)
    assert client.post("/cases/maria.santos@example.com/close",
                       data={"csrf": token}).status_code == 404


def test_a_proxy_user_header_counts_only_when_turned_on(dashboard: Dashboard) -> None:
    settings = settings_of(dashboard)
    header = {"x-forwarded-email": HR_EMAIL, "accept": "*/*"}
    with TestClient(create_app(build_admin_services(settings), secure_cookie=False)) as off:
        assert off.get("/", headers=header).status_code == 401  # off by default
    on = settings.model_copy(update={"web_trusted_user_header": "X-Forwarded-Email"})
    # TestClient's peer is "testclient", not loopback: the header is not believed from it.
    with TestClient(create_app(build_admin_services(on), secure_cookie=False)) as remote:
        assert remote.get("/", headers=header).status_code == 401
    with TestClient(create_app(build_admin_services(on), secure_cookie=False),
                    client=("127.0.0.1", 50000)) as proxied:
        assert proxied.get("/", headers=header).status_code == 200
        unknown = {"x-forwarded-email": "stranger@example.com", "accept": "*/*"}
        assert proxied.get("/", headers=unknown).status_code == 401


def test_a_family_case_page_lists_its_persons_and_offers_their_kinds(
        client: TestClient, dashboard: Dashboard) -> None:
    """Last in the module: it gives HSM-0001 a dependant."""
    from mailbot.admin import NewPerson, add_person

    log_in(client)
    assert "marriage_certificate" not in client.get("/cases/HSM-0001").text
    spouse = add_person(build_admin_services(settings_of(dashboard)), "HSM-0001",
                        NewPerson("spouse", "JOAO LIMA"))
    page = client.get("/cases/HSM-0001").text
    assert "<h3>Persons</h3>" in page and "JOAO LIMA" in page
    assert "passport, antecedents, tb_declaration, marriage_certificate" in page
    assert f'<option value="{spouse["id"]}">spouse JOAO LIMA</option>' in page
    assert '<option value="marriage_certificate"' in page
