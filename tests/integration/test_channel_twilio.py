"""The Twilio channel (SMS and WhatsApp) in the real Rasa server: signed, Twilio-shaped webhooks in, replies
out to a fake of Twilio's Messages API on loopback (tests/integration/fakes/twilio_api.py)."""
import json
import re
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from channels.messaging import sms_segment_limit, sms_units
from tests.bot_messages import CALL_NOW, disclaimer_text
from tests.integration.fakes.twilio_api import FakeTwilioApi
from tests.integration.servers import CLINIC_ENVIRONMENT, RunningAssistant

SID, TOKEN = "AC" + "7" * 32, "integration-test-token"
CLINIC_NUMBER = "+15550100000"
DISCLAIMER = disclaimer_text(CLINIC_ENVIRONMENT)
CHOICE = re.compile(r"^(\d+)\. (.+)$", re.M)
# The answers that finish the blister's questions, by their titles (domain.yml); else the first choice.
PREFERRED_TITLES = ["1 to 2 days ago", "No", "No, it is small and bearable", "None of these"]


@pytest.fixture(scope="module")
def fake():
    api = FakeTwilioApi(SID, TOKEN)
    yield api
    api.close()


@pytest.fixture(scope="module")
def assistant(fake):
    running = RunningAssistant(
        action_timeout_seconds=8, credentials="channels.guarded_rest.GuardedRestInput:\nchannels.twilio.TwilioChannel:\n",
        extra_env={"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_API_URL": fake.url})
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def show_server_logs_on_failure(request, assistant):
    yield
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        print(assistant.logs())


def webhook_url(assistant):
    return f"http://127.0.0.1:{assistant.rasa_port}/webhooks/twilio/webhook"


def twilio_form(sender, body):
    """What Twilio posts for an incoming SMS or WhatsApp message (blank fields included, as Twilio sends them)."""
    form = {"ToCountry": "US", "ToState": "", "SmsMessageSid": "SM" + "0" * 32, "NumMedia": "0", "ToCity": "",
            "FromZip": "", "SmsSid": "SM" + "0" * 32, "FromState": "", "SmsStatus": "received", "FromCity": "",
            "Body": body, "FromCountry": "GB", "To": CLINIC_NUMBER, "ToZip": "", "NumSegments": "1",
            "MessageSid": "SM" + "0" * 32, "AccountSid": SID, "From": sender, "ApiVersion": "2010-04-01"}
    if sender.startswith("whatsapp:"):
        form.update({"To": f"whatsapp:{CLINIC_NUMBER}", "ProfileName": "Pat", "WaId": sender.split("+")[-1],
                     "MessageType": "text"})
    return form


def post_webhook(assistant, form, token=TOKEN, signed=True):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signed:
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(webhook_url(assistant), form)
    request = urllib.request.Request(webhook_url(assistant), urlencode(form).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get("Content-Type"), answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers.get("Content-Type"), refused.read().decode()


def turn(assistant, fake, sender, text):
    """Sends one message; the bodies the fake received for the sender during the turn."""
    before = len(fake.bodies_to(sender))
    status, content_type, body = post_webhook(assistant, twilio_form(sender, text))
    assert (status, content_type.split(";")[0], body) == (200, "text/xml", '<?xml version="1.0" encoding="UTF-8"?><Response/>')
    return fake.bodies_to(sender)[before:]


def choices(bodies):
    return {title: number for number, title in CHOICE.findall("\n".join(bodies))}


def test_an_emergency_sms_gets_call_112_now_in_its_first_message(assistant, fake):
    bodies = turn(assistant, fake, "+447700900001", "my throat is swelling and I can't breathe properly")
    assert CALL_NOW.match(bodies[0]) and bodies[0].startswith("Call 112 now")
    assert DISCLAIMER in " ".join(bodies).replace("\n", " ")


def test_a_whatsapp_question_answered_by_number_moves_on_to_an_outcome_with_the_disclaimer(assistant, fake):
    patient = "whatsapp:+447700900002"
    bodies = turn(assistant, fake, patient, "a fat blister has come up on my ankle")
    for _ in range(6):
        offered = choices(bodies)
        if not offered:
            break
        number = next((offered[title] for title in PREFERRED_TITLES if title in offered), "1")
        next_bodies = turn(assistant, fake, patient, number)
        assert next_bodies and next_bodies != bodies, "the conversation did not move on"
        assert assistant.user_texts("whatsapp:+447700900002")[-1] != number, "the number was not read as its choice"
        bodies = next_bodies
    assert not choices(bodies) and DISCLAIMER in " ".join(bodies).replace("\n", " ")
    assert {message["From"] for message in fake.messages() if message["To"] == patient} == {f"whatsapp:{CLINIC_NUMBER}"}


def test_an_sms_question_answered_with_a_choice_s_words_is_read_as_that_choice(assistant, fake):
    patient = "+447700900003"
    offered = choices(turn(assistant, fake, patient, "I've had some pain since they froze it"))
    assert "1 to 2 days ago" in offered
    assert turn(assistant, fake, patient, "1 to 2 days ago")
    assert assistant.user_texts("sms:+447700900003")[-1] == "2 days ago"  # the button's payload


def test_no_payload_or_json_is_ever_sent_to_a_patient(assistant, fake):
    sent = [message["Body"] for message in fake.messages()]
    assert len(sent) > 5, "runs after the conversations above"
    assert not [body for body in sent if "{" in body or "}" in body or "triage" in body or '"level"' in body]


def test_every_message_is_within_twilio_s_limit_and_each_sms_one_segment(assistant, fake):
    assert fake.calls and all(call["status"] == 201 for call in fake.calls), "Twilio would have refused one"
    for message in fake.messages():
        body = message["Body"]
        if message["To"].startswith("whatsapp:"):
            assert len(body.encode("utf-16-le")) // 2 <= 1600
        else:
            assert sms_units(body) <= sms_segment_limit(body), body


@pytest.mark.parametrize("how, status", [("unsigned", 401), ("signed with another token", 403),
                                         ("changed after signing", 403)])
def test_an_unsigned_or_wrongly_signed_webhook_is_refused_and_touches_no_conversation(assistant, fake, how, status):
    form = twilio_form("+447700900099", "there is pus coming out and I have a fever")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if how != "unsigned":
        signer = RequestValidator("another-token" if how.startswith("signed") else TOKEN)
        headers["X-Twilio-Signature"] = signer.compute_signature(webhook_url(assistant), form)
    if how == "changed after signing":
        form["From"] = "+447700900098"
    request = urllib.request.Request(webhook_url(assistant), urlencode(form).encode(), headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code == status and "error" in json.loads(refused.value.read())
    assert not [sender for sender in assistant.stored_senders() if "447700900099" in sender or "447700900098" in sender]
    assert not [m for m in fake.messages() if m["To"].endswith(("447700900099", "447700900098"))]


def test_conversation_ids_are_channel_prefixed_and_apart_from_a_rest_sender(assistant, fake):
    number = "+447700900004"
    assert turn(assistant, fake, number, "hello there")
    assert turn(assistant, fake, f"whatsapp:{number}", "hello there")
    assert assistant.say("hello there", sender=number)
    stored = {sender for sender in assistant.stored_senders() if number in sender}
    assert stored == {f"sms:{number}", f"whatsapp:{number}", f"rest:{number}"}
    assert {"sms:+447700900001", "whatsapp:+447700900002"} <= assistant.stored_senders()


def test_a_message_with_no_words_gets_a_polite_answer(assistant, fake):
    [reply] = turn(assistant, fake, "+447700900005", "  ")
    assert reply.startswith("I did not get any words")
