"""Slack, at Rasa's address for it (/webhooks/slack/webhook), with the clinic's checks.

- Switched on by SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; without them the webhook answers 503 and start-up
  makes no call (the channel is listed in credentials.yml for everyone).
- Every POST, the url_verification handshake included, must carry X-Slack-Signature = "v0=" + HMAC-SHA256(signing
  secret, "v0:{X-Slack-Request-Timestamp}:{raw body}") with a timestamp within 5 minutes: checked first, 401
  otherwise (Rasa's check answers 400).
- Slack retries a webhook not answered within 3 s: the webhook answers at once and handles the message after,
  each patient's messages in order. A retry is ignored unless Slack says the first delivery never connected
  (Rasa's ignores only timeouts), and an event id is handled once.
- Direct messages and mentions of the app are read; replies always go to the patient's direct messages with the
  app (chat.postMessage to the user id), never to a shared channel. A conversation is "slack:<team>:<user>".
- Choices are buttons (an actions block); a button pressed, a number or a choice's words typed are read as its
  payload. Text is split within 3,000 characters; the triage payload is never sent to the patient.
"""
import asyncio
import hashlib
import hmac
import json
import logging
import os
import re
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, safe_reply, too_long_notice
from channels.messaging import Button, as_choice, channel_sender_id, last_offered_buttons, split_text

logger = logging.getLogger(__name__)
CHANNEL = "slack"
BOT_TOKEN_ENV, SIGNING_SECRET_ENV, API_URL_ENV = "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"
DEFAULT_API_URL = "https://slack.com/api/"
SIGNATURE_HEADER, TIMESTAMP_HEADER = "X-Slack-Signature", "X-Slack-Request-Timestamp"
RETRY_NUM_HEADER, RETRY_REASON_HEADER = "X-Slack-Retry-Num", "X-Slack-Retry-Reason"
MAX_SIGNATURE_AGE_SECONDS = 5 * 60
NEVER_DELIVERED = {"connection_failed", "ssl_error"}  # retry reasons for which no server saw the first attempt
SECTION_TEXT_LIMIT, BUTTON_TEXT_LIMIT, BUTTON_VALUE_LIMIT, BUTTONS_PER_BLOCK = 3000, 75, 2000, 25  # Slack's limits
CHOOSE = "Please choose one:"  # the text of a question that came without one
SLACK_ID = re.compile(r"[A-Z0-9]{2,40}")
SEND_TIMEOUT_SECONDS = 15
REMEMBERED_EVENT_IDS = 1000


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> Optional["SlackSettings"]:
        """The settings, or None when the token or the signing secret is missing: the channel is then inert."""
        env = os.environ if env is None else env
        value = lambda name: (env.get(name) or "").strip()  # noqa: E731
        if not value(BOT_TOKEN_ENV) or not value(SIGNING_SECRET_ENV):
            return None
        return cls(value(BOT_TOKEN_ENV), value(SIGNING_SECRET_ENV),
                   (value(API_URL_ENV) or DEFAULT_API_URL).rstrip("/") + "/")  # slack_sdk joins method names to it


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def signature_is_valid(signing_secret: str, timestamp: Optional[str], body: bytes, signature: Optional[str],
                       now: Optional[float] = None) -> bool:
    try:
        age = abs((time.time() if now is None else now) - int(timestamp or ""))
    except ValueError:
        return False
    if age > MAX_SIGNATURE_AGE_SECONDS:  # an old request replayed
        return False
    signed = f"v0:{timestamp}:".encode() + body
    expected = "v0=" + hmac.new(signing_secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (signature or "").encode("utf-8", "replace"))


def refusal(settings: Optional[SlackSettings], headers: Mapping[str, str], body: bytes,
            now: Optional[float] = None) -> Optional[HTTPResponse]:
    """The answer to a request that must not reach a conversation, or None when it may."""
    if settings is None:
        return error(503, f"the Slack channel is not configured: set {BOT_TOKEN_ENV} and {SIGNING_SECRET_ENV}")
    if not headers.get(SIGNATURE_HEADER) or not headers.get(TIMESTAMP_HEADER):
        return error(401, f"the {SIGNATURE_HEADER} and {TIMESTAMP_HEADER} headers are required")
    if not signature_is_valid(settings.signing_secret, headers.get(TIMESTAMP_HEADER), body,
                              headers.get(SIGNATURE_HEADER), now):
        return error(401, f"{SIGNATURE_HEADER} does not match {SIGNING_SECRET_ENV}, or the request is over 5 minutes old")
    return None


@dataclass(frozen=True)
class Incoming:
    team_id: str
    user_id: str
    text: str
    pressed: bool = False  # a button's value: the payload itself
    event_id: str = ""


def incoming_event(envelope: Any) -> Optional[Incoming]:
    """A patient's direct message or mention of the app; None for the app's own messages, edits, joins and
    anything else. A mention in a direct message is read once, as the message."""
    if not isinstance(envelope, dict) or envelope.get("type") != "event_callback":
        return None
    event = envelope.get("event")
    if not isinstance(event, dict) or event.get("bot_id") or event.get("subtype") not in (None, "file_share"):
        return None
    kind, channel = event.get("type"), str(event.get("channel") or "")
    if not (kind == "message" and event.get("channel_type") == "im" or kind == "app_mention" and channel[:1] != "D"):
        return None
    team_id, user_id = str(envelope.get("team_id") or ""), str(event.get("user") or "")
    if not SLACK_ID.fullmatch(team_id) or not SLACK_ID.fullmatch(user_id):
        return None
    authorizations, authed = envelope.get("authorizations"), envelope.get("authed_users")
    app_users = [a.get("user_id") for a in authorizations if isinstance(a, dict) and isinstance(a.get("user_id"), str)] \
        if isinstance(authorizations, list) else []
    app_users += [user for user in authed if isinstance(user, str)] if isinstance(authed, list) else []
    text = event.get("text") if isinstance(event.get("text"), str) else ""
    text = unescaped(SlackInput._sanitize_user_message(text, app_users))  # the app's own mention dropped
    return Incoming(team_id, user_id, text, event_id=str(envelope.get("event_id") or ""))


def incoming_action(payload: Any) -> Optional[Incoming]:
    """A button pressed (an interactivity payload of type block_actions); None for anything else."""
    if not isinstance(payload, dict) or payload.get("type") != "block_actions":
        return None
    actions = payload.get("actions")
    user = payload.get("user") if isinstance(payload.get("user"), dict) else {}
    team = payload.get("team") if isinstance(payload.get("team"), dict) else {}
    action = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
    user_id, team_id = str(user.get("id") or ""), str(team.get("id") or user.get("team_id") or "")
    if action.get("type") != "button" or not isinstance(action.get("value"), str):
        return None
    if not SLACK_ID.fullmatch(team_id) or not SLACK_ID.fullmatch(user_id):
        return None
    return Incoming(team_id, user_id, action["value"], pressed=True)


def user_of(recipient_id: str) -> Optional[str]:
    """The Slack user of a "slack:<team>:<user>" conversation; None for any other conversation."""
    channel, _, rest = recipient_id.partition(":")
    team_id, _, user_id = rest.partition(":")
    return user_id if channel == CHANNEL and SLACK_ID.fullmatch(team_id) and SLACK_ID.fullmatch(user_id) else None


def escaped(text: str) -> str:
    """Slack reads <...> in a message's text as links and mentions: its three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescaped(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def message_parts(text: str) -> List[str]:
    return split_text(text, SECTION_TEXT_LIMIT)


def question_blocks(text: str, buttons: List[Button]) -> List[Dict[str, Any]]:
    """The question as a section, then its buttons, at most 25 an actions block."""
    elements = [{"type": "button", "action_id": f"choice-{number}",
                 "text": {"type": "plain_text", "text": short(str(b.get("title") or b.get("payload") or "?"),
                                                              BUTTON_TEXT_LIMIT)},
                 "value": str(b.get("payload") or b.get("title") or "")[:BUTTON_VALUE_LIMIT]}
                for number, b in enumerate(buttons, start=1)]
    return [{"type": "section", "text": {"type": "plain_text", "text": text}},
            *({"type": "actions", "elements": elements[start:start + BUTTONS_PER_BLOCK]}
              for start in range(0, len(elements), BUTTONS_PER_BLOCK))]


class SlackReplies(SlackBot):
    """Sends Rasa's replies with chat.postMessage to the patient's direct messages; ``recipient_id`` is the
    conversation id."""

    def __init__(self, settings: SlackSettings) -> None:
        super().__init__(settings.bot_token)
        self.client = AsyncWebClient(token=settings.bot_token, base_url=settings.api_url, timeout=SEND_TIMEOUT_SECONDS)
        self.messages_sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in message_parts(text):
            await self.post(recipient_id, text=escaped(part))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        *before, last = message_parts(text) or [CHOOSE]
        for part in before:
            await self.post(recipient_id, text=escaped(part))
        await self.post(recipient_id, text=escaped(last), blocks=question_blocks(last, buttons))

    async def send_custom_json(self, recipient_id: Text, json_message: Any, **kwargs: Any) -> None:
        """Nothing: the triage payload is for the clinic, in the conversation's events, never for the patient."""

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_attachment(self, recipient_id: Text, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, str):  # Rasa's would post a dict as Slack attachment fields
            await self.send_text_message(recipient_id, attachment)

    async def post(self, recipient_id: str, **message: Any) -> None:
        user_id = user_of(recipient_id)
        if user_id is None:
            logger.error("not sent: conversation %r is not a Slack user", recipient_id)
            return
        self.messages_sent += 1
        try:
            await self.client.chat_postMessage(channel=user_id, **message)  # a user id: the app's DM with them
        except SlackApiError as refused:  # logged without the message's text; Rasa goes on
            logger.error("Slack refused chat.postMessage: %s", str(refused.response.get("error"))[:100])
        except (aiohttp.ClientError, asyncio.TimeoutError) as failure:
            logger.error("Slack chat.postMessage failed: %s", type(failure).__name__)


class SlackChannel(SlackInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SlackChannel":
        return cls(SlackSettings.from_environment())  # the credentials block holds no secrets

    def __init__(self, settings: Optional[SlackSettings], limit: Optional[int] = None) -> None:
        super().__init__(settings and settings.bot_token, slack_signing_secret=settings and settings.signing_secret)
        self.settings = settings
        self.limit = limit or max_message_chars()
        self.pending: set = set()  # handling tasks, kept until done
        self.locks: "weakref.WeakValueDictionary[str, asyncio.Lock]" = weakref.WeakValueDictionary()
        self.seen: "OrderedDict[str, None]" = OrderedDict()  # event ids handled, newest last
        if settings is None:
            logger.warning("the Slack channel is off: set %s and %s", BOT_TOKEN_ENV, SIGNING_SECRET_ENV)

    def _validate_credentials(self) -> None:
        """Rasa's stops the server without a signing secret; ours stays inert instead (answers 503)."""

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> Optional[OutputChannel]:
        return SlackReplies(self.settings) if self.settings else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_slack_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return self.receive(request.headers, request.body, getattr(request.app.ctx, "agent", None), on_new_message)

        return webhook

    def receive(self, headers: Mapping[str, str], body: bytes, agent: Any,
                on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        """Checks the signature, then answers at once; the message is handled in a task."""
        refused = refusal(self.settings, headers, body)
        if refused is not None:
            return refused
        text = body.decode("utf-8", "replace")
        try:
            if "x-www-form-urlencoded" in (headers.get("content-type") or ""):
                incoming = incoming_action(json.loads((parse_qs(text).get("payload") or ["{}"])[0]))
            else:
                envelope = json.loads(text)
                if isinstance(envelope, dict) and envelope.get("type") == "url_verification":
                    return response.json({"challenge": envelope.get("challenge")})
                incoming = incoming_event(envelope)
        except ValueError:
            return error(400, "the body must be a Slack event (JSON) or an interactivity payload")
        if incoming is None:
            return response.text("")
        if not self.first_time(incoming, headers):
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        task = asyncio.get_running_loop().create_task(self.handle_in_order(incoming, agent, on_new_message))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)
        return response.text("")

    def first_time(self, incoming: Incoming, headers: Mapping[str, str]) -> bool:
        """False for an event already handled here, and for a retry unless its first delivery never connected:
        after a timeout the first is being handled (on this server or another of a cluster)."""
        if incoming.event_id in self.seen:
            return False
        if headers.get(RETRY_NUM_HEADER) and headers.get(RETRY_REASON_HEADER) not in NEVER_DELIVERED:
            logger.info("ignored Slack's retry #%s (%s)", headers.get(RETRY_NUM_HEADER), headers.get(RETRY_REASON_HEADER))
            return False
        if incoming.event_id:
            self.seen[incoming.event_id] = None
            while len(self.seen) > REMEMBERED_EVENT_IDS:
                self.seen.popitem(last=False)
        return True

    async def handle_in_order(self, incoming: Incoming, agent: Any,
                              on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        conversation = channel_sender_id(CHANNEL, f"{incoming.team_id}:{incoming.user_id}")
        lock = self.locks.setdefault(conversation, asyncio.Lock())
        async with lock:  # a patient's messages in the order they came
            await self.handle(conversation, incoming, agent, on_new_message)

    async def handle(self, conversation: str, incoming: Incoming, agent: Any,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        output = SlackReplies(self.settings)
        failed = False
        try:
            text = patient_text(incoming.text, self.limit)
            if not text.has_words:
                await output.send_text_message(conversation, NO_WORDS)
                return
            if text.whole_was_cut:
                await output.send_text_message(conversation, too_long_notice(MAX_WHOLE_CHARS))
            output.messages_sent = 0  # what Rasa sends from here
            message = text.text if incoming.pressed else \
                as_choice(text.text, await last_offered_buttons(agent, conversation))
            await on_new_message(UserMessage(message, output, conversation, input_channel=self.name(),
                                             metadata=text.metadata()))
        except Exception:  # logged without the patient's text; the patient gets the safe reply
            logger.error("a Slack message failed", exc_info=True)
            failed = True
        if failed or not output.messages_sent:
            await output.send_text_message(conversation, safe_reply())
