"""A fake of Slack's Web API method chat.postMessage (POST /chat.postMessage, JSON, "Authorization: Bearer <bot
token>"), on loopback in a thread. It checks what Slack documents and refuses as Slack does (HTTP 200 with
{"ok": false, "error": ...}): invalid_auth, channel_not_found, no_text, msg_too_long (40,000 characters),
invalid_blocks (at most 50 blocks, a section's text at most 3,000, at most 25 elements an actions block, a
button's text at most 75 and its value at most 2,000, action ids unique in a block). It answers {"ok": true,
"channel", "ts", "message"} and records every call. Also the requests Slack posts to an app's webhook (Events
API and interactivity), signed as Slack signs them."""
import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlencode

TEAM = "T0CLINIC1"
BOT_USER, BOT_ID, APP_ID = "U0BOTUSER", "B0BOTID01", "A0APPID01"
TEXT_LIMIT, SECTION_TEXT_LIMIT, BLOCKS_LIMIT = 40_000, 3000, 50
BUTTONS_PER_BLOCK, BUTTON_TEXT_LIMIT, BUTTON_VALUE_LIMIT = 25, 75, 2000
_ids = itertools.count(1)


def dm_channel(user: str) -> str:
    return "D" + user[1:]


def event_body(user: str, text: str, kind: str = "message", channel: Optional[str] = None, **event: Any) -> bytes:
    """What the Events API posts when a patient writes to the app (or mentions it, ``kind="app_mention"``)."""
    ts = f"{time.time():.6f}"
    inner = {"type": kind, "user": user, "text": text, "ts": ts, "channel": channel or dm_channel(user),
             "event_ts": ts, **({"channel_type": "im"} if kind == "message" and not channel else {}), **event}
    return json.dumps({"token": "legacy-verification-token", "team_id": TEAM, "api_app_id": APP_ID, "event": inner,
                       "type": "event_callback", "event_id": f"Ev{next(_ids):08d}", "event_time": int(time.time()),
                       "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}]}).encode()


def button_body(user: str, value: str, message: Optional[dict] = None) -> bytes:
    """What interactivity posts when a patient presses a button of ``message`` (form-encoded payload=<JSON>)."""
    payload = {"type": "block_actions", "team": {"id": TEAM, "domain": "clinic"}, "api_app_id": APP_ID,
               "user": {"id": user, "team_id": TEAM, "username": "pat"}, "channel": {"id": dm_channel(user)},
               "container": {"type": "message", "channel_id": dm_channel(user), "message_ts": (message or {}).get("ts")},
               "trigger_id": f"{next(_ids)}.trigger", "response_url": "https://hooks.slack.invalid/actions/1",
               "message": message or {}, "actions": [{"type": "button", "action_id": "choice-1", "block_id": "b1",
                                                      "text": {"type": "plain_text", "text": value}, "value": value,
                                                      "action_ts": f"{time.time():.6f}"}]}
    return urlencode({"payload": json.dumps(payload)}).encode()


def signed_headers(secret: str, body: bytes, form: bool = False, timestamp: Optional[int] = None) -> Dict[str, str]:
    """The headers Slack sends with ``body``: its signature with the app's signing secret."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded" if form else "application/json",
            "X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def blocks_error(blocks: Any) -> Optional[str]:
    if not isinstance(blocks, list) or len(blocks) > BLOCKS_LIMIT:
        return "invalid_blocks"
    for block in blocks:
        if block.get("type") == "section" and len(block.get("text", {}).get("text", "")) > SECTION_TEXT_LIMIT:
            return "invalid_blocks"
        if block.get("type") == "actions":
            elements = block.get("elements") or []
            action_ids = [element.get("action_id") for element in elements if element.get("action_id")]
            if not 1 <= len(elements) <= BUTTONS_PER_BLOCK or len(set(action_ids)) != len(action_ids):
                return "invalid_blocks"
            if any(not 1 <= len(e["text"]["text"]) <= BUTTON_TEXT_LIMIT or len(e.get("value", "")) > BUTTON_VALUE_LIMIT
                   for e in elements):
                return "invalid_blocks"
    return None


class FakeSlackApi:
    def __init__(self, token: str):
        self.token = token
        self.calls: List[dict] = []  # every request: path, payload, and Slack's answer
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def sent_to(self, user: str) -> List[dict]:
        """The messages Slack accepted for a user's DM with the app, in order (as Slack answers them)."""
        with self.lock:
            return [call["answer"]["message"] for call in self.calls
                    if call["answer"].get("ok") and call["payload"].get("channel") == user]

    def texts_to(self, user: str) -> List[str]:
        return [message["text"] for message in self.sent_to(user)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, authorization: str, payload: Any) -> Dict[str, Any]:
        if authorization != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth" if authorization else "not_authed"}
        if path != "/chat.postMessage":
            return {"ok": False, "error": "unknown_method"}
        if not isinstance(payload, dict):
            return {"ok": False, "error": "invalid_json"}
        channel, text, blocks = payload.get("channel"), payload.get("text"), payload.get("blocks")
        if not isinstance(channel, str) or channel[:1] not in ("U", "W", "D", "C"):
            return {"ok": False, "error": "channel_not_found"}
        if not (isinstance(text, str) and text.strip()) and not blocks:
            return {"ok": False, "error": "no_text"}
        if isinstance(text, str) and len(text) > TEXT_LIMIT:
            return {"ok": False, "error": "msg_too_long"}
        if blocks is not None and blocks_error(blocks):
            return {"ok": False, "error": blocks_error(blocks)}
        ts = f"{time.time():.6f}"
        channel = dm_channel(channel) if channel[0] in "UW" else channel
        message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "app_id": APP_ID, "text": text or "",
                   "ts": ts, "team": TEAM, **({"blocks": blocks} if blocks else {})}
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    payload = json.loads(raw or b"{}")
                except ValueError:
                    payload = None
                body = fake.answer(self.path, self.headers.get("Authorization", ""), payload)
                with fake.lock:
                    fake.calls.append({"path": self.path, "payload": payload if isinstance(payload, dict) else {},
                                       "answer": body})
                data = json.dumps(body).encode()
                self.send_response(200)  # Slack answers refusals with 200 and "ok": false too
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet: pytest shows what fails
                pass

        return Handler


def question_of(message: dict) -> Tuple[str, List[dict]]:
    """A sent message's section text and its buttons."""
    blocks = message.get("blocks") or []
    text = next((block["text"]["text"] for block in blocks if block.get("type") == "section"), message.get("text", ""))
    return text, [element for block in blocks if block.get("type") == "actions" for element in block["elements"]]
