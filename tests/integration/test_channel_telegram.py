"""The Telegram channel end to end: Telegram-shaped, signed updates posted to the real Rasa server, replies
sent to a fake Bot API on loopback (tests/integration/fakes/telegram_api.py)."""
import json
import urllib.error
import urllib.request

import pytest

from channels.guard import NO_WORDS
from tests.bot_messages import CALL_NOW, disclaimer_text
from tests.integration.fakes.telegram_api import TEXT_LIMIT, FakeTelegramApi, callback_update, message_update, utf16_units
from tests.integration.servers import CLINIC_ENVIRONMENT, HOST, RunningAssistant

TOKEN, SECRET = "123456789:AAE-integration-test-token", "clinic_webhook-secret_42"
WEBHOOK_URL = "https://clinic.example.org/webhooks/telegram/webhook"
CREDENTIALS = "channels.telegram.TelegramChannel:\nchannels.guarded_rest.GuardedRestInput:\n"
DISCLAIMER = disclaimer_text(CLINIC_ENVIRONMENT)
PREFERRED_ANSWERS = ("no", "none of these")  # a mild blister's way to an outcome without escalating


@pytest.fixture(scope="module")
def fake():
    api = FakeTelegramApi(TOKEN)
    yield api
    api.close()


@pytest.fixture(scope="module")
def assistant(fake):
    running = RunningAssistant(action_timeout_seconds=8, credentials=CREDENTIALS, extra_env={
        "TELEGRAM_ACCESS_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": SECRET, "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL})
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def show_server_logs_on_failure(request, assistant):
    yield
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        print(assistant.logs())


def post(assistant, update, secret=SECRET):
    """Posts an update as Telegram does; the status and body of the answer."""
    headers = {"Content-Type": "application/json", **({"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {})}
    request = urllib.request.Request(f"http://{HOST}:{assistant.rasa_port}/webhooks/telegram/webhook",
                                     json.dumps(update).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def test_the_webhook_is_registered_at_start_with_its_secret(assistant, fake):
    [call] = fake.calls_of("setWebhook")
    assert call["status"] == 200
    assert call["payload"] == {"url": WEBHOOK_URL, "secret_token": SECRET, "allowed_updates": ["message", "callback_query"]}


def test_an_emergency_reply_opens_with_call_112_now(assistant, fake):
    assert post(assistant, message_update(1001, "my throat is swelling and I can't breathe properly"))[0] == 200
    texts = fake.texts_to(1001)
    assert CALL_NOW.match(texts[0]) and texts[0].startswith("Call 112 now")
    assert DISCLAIMER in texts


def test_a_question_answered_by_number_then_by_buttons_reaches_an_outcome(assistant, fake):
    post(assistant, message_update(1002, "a fat blister has come up on my ankle"))
    question = fake.sent_to(1002)[-1]
    options = [row[0] for row in question["reply_markup"]["inline_keyboard"]]
    assert len(options) > 1
    post(assistant, message_update(1002, "2"))
    assert assistant.user_texts("telegram:1002")[-1] == options[1]["callback_data"], "the number is read as its payload"
    for _ in range(6):
        latest = fake.sent_to(1002)[-1]
        if DISCLAIMER in fake.texts_to(1002) or "reply_markup" not in latest:
            break
        assert latest["text"] != question["text"], "the conversation moved on"
        keys = [row[0] for row in latest["reply_markup"]["inline_keyboard"]]
        key = next((key for key in keys if key["callback_data"] in PREFERRED_ANSWERS), keys[0])
        assert post(assistant, callback_update(1002, latest, key["callback_data"]))[0] == 200
    assert DISCLAIMER in fake.texts_to(1002)
    assert set(assistant.user_texts("telegram:1002")[2:]) <= set(PREFERRED_ANSWERS), "a pressed button reads as its payload"
    assert "You can look after this at home." in fake.texts_to(1002)
    assert len(fake.calls_of("answerCallbackQuery")) >= 1


def test_opening_the_bot_greets_and_a_message_of_no_words_gets_asked_for_words(assistant, fake):
    post(assistant, message_update(1003, "/start"))
    assert fake.texts_to(1003)[0].startswith("Hello!")
    post(assistant, message_update(1003, "🙂 ..."))
    assert fake.texts_to(1003)[-1] == NO_WORDS


def test_no_json_or_triage_payload_ever_reaches_the_patient(assistant, fake):
    post(assistant, message_update(1004, "my arm hair won't grow on that spot any more"))
    assert DISCLAIMER in fake.texts_to(1004), "an outcome came, with its payload"
    stored = [json.loads(data) for (data,) in assistant.stored_events(
        "SELECT data FROM events WHERE sender_id = 'telegram:1004' AND type_name = 'bot'")]
    assert any("triage" in ((event.get("data") or {}).get("custom") or {}) for event in stored), "kept for the clinic"
    sent = fake.calls_of("sendMessage")
    assert sent and all(set(call["payload"]) <= {"chat_id", "text", "reply_markup"} for call in sent)
    assert not [call["payload"]["text"] for call in sent if "{" in call["payload"]["text"] or "triage" in call["payload"]["text"]]


def test_every_message_is_accepted_and_within_telegrams_limit(assistant, fake):
    post(assistant, message_update(1005, "the skin has gone lighter where the freeze was " * 150))
    calls = fake.calls
    assert calls and [call for call in calls if call["status"] != 200] == []
    assert all(utf16_units(call["payload"]["text"]) <= TEXT_LIMIT for call in fake.calls_of("sendMessage"))


@pytest.mark.parametrize("secret, status", [(None, 401), ("wrong-secret", 403), (SECRET.upper(), 403)])
def test_an_unsigned_or_wrongly_signed_update_touches_no_conversation(assistant, fake, secret, status):
    answer_status, body = post(assistant, message_update(1006, "my blister is leaking"), secret=secret)
    assert answer_status == status and "error" in json.loads(body)
    assert "telegram:1006" not in assistant.stored_senders()
    assert fake.sent_to(1006) == []


def test_a_telegram_user_and_a_rest_sender_of_the_same_id_are_two_conversations(assistant, fake):
    post(assistant, message_update(4242, "a fat blister has come up on my ankle"))
    sent_on_telegram = len(fake.sent_to(4242))
    rest_replies = assistant.say("hello", sender="4242")
    assert rest_replies and rest_replies[0]["recipient_id"] == "4242"
    assert {"telegram:4242", "rest:4242"} <= assistant.stored_senders() and "4242" not in assistant.stored_senders()
    assert len(fake.sent_to(4242)) == sent_on_telegram, "nothing of the REST conversation went to Telegram"
