"""channels/slack.py without a Rasa server: the signature check, events and button presses read, retries,
buttons, splitting, and what the output sends to a fake Web API on loopback (the triage payload never)."""
import asyncio
import json
import time
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from sanic.compat import Header

from channels.guard import NO_WORDS, safe_reply
from channels.messaging import channel_sender_id
from channels.slack import (
    BUTTON_TEXT_LIMIT, SECTION_TEXT_LIMIT, SlackChannel, SlackReplies, SlackSettings, escaped, incoming_action,
    incoming_event, message_parts, question_blocks, refusal, signature_is_valid, user_of,
)
from tests.integration.fakes.slack_api import TEAM, FakeSlackApi, button_body, event_body, question_of, signed_headers

TOKEN, SECRET = "xoxb-unit-test-token", "unit-signing-secret"
WHEN = [{"title": "Today", "payload": "today"}, {"title": "1 to 2 days ago", "payload": "2 days ago"}]
EMERGENCY = "Call 112 now. Swelling of the throat can be a severe allergic reaction.\n\n" + "Sit upright. " * 400
TRIAGE = {"triage": {"level": "emergency", "symptoms": ["throat_swelling"], "rules": ["r1"]}}
ENV_NAMES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL")


@pytest.fixture(scope="module")
def fake():
    api = FakeSlackApi(TOKEN)
    yield api
    api.close()


def settings(fake) -> SlackSettings:
    return SlackSettings(TOKEN, SECRET, fake.url)


def received(channel, body, headers):
    """The webhook's answer to one request, and the messages Rasa was given once the handling finished."""
    messages = []

    async def on_new_message(message):
        messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, "Thank you.")

    async def post():
        answer = channel.receive(Header(headers), body, None, on_new_message)
        await asyncio.gather(*channel.pending)
        return answer

    return asyncio.run(post()), messages


def test_a_signed_request_is_accepted():
    body = event_body("U0PAT0001", "hello")
    assert refusal(SlackSettings(TOKEN, SECRET), Header(signed_headers(SECRET, body)), body) is None


REFUSED_HEADERS = [
    {}, {"X-Slack-Signature": "v0=00"}, signed_headers("wrong-secret", b"{}"),
    signed_headers(SECRET, b'{"tampered": true}'), signed_headers(SECRET, b"{}", timestamp=int(time.time()) - 301),
    {**signed_headers(SECRET, b"{}"), "X-Slack-Signature": "v0=ünï"},
    {**signed_headers(SECRET, b"{}"), "X-Slack-Request-Timestamp": "soon"},
]


@pytest.mark.parametrize("headers", REFUSED_HEADERS)
def test_an_unsigned_wrongly_signed_or_old_request_is_refused_with_401(headers):
    refused = refusal(SlackSettings(TOKEN, SECRET), Header(headers), b"{}")
    assert refused is not None and refused.status == 401 and b'"error"' in refused.body


@pytest.mark.parametrize("headers", REFUSED_HEADERS)
def test_rasas_own_check_refuses_these_too_but_with_400(headers):
    # Rasa's SlackInput checks first as well (url_verification included); ours answers 401 JSON instead of 400 text.
    rasas = SlackChannel(SlackSettings(TOKEN, SECRET))
    assert not rasas.is_request_from_slack_authentic(SimpleNamespace(headers=Header(headers), body=b"{}"))
    assert rasas.is_request_from_slack_authentic(SimpleNamespace(headers=Header(signed_headers(SECRET, b"{}")),
                                                                 body=b"{}"))


def test_the_signature_covers_the_timestamp_as_sent():
    headers = signed_headers(SECRET, b"{}", timestamp=1700000000)
    assert signature_is_valid(SECRET, "1700000000", b"{}", headers["X-Slack-Signature"], now=1700000100)
    assert not signature_is_valid(SECRET, "1700000001", b"{}", headers["X-Slack-Signature"], now=1700000100)


def test_url_verification_is_answered_only_when_signed(fake):
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"}).encode()
    channel = SlackChannel(settings(fake))
    unsigned, _ = received(channel, body, {"Content-Type": "application/json"})
    assert unsigned.status == 401
    answer, _ = received(channel, body, signed_headers(SECRET, body))
    assert answer.status == 200 and json.loads(answer.body)["challenge"].startswith("3eZbrw")


def test_unconfigured_the_channel_starts_answers_503_and_has_no_output(monkeypatch):
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    channel = SlackChannel.from_credentials(None)  # Rasa's own raises without a signing secret
    assert channel.settings is None and channel.get_output_channel() is None
    body = event_body("U0PAT0001", "hello")
    answer, messages = received(channel, body, signed_headers(SECRET, body))
    assert answer.status == 503 and b'"error"' in answer.body and messages == []


@pytest.mark.parametrize("env", [{"SLACK_BOT_TOKEN": TOKEN}, {"SLACK_SIGNING_SECRET": SECRET},
                                 {"SLACK_BOT_TOKEN": " ", "SLACK_SIGNING_SECRET": SECRET}])
def test_a_missing_token_or_secret_leaves_the_channel_off(env):
    assert SlackSettings.from_environment(env) is None


def test_the_api_address_is_slacks_unless_set():
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET}
    assert SlackSettings.from_environment(env).api_url == "https://slack.com/api/"
    assert SlackSettings.from_environment({**env, "SLACK_API_URL": "http://127.0.0.1:9"}).api_url == "http://127.0.0.1:9/"


def test_conversation_ids_are_the_channels_and_only_slack_ones_reach_a_user():
    conversation = channel_sender_id("slack", f"{TEAM}:U0PAT0001")
    assert conversation == "slack:T0CLINIC1:U0PAT0001" and user_of(conversation) == "U0PAT0001"
    assert user_of("rest:U0PAT0001") is None and user_of("slack:U0PAT0001") is None
    assert user_of("slack:T0CLINIC1:<!channel>") is None


def test_a_direct_message_a_mention_and_a_button_press_are_read():
    message = incoming_event(json.loads(event_body("U0PAT0001", "my blister is leaking")))
    assert (message.team_id, message.user_id, message.text, message.pressed) == (TEAM, "U0PAT0001",
                                                                                 "my blister is leaking", False)
    assert message.event_id.startswith("Ev")
    mention = incoming_event(json.loads(event_body("U0PAT0001", "<@U0BOTUSER> my blister is leaking",
                                                   kind="app_mention", channel="C0WARD001")))
    assert mention.text == "my blister is leaking"
    pressed = incoming_action(json.loads(parse_qs(button_body("U0PAT0001", "2 days ago").decode())["payload"][0]))
    assert (pressed.team_id, pressed.user_id, pressed.text, pressed.pressed) == (TEAM, "U0PAT0001", "2 days ago", True)


@pytest.mark.parametrize("body", [
    event_body("U0PAT0001", "hello", bot_id="B0BOTID01"),  # the app's own message
    event_body("U0PAT0001", "hello", subtype="message_changed"),
    event_body("U0PAT0001", "hello", channel="C0WARD001"),  # a channel message that does not mention the app
    event_body("U0PAT0001", "<@U0BOTUSER> hi", kind="app_mention", channel="D0PAT0001"),  # read as the DM message
    event_body("<!here>", "hello"),
    json.dumps({"type": "event_callback", "event": "x"}).encode(), b"[]",
])
def test_the_apps_own_messages_edits_channel_chatter_and_malformed_events_are_not_read(body):
    assert incoming_event(json.loads(body)) is None


def test_buttons_carry_the_payload_in_an_actions_block_under_the_question():
    blocks = question_blocks("When was the spot frozen?", WHEN)
    assert blocks[0] == {"type": "section", "text": {"type": "plain_text", "text": "When was the spot frozen?"}}
    assert [(e["text"]["text"], e["value"]) for e in blocks[1]["elements"]] == [("Today", "today"),
                                                                                ("1 to 2 days ago", "2 days ago")]


def test_slacks_button_limits_are_kept():
    many = [{"title": f"choice number {n} " + "word " * 30, "payload": "p" * 2500} for n in range(30)]
    blocks = question_blocks("Which?", many)
    assert [len(block["elements"]) for block in blocks[1:]] == [25, 5]
    elements = [element for block in blocks[1:] for element in block["elements"]]
    assert all(len(e["text"]["text"]) <= BUTTON_TEXT_LIMIT and len(e["value"]) <= 2000 for e in elements)
    assert elements[0]["text"]["text"].endswith("word…") and len({e["action_id"] for e in elements}) == 30


def test_long_text_is_split_within_3000_characters_with_the_emergency_line_first():
    parts = message_parts(EMERGENCY)
    assert len(parts) > 1 and all(len(part) <= SECTION_TEXT_LIMIT for part in parts)
    assert parts[0].startswith("Call 112 now.")


def test_slacks_control_characters_are_escaped():
    assert escaped("A&E <today> or <!channel>") == "A&amp;E &lt;today&gt; or &lt;!channel&gt;"


def test_the_triage_payload_is_never_sent(fake):
    before = len(fake.calls)
    asyncio.run(SlackReplies(settings(fake)).send_response("slack:T0CLINIC1:U0PAT0501", {"custom": TRIAGE}))
    assert fake.calls[before:] == []


def test_a_question_is_sent_with_its_buttons_and_a_long_one_carries_them_on_its_last_part(fake):
    asyncio.run(SlackReplies(settings(fake)).send_text_with_buttons("slack:T0CLINIC1:U0PAT0502", "When?", WHEN))
    [question] = fake.sent_to("U0PAT0502")
    assert question_of(question) == ("When?", question_blocks("When?", WHEN)[1]["elements"])
    asyncio.run(SlackReplies(settings(fake)).send_text_with_buttons("slack:T0CLINIC1:U0PAT0503", EMERGENCY, WHEN))
    sent = fake.sent_to("U0PAT0503")
    assert len(sent) > 1 and sent[0]["text"].startswith("Call 112 now.")
    assert [("blocks" in message) for message in sent] == [False] * (len(sent) - 1) + [True]


def test_text_goes_to_the_conversations_user_and_nowhere_else(fake):
    output = SlackReplies(settings(fake))
    asyncio.run(output.send_text_message("slack:T0CLINIC1:U0PAT0504", "Keep it clean.\n\nKeep it dry."))
    asyncio.run(output.send_text_message("rest:U0PAT0504", "Not for Slack."))
    assert fake.texts_to("U0PAT0504") == ["Keep it clean.\n\nKeep it dry."] and output.messages_sent == 1


def test_a_refused_or_unreachable_call_is_logged_not_raised(fake, caplog):
    asyncio.run(SlackReplies(SlackSettings("xoxb-wrong", SECRET, fake.url)).send_text_message("slack:T1:U1", "hi"))
    unreachable = SlackReplies(SlackSettings(TOKEN, SECRET, "http://127.0.0.1:9/"))
    unreachable.client.retry_handlers = []  # slack_sdk's one retry after a back-off: not this test's subject
    asyncio.run(unreachable.send_text_message("slack:T1:U1", "hi"))
    assert "invalid_auth" in caplog.text and "ClientConnectorError" in caplog.text and TOKEN not in caplog.text and "hi" not in caplog.text.split()


def test_a_message_is_handled_once_and_a_retry_only_when_the_first_never_connected(fake):
    channel = SlackChannel(settings(fake))
    body = event_body("U0PAT0601", "my blister is leaking")
    assert [m.text for m in received(channel, body, signed_headers(SECRET, body))[1]] == ["my blister is leaking"]
    for reason in ("http_timeout", "connection_failed"):  # the same event again: already handled
        retry = {**signed_headers(SECRET, body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason}
        answer, messages = received(channel, body, retry)
        assert answer.status == 200 and answer.headers.get("X-Slack-No-Retry") == "1" and messages == []
    timed_out, never_connected = event_body("U0PAT0601", "first"), event_body("U0PAT0601", "second")
    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
    assert received(channel, timed_out, {**signed_headers(SECRET, timed_out), **retry})[1] == []
    retry["X-Slack-Retry-Reason"] = "connection_failed"
    assert [m.text for m in received(channel, never_connected, {**signed_headers(SECRET, never_connected), **retry})[1]] \
        == ["second"]


def test_a_pressed_button_reaches_rasa_as_its_payload_in_the_patients_conversation(fake):
    body = button_body("U0PAT0602", "2 days ago")
    [message] = received(SlackChannel(settings(fake)), body, signed_headers(SECRET, body, form=True))[1]
    assert (message.text, message.sender_id, message.input_channel) == ("2 days ago", "slack:T0CLINIC1:U0PAT0602",
                                                                        "slack")


def test_no_words_get_asked_for_words_and_a_failure_gets_the_safe_reply(fake):
    channel = SlackChannel(settings(fake))
    body = event_body("U0PAT0603", "🙂 ...")
    assert received(channel, body, signed_headers(SECRET, body))[1] == []
    assert fake.texts_to("U0PAT0603") == [escaped(NO_WORDS)]

    async def failing(message):
        raise RuntimeError("the tracker store is down")

    async def post():
        body = event_body("U0PAT0603", "my blister is leaking")
        channel.receive(Header(signed_headers(SECRET, body)), body, None, failing)
        await asyncio.gather(*channel.pending)

    asyncio.run(post())
    assert fake.texts_to("U0PAT0603")[-1] == escaped(safe_reply())


def test_slacks_escapes_in_a_patients_text_are_read_back():
    assert incoming_event(json.loads(event_body("U0PAT0001", "pain &amp; swelling &lt;2 days"))).text == \
        "pain & swelling <2 days"
