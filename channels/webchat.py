"""The socket.io channel for the website chat widget (web/).

Rasa's own socketio output sends a custom payload as keyword arguments of `emit`, which fails
for ours ({"triage": ...}: emit() takes no `triage` argument), so the widget would never get
the level. This output sends it as {"custom": payload}, the shape the REST channel uses.
Messages pass the checks of channels/guard.py first (length, surrogates, "/commands"). The server
issues each conversation's id, signed, and a socket writes to and hears from only its own
(channels/session_ids.py); browsers are accepted from ALLOWED_ORIGINS only.
Everything else is Rasa's socketio channel, configured in credentials.yml.

The channel replaces the socket.io handlers Rasa's channel registers and sets the engine.io origin check,
neither of which Rasa or python-socketio offers as a setting. When the channel is built (at the server's
start) it checks that Rasa still registers exactly the events it replaces, that the handlers answering
them afterwards are ours, and that the origin check is still read where it is set; if not, it stops the
server with RasaInternalsMoved naming what moved. A silent miss would leave Rasa's handlers answering,
and any socket could then write to and hear from any patient's conversation.
"""
import inspect
import json
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

import channels.rasa_patches  # noqa: F401  bounds the action-server wait wherever Rasa loads this channel
from channels.guard import MAX_WHOLE_CHARS, NO_WORDS, max_message_chars, patient_text, too_long_notice
from channels.rasa_patches import RasaInternalsMoved
from channels.session_ids import SessionIds, allowed_origins

# What Rasa's SocketIOInput keeps on itself, read by the handlers below.
RASA_CHANNEL_ATTRIBUTES = ("sio", "namespace", "user_message_evt", "bot_message_evt", "metadata_key")
KEPT_RASA_EVENTS = ("connect",)  # Rasa's: it admits a socket (or checks its JWT) and opens no conversation


class WebchatOutput(SocketIOOutput):
    def __init__(self, sio: Any, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self.sio, self.bot_message_evt = sio, bot_message_evt  # ours to read, whatever Rasa calls its own

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


def accept_origins(sio: Any, allowed: Callable[[str], bool]) -> None:
    """Sets engine.io's origin check on the server Rasa built (Rasa builds it accepting any origin)."""
    eio = getattr(sio, "eio", None)
    handle_request = getattr(type(eio), "handle_request", None)
    if eio is None or not hasattr(eio, "cors_allowed_origins") or handle_request is None or \
            "self.cors_allowed_origins" not in inspect.getsource(handle_request):
        raise RasaInternalsMoved("socketio.AsyncServer.eio.cors_allowed_origins is gone or no longer read by "
                                 "engineio's handle_request: the widget's channel would accept browsers from "
                                 "any origin (channels/webchat.py)")
    eio.cors_allowed_origins = allowed


def replace_rasas_handlers(sio: Any, namespace: Optional[Text], ours: Mapping[Text, Callable],
                           kept: Sequence[Text] = KEPT_RASA_EVENTS) -> None:
    """Puts our handlers in place of Rasa's, and checks that no handler of Rasa's answers in their stead."""
    key = namespace or "/"
    expected = sorted(set(ours) | set(kept))

    def registered() -> Dict[Text, Callable]:
        handlers = getattr(sio, "handlers", None)
        found = handlers.get(key) if isinstance(handlers, dict) else None
        if not isinstance(found, dict):
            raise RasaInternalsMoved(f"socketio.AsyncServer.handlers[{key!r}] is gone: Rasa's socket.io handlers "
                                     "cannot be replaced (channels/webchat.py)")
        return found

    if sorted(registered()) != expected:
        raise RasaInternalsMoved(f"rasa.core.channels.socketio.SocketIOInput.blueprint registers handlers for "
                                 f"{sorted(registered())}, not {expected}: Rasa's handlers would answer in place of "
                                 "the conversation-ownership check (channels/webchat.py)")
    if key in (getattr(sio, "namespace_handlers", None) or {}):
        raise RasaInternalsMoved(f"Rasa's socket.io server has a namespace handler for {key!r}: it would answer "
                                 "in place of the conversation-ownership check (channels/webchat.py)")
    for event, handler in ours.items():
        sio.on(event, handler=handler, namespace=namespace)
    still_rasas = sorted(event for event, handler in ours.items() if registered().get(event) is not handler)
    if still_rasas or sorted(registered()) != expected:
        raise RasaInternalsMoved(f"socketio.AsyncServer.on did not replace Rasa's handlers for "
                                 f"{still_rasas or expected}: Rasa's handlers would answer in place of the "
                                 "conversation-ownership check (channels/webchat.py)")


class WebchatInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        missing = [name for name in RASA_CHANNEL_ATTRIBUTES if not hasattr(self, name)]
        if missing or self.sio is None:
            raise RasaInternalsMoved(f"rasa.core.channels.socketio.SocketIOInput no longer keeps "
                                     f"{', '.join(missing or ['sio'])} (channels/webchat.py)")
        self.limit = max_message_chars()
        self.session_ids = SessionIds.from_environment()
        self.conversations: Dict[Text, Text] = {}  # socket id -> the conversation it may use
        accept_origins(self.sio, allowed_origins())  # Rasa's server accepts any origin

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
            if text.whole_was_cut:
                await output.send_text_message(sender_id, too_long_notice(MAX_WHOLE_CHARS))
            await on_new_message(UserMessage(text.text, output, sender_id, input_channel=self.name(),
                                             metadata=text.metadata(metadata)))

        replace_rasas_handlers(self.sio, self.namespace, {"session_request": session_request, "disconnect": disconnect,
                                                          self.user_message_evt: handle_message})
        return webhook
