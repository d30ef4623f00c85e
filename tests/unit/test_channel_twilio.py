"""The Twilio channel (SMS and WhatsApp) without Rasa: its webhook's checks, and what reaches the patient,
sent to the fake Twilio API on loopback."""
import asyncio
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from sanic.compat import Header
from twilio.request_validator import RequestValidator

from channels.guard import NO_WORDS, safe_reply
from channels.messaging import numbered_choices, sms_segment_limit, sms_units
from channels.twilio import (
    DEFAULT_API_URL, EMPTY_TWIML, FormValues, TwilioChannel, TwilioReplies, TwilioSettings, address_on,
    conversation_of, signature_is_valid,
)
from tests.bot_messages import CALL_NOW
from tests.integration.fakes.twilio_api import FakeTwilioApi

SID, TOKEN = "AC" + "1" * 32, "unit-test-token"
CLINIC_NUMBER = "+15550100000"
URL = "http://127.0.0.1:5005/webhooks/twilio/webhook"
PUBLIC_URL = "https://clinic.example/webhooks/twilio/webhook"
BUTTONS = [{"title": "Today", "payload": "today"}, {"title": "1 to 2 days ago", "payload": "2 days ago"}]
EMERGENCY = ("Call 112 now: swelling of the throat with trouble breathing needs help at once. " +
             "Sit upright and keep still while you wait; do not drive yourself. " * 6)


@pytest.fixture(scope="module")
def fake():
    api = FakeTwilioApi(SID, TOKEN)
    yield api
    api.close()


@pytest.fixture
def settings(fake):
    fake.calls.clear()
    return TwilioSettings(SID, TOKEN, CLINIC_NUMBER, api_url=fake.url)


def webhook_form(sender="+15550001111", body="there is a blister", to=CLINIC_NUMBER):
    return {"From": sender, "To": to, "Body": body, "MessageSid": "SM" + "a" * 32, "AccountSid": SID,
            "NumMedia": "0", "FromZip": ""}  # Twilio signs blank values too


def signed_request(form, url=URL, token=TOKEN, signature=None):
    if signature is None:
        signature = RequestValidator(token).compute_signature(url, form)
    headers = Header({"Content-Type": "application/x-www-form-urlencoded"})
    if signature:
        headers["X-Twilio-Signature"] = signature
    return SimpleNamespace(body=urlencode(form).encode(), headers=headers, url=URL,
                           app=SimpleNamespace(ctx=SimpleNamespace(agent=None)))


class Rasa:
    """What Rasa's on_new_message does for the channel: hands over the message and replies through its output."""

    def __init__(self, *replies, fails=False):
        self.received, self.replies, self.fails = [], replies, fails

    async def __call__(self, message):
        self.received.append(message)
        if self.fails:
            raise RuntimeError("the model failed")
        for reply in self.replies:
            await message.output_channel.send_response(message.sender_id, dict(reply))


def answer(channel, request, rasa):
    return asyncio.run(channel.answer(request, rasa))


def test_without_account_or_token_the_channel_is_inert_and_its_webhook_answers_503(fake):
    fake.calls.clear()
    assert TwilioSettings.from_environment({}) is None
    assert TwilioSettings.from_environment({"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": " "}) is None
    rasa = Rasa({"text": "hello"})
    reply = answer(TwilioChannel(None), signed_request(webhook_form()), rasa)
    assert reply.status == 503 and b"TWILIO_ACCOUNT_SID" in reply.body
    assert rasa.received == [] and fake.calls == []
    assert TwilioChannel(None).get_output_channel() is None


def test_an_empty_credentials_block_without_the_variables_builds_an_inert_channel(monkeypatch):
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for credentials in (None, {}, {"account_sid": SID, "auth_token": TOKEN}):  # secrets only from the environment
        channel = TwilioChannel.from_credentials(credentials)
        assert channel.settings is None and channel.blueprint(Rasa()).name == "clinic_twilio_webhook"


def test_settings_come_from_the_environment_with_twilio_s_own_address_by_default():
    settings = TwilioSettings.from_environment({"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN})
    assert settings.api_url == DEFAULT_API_URL and settings.webhook_url == "" and settings.default_number == ""
    assert settings.messages_url == f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"
    pointed = TwilioSettings.from_environment({"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN,
                                               "TWILIO_API_URL": "http://127.0.0.1:9/"})
    assert pointed.messages_url.startswith("http://127.0.0.1:9/2010-04-01/")


def test_twilio_s_signature_is_accepted_and_any_other_refused():
    form = FormValues.parse(urlencode(webhook_form()).encode())
    assert form.first("FromZip") == ""
    signature = RequestValidator(TOKEN).compute_signature(URL, webhook_form())
    assert signature_is_valid(TOKEN, URL, form, signature)
    assert signature_is_valid(TOKEN, "https://clinic.example:443/webhooks/twilio/webhook", form,
                              RequestValidator(TOKEN).compute_signature(PUBLIC_URL, webhook_form()))
    assert not signature_is_valid("another-token", URL, form, signature)
    assert not signature_is_valid(TOKEN, PUBLIC_URL, form, signature)
    assert not signature_is_valid(TOKEN, URL, FormValues.parse(urlencode(webhook_form(body="hi")).encode()), signature)
    assert not signature_is_valid(TOKEN, URL, form, "")
    assert not signature_is_valid(TOKEN, URL, form, "ünsigned")


@pytest.mark.parametrize("signature, status", [("", 401), ("d3Jvbmc=", 403)])
def test_an_unsigned_or_wrongly_signed_webhook_is_refused_before_rasa_sees_it(fake, settings, signature, status):
    rasa = Rasa({"text": "hello"})
    reply = answer(TwilioChannel(settings), signed_request(webhook_form(), signature=signature), rasa)
    assert reply.status == status and reply.content_type.startswith("application/json")
    assert rasa.received == [] and fake.calls == []


def test_behind_a_proxy_the_signature_is_checked_against_twilio_webhook_url(fake, settings):
    public = TwilioSettings(SID, TOKEN, CLINIC_NUMBER, webhook_url=PUBLIC_URL, api_url=fake.url)
    rasa = Rasa({"text": "hello"})
    assert answer(TwilioChannel(public), signed_request(webhook_form()), rasa).status == 403
    assert answer(TwilioChannel(public), signed_request(webhook_form(), url=PUBLIC_URL), rasa).status == 200


def test_a_signed_sms_reaches_rasa_as_its_sms_conversation_and_replies_come_from_the_number_written_to(fake, settings):
    rasa = Rasa({"text": "When did it start?", "buttons": BUTTONS})
    reply = answer(TwilioChannel(settings), signed_request(webhook_form(to="+15550100999")), rasa)
    assert reply.status == 200 and reply.body.decode() == EMPTY_TWIML
    [message] = rasa.received
    assert (message.sender_id, message.text, message.input_channel) == ("sms:+15550001111", "there is a blister", "twilio")
    assert fake.messages() == [{"To": "+15550001111", "From": "+15550100999",
                                "Body": numbered_choices("When did it start?", BUTTONS)}]


def test_the_conversation_id_keeps_sms_and_whatsapp_of_one_phone_apart():
    assert conversation_of("+447700900123") == "sms:+447700900123"
    assert conversation_of("whatsapp:+447700900123") == "whatsapp:+447700900123"
    assert address_on("whatsapp", "+15550100000") == address_on("whatsapp", "whatsapp:+15550100000") == \
        "whatsapp:+15550100000"
    assert address_on("sms", "whatsapp:+15550100000") == "+15550100000"


def test_only_sms_and_whatsapp_conversations_are_sent_to(fake, settings):
    asyncio.run(TwilioReplies(settings).send_text_message("rest:+15550001111", "Hello."))
    assert fake.calls == []


def test_choices_become_numbered_lines(fake, settings):
    asyncio.run(TwilioReplies(settings).send_response("whatsapp:+15550002222",
                                                      {"text": "When did it start?", "buttons": BUTTONS}))
    [message] = fake.messages()
    assert message["To"] == "whatsapp:+15550002222" and message["From"] == "whatsapp:" + CLINIC_NUMBER
    assert message["Body"].splitlines()[1:3] == ["1. Today", "2. 1 to 2 days ago"]


def test_the_triage_payload_is_never_sent(fake, settings):
    payload = {"triage": {"level": "urgent", "symptoms": ["fever"], "rules": ["fever.urgent"]}}
    replies = TwilioReplies(settings)
    asyncio.run(replies.send_response("sms:+15550003333", {"custom": payload}))
    asyncio.run(replies.send_custom_json("sms:+15550003333", payload))
    assert fake.calls == []
    asyncio.run(replies.send_response("sms:+15550003333", {"text": "See your clinic today.", "custom": payload}))
    assert [m["Body"] for m in fake.messages()] == ["See your clinic today."]


def test_an_sms_reply_goes_out_one_segment_a_message_with_call_now_first(fake, settings):
    asyncio.run(TwilioReplies(settings).send_text_message("sms:+15550004444", EMERGENCY))
    bodies = fake.bodies_to("+15550004444")
    assert len(bodies) > 1 and CALL_NOW.match(bodies[0]) and bodies[0].startswith("Call 112 now")
    assert all(sms_units(body) <= sms_segment_limit(body) for body in bodies)
    assert " ".join(bodies).split() == EMERGENCY.split()


def test_a_whatsapp_reply_is_split_within_1600_characters(fake, settings):
    asyncio.run(TwilioReplies(settings).send_text_message("whatsapp:+15550005555", EMERGENCY * 4))
    bodies = fake.bodies_to("whatsapp:+15550005555")
    assert len(bodies) == 2 and all(len(body) <= 1600 for body in bodies) and bodies[0].startswith("Call 112 now")
    assert all(call["status"] == 201 for call in fake.calls)


@pytest.mark.parametrize("rasa, expected", [(Rasa(fails=True), safe_reply()), (Rasa(), safe_reply()),
                                            (Rasa({"text": "Hello."}), "Hello.")],
                         ids=["failure", "no reply", "a reply"])
def test_a_failure_or_no_reply_gets_the_safe_reply_never_silence(fake, settings, rasa, expected):
    assert answer(TwilioChannel(settings), signed_request(webhook_form()), rasa).status == 200
    assert " ".join(fake.bodies_to("+15550001111")).split() == expected.split()


def test_a_message_of_no_words_gets_no_words_and_does_not_reach_rasa(fake, settings):
    rasa = Rasa({"text": "hello"})
    assert answer(TwilioChannel(settings), signed_request(webhook_form(body=" /// ")), rasa).status == 200
    assert rasa.received == [] and fake.bodies_to("+15550001111") == [NO_WORDS]


def test_a_leading_slash_is_not_a_rasa_command(fake, settings):
    rasa = Rasa({"text": "hello"})
    answer(TwilioChannel(settings), signed_request(webhook_form(body="/restart")), rasa)
    assert [message.text for message in rasa.received] == ["restart"]
