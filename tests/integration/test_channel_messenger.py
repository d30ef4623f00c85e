"""The Messenger channel through the real Rasa and action servers: signed webhooks posted as Meta posts them,
replies read from a fake Send API on loopback (tests/integration/fakes/messenger_api.py)."""
import json
import time
import urllib.error
import urllib.request

import pytest

from tests.bot_messages import CALL_NOW, disclaimer_text
from tests.integration.fakes.messenger_api import FakeMessengerApi, message_event, signature, webhook_body
from tests.integration.servers import CLINIC_ENVIRONMENT, HOST, RunningAssistant

VERIFY, SECRET, TOKEN = "it-verify-token", "it-app-secret", "it-page-token"
CREDENTIALS = "channels.guarded_rest.GuardedRestInput:\nchannels.messenger.MessengerInput:\n"
DISCLAIMER = disclaimer_text(CLINIC_ENVIRONMENT)  # domain.yml's utter_disclaimer, with the clinic's number
EMERGENCY_NUMBER = CLINIC_ENVIRONMENT["EMERGENCY_NUMBER"]


@pytest.fixture(scope="module")
def fake():
    api = FakeMessengerApi(TOKEN)
    yield api
    api.close()


@pytest.fixture(scope="module")
def assistant(fake):
    running = RunningAssistant(action_timeout_seconds=8, credentials=CREDENTIALS, extra_env={
        "FACEBOOK_VERIFY_TOKEN": VERIFY, "FACEBOOK_APP_SECRET": SECRET, "FACEBOOK_PAGE_ACCESS_TOKEN": TOKEN,
        "FACEBOOK_API_URL": fake.url})
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def show_server_logs_on_failure(request, assistant, fake):
    yield
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        print(assistant.logs())
        print("\n".join(json.dumps(call.body) for call in fake.calls))


def webhook(assistant, query=""):
    return f"http://{HOST}:{assistant.rasa_port}/webhooks/facebook/webhook{query}"


def post(assistant, body, header):
    """The webhook's status and JSON answer."""
    headers = {"Content-Type": "application/json", **({"X-Hub-Signature-256": header} if header else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(webhook(assistant), body, headers), timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def turn(assistant, fake, *events, timeout=60):
    """Posts ``events`` signed, as Meta does, and returns what the fake received for their sender until the
    turn ended: a question (quick replies) or the disclaimer."""
    psid = events[-1]["sender"]["id"]
    before = len(fake.calls_to(psid))
    body = webhook_body(*events)
    assert post(assistant, body, signature(SECRET, body)) == (200, {"status": "received"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = fake.calls_to(psid)[before:]
        if calls and ("quick_replies" in calls[-1].message or DISCLAIMER in calls[-1].message.get("text", "")):
            return [call.message for call in calls]
        time.sleep(0.1)
    raise AssertionError(f"no question or outcome within {timeout} s: {fake.texts_to(psid)[before:]}")


def say(assistant, fake, psid, text="", quick_reply=""):
    return turn(assistant, fake, message_event(psid, text, quick_reply=quick_reply))


def test_the_handshake_answers_metas_challenge_for_our_token_only(assistant):
    with urllib.request.urlopen(webhook(assistant, f"?hub.mode=subscribe&hub.verify_token={VERIFY}"
                                                   "&hub.challenge=1158201444"), timeout=10) as answer:
        assert answer.read() == b"1158201444"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(webhook(assistant, "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"))
    assert refused.value.code == 403


def test_an_emergency_gets_call_now_first(assistant, fake):
    replies = say(assistant, fake, "1001", "my throat is swelling and I can't breathe properly")
    assert CALL_NOW.match(replies[0]["text"]) and replies[0]["text"].startswith(f"Call {EMERGENCY_NUMBER} now")
    assert DISCLAIMER in [reply["text"] for reply in replies]


def test_a_question_answered_by_number_then_by_buttons_ends_in_advice_with_the_disclaimer(assistant, fake):
    question = say(assistant, fake, "1002", "a fat blister has come up on my ankle")[-1]
    choices = question["quick_replies"]
    assert len(choices) > 1 and any(choice["payload"] == "2 days ago" for choice in choices)
    number = next(n for n, choice in enumerate(choices, start=1) if choice["payload"] == "2 days ago")
    replies = say(assistant, fake, "1002", str(number))  # typed, as a patient may
    assert replies[-1]["text"] != question["text"], "the number was not read as the choice"
    for _ in range(5):
        if DISCLAIMER in [reply["text"] for reply in replies]:
            break
        payloads = [choice["payload"] for choice in replies[-1]["quick_replies"]]
        pressed = next(p for p in ("no", "none of these", "not sure") if p in payloads)
        replies = say(assistant, fake, "1002", pressed.capitalize(), quick_reply=pressed)  # a button pressed
    assert DISCLAIMER in [reply["text"] for reply in replies]
    assert any(reply["text"] != DISCLAIMER for reply in replies), "the advice is missing"


def test_unsigned_or_wrongly_signed_events_are_refused_and_reach_no_conversation(assistant, fake):
    body = webhook_body(message_event("1005", "there's pus in it"))
    for header in (None, signature("not-the-secret", body), "sha1=" + signature(SECRET, body)[7:]):
        status, answer = post(assistant, body, header)
        assert status == 403 and "error" in answer
    echo = {**message_event("1008", "Thanks.", is_echo=True)}
    receipt = {"sender": {"id": "1008"}, "recipient": {"id": "1"}, "delivery": {"mids": ["m_1"], "watermark": 1}}
    turn(assistant, fake, echo, receipt, message_event("1006", "there's pus in it"))  # handled in order
    assert assistant.user_texts("messenger:1006", at_least=1) == ["there's pus in it"]
    stored = assistant.stored_senders()
    assert "messenger:1006" in stored
    assert not {"messenger:1005", "messenger:1008", "1005", "1008"} & stored
    assert fake.calls_to("1005") == [] and fake.calls_to("1008") == []


def test_conversation_ids_are_the_channels_apart_from_a_rest_sender_with_the_same_id(assistant, fake):
    asked_here = say(assistant, fake, "1007", "there's a blister on it")
    asked_there = assistant.say("there's a blister on it", sender="1007")
    assert "quick_replies" in asked_here[-1] and any(reply.get("buttons") for reply in asked_there)
    assert {"messenger:1007", "rest:1007"} <= assistant.stored_senders()
    assert "1007" not in assistant.stored_senders()


def test_every_message_sent_is_within_messengers_limits(assistant, fake):
    say(assistant, fake, "1009", "an hour after they froze my skin tag my lips went puffy and I can't catch my breath")
    assert fake.calls and all(call.status == 200 for call in fake.calls), "the fake refused a message"
    for call in fake.calls:
        assert call.body["messaging_type"] == "RESPONSE" and 0 < len(call.message["text"]) <= 2000
        quick_replies = call.message.get("quick_replies", [])
        assert len(quick_replies) <= 13 and all(0 < len(reply["title"]) <= 20 for reply in quick_replies)
    assert fake.texts_to("1009")[0].startswith(f"Call {EMERGENCY_NUMBER} now")


def test_no_text_sent_carries_the_triage_payload_or_any_json(assistant, fake):
    replies = say(assistant, fake, "1010", "there's pus in it and I have a fever")
    assert DISCLAIMER in [reply["text"] for reply in replies]
    texts = [call.message.get("text", "") for call in fake.calls]
    titles = [reply["title"] for call in fake.calls for reply in call.message.get("quick_replies", [])]
    assert texts and not [text for text in texts + titles if "{" in text or "}" in text or '"triage"' in text]
    assert not [call.body for call in fake.calls if set(call.message) - {"text", "quick_replies"}]
