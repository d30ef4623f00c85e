"""scripts/serve_web.py serves the widget's files and nothing else from the repository."""
import json
import urllib.error
import urllib.request

import pytest

from tests.browser.widget_server import serve_widget
from tests.integration.servers import CLINIC_ENVIRONMENT
from triage.clinic_settings import ClinicSettings


@pytest.fixture(scope="module")
def widget_url():
    process, url = serve_widget("http://127.0.0.1:5999")
    yield url
    process.terminate()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers


@pytest.mark.parametrize("path", ["", "index.html", "chat.js", "chat.css", "socket.io.min.js"])
def test_the_widget_files_are_served(widget_url, path):
    status, body, headers = fetch(widget_url + path)
    assert status == 200 and body and headers["X-Content-Type-Options"] == "nosniff"


def test_the_page_is_told_where_the_assistant_is(widget_url):
    status, body, _ = fetch(widget_url + "config.js")
    assert status == 200 and '"server": "http://127.0.0.1:5999"' in body


def test_the_page_is_told_the_clinics_name_and_numbers(widget_url):
    _, body, _ = fetch(widget_url + "config.js")
    clinic = json.loads(body.removeprefix("window.TRIAGE_CHAT = ").rstrip().removesuffix(";"))["clinic"]
    assert clinic == {"name": "Riverside Skin Clinic", "phone": "0100 200 300", "outOfHoursPhone": "0100 999 000",
                      "emergencyNumber": "112",
                      "toCall": "Riverside Skin Clinic (0100 200 300; out of hours 0100 999 000)"}
    assert clinic["toCall"] == ClinicSettings.from_environment(CLINIC_ENVIRONMENT).to_call()


def test_a_clinic_without_settings_gets_the_neutral_words_and_no_numbers():
    from scripts.serve_web import clinic_config

    clinic = clinic_config(ClinicSettings.from_environment({}))
    assert clinic == {"name": "your clinic", "phone": "", "outOfHoursPhone": "",
                      "emergencyNumber": "your local emergency number", "toCall": "your clinic"}


@pytest.mark.parametrize("path", ["../credentials.yml", "%2e%2e/domain.yml", "node_modules/", "package.json",
                                  "web/chat.js", "models/triage.tar.gz"])
def test_nothing_else_is_served(widget_url, path):
    assert fetch(widget_url + path)[0] == 404


def test_the_page_may_talk_only_to_the_configured_assistant(widget_url):
    _, _, headers = fetch(widget_url)
    policy = headers["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:5999 ws://127.0.0.1:5999;" in policy
    assert "default-src 'self'" in policy and "*" not in policy


def test_a_clinic_address_is_followed():
    from scripts.serve_web import content_security_policy

    policy = content_security_policy("https://chat.clinic.example")
    assert "connect-src 'self' https://chat.clinic.example wss://chat.clinic.example;" in policy
