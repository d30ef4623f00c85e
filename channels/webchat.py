"""The socket.io channel for the website chat widget (web/).

Rasa's own socketio output sends a custom payload as keyword arguments of `emit`, which fails
for ours ({"triage": ...}: emit() takes no `triage` argument), so the widget would never get
the level. This output sends it as {"custom": payload}, the shape the REST channel uses.
Messages pass the checks of channels/guard.py first (length, surrogates, "/commands").
Everything else is Rasa's socketio channel, configured in credentials.yml.
"""
import json
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import NO_WORDS, max_message_chars, patient_text, too_long_notice


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

        # Rasa's handler, with our output; it replaces the one registered above.
        async def handle_message(sid: Text, data: Dict) -> None:
            sender_id = self._sender(sid, data)
            if sender_id is None:
                return
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

        self.sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
        return webhook

    def _sender(self, sid: Text, data: Dict) -> Optional[Text]:
        """The conversation id: the widget's session id, kept across page reloads."""
        if not self.session_persistence:
            return sid
        return data.get("session_id") or None  # Rasa ignores a message with none, and so do we
