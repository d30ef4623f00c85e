"""The Slack channel end to end: Slack-shaped, signed Events API and interactivity requests posted to the real
Rasa server, replies read from a fake Web API on loopback (tests/integration/fakes/slack_api.py)."""
import json
import time
import urllib.error
import urllib.request

import pytest

from tests.bot_messages import CALL_NOW, disclaimer_text
from tests.integration.fakes.slack_api import (
    SECTION_TEXT_LIMIT, TEAM, TEXT_LIMIT, FakeSlackApi, button_body, event_body, question_of, signed_headers,
)
from tests.integration.servers import CLINIC_ENVIRONMENT, HOST, RunningAssistant

TOKEN, SECRET = "xoxb-integration-test-token", "integration-signing-secret"
CREDENTIALS = "channels.slack.SlackChannel:\nchannels.guarded_rest.GuardedRestInput:\n"
DISCLAIMER = disclaimer_text(CLINIC_ENVIRONMENT)
PREFERRED_ANSWERS = ("no", "none of these")  # a mild blister's way to an outcome without escalating


@pytest.fixture(scope="module")
def fake():
    api = FakeSlackApi(TOKEN)
    yield api
    api.close()


@pytest.fixture(scope="module")
def assistant(fake):
    running = RunningAssistant(action_timeout_seconds=8, credentials=CREDENTIALS, extra_env={
        "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url})
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def show_server_logs_on_failure(request, assistant, fake):
    yield
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        print(assistant.logs())
        print("\n".join(json.dumps(call) for call in fake.calls))


def shown(text: str) -> str:
    """A text as Slack shows it: its three escaped control characters back."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def post(assistant, body, headers):
    """The webhook's status, body and headers."""
    request = urllib.request.Request(f"http://{HOST}:{assistant.rasa_port}/webhooks/slack/webhook", body, headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read(), refused.headers


def turn(assistant, fake, user, body, form=False, timeout=60):
    """Posts ``body`` signed, as Slack does, and returns what the fake received for ``user`` until the turn
    ended: a question (buttons) or the disclaimer."""
    before = len(fake.sent_to(user))
    status, answer, _ = post(assistant, body, signed_headers(SECRET, body, form=form))
    assert (status, answer) == (200, b"")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = fake.sent_to(user)[before:]
        if sent and ("blocks" in sent[-1] or DISCLAIMER in [shown(message["text"]) for message in sent]):
            return sent
        time.sleep(0.1)
    raise AssertionError(f"no question or outcome within {timeout} s: {fake.texts_to(user)[before:]}")


def test_url_verification_answers_slacks_challenge_when_signed_only(assistant):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3", "type": "url_verification"}).encode()
    status, answer, _ = post(assistant, body, signed_headers(SECRET, body))
    assert status == 200 and json.loads(answer) == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3"}
    assert post(assistant, body, {"Content-Type": "application/json"})[0] == 401


def test_an_emergency_reply_opens_with_call_112_now(assistant, fake):
    sent = turn(assistant, fake, "U0IT00001", event_body("U0IT00001", "my throat is swelling and I can't breathe properly"))
    first = shown(sent[0]["text"])
    assert CALL_NOW.match(first) and first.startswith(f"Call {CLINIC_ENVIRONMENT['EMERGENCY_NUMBER']} now")
    assert DISCLAIMER in [shown(message["text"]) for message in sent]


def test_a_question_answered_by_number_then_by_buttons_reaches_an_outcome(assistant, fake):
    question_text, choices = question_of(turn(assistant, fake, "U0IT00002",
                                              event_body("U0IT00002", "a fat blister has come up on my ankle"))[-1])
    assert len(choices) > 1 and question_text.endswith("?")
    sent = turn(assistant, fake, "U0IT00002", event_body("U0IT00002", "2"))  # typed, as a patient may
    assert assistant.user_texts(f"slack:{TEAM}:U0IT00002", at_least=2)[-1] == choices[1]["value"], "the number is its payload"
    said = 2
    for _ in range(6):
        if DISCLAIMER in [shown(message["text"]) for message in sent]:
            break
        text, buttons = question_of(sent[-1])
        assert text != question_text, "the conversation moved on"
        pressed = next((b for b in buttons if b["value"] in PREFERRED_ANSWERS), buttons[0])
        sent = turn(assistant, fake, "U0IT00002", button_body("U0IT00002", pressed["value"], sent[-1]), form=True)
        said += 1
    assert DISCLAIMER in [shown(message["text"]) for message in sent]
    assert "You can look after this at home." in [shown(message["text"]) for message in sent]
    assert set(assistant.user_texts(f"slack:{TEAM}:U0IT00002", at_least=said)[2:]) <= set(PREFERRED_ANSWERS), "buttons read as payloads"


def test_a_mention_in_a_channel_is_answered_in_the_patients_direct_messages(assistant, fake):
    body = event_body("U0IT00003", "<@U0BOTUSER> there's pus in it and I have a fever", kind="app_mention",
                      channel="C0WARD001")
    sent = turn(assistant, fake, "U0IT00003", body)
    assert DISCLAIMER in [shown(message["text"]) for message in sent]
    assert {call["answer"]["channel"] for call in fake.calls if call["payload"]["channel"] == "U0IT00003"} == {"D0IT00003"}
    assert assistant.user_texts(f"slack:{TEAM}:U0IT00003", at_least=1) == ["there's pus in it and I have a fever"]


def test_a_retried_delivery_is_not_triaged_twice(assistant, fake):
    body = event_body("U0IT00004", "my arm hair won't grow on that spot any more")
    turn(assistant, fake, "U0IT00004", body)
    sent = len(fake.sent_to("U0IT00004"))
    retry = {**signed_headers(SECRET, body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    status, _, headers = post(assistant, body, retry)
    assert status == 200 and headers.get("X-Slack-No-Retry") == "1"
    time.sleep(3)
    assert len(assistant.user_texts(f"slack:{TEAM}:U0IT00004")) == 1 and len(fake.sent_to("U0IT00004")) == sent


def test_every_message_is_accepted_and_within_slacks_limits(assistant, fake):
    turn(assistant, fake, "U0IT00005", event_body("U0IT00005", "the skin has gone lighter where the freeze was " * 150))
    assert fake.calls and [call for call in fake.calls if not call["answer"]["ok"]] == []
    for call in fake.calls:
        text, _ = question_of(call["payload"])
        assert 0 < len(shown(call["payload"]["text"])) <= SECTION_TEXT_LIMIT <= TEXT_LIMIT
        assert len(text) <= SECTION_TEXT_LIMIT


def refused_headers(body):
    """An unsigned request, one signed with another secret, one signed over another body, and an old one."""
    old = int(time.time()) - 600
    return [{"Content-Type": "application/json"}, signed_headers("not-the-secret", body),
            {**signed_headers(SECRET, b"{}"), "Content-Type": "application/json"}, signed_headers(SECRET, body, timestamp=old)]


def test_an_unsigned_or_wrongly_signed_event_touches_no_conversation(assistant, fake):
    body = event_body("U0IT00006", "my blister is leaking")
    for headers in refused_headers(body):
        status, answer, _ = post(assistant, body, headers)
        assert status == 401 and "error" in json.loads(answer)
    time.sleep(1)
    assert not {f"slack:{TEAM}:U0IT00006", "U0IT00006"} & assistant.stored_senders()
    assert fake.sent_to("U0IT00006") == []


def test_a_slack_user_and_a_rest_sender_of_the_same_id_are_two_conversations(assistant, fake):
    turn(assistant, fake, "U0IT00007", event_body("U0IT00007", "a fat blister has come up on my ankle"))
    sent_on_slack = len(fake.sent_to("U0IT00007"))
    assert assistant.user_texts(f"slack:{TEAM}:U0IT00007", at_least=1)
    rest_replies = assistant.say("hello", sender="U0IT00007")
    assert rest_replies and rest_replies[0]["recipient_id"] == "U0IT00007"
    assert {f"slack:{TEAM}:U0IT00007", "rest:U0IT00007"} <= assistant.stored_senders()
    assert "U0IT00007" not in assistant.stored_senders()
    assert len(fake.sent_to("U0IT00007")) == sent_on_slack, "nothing of the REST conversation went to Slack"


def test_no_json_or_triage_payload_ever_reaches_the_patient(assistant, fake):
    stored = [json.loads(data) for (data,) in assistant.stored_events(
        "SELECT data FROM events WHERE sender_id LIKE 'slack:%' AND type_name = 'bot'")]
    assert any("triage" in ((event.get("data") or {}).get("custom") or {}) for event in stored), "kept for the clinic"
    assert fake.calls and all(set(call["payload"]) <= {"channel", "text", "blocks"} for call in fake.calls)
    words = [shown(call["payload"]["text"]) for call in fake.calls] + \
        [element["text"]["text"] for call in fake.calls for element in question_of(call["payload"])[1]]
    assert not [text for text in words if "{" in text or "}" in text or '"triage"' in text]
