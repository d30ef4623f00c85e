"""Twilio SMS and WhatsApp, at /webhooks/twilio/webhook: Rasa's Twilio channel with the clinic's checks.

- Switched on by TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment; without them the webhook
  answers 503 and nothing else happens (the channel is listed in credentials.yml for everyone).
- Every webhook's X-Twilio-Signature is checked first, against TWILIO_WEBHOOK_URL (the public URL Twilio
  calls) or else the URL the request arrived at.
- A conversation is "sms:<number>" or "whatsapp:<number>"; replies go out through Twilio's REST API
  (TWILIO_API_URL, default https://api.twilio.com) from the number the patient wrote to, and the webhook
  answers with empty TwiML.
- SMS and WhatsApp have no buttons: a question's choices are numbered lines, and a number or a choice's
  words typed back are read as that choice. On SMS each message is one segment; on WhatsApp at most
  1,600 characters. The triage payload is never sent: it stays in the conversation's events.
"""
import asyncio
import hmac
import json
import logging
import os
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text
from urllib.parse import parse_qs, urlparse

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator, add_port, remove_port

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, safe_reply, too_long_notice
from channels.messaging import as_choice, channel_sender_id, last_offered_buttons, numbered_choices, sms_parts, split_text

logger = logging.getLogger(__name__)
ACCOUNT_SID_ENV, AUTH_TOKEN_ENV, NUMBER_ENV = "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER"
WEBHOOK_URL_ENV, API_URL_ENV = "TWILIO_WEBHOOK_URL", "TWILIO_API_URL"
DEFAULT_API_URL = "https://api.twilio.com"
WHATSAPP_PREFIX = "whatsapp:"
MEDIA = ("sms", "whatsapp")
BODY_LIMIT = 1600  # Twilio refuses a longer message body (error 21617)
SIGNATURE_HEADER = "X-Twilio-Signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
SEND_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    default_number: str = ""  # the sender when no webhook names one (Rasa's output_channel=twilio)
    webhook_url: str = ""
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> Optional["TwilioSettings"]:
        """The settings, or None when the account or its token is not set: the channel is then inert."""
        env = os.environ if env is None else env
        value = lambda name: (env.get(name) or "").strip()  # noqa: E731
        if not value(ACCOUNT_SID_ENV) or not value(AUTH_TOKEN_ENV):
            return None
        return cls(value(ACCOUNT_SID_ENV), value(AUTH_TOKEN_ENV), value(NUMBER_ENV), value(WEBHOOK_URL_ENV),
                   (value(API_URL_ENV) or DEFAULT_API_URL).rstrip("/"))

    @property
    def messages_url(self) -> str:
        return f"{self.api_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"


def medium_of(address: str) -> str:
    return "whatsapp" if address.lower().startswith(WHATSAPP_PREFIX) else "sms"


def number_of(address: str) -> str:
    return address[len(WHATSAPP_PREFIX):] if medium_of(address) == "whatsapp" else address


def conversation_of(address: str) -> str:
    """"whatsapp:+4477..." -> "whatsapp:+4477...", "+4477..." -> "sms:+4477...": one phone, two conversations."""
    return channel_sender_id(medium_of(address), number_of(address))


def address_on(medium: str, number: str) -> str:
    """A Twilio address on ``medium``: WhatsApp's with its prefix, an SMS number without."""
    number = number_of(number)
    return f"{WHATSAPP_PREFIX}{number}" if medium == "whatsapp" else number


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message_parts(text: str, medium: str) -> List[str]:
    return sms_parts(text) if medium == "sms" else split_text(text, BODY_LIMIT, utf16_units)


class FormValues(dict):
    """A form's names and all their values; getlist is what Twilio's RequestValidator reads."""

    @classmethod
    def parse(cls, body: bytes) -> "FormValues":
        # Twilio signs blank values too, which Sanic's request.form drops.
        return cls(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))

    def getlist(self, name: str) -> List[str]:
        return self[name]

    def first(self, name: str) -> str:
        return (self.get(name) or [""])[0]


def signature_is_valid(auth_token: str, url: str, form: FormValues, signature: str) -> bool:
    """Twilio's HMAC-SHA1 of the URL and the form, compared in constant time; the URL with and without its
    default port, as Twilio's own RequestValidator.validate accepts both."""
    if not signature:
        return False
    validator, parsed = RequestValidator(auth_token), urlparse(url)
    given = signature.encode("utf-8", "replace")
    matches = [hmac.compare_digest(validator.compute_signature(candidate, form).encode(), given)
               for candidate in (remove_port(parsed), add_port(parsed))]
    return any(matches)


class TwilioReplies(OutputChannel):
    """Sends Rasa's replies to the patient with Twilio's REST API; ``recipient_id`` is the conversation id."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def __init__(self, settings: TwilioSettings, sender_number: str = "") -> None:
        self.settings = settings
        self.sender_number = sender_number or settings.default_number
        self.texts_sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        medium, _, number = recipient_id.partition(":")
        if medium not in MEDIA or not number:  # e.g. Rasa's API asked to reach a REST or widget conversation
            logger.warning("not sent: a %s conversation is not Twilio's", medium or "nameless")
            return
        for part in message_parts(text, medium):
            await self._send(address_on(medium, number), address_on(medium, self.sender_number), part)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, numbered_choices(text, buttons))

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """Nothing: the triage payload is for the clinic, in the conversation's events, never for the patient."""

    async def _send(self, to: str, sender: str, body: str) -> None:
        self.texts_sent += 1
        auth = aiohttp.BasicAuth(self.settings.account_sid, self.settings.auth_token)
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT_SECONDS)) as session:
                async with session.post(self.settings.messages_url, auth=auth,
                                        data={"To": to, "From": sender, "Body": body}) as answer:
                    if answer.status >= 300:
                        logger.error("Twilio refused a message: HTTP %s, Twilio error %s", answer.status,
                                     twilio_error_code(await answer.text()))
        except (aiohttp.ClientError, asyncio.TimeoutError) as failure:  # logged; Rasa goes on
            logger.error("a message could not be sent through Twilio: %s", type(failure).__name__)


def twilio_error_code(body: str) -> Any:
    """The "code" of Twilio's error resource (e.g. 21211: invalid To), without the message's text."""
    try:
        details = json.loads(body)
    except ValueError:
        return None
    return details.get("code") if isinstance(details, dict) else None


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class TwilioChannel(TwilioInput):
    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioChannel":
        return cls(TwilioSettings.from_environment())  # the credentials block holds no secrets

    def __init__(self, settings: Optional[TwilioSettings], limit: Optional[int] = None) -> None:
        super().__init__(settings and settings.account_sid, settings and settings.auth_token,
                         settings and settings.default_number, debug_mode=False)
        self.settings = settings
        self.limit = limit or max_message_chars()

    def get_output_channel(self) -> Optional[OutputChannel]:
        return TwilioReplies(self.settings) if self.settings else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_twilio_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer(request, on_new_message)

        return webhook

    async def answer(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if self.settings is None:
            return error(503, f"the Twilio channel is not configured: set {ACCOUNT_SID_ENV} and {AUTH_TOKEN_ENV}")
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            return error(401, f"the {SIGNATURE_HEADER} header is missing")
        form = FormValues.parse(request.body)
        if not signature_is_valid(self.settings.auth_token, self.settings.webhook_url or request.url, form, signature):
            return error(403, f"the {SIGNATURE_HEADER} header does not match this request (see {WEBHOOK_URL_ENV})")
        if not form.first("From"):
            return error(400, "'From' is missing")
        conversation = conversation_of(form.first("From"))
        output = TwilioReplies(self.settings, form.first("To"))
        text = patient_text(form.first("Body"), self.limit)
        if not text.has_words:
            await output.send_text_message(conversation, NO_WORDS)
            return response.text(EMPTY_TWIML, content_type="text/xml")
        if text.whole_was_cut:
            await output.send_text_message(conversation, too_long_notice(MAX_WHOLE_CHARS))
        failed, output.texts_sent = False, 0  # what Rasa sends from here
        try:
            buttons = await last_offered_buttons(getattr(request.app.ctx, "agent", None), conversation)
            await on_new_message(UserMessage(as_choice(text.text, buttons), output, conversation,
                                             input_channel=self.name(), metadata=text.metadata()))
        except Exception:  # logged without the patient's text; the patient gets the safe reply
            logger.error("a Twilio message failed (%s characters)", len(text.text), exc_info=True)
            failed = True
        if failed or not output.texts_sent:
            await output.send_text_message(conversation, safe_reply())
        return response.text(EMPTY_TWIML, content_type="text/xml")
