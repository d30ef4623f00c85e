"""The socket.io channel for the website chat widget (web/).

Rasa's own socketio output sends a custom payload as keyword arguments of `emit`, which fails
for ours ({"triage": ...}: emit() takes no `triage` argument), so the widget would never get
the level. This output sends it as {"custom": payload}, the shape the REST channel uses.
Messages pass the checks of channels/guard.py first (length, surrogates, "/commands"). The server
issues each conversation's id, signed, and a socket writes to and hears from only its own
(channels/session_ids.py); browsers are accepted from ALLOWED_ORIGINS only.
Everything else is Rasa's socketio channel, configured in credentials.yml.
"""
import json
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import NO_WORDS, max_message_chars, patient_text, too_long_notice
from channels.session_ids import SessionIds, allowed_origins


class WebchatOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebchatInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        self.limit = max_message_chars()
        self.session_ids = SessionIds.from_environment()
        self.conversations: Dict[Text, Text] = {}  # socket id -> the conversation it may use
        self.sio.eio.cors_allowed_origins = allowed_origins()  # Rasa's server accepts any origin

        # Rasa's handlers, replaced: the server issues the conversation, and a socket writes only to its own.
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            token = (data or {}).get("session_id") if isinstance(data, dict) else None
            if self.session_ids.sender_of(token) is None:
                token = self.session_ids.new_token()
            sender_id = self.session_ids.sender_of(token)
            previous = self.conversations.get(sid)
            if previous and previous != sender_id:
                self.sio.leave_room(sid, previous, namespace=self.namespace)
            self.conversations[sid] = sender_id
            self.sio.enter_room(sid, sender_id, namespace=self.namespace)
            await self.sio.emit("session_confirm", token, room=sid, namespace=self.namespace)

        async def disconnect(sid: Text) -> None:
            self.conversations.pop(sid, None)

        async def handle_message(sid: Text, data: Dict) -> None:
            sender_id = self.conversations.get(sid)
            if sender_id is None or not isinstance(data, dict):
                return  # no session_request yet: Rasa ignores such a message too
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            output = WebchatOutput(self.sio, self.bot_message_evt)
            message = data.get("message")
            text = patient_text(message if isinstance(message, str) else "", self.limit)
            if not text.has_words:
                await output.send_text_message(sender_id, NO_WORDS)
                return
            if text.was_cut:
                await output.send_text_message(sender_id, too_long_notice(self.limit))
            await on_new_message(UserMessage(text.text, output, sender_id, input_channel=self.name(),
                                             metadata=metadata))

        self.sio.on("session_request", handler=session_request, namespace=self.namespace)
        self.sio.on("disconnect", handler=disconnect, namespace=self.namespace)
        self.sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return webhook
