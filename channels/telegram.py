"""Telegram, at /webhooks/telegram/webhook: Rasa's Telegram channel with the clinic's checks.

- Switched on by TELEGRAM_ACCESS_TOKEN and TELEGRAM_SECRET_TOKEN in the environment; without them the
  webhook answers 503 and start-up makes no call (the channel is listed in credentials.yml for everyone).
- Every update's X-Telegram-Bot-Api-Secret-Token header must equal TELEGRAM_SECRET_TOKEN, checked first.
- If TELEGRAM_WEBHOOK_URL is set, the server registers it with Telegram at start (setWebhook, with the
  secret). Replies go to the Bot API at TELEGRAM_API_URL (default https://api.telegram.org).
- Private chats only (a patient's health is not for a group). A conversation is "telegram:<user id>".
  "/start", sent when a patient opens the bot, is read as a greeting.
- Choices are inline buttons; a button pressed, a number or a choice's words typed are read as its payload.
  Text is split within Telegram's 4,096 characters; the triage payload is never sent to the patient.
"""
import asyncio
import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, safe_reply, too_long_notice
from channels.messaging import Button, as_choice, channel_sender_id, last_offered_buttons, split_text

logger = logging.getLogger(__name__)
CHANNEL = "telegram"
ACCESS_TOKEN_ENV, SECRET_TOKEN_ENV = "TELEGRAM_ACCESS_TOKEN", "TELEGRAM_SECRET_TOKEN"
WEBHOOK_URL_ENV, API_URL_ENV = "TELEGRAM_WEBHOOK_URL", "TELEGRAM_API_URL"
DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token
TEXT_LIMIT = 4096  # sendMessage's text, in UTF-16 code units
CALLBACK_DATA_BYTES = 64
CHOICE_KEY_PREFIX = "choice#"  # callback_data for a payload over 64 bytes: looked up again when pressed
START = re.compile(r"/start(@\w+)?(\s.*)?", re.S)  # Telegram's first message, when a patient opens the bot
GREETING = "hello"  # what Rasa reads for it: "start" alone would get "Sorry, I didn't understand that"
CHOOSE = "Please choose one:"  # the text of a question that came without one (Telegram needs a text)
SEND_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class TelegramSettings:
    access_token: str
    secret_token: str
    webhook_url: str = ""
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> Optional["TelegramSettings"]:
        """The settings, or None when the bot's token or a valid secret is missing: the channel is then inert."""
        env = os.environ if env is None else env
        value = lambda name: (env.get(name) or "").strip()  # noqa: E731
        if not value(ACCESS_TOKEN_ENV) or not SECRET_FORMAT.fullmatch(value(SECRET_TOKEN_ENV)):
            return None
        return cls(value(ACCESS_TOKEN_ENV), value(SECRET_TOKEN_ENV), value(WEBHOOK_URL_ENV),
                   (value(API_URL_ENV) or DEFAULT_API_URL).rstrip("/"))

    def method_url(self, method: str) -> str:  # holds the token: never logged
        return f"{self.api_url}/bot{self.access_token}/{method}"


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message_parts(text: str) -> List[str]:
    return split_text(text, TEXT_LIMIT, utf16_units)


def callback_data(payload: str) -> str:
    if len(payload.encode()) <= CALLBACK_DATA_BYTES:
        return payload
    return CHOICE_KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]


def inline_keyboard(buttons: List[Button]) -> Dict[str, Any]:
    """One button a row: titles stay readable on a phone."""
    return {"inline_keyboard": [[{"text": str(button.get("title") or button.get("payload", "")),
                                  "callback_data": callback_data(str(button.get("payload", "")))}]
                                for button in buttons]}


def pressed_text(data: str, offered: List[Button], message: Optional[dict]) -> str:
    """What a pressed button says: its payload, looked up again when it was sent as a key; for a key of
    an older question, the button's title on that message (then read as typed)."""
    if not data.startswith(CHOICE_KEY_PREFIX):
        return data
    for button in offered:
        if callback_data(str(button.get("payload", ""))) == data:
            return str(button.get("payload", ""))
    rows = ((message or {}).get("reply_markup") or {}).get("inline_keyboard") or []
    return next((str(key.get("text", "")) for row in rows for key in row
                 if isinstance(key, dict) and key.get("callback_data") == data), "")


def refusal(settings: Optional[TelegramSettings], headers: Mapping[str, str]) -> Optional[HTTPResponse]:
    """The answer to an update that must not reach a conversation, or None when it may."""
    if settings is None:
        return error(503, f"the Telegram channel is not configured: set {ACCESS_TOKEN_ENV} and {SECRET_TOKEN_ENV}")
    given = headers.get(SECRET_HEADER)
    if not given:
        return error(401, f"the {SECRET_HEADER} header is missing")
    if not hmac.compare_digest(given.encode("utf-8", "replace"), settings.secret_token.encode()):
        return error(403, f"the {SECRET_HEADER} header does not match {SECRET_TOKEN_ENV}")
    return None


@dataclass(frozen=True)
class Incoming:
    user_id: int
    text: str  # the message's text or caption, or the pressed button's callback_data
    callback_query_id: str = ""
    message: Optional[dict] = None  # the message whose button was pressed


def incoming_of(update: Any) -> Optional[Incoming]:
    """A private chat's message or button press; None for anything else (groups, edits, channel posts)."""
    if not isinstance(update, dict):
        return None
    query, message = update.get("callback_query"), update.get("message")
    source = query if isinstance(query, dict) else message if isinstance(message, dict) else None
    sender = source.get("from") if source else None
    user_id = sender.get("id") if isinstance(sender, dict) else None
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    chat_message = source.get("message") if source is query else source
    chat = (chat_message or {}).get("chat") if isinstance(chat_message, dict) else None
    if not isinstance(chat, dict) or chat.get("type") != "private" or chat.get("id") != user_id:
        return None
    if source is query:
        return Incoming(user_id, str(query.get("data") or ""), str(query.get("id") or ""), chat_message)
    return Incoming(user_id, str(message.get("text") or message.get("caption") or ""))


def chat_of(recipient_id: str) -> Optional[int]:
    """The chat of a "telegram:<user id>" conversation; None for any other conversation."""
    channel, _, user_id = recipient_id.partition(":")
    return int(user_id) if channel == CHANNEL and re.fullmatch(r"\d+", user_id) else None


class TelegramReplies(OutputChannel):
    """Sends Rasa's replies with the Bot API; ``recipient_id`` is the conversation id."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    def __init__(self, settings: TelegramSettings) -> None:
        self.settings = settings
        self.texts_sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in message_parts(text):
            await self._send(recipient_id, {"text": part})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        *before, last = message_parts(text) or [CHOOSE]
        for part in before:
            await self._send(recipient_id, {"text": part})
        await self._send(recipient_id, {"text": last, "reply_markup": inline_keyboard(buttons)})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """Nothing: the triage payload is for the clinic, in the conversation's events, never for the patient."""

    async def answer_callback_query(self, callback_query_id: str) -> None:
        await self.call("answerCallbackQuery", {"callback_query_id": callback_query_id})

    async def set_webhook(self) -> bool:
        registration = {"url": self.settings.webhook_url, "secret_token": self.settings.secret_token,
                        "allowed_updates": ["message", "callback_query"]}
        return await self.call("setWebhook", registration) is not None

    async def _send(self, recipient_id: str, message: Dict[str, Any]) -> None:
        chat_id = chat_of(recipient_id)
        if chat_id is None:
            logger.error("not sent: conversation %r is not a Telegram chat", recipient_id)
            return
        self.texts_sent += 1
        await self.call("sendMessage", {"chat_id": chat_id, **message})

    async def call(self, method: str, payload: Dict[str, Any]) -> Any:
        """The Bot API's result, or None when the call failed (logged without the message's text)."""
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT_SECONDS)) as session:
                async with session.post(self.settings.method_url(method), json=payload) as answer:
                    reply = await answer.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as failure:  # logged; Rasa goes on
            logger.error("Telegram %s failed: %s", method, type(failure).__name__)
            return None
        if not isinstance(reply, dict) or reply.get("ok") is not True:
            details = reply if isinstance(reply, dict) else {}
            logger.error("Telegram refused %s: HTTP %s, %s", method, answer.status, str(details.get("description"))[:200])
            return None
        return reply.get("result")


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class TelegramChannel(TelegramInput):
    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramChannel":
        return cls(TelegramSettings.from_environment())  # the credentials block holds no secrets

    def __init__(self, settings: Optional[TelegramSettings], limit: Optional[int] = None) -> None:
        super().__init__(settings and settings.access_token, None, settings and settings.webhook_url,
                         debug_mode=False)
        self.settings = settings
        self.limit = limit or max_message_chars()

    def get_output_channel(self) -> Optional[OutputChannel]:  # Rasa's calls setWebhook here, at import time
        return TelegramReplies(self.settings) if self.settings else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_telegram_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer(request, on_new_message)

        if self.settings and self.settings.webhook_url:
            @webhook.listener("after_server_start")
            async def register_webhook(app: Any, loop: Any) -> None:
                if await TelegramReplies(self.settings).set_webhook():
                    logger.info("Telegram webhook registered (%s)", WEBHOOK_URL_ENV)

        return webhook

    async def answer(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        refused = refusal(self.settings, request.headers)
        if refused is not None:
            return refused
        try:
            update = json.loads(request.body.decode("utf-8", "replace"))
        except ValueError:
            return error(400, "the body must be a Telegram update (JSON)")
        incoming = incoming_of(update)
        if incoming is None:
            return response.text("")  # not a private chat's message or button: nothing to answer
        conversation = channel_sender_id(CHANNEL, incoming.user_id)
        output = TelegramReplies(self.settings)
        if incoming.callback_query_id:
            await output.answer_callback_query(incoming.callback_query_id)  # stops the button's spinner
        failed = False
        try:
            buttons = await last_offered_buttons(getattr(request.app.ctx, "agent", None), conversation)
            raw = pressed_text(incoming.text, buttons, incoming.message) if incoming.callback_query_id else \
                GREETING if START.fullmatch(incoming.text.strip()) else incoming.text
            text = patient_text(raw, self.limit)
            if not text.has_words:
                await output.send_text_message(conversation, NO_WORDS)
                return response.text("")
            if text.whole_was_cut:
                await output.send_text_message(conversation, too_long_notice(MAX_WHOLE_CHARS))
            output.texts_sent = 0  # what Rasa sends from here
            await on_new_message(UserMessage(as_choice(text.text, buttons), output, conversation,
                                             input_channel=self.name(), metadata=text.metadata()))
        except Exception:  # logged without the patient's text; the patient gets the safe reply
            logger.error("a Telegram update failed", exc_info=True)
            failed = True
        if failed or not output.texts_sent:
            await output.send_text_message(conversation, safe_reply())
        return response.text("")
