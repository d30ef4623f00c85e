"""The widget's socket.io output: our triage payload must arrive, in the REST channel's shape."""
import asyncio

from channels.webchat import WebchatOutput


class RecordingSocketServer:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None, **unexpected):
        assert not unexpected, f"emit() would fail on {sorted(unexpected)}"
        self.emitted.append((event, data, room))


def test_the_triage_payload_is_sent_as_custom_to_the_patients_room():
    sio = RecordingSocketServer()
    payload = {"triage": {"level": "urgent", "symptoms": ["fever"], "rules": ["fever.urgent"]}}
    asyncio.run(WebchatOutput(sio, "bot_uttered").send_custom_json("session-1", payload))
    assert sio.emitted == [("bot_uttered", {"custom": payload}, "session-1")]


def test_buttons_still_arrive_as_quick_replies():
    sio = RecordingSocketServer()
    buttons = [{"title": "Today", "payload": "today"}]
    asyncio.run(WebchatOutput(sio, "bot_uttered").send_text_with_buttons("session-1", "When?", buttons))
    [(_, message, _)] = sio.emitted
    assert message["quick_replies"] == [{"content_type": "text", "title": "Today", "payload": "today"}]
