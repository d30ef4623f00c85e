"""Rasa's REST channel for clinic back ends, at the same address (/webhooks/rest/webhook), with the
checks it leaves out (channels/guard.py): invalid UTF-8 bytes are replaced, not refused; a body that is
not a JSON object, a missing sender, a message that is not text or metadata that is not an object get a
400 with a JSON error, never a 500; a long message is cut before NLU; a failure or no reply at all gets
the safe reply, never `[]`.

If REST_TOKEN is set in the environment, every request must carry "Authorization: Bearer <token>":
the channel is for trusted back ends (`make run` generates one on first run; `make rest-token` prints it).
A REST sender's conversation is "rest:<sender>" in Rasa, apart from the widget's and every messaging
channel's, so no REST call can act on a patient's conversation elsewhere; replies name the sender as sent.
Rasa's own streaming option is not offered.
"""
import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.messaging import channel_sender_id
from channels.guard import (
    MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, replies_or_safe_reply, too_long_notice, without_surrogates,
)

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 128
REST_TOKEN_ENV = "REST_TOKEN"


def conversation_of(sender: str) -> str:
    return channel_sender_id("rest", sender)


def json_body(raw: bytes) -> Any:
    """The body as JSON, with invalid UTF-8 bytes replaced rather than the message refused (a patient's
    phone may send one broken character); None when it is no JSON at all."""
    try:
        return json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        return None


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "GuardedRestInput":
        return cls(token=os.environ.get(REST_TOKEN_ENV, "").strip() or None)

    def __init__(self, token: Optional[str] = None, limit: Optional[int] = None) -> None:
        self.token = token
        self.limit = limit or max_message_chars()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.token and not hmac.compare_digest(request.headers.get("authorization", "").encode(),
                                                      f"Bearer {self.token}".encode()):
                return error(401, "a valid 'Authorization: Bearer <token>' header is required")
            body = json_body(request.body)
            if not isinstance(body, dict):
                return error(400, 'the body must be a JSON object: {"sender": "...", "message": "..."}')
            sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return error(400, f"'sender' must be a non-empty string of at most {MAX_SENDER_CHARS} characters")
            if not isinstance(message, str):
                return error(400, "'message' must be a string")
            if metadata is not None and not isinstance(metadata, dict):
                return error(400, "'metadata' must be a JSON object")
            sender = without_surrogates(sender)
            text = patient_text(message, self.limit)
            if not text.has_words:
                return response.json([{"recipient_id": sender, "text": NO_WORDS}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text.text, collector, conversation_of(sender),
                                                 input_channel=self.name(), metadata=text.metadata(metadata)))
            except Exception:  # logged without the patient's text; the patient gets the safe reply
                logger.error("a REST message failed (%s characters)", len(text.text), exc_info=True)
                collector.messages = []
            replies = [{**reply, "recipient_id": sender}  # as the client named it, not Rasa's "rest:" id
                       for reply in replies_or_safe_reply(collector.messages, sender)]
            if text.whole_was_cut:
                replies = [{"recipient_id": sender, "text": too_long_notice(MAX_WHOLE_CHARS)}] + replies
            return response.json(replies)

        return webhook
