"""Facebook Messenger, at Rasa's address for it (/webhooks/facebook/webhook), with the clinic's checks.

- Switched on by FACEBOOK_VERIFY_TOKEN, FACEBOOK_APP_SECRET and FACEBOOK_PAGE_ACCESS_TOKEN; without them the
  webhook answers 503 and start-up makes no call (the channel is listed in credentials.yml for everyone).
- Every POST must carry X-Hub-Signature-256 = "sha256=" + HMAC-SHA256(app secret, raw body), checked first
  (Rasa's channel checks the older SHA-1 header). The GET handshake answers hub.challenge.
- The webhook answers at once and the messages are handled after (Meta retries a slow webhook, and a
  retry would be answered twice); each patient's messages in order, a redelivered message id once.
- Replies go to the Send API at FACEBOOK_API_URL (default https://graph.facebook.com) with aiohttp; Rasa's
  fbmessenger client blocks the server on every send. Choices are quick replies; text is split within 2,000
  characters; the triage payload is never sent to the patient. A conversation is "messenger:<PSID>".
"""
import asyncio
import hashlib
import hmac
import json
import logging
import os
import weakref
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, safe_reply, too_long_notice
from channels.messaging import Button, as_choice, channel_sender_id, last_offered_buttons, numbered_choices, split_text

logger = logging.getLogger(__name__)
CHANNEL = "messenger"
VERIFY_TOKEN_ENV, APP_SECRET_ENV = "FACEBOOK_VERIFY_TOKEN", "FACEBOOK_APP_SECRET"
PAGE_TOKEN_ENV, API_URL_ENV, API_VERSION_ENV = "FACEBOOK_PAGE_ACCESS_TOKEN", "FACEBOOK_API_URL", "FACEBOOK_API_VERSION"
DEFAULT_API_URL, DEFAULT_API_VERSION = "https://graph.facebook.com", "v19.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
TEXT_LIMIT, QUICK_REPLY_LIMIT, TITLE_LIMIT, PAYLOAD_LIMIT = 2000, 13, 20, 1000  # the Send API's limits
CHOOSE = "Please choose one:"  # the text of a question that came without one (quick replies need a text)
SEND_TIMEOUT_SECONDS = 15
REMEMBERED_MESSAGE_IDS = 1000


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def signature_is_valid(app_secret: str, body: bytes, header: Optional[str]) -> bool:
    expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), (header or "").encode("utf-8", "replace"))


def short_title(title: str, limit: int = TITLE_LIMIT) -> str:
    """At most ``limit`` characters, cut after a whole word and marked with "…"."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit - 1]
    if title[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def with_quick_replies(text: str, buttons: List[Button]) -> Tuple[str, List[Dict[str, str]]]:
    """The question's text and its quick replies. Titles that fit are the buttons' own; when one does not
    (or there are more than 13), the text lists every choice in full and numbered, and the quick replies
    carry the numbers and shortened titles (none past the 13th: the patient types its number)."""
    titles = [" ".join(str(b.get("title") or b.get("payload") or "").split()) for b in buttons]
    payloads = [str(b.get("payload") or title)[:PAYLOAD_LIMIT] for b, title in zip(buttons, titles)]
    if len(buttons) <= QUICK_REPLY_LIMIT and all(0 < len(t) <= TITLE_LIMIT for t in titles) \
            and len(set(titles)) == len(titles):
        return text, [{"content_type": "text", "title": t, "payload": p} for t, p in zip(titles, payloads)]
    numbered = [(f"{n}. {t}", p) for n, (t, p) in enumerate(zip(titles, payloads), start=1)]
    return numbered_choices(text, buttons), [{"content_type": "text", "title": short_title(t), "payload": p}
                                             for t, p in numbered[:QUICK_REPLY_LIMIT]]


def psid_of(recipient_id: str) -> Optional[str]:
    """The page-scoped user id of a "messenger:<PSID>" conversation; None for any other conversation."""
    channel, _, psid = recipient_id.partition(":")
    return psid if channel == CHANNEL and psid.isdigit() else None


def incoming_text(event: Dict[str, Any]) -> Optional[Tuple[str, bool]]:
    """(text, whether it is a pressed choice's payload) of a patient's message or postback; None for echoes
    of the page's own messages, deliveries, reads, reactions and anything else."""
    message, postback = event.get("message"), event.get("postback")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None
        pressed = (message.get("quick_reply") or {}).get("payload") if isinstance(message.get("quick_reply"), dict) \
            else None
        if isinstance(pressed, str) and pressed:
            return pressed, True
        text = message.get("text")
        return (text if isinstance(text, str) else ""), False  # a sticker or photo alone: no words
    if isinstance(postback, dict):
        return str(postback.get("payload") or postback.get("title") or ""), True
    return None


def error_code(body: bytes) -> Any:
    """The Graph API error's code (190: bad token, 100: bad parameter, 613: rate limit), if it gave one."""
    try:
        reply = json.loads(body)
    except ValueError:
        return None
    error = reply.get("error") if isinstance(reply, dict) else None
    return error.get("code") if isinstance(error, dict) else None


class SendApi:
    """POST {api}/{version}/me/messages with the page's token (in the URL: never logged)."""

    def __init__(self, page_access_token: str, api_url: str = DEFAULT_API_URL,
                 api_version: str = DEFAULT_API_VERSION) -> None:
        self.url = f"{api_url.rstrip('/')}/{api_version.strip('/')}/me/messages"
        self.page_access_token = page_access_token
        self.session: Optional[aiohttp.ClientSession] = None

    async def send(self, message: Dict[str, Any]) -> bool:
        """Sends one message, once more after a network error, 5xx or 429; False when it was not sent."""
        for _ in range(2):
            if self.session is None or self.session.closed:
                self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SEND_TIMEOUT_SECONDS))
            try:
                async with self.session.post(self.url, params={"access_token": self.page_access_token},
                                             json=message) as answer:
                    if answer.status < 300:
                        return True
                    logger.error("the Messenger Send API refused a message: HTTP %s, error code %s", answer.status,
                                 error_code(await answer.read()))
                    if answer.status < 500 and answer.status != 429:
                        return False
            except (aiohttp.ClientError, asyncio.TimeoutError) as failure:  # its text would hold the URL, the token
                logger.error("the Messenger Send API failed: %s", type(failure).__name__)
        return False

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()


class MessengerReplies(OutputChannel):
    """Sends Rasa's replies with the Send API; ``recipient_id`` is the conversation id."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    def __init__(self, api: SendApi) -> None:
        self.api = api
        self.messages_sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split_text(text, TEXT_LIMIT):
            await self._send(recipient_id, {"text": part})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        text, quick_replies = with_quick_replies(text, buttons)
        *before, last = split_text(text, TEXT_LIMIT) or [CHOOSE]
        for part in before:
            await self._send(recipient_id, {"text": part})
        await self._send(recipient_id, {"text": last, **({"quick_replies": quick_replies} if quick_replies else {})})

    async def send_quick_replies(self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]],
                                 **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_custom_json(self, recipient_id: Text, json_message: Any, **kwargs: Any) -> None:
        """Nothing: the triage payload is for the clinic, in the conversation's events, never for the patient."""

    async def send_attachment(self, recipient_id: Text, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, str):  # Rasa's default would print a dict as JSON
            await super().send_attachment(recipient_id, attachment)

    async def _send(self, recipient_id: str, message: Dict[str, Any]) -> None:
        psid = psid_of(recipient_id)
        if psid is None:
            logger.error("not sent: conversation %r is not a Messenger user", recipient_id)
            return
        self.messages_sent += 1
        await self.api.send({"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message})


class MessengerInput(FacebookInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "MessengerInput":
        value = lambda name: (os.environ.get(name) or "").strip()  # noqa: E731  the block holds no secrets
        return cls(value(VERIFY_TOKEN_ENV), value(APP_SECRET_ENV), value(PAGE_TOKEN_ENV),
                   value(API_URL_ENV) or DEFAULT_API_URL, value(API_VERSION_ENV) or DEFAULT_API_VERSION)

    def __init__(self, verify_token: str, app_secret: str, page_access_token: str, api_url: str = DEFAULT_API_URL,
                 api_version: str = DEFAULT_API_VERSION, limit: Optional[int] = None) -> None:
        super().__init__(verify_token, app_secret, page_access_token)
        self.configured = bool(verify_token and app_secret and page_access_token)
        self.api = SendApi(page_access_token, api_url, api_version) if self.configured else None
        self.limit = limit or max_message_chars()
        self.pending: set = set()  # handling tasks, kept until done
        self.locks: "weakref.WeakValueDictionary[str, asyncio.Lock]" = weakref.WeakValueDictionary()
        self.seen: "OrderedDict[str, None]" = OrderedDict()  # message ids handled, newest last
        if not self.configured:
            logger.warning("the Messenger channel is off: set %s, %s and %s", VERIFY_TOKEN_ENV, APP_SECRET_ENV,
                           PAGE_TOKEN_ENV)

    def get_output_channel(self) -> Optional[OutputChannel]:  # Rasa's builds a blocking fbmessenger client
        return MessengerReplies(self.api) if self.api else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_messenger_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @webhook.route("/webhook", methods=["GET"])
        async def verification(request: Request) -> HTTPResponse:
            return self.verification(request.args.get("hub.mode"), request.args.get("hub.verify_token"),
                                     request.args.get("hub.challenge"))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return self.receive(request.body, request.headers.get(SIGNATURE_HEADER),
                                getattr(request.app.ctx, "agent", None), on_new_message)

        @webhook.listener("after_server_stop")
        async def close_session(app: Any, loop: Any) -> None:
            if self.api:
                await self.api.close()

        return webhook

    def not_configured(self) -> HTTPResponse:
        return error(503, f"the Messenger channel is not configured: set {VERIFY_TOKEN_ENV}, {APP_SECRET_ENV} "
                          f"and {PAGE_TOKEN_ENV}")

    def verification(self, mode: Optional[str], token: Optional[str], challenge: Optional[str]) -> HTTPResponse:
        """Meta's handshake when the webhook is registered: the challenge back if the token is ours."""
        if not self.configured:
            return self.not_configured()
        if mode != "subscribe" or not hmac.compare_digest((token or "").encode("utf-8", "replace"),
                                                          self.fb_verify.encode()):
            return error(403, f"hub.verify_token does not match {VERIFY_TOKEN_ENV}")
        return response.text(challenge or "")

    def receive(self, body: bytes, signature: Optional[str], agent: Any,
                on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        """Checks the signature, then answers at once; the events are handled in a task."""
        if not self.configured:
            return self.not_configured()
        if not signature:
            return error(403, f"the {SIGNATURE_HEADER} header is missing")
        if not signature_is_valid(self.fb_secret, body, signature):
            return error(403, f"the {SIGNATURE_HEADER} header does not match {APP_SECRET_ENV}")
        try:
            update = json.loads(body.decode("utf-8", "replace"))
        except ValueError:
            return error(400, "the body must be a Messenger webhook event (JSON)")
        if not isinstance(update, dict) or update.get("object") != "page" or not isinstance(update.get("entry"), list):
            return error(400, 'the body must be {"object": "page", "entry": [...]}')
        events = [event for entry in update["entry"] if isinstance(entry, dict)
                  for event in (entry.get("messaging") if isinstance(entry.get("messaging"), list) else [])
                  if isinstance(event, dict)]
        task = asyncio.get_running_loop().create_task(self.handle_events(events, agent, on_new_message))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)
        return response.json({"status": "received"})

    def first_time(self, event: Dict[str, Any]) -> bool:
        """False for a message id already handled: Meta redelivers when it saw no answer in time."""
        mid = next((part.get("mid") for part in (event.get("message"), event.get("postback"))
                    if isinstance(part, dict) and part.get("mid")), None)
        if mid is None:
            return True
        if mid in self.seen:
            return False
        self.seen[mid] = None
        while len(self.seen) > REMEMBERED_MESSAGE_IDS:
            self.seen.popitem(last=False)
        return True

    async def handle_events(self, events: List[Dict[str, Any]], agent: Any,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        for event in events:
            sender = event.get("sender")
            conversation = channel_sender_id(CHANNEL, sender.get("id") if isinstance(sender, dict) else None)
            incoming = incoming_text(event)
            if incoming is None or psid_of(conversation) is None or not self.first_time(event):
                continue
            lock = self.locks.setdefault(conversation, asyncio.Lock())
            async with lock:  # a patient's messages in the order they came
                await self.handle(conversation, *incoming, agent, on_new_message)

    async def handle(self, conversation: str, raw: str, pressed: bool, agent: Any,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        output = MessengerReplies(self.api)
        failed = False
        try:
            text = patient_text(raw, self.limit)
            if not text.has_words:
                await output.send_text_message(conversation, NO_WORDS)
                return
            if text.whole_was_cut:
                await output.send_text_message(conversation, too_long_notice(MAX_WHOLE_CHARS))
            output.messages_sent = 0  # what Rasa sends from here
            message = text.text if pressed else as_choice(text.text, await last_offered_buttons(agent, conversation))
            await on_new_message(UserMessage(message, output, conversation, input_channel=self.name(),
                                             metadata=text.metadata()))
        except Exception:  # logged without the patient's text; the patient gets the safe reply
            logger.error("a Messenger message failed", exc_info=True)
            failed = True
        if failed or not output.messages_sent:
            await output.send_text_message(conversation, safe_reply())
