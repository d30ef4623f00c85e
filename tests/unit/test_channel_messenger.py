"""channels/messenger.py without a Rasa server: the signature check, the handshake, events read, quick replies,
splitting, and what the output sends to a fake Send API on loopback (the triage payload never)."""
import asyncio
import json

import pytest
import yaml
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.guard import NO_WORDS, safe_reply
from channels.messenger import (
    QUICK_REPLY_LIMIT, TEXT_LIMIT, TITLE_LIMIT, MessengerInput, MessengerReplies, SendApi, incoming_text, psid_of,
    short_title, signature_is_valid, with_quick_replies,
)
from tests.integration.fakes.messenger_api import FakeMessengerApi, message_event, signature, webhook_body
from tests.integration.servers import REPO

VERIFY, SECRET, TOKEN = "unit-verify", "unit-app-secret", "unit-page-token"
WHEN = [{"title": "Today", "payload": "today"}, {"title": "1 to 2 days ago", "payload": "2 days ago"}]
SYMPTOM_BUTTONS = yaml.safe_load((REPO / "domain.yml").read_text())["responses"]["utter_ask_symptom"][0]["buttons"]
EMERGENCY = "Call 112 now. Swelling of the throat can be a severe allergic reaction.\n\n" + "Sit upright. " * 400
TRIAGE = {"triage": {"level": "emergency", "symptoms": ["throat_swelling"], "rules": ["r1"]}}


@pytest.fixture(scope="module")
def fake():
    api = FakeMessengerApi(TOKEN)
    yield api
    api.close()


def channel(fake=None, **settings) -> MessengerInput:
    return MessengerInput(*(settings.get(key, value) for key, value in
                            (("verify", VERIFY), ("secret", SECRET), ("token", TOKEN))),
                          api_url=fake.url if fake else "http://127.0.0.1:9")


class Agent:  # what last_offered_buttons reads: request.app.ctx.agent's tracker store
    def __init__(self, *trackers):
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        for tracker in trackers:
            asyncio.run(self.tracker_store.save(tracker))


class Rasa:
    """Stands in for Rasa's on_new_message: records the message and answers with ``reply``."""

    def __init__(self, reply=({"text": "Thanks."},), fail=False):
        self.messages, self.reply, self.fail = [], reply, fail

    async def __call__(self, message):
        self.messages.append(message)
        if self.fail:
            raise RuntimeError("the action server is down")
        for reply in self.reply:
            await message.output_channel.send_response(message.sender_id, dict(reply))


def send(fake, method, *args):
    """Calls MessengerReplies' ``method`` with a Send API at the fake."""
    async def call():
        api = SendApi(TOKEN, fake.url)
        await getattr(MessengerReplies(api), method)(*args)
        await api.close()
    asyncio.run(call())


def deliver(messenger, body, rasa, agent=None, header=None):
    """POSTs ``body`` to the channel as Meta would (signed unless ``header`` is given) and waits for the
    handling; the webhook's answer."""
    async def post():
        answer = messenger.receive(body, signature(SECRET, body) if header is None else header, agent, rasa)
        await asyncio.gather(*messenger.pending)
        if messenger.api:
            await messenger.api.close()
        return answer
    return asyncio.run(post())


def test_only_the_app_secrets_sha256_of_the_raw_body_is_accepted():
    body = webhook_body(message_event("1", "hello"))
    assert signature_is_valid(SECRET, body, signature(SECRET, body))
    for wrong in ("", None, signature("other", body), signature(SECRET, body + b" "), signature(SECRET, body)[7:],
                  "sha1=" + signature(SECRET, body)[7:], signature(SECRET, body).upper(), "sha256=ünï"):
        assert not signature_is_valid(SECRET, body, wrong)


@pytest.mark.parametrize("header", ["", "sha256=" + "0" * 64, "sha256=nonsense"])
def test_an_unsigned_or_wrongly_signed_event_is_refused_and_reaches_no_conversation(header):
    messenger, rasa = channel(), Rasa()
    answer = deliver(messenger, webhook_body(message_event("1", "hello")), rasa, header=header)
    assert answer.status == 403 and "error" in json.loads(answer.body)
    assert rasa.messages == [] and not messenger.pending


@pytest.mark.parametrize("missing", ["verify", "secret", "token"])
def test_unconfigured_the_channel_answers_503_and_has_no_output(missing):
    messenger, rasa, body = channel(**{missing: ""}), Rasa(), webhook_body(message_event("1", "hello"))
    assert deliver(messenger, body, rasa).status == 503
    assert messenger.verification("subscribe", VERIFY, "42").status == 503
    assert rasa.messages == [] and messenger.get_output_channel() is None


def test_the_handshake_answers_the_challenge_for_our_token_only():
    messenger = channel()
    assert messenger.verification("subscribe", VERIFY, "1158201444").body == b"1158201444"
    assert messenger.verification("subscribe", "guess", "1158201444").status == 403
    assert messenger.verification(None, VERIFY, "1158201444").status == 403


def test_a_body_that_is_no_page_event_gets_a_400():
    for body in (b"not json", b"[]", json.dumps({"object": "instagram", "entry": []}).encode()):
        assert deliver(channel(), body, Rasa()).status == 400


def test_messages_presses_and_postbacks_are_read_echoes_and_receipts_are_not():
    assert incoming_text(message_event("1", "a blister")) == ("a blister", False)
    assert incoming_text(message_event("1", "Today", quick_reply="today")) == ("today", True)
    assert incoming_text({"sender": {"id": "1"}, "postback": {"title": "Start", "payload": "hello"}}) == ("hello", True)
    assert incoming_text(message_event("1", attachments=[{"type": "image"}])) == ("", False)
    assert incoming_text(message_event("1", "Thanks.", is_echo=True)) is None
    assert incoming_text({"sender": {"id": "1"}, "delivery": {"mids": ["m_1"]}}) is None
    assert incoming_text({"sender": {"id": "1"}, "read": {"watermark": 1}}) is None


def test_the_conversation_is_messenger_and_the_psid_and_only_those_conversations_are_sent_to():
    messenger, rasa = channel(), Rasa(reply=())
    deliver(messenger, webhook_body(message_event("2413", "a blister")), rasa)
    [message] = rasa.messages
    assert message.sender_id == "messenger:2413" and message.input_channel == "facebook"
    assert psid_of("messenger:2413") == "2413"
    assert psid_of("rest:2413") is None and psid_of("2413") is None and psid_of("messenger:../x") is None


def test_a_number_or_a_choices_words_typed_or_a_button_pressed_reach_rasa_as_its_payload():
    asked = DialogueStateTracker.from_events("messenger:7", [UserUttered("a blister"),
                                                             BotUttered("When?", {"buttons": WHEN})])
    for event in (message_event("7", "2"), message_event("7", "1 to 2 days ago"),
                  message_event("7", "1 to 2 days ago", quick_reply="2 days ago")):
        rasa = Rasa()
        deliver(channel(), webhook_body(event), rasa, agent=Agent(asked))
        assert [m.text for m in rasa.messages] == ["2 days ago"]


def test_a_redelivered_message_is_handled_once_and_a_patients_messages_in_order():
    messenger, rasa = channel(), Rasa(reply=())
    first, second = message_event("8", "a blister"), message_event("8", "on my arm")
    deliver(messenger, webhook_body(first, second), rasa)
    deliver(messenger, webhook_body(first), rasa)
    assert [m.text for m in rasa.messages] == ["a blister", "on my arm"]


def test_no_words_a_failure_or_no_reply_get_an_answer_never_silence(fake):
    for event, rasa, expected in [(message_event("901", attachments=[{"type": "sticker"}]), Rasa(), NO_WORDS),
                                  (message_event("902", "///"), Rasa(), NO_WORDS),
                                  (message_event("903", "a blister"), Rasa(fail=True), safe_reply()),
                                  (message_event("904", "a blister"), Rasa(reply=({"custom": TRIAGE},)), safe_reply())]:
        deliver(channel(fake), webhook_body(event), rasa)
        assert fake.texts_to(event["sender"]["id"]) == [expected]


def test_titles_are_shortened_after_a_whole_word():
    assert short_title("Bleeding that won't stop") == "Bleeding that won't…"
    assert short_title("The spot is still there, or came back") == "The spot is still…"
    assert short_title("Supercalifragilisticexpialidocious") == "Supercalifragilisti…"
    assert all(len(short_title(b["title"])) <= TITLE_LIMIT for b in SYMPTOM_BUTTONS)


def test_choices_that_fit_are_quick_replies_with_their_payloads():
    text, quick_replies = with_quick_replies("When was the spot frozen?", WHEN)
    assert text == "When was the spot frozen?"
    assert quick_replies == [{"content_type": "text", "title": "Today", "payload": "today"},
                             {"content_type": "text", "title": "1 to 2 days ago", "payload": "2 days ago"}]


def test_long_titles_are_listed_in_full_in_the_text_and_numbered_on_the_quick_replies():
    text, quick_replies = with_quick_replies("What do you notice on the treated spot?", SYMPTOM_BUTTONS)
    assert "11. Bleeding that won't stop" in text and "12. A tight ring on a swollen finger" in text
    assert [r["payload"] for r in quick_replies] == [b["payload"] for b in SYMPTOM_BUTTONS]
    assert quick_replies[10]["title"] == "11. Bleeding that…"
    assert all(len(r["title"]) <= TITLE_LIMIT for r in quick_replies)
    _, capped = with_quick_replies("Which?", [{"title": f"Choice {n}", "payload": f"c{n}"} for n in range(20)])
    assert len(capped) == QUICK_REPLY_LIMIT


def test_the_triage_payload_is_never_sent(fake):
    before = len(fake.calls)
    send(fake, "send_response", "messenger:501", {"custom": TRIAGE})
    assert fake.calls[before:] == []


def test_long_text_is_split_within_2000_characters_with_the_emergency_line_first(fake):
    send(fake, "send_text_message", "messenger:502", EMERGENCY)
    texts = fake.texts_to("502")
    assert len(texts) > 1 and texts[0].startswith("Call 112 now.") and all(len(t) <= TEXT_LIMIT for t in texts)
    assert " ".join(texts).split() == EMERGENCY.split()


def test_a_long_question_carries_its_quick_replies_on_its_last_part(fake):
    send(fake, "send_text_with_buttons", "messenger:503", EMERGENCY, WHEN)
    calls = fake.calls_to("503")
    assert [call.status for call in calls] == [200] * len(calls) and len(calls) > 1
    assert [("quick_replies" in call.message) for call in calls] == [False] * (len(calls) - 1) + [True]
    assert calls[0].body["messaging_type"] == "RESPONSE" and calls[0].access_token == TOKEN


def test_a_refused_or_unreachable_send_is_logged_without_the_token_or_text(fake, caplog):
    message = {"recipient": {"id": "504"}, "messaging_type": "RESPONSE", "message": {"text": "secret words"}}
    async def sent(api):
        try:
            return await api.send(message)
        finally:
            await api.close()
    assert asyncio.run(sent(SendApi("wrong-token", fake.url))) is False
    assert asyncio.run(sent(SendApi(TOKEN, "http://127.0.0.1:9"))) is False
    assert "error code 190" in caplog.text and "wrong-token" not in caplog.text and "secret words" not in caplog.text
