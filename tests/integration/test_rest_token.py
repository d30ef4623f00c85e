"""The REST channel belongs to its clients (issue 22): with REST_TOKEN set, as `make run` sets it, a request
without the token, or with another, is refused before any conversation is touched; a REST sender's
conversation is kept apart from the widget's and the messaging channels' (as "rest:<sender>")."""
import json
import urllib.error
import urllib.request

import pytest

from tests.bot_messages import triage_payloads
from tests.integration.servers import HOST, RunningAssistant

TOKEN = "a-test-token-for-rest-clients"
WIDGET_LIKE_ID = "0123456789abcdef0123456789abcdef"  # a widget conversation's id is 32 hex characters


@pytest.fixture(scope="module")
def assistant():
    running = RunningAssistant(action_timeout_seconds=8, extra_env={"REST_TOKEN": TOKEN})
    yield running
    running.stop()


def post(assistant, sender, message, authorization=None):
    headers = {"Content-Type": "application/json", **({"Authorization": authorization} if authorization else {})}
    request = urllib.request.Request(f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook",
                                     json.dumps({"sender": sender, "message": message}).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_a_request_without_the_token_is_refused_and_reaches_no_conversation(assistant, authorization):
    status, body = post(assistant, "intruder", "there is pus and I have a fever", authorization)
    assert status == 401 and "error" in body
    assert not {sender for sender in assistant.stored_senders() if "intruder" in sender}


def test_with_the_token_a_client_is_answered_under_its_own_sender_name(assistant):
    status, replies = post(assistant, "clinic-backend-1", "there is pus and I have a fever", f"Bearer {TOKEN}")
    assert status == 200 and triage_payloads(replies)
    assert {reply["recipient_id"] for reply in replies} == {"clinic-backend-1"}


def test_a_rest_sender_never_reaches_a_conversation_of_another_channel(assistant):
    post(assistant, WIDGET_LIKE_ID, "there is a blister on my arm", f"Bearer {TOKEN}")
    stored = assistant.stored_senders()
    assert f"rest:{WIDGET_LIKE_ID}" in stored and WIDGET_LIKE_ID not in stored
    assert all(sender.startswith("rest:") for sender in stored)
