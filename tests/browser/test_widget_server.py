"""scripts/serve_web.py serves the widget's files and nothing else from the repository."""
import urllib.error
import urllib.request

import pytest

from tests.browser.widget_server import serve_widget


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
