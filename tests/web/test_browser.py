"""HR's dashboard in real headless Chromium (Debian's `chromium`, driven by Playwright; no
browser is downloaded): log in, find Maria's case, open a thumbnail, accept her doubted TB
scan from the review queue, see the case complete and exactly one reply to her in the outbox.
A screenshot of the case page is kept under pytest's tmp dir (path printed)."""

from __future__ import annotations

import email
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from email.policy import default
from pathlib import Path

import pytest

from mailbot.boot import build_admin_services
from tests.web.conftest import DOUBTED_FILE, HR_EMAIL, HR_PASSWORD, Dashboard, run_cli, settings_of

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"


def _need_chromium() -> None:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        reason = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def served(dashboard: Dashboard) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from mailbot.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(build_admin_services(settings_of(dashboard)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def replies_to_maria(outbox: Path) -> list[email.message.EmailMessage]:
    messages = [email.message_from_bytes(path.read_bytes(), policy=default)
                for path in sorted(outbox.glob("*.eml"))]
    return [m for m in messages if m["To"] == "maria.santos@example.com"]  # type: ignore[misc]


def test_hr_accepts_a_doubted_scan_in_the_browser(served: str, dashboard: Dashboard,
                                                  tmp_path: Path) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    assert len(replies_to_maria(dashboard.outbox)) == 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        page = browser.new_page()
        console_errors: list[str] = []
        page.on("console", lambda message: message.type == "error"
                and console_errors.append(message.text))
        broken: list[str] = []
        page.on("response", lambda response: response.status >= 400
                and broken.append(response.url))
        page.goto(served + "/cases/HSM-0001")
        expect(page).to_have_url(served + "/login")  # no page without login
        page.fill("input[name=email]", HR_EMAIL)
        page.fill("input[name=password]", HR_PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Cases")

        page.fill("input[name=q]", "maria")
        page.click("form.filters button[type=submit]")
        page.click("text=HSM-0001")
        expect(page.locator("#case-status")).to_have_text("incomplete")

        thumbnail = page.locator("article.document img").first
        expect(thumbnail).to_be_visible()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                               arg=thumbnail.element_handle(), timeout=20_000)
        source = thumbnail.get_attribute("src")
        assert source
        opened = page.request.get(served + source)
        assert opened.status == 200 and opened.headers["content-type"] == "image/png"

        # From the review queue: the doubted scan, accepted as the TB declaration.
        page.goto(served + "/?show=in_review")
        page.click("text=HSM-0001")
        doubted = page.locator("article.document", has_text=DOUBTED_FILE)
        doubted.locator("select[name=kind]").select_option("tb_declaration")
        doubted.locator("button[name=accept]").click()
        expect(page.locator("#case-status")).to_have_text("complete")
        screenshot = tmp_path / "case-page.png"
        page.screenshot(path=str(screenshot), full_page=True)
        artefacts = os.environ.get("MAILBOT_TEST_ARTEFACTS")
        if artefacts:
            Path(artefacts).mkdir(parents=True, exist_ok=True)
            shutil.copy(screenshot, Path(artefacts) / "case-page.png")
        print(f"screenshot of the case page: {screenshot}")
        # A second click on the same decision changes and sends nothing.
        doubted = page.locator("article.document", has_text=DOUBTED_FILE)
        doubted.locator("summary").click()  # decided: the form is folded away
        doubted.locator("select[name=kind]").select_option("tb_declaration")
        doubted.locator("button[name=accept]").click()
        expect(page.locator("#case-status")).to_have_text("complete")
        # Nothing the CSP blocked, no broken resource (Chromium's own favicon guess aside).
        assert [url for url in broken if not url.endswith("/favicon.ico")] == []
        assert [text for text in console_errors if "404" not in text] == []
        browser.close()

    assert screenshot.stat().st_size > 10_000
    # The worker sends what the decision queued: exactly one more reply to Maria.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAILBOT_DATA_DIR", str(dashboard.data))
        patch.setenv("MAILBOT_DATABASE_URL", f"sqlite:///{dashboard.data / 'mailbot.sqlite3'}")
        run_cli("run", "--once", "--source", str(dashboard.inbox), "--outbox",
                str(dashboard.outbox))
        run_cli("run", "--once", "--source", str(dashboard.inbox), "--outbox",
                str(dashboard.outbox))
    replies = replies_to_maria(dashboard.outbox)
    assert len(replies) == 2
    assert "We now have every document we need." in replies[1].get_body(
        ("plain",)).get_content()  # type: ignore[union-attr]
