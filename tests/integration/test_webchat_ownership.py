"""The widget's socket.io channel: the server issues each conversation, signed; a stranger who offers a
patient's id, or an id of its own, gets a conversation of its own and hears nothing of theirs; browsers
from other origins are refused (issue 10)."""
import asyncio

import pytest
import socketio

from tests.integration.servers import HOST, RunningAssistant

WAIT_SECONDS = 30


@pytest.fixture(scope="module")
def assistant():
    running = RunningAssistant(action_timeout_seconds=8)
    yield running
    running.stop()


class Client:
    def __init__(self, assistant, origin=f"http://{HOST}:8080"):
        self.url, self.origin = f"http://{HOST}:{assistant.rasa_port}", origin
        self.sio = socketio.AsyncClient(reconnection=False)
        self.tokens, self.replies = asyncio.Queue(), []
        self.sio.on("session_confirm", self.tokens.put)
        self.sio.on("bot_uttered", self.replies.append)

    async def connect(self):
        await self.sio.connect(self.url, headers={"Origin": self.origin}, transports=["polling"])  # engineio's websocket client wants a newer aiohttp than Rasa pins

    async def session(self, offered=None):
        await self.sio.emit("session_request", {"session_id": offered})
        return await asyncio.wait_for(self.tokens.get(), WAIT_SECONDS)

    async def say(self, text, token):
        await self.sio.emit("user_uttered", {"message": text, "session_id": token})

    async def triage(self):
        for _ in range(WAIT_SECONDS * 10):
            found = [r["custom"]["triage"] for r in self.replies if isinstance(r.get("custom"), dict)]
            if found:
                return found
            await asyncio.sleep(0.1)
        return []


def test_a_stranger_with_a_patients_id_gets_a_conversation_of_its_own_and_hears_nothing(assistant):
    async def scenario():
        patient, stranger = Client(assistant), Client(assistant)
        await patient.connect()
        await stranger.connect()
        token = await patient.session()
        bare_id = token.split(".")[0]
        stranger_tokens = [await stranger.session(bare_id), await stranger.session("chosen-by-me")]
        await stranger.say("hello", token)  # it writes with the patient's token: only its own counts
        await patient.say("there is pus coming out of the blister", token)
        levels = [t["level"] for t in await patient.triage()]
        await asyncio.sleep(2)
        heard_by_stranger = list(stranger.replies)
        reloaded = Client(assistant)
        await reloaded.connect()
        same_token = await reloaded.session(token)
        for client in (patient, stranger, reloaded):
            await client.sio.disconnect()
        return token, stranger_tokens, levels, heard_by_stranger, same_token

    token, stranger_tokens, levels, heard_by_stranger, same_token = asyncio.run(scenario())
    assert "urgent" in levels
    assert all(t != token and t.split(".")[0] != token.split(".")[0] for t in stranger_tokens)
    assert not any(isinstance(r.get("custom"), dict) and "triage" in r["custom"] for r in heard_by_stranger)
    assert not any("pus" in (r.get("text") or "").lower() for r in heard_by_stranger)
    assert same_token == token, "the patient's own token, after a reload, opens the same conversation"


def test_a_browser_from_another_origin_is_refused(assistant):
    async def scenario():
        client = Client(assistant, origin="https://evil.example")
        try:
            await client.connect()
        except socketio.exceptions.ConnectionError:
            return "refused"
        await client.sio.disconnect()
        return "accepted"

    assert asyncio.run(scenario()) == "refused"
