"""The staff's call-back worklist page (clinic/worklist_page.py, served by scripts/serve_web.py) in Chromium:
refused without the staff token, from a patient's page too; with it, the conversations to call back with
their transcripts (issue 21)."""
import urllib.error
import urllib.request

import pytest
from playwright import sync_api as playwright

from tests.browser.widget_server import serve_widget
from tests.integration.servers import HOST, REPO, RunningAssistant

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]
TOKEN = "staff-only-test-token"


@pytest.fixture(scope="module")
def site():
    assistant = RunningAssistant(action_timeout_seconds=8)
    try:
        assistant.say("my lips are swelling up and I feel wheezy", sender="staff-emergency")
        assistant.consult("ow, the frozen bit is really stinging this evening", "staff-self-care",
                          answers=["it's easing off", "none of these"])
        process, url = serve_widget(f"http://{HOST}:{assistant.rasa_port}", assistant.endpoints, TOKEN)
        try:
            yield url
        finally:
            process.terminate()
    finally:
        assistant.stop()


@pytest.fixture(scope="module")
def chromium():
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def status_of(url, password=None):
    import base64

    headers = {"Authorization": "Basic " + base64.b64encode(f"staff:{password}".encode()).decode()} if password else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers)


def test_without_the_token_the_page_asks_for_it_and_shows_nothing(site):
    for password in (None, "wrong"):
        status, headers = status_of(site + "staff/worklist", password)
        assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")


def test_a_patients_page_cannot_read_it(site, chromium):
    page = chromium.new_page()
    page.goto(site)
    # as a patient's page would try it; "omit": no browser login prompt, which would hang a headless run
    status = page.evaluate("fetch('/staff/worklist', {credentials: 'omit'}).then(r => r.status)")
    assert status == 401
    page.close()


def test_staff_see_the_conversations_to_call_back_with_their_transcripts(site, chromium):
    context = chromium.new_context(http_credentials={"username": "nurse", "password": TOKEN},
                                   viewport={"width": 1100, "height": 700})
    page = context.new_page()
    response = page.goto(site + "staff/worklist")
    assert response.status == 200 and response.headers["x-frame-options"] == "DENY"
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "rest:staff-emergency" in rows.first.inner_text() and "emergency" in rows.first.inner_text()
    assert "staff-self-care" not in page.content()
    page.locator("summary").first.click()
    assert page.get_by_text("my lips are swelling up and I feel wheezy").is_visible()
    page.screenshot(path=str(REPO / "docs" / "staff-worklist.png"))
    context.close()
