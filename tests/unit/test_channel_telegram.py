"""channels/telegram.py without a Rasa server: the secret check, updates read, buttons, splitting, and what
the output sends to a fake Bot API on loopback (the triage payload never)."""
import asyncio

import pytest
from sanic.compat import Header

from channels.telegram import (
    CALLBACK_DATA_BYTES, SECRET_HEADER, START, TEXT_LIMIT, TelegramChannel, TelegramReplies, TelegramSettings,
    callback_data, chat_of, incoming_of, inline_keyboard, message_parts, pressed_text, refusal, utf16_units,
)
from channels.messaging import channel_sender_id
from tests.integration.fakes.telegram_api import FakeTelegramApi, callback_update, message_update

TOKEN, SECRET = "123456:unit-test-token", "unit_secret-1"
WHEN = [{"title": "Today", "payload": "today"}, {"title": "1 to 2 days ago", "payload": "2 days ago"}]
LONG_PAYLOAD = "the spot is still there and it has been there for more than a few weeks now, unchanged"
EMERGENCY = "Call 112 now. Swelling of the throat can be a severe allergic reaction.\n\n" + "Sit upright. " * 400
TRIAGE = {"triage": {"level": "emergency", "symptoms": ["throat_swelling"], "rules": ["r1"]}}


@pytest.fixture(scope="module")
def fake():
    api = FakeTelegramApi(TOKEN)
    yield api
    api.close()


def replies(fake) -> TelegramReplies:
    return TelegramReplies(TelegramSettings(TOKEN, SECRET, api_url=fake.url))


@pytest.mark.parametrize("headers, status", [({}, 401), ({SECRET_HEADER: ""}, 401), ({SECRET_HEADER: "wrong"}, 403),
                                             ({SECRET_HEADER: SECRET + "x"}, 403), ({SECRET_HEADER: "ünï"}, 403)])
def test_an_update_without_the_secret_is_refused(headers, status):
    refused = refusal(TelegramSettings(TOKEN, SECRET), Header(headers))
    assert refused is not None and refused.status == status
    assert b'"error"' in refused.body


def test_the_right_secret_is_accepted_whatever_the_headers_case():
    assert refusal(TelegramSettings(TOKEN, SECRET), Header({SECRET_HEADER.lower(): SECRET})) is None


def test_unconfigured_the_channel_answers_503_and_has_no_output(monkeypatch):
    for name in ("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_SECRET_TOKEN", "TELEGRAM_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    channel = TelegramChannel.from_credentials(None)
    assert channel.settings is None and channel.get_output_channel() is None
    assert refusal(channel.settings, Header({SECRET_HEADER: "anything"})).status == 503


@pytest.mark.parametrize("env", [{"TELEGRAM_ACCESS_TOKEN": TOKEN}, {"TELEGRAM_SECRET_TOKEN": SECRET},
                                 {"TELEGRAM_ACCESS_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": "has spaces"},
                                 {"TELEGRAM_ACCESS_TOKEN": " ", "TELEGRAM_SECRET_TOKEN": SECRET}])
def test_a_missing_token_or_a_secret_telegram_would_refuse_leaves_the_channel_off(env):
    assert TelegramSettings.from_environment(env) is None


def test_the_api_address_is_telegrams_unless_set():
    env = {"TELEGRAM_ACCESS_TOKEN": TOKEN, "TELEGRAM_SECRET_TOKEN": SECRET}
    assert TelegramSettings.from_environment(env).method_url("getMe") == f"https://api.telegram.org/bot{TOKEN}/getMe"
    fake = TelegramSettings.from_environment({**env, "TELEGRAM_API_URL": "http://127.0.0.1:9/"})
    assert fake.method_url("sendMessage") == f"http://127.0.0.1:9/bot{TOKEN}/sendMessage"


def test_conversation_ids_are_the_channels_and_only_telegram_ones_reach_a_chat():
    assert channel_sender_id("telegram", 42) == "telegram:42"
    assert chat_of("telegram:42") == 42
    assert chat_of("rest:42") is None and chat_of("42") is None and chat_of("telegram:abc") is None


def test_a_private_message_and_a_button_press_are_read():
    incoming = incoming_of(message_update(42, "my blister is leaking"))
    assert (incoming.user_id, incoming.text, incoming.callback_query_id) == (42, "my blister is leaking", "")
    bot_message = {"message_id": 5, "chat": {"id": 42, "type": "private"}, "text": "When?"}
    pressed = incoming_of(callback_update(42, bot_message, "today"))
    assert (pressed.user_id, pressed.text, pressed.message) == (42, "today", bot_message)
    assert pressed.callback_query_id


@pytest.mark.parametrize("update", [
    message_update(42, "hello", chat={"id": -100, "title": "Ward", "type": "group"}),
    message_update(42, "hello", chat={"id": 43, "type": "private"}),
    {"update_id": 1, "edited_message": message_update(42, "hello")["message"]},
    {"update_id": 1, "message": {"from": {"id": True}, "chat": {"id": True, "type": "private"}, "text": "x"}},
    [], "text", {},
])
def test_groups_edits_and_malformed_updates_are_not_read(update):
    assert incoming_of(update) is None


def test_buttons_are_inline_one_a_row_carrying_the_payload():
    assert inline_keyboard(WHEN) == {"inline_keyboard": [[{"text": "Today", "callback_data": "today"}],
                                                         [{"text": "1 to 2 days ago", "callback_data": "2 days ago"}]]}


def test_a_payload_over_64_bytes_travels_as_a_key_and_is_read_back():
    buttons = [{"title": "Still there", "payload": LONG_PAYLOAD}, *WHEN]
    key = callback_data(LONG_PAYLOAD)
    assert len(key.encode()) <= CALLBACK_DATA_BYTES and key != callback_data(LONG_PAYLOAD + "!")
    assert pressed_text(key, buttons, None) == LONG_PAYLOAD
    older_question = {"reply_markup": inline_keyboard(buttons)}
    assert pressed_text(key, WHEN, older_question) == "Still there"  # its title, then read as typed
    assert pressed_text("today", WHEN, None) == "today"


def test_long_text_is_split_within_4096_utf16_units_with_the_emergency_line_first():
    parts = message_parts(EMERGENCY)
    assert len(parts) > 1 and all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert parts[0].startswith("Call 112 now.")
    emoji = message_parts("🙂" * 3000)  # two UTF-16 units each, as Telegram counts
    assert len(emoji) == 2 and all(utf16_units(part) <= TEXT_LIMIT for part in emoji)


def test_telegrams_start_command_is_recognised():
    assert all(START.fullmatch(text) for text in ("/start", "/start clinic-7", "/start@clinic_triage_bot"))
    assert not START.fullmatch("/started it yesterday")


def test_the_triage_payload_is_never_sent(fake):
    before = len(fake.calls)
    asyncio.run(replies(fake).send_response("telegram:501", {"custom": TRIAGE}))
    assert fake.calls[before:] == []


def test_a_question_is_sent_with_its_buttons_and_a_long_one_carries_them_on_its_last_part(fake):
    asyncio.run(replies(fake).send_text_with_buttons("telegram:502", "When was the spot frozen?", WHEN))
    [question] = fake.sent_to(502)
    assert question["text"] == "When was the spot frozen?" and question["reply_markup"] == inline_keyboard(WHEN)
    asyncio.run(replies(fake).send_text_with_buttons("telegram:503", EMERGENCY, WHEN))
    sent = fake.sent_to(503)
    assert len(sent) > 1 and sent[0]["text"].startswith("Call 112 now.")
    assert [("reply_markup" in message) for message in sent] == [False] * (len(sent) - 1) + [True]


def test_text_goes_to_the_conversations_chat_and_nowhere_else(fake):
    output, before = replies(fake), len(fake.calls)
    asyncio.run(output.send_text_message("telegram:504", "Keep it clean.\n\nKeep it dry."))
    asyncio.run(output.send_text_message("rest:504", "Not for Telegram."))
    assert fake.texts_to(504) == ["Keep it clean.\n\nKeep it dry."]
    assert output.texts_sent == 1 and [call["status"] for call in fake.calls[before:]] == [200]


def test_a_refused_or_unreachable_call_is_logged_not_raised(fake, caplog):
    wrong_token = TelegramReplies(TelegramSettings("9:wrong", SECRET, api_url=fake.url))
    assert asyncio.run(wrong_token.call("sendMessage", {"chat_id": 1, "text": "hi"})) is None
    nowhere = TelegramReplies(TelegramSettings(TOKEN, SECRET, api_url="http://127.0.0.1:9"))
    assert asyncio.run(nowhere.call("sendMessage", {"chat_id": 1, "text": "hi"})) is None
    assert "Unauthorized" in caplog.text and TOKEN not in caplog.text and "hi" not in caplog.text.split()
