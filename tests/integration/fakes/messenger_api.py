"""A fake of Meta's Send API (POST /{version}/me/messages?access_token=...), on loopback in a thread.

It checks what the real API documents and refuses with the Graph API's error shape: the page token, a
recipient id, messaging_type, a text of at most 2,000 characters, at most 13 quick replies each with
content_type "text", a title of at most 20 characters and a payload of at most 1,000. It answers
{"recipient_id": ..., "message_id": ...} and records every call, refused ones too.
"""
import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, urlparse

HOST = "127.0.0.1"
VERSION = "v19.0"
PAGE_ID = "100200300"
MESSAGE_IDS = itertools.count(1)


def webhook_body(*events: dict) -> bytes:
    """What Meta POSTs to the webhook: one page entry holding ``events``."""
    return json.dumps({"object": "page", "entry": [{"id": PAGE_ID, "time": int(time.time() * 1000),
                                                    "messaging": list(events)}]}).encode()


def message_event(psid: str, text: str = "", quick_reply: str = "", **message) -> dict:
    """A patient's message (a quick reply pressed: its payload, with its title as the text)."""
    message = {"mid": f"m_in_{next(MESSAGE_IDS)}", **({"text": text} if text else {}),
               **({"quick_reply": {"payload": quick_reply}} if quick_reply else {}), **message}
    return {"sender": {"id": psid}, "recipient": {"id": PAGE_ID}, "timestamp": int(time.time() * 1000),
            "message": message}


def signature(app_secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 header Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class Call:
    path: str
    access_token: str
    body: Any
    status: int

    @property
    def recipient(self) -> Optional[str]:
        return ((self.body or {}).get("recipient") or {}).get("id") if isinstance(self.body, dict) else None

    @property
    def message(self) -> Dict[str, Any]:
        return (self.body or {}).get("message") or {} if isinstance(self.body, dict) else {}


def refusal(body: Any) -> Optional[str]:
    """Why the real Send API would refuse ``body`` (error code 100), or None."""
    if not isinstance(body, dict) or not isinstance((body.get("recipient") or {}).get("id"), str):
        return "recipient.id is required"
    if body.get("messaging_type") not in ("RESPONSE", "UPDATE", "MESSAGE_TAG"):
        return "messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG"
    message = body.get("message")
    if not isinstance(message, dict) or not isinstance(message.get("text"), str) or not message["text"].strip():
        return "message.text is required"
    if len(message["text"]) > 2000:
        return "message.text must be at most 2000 characters"
    quick_replies = message.get("quick_replies", [])
    if not isinstance(quick_replies, list) or len(quick_replies) > 13:
        return "at most 13 quick_replies"
    for reply in quick_replies:
        if reply.get("content_type") != "text" or not 0 < len(reply.get("title", "")) <= 20 \
                or not 0 < len(reply.get("payload", "")) <= 1000:
            return "each quick reply needs content_type text, a title of 1-20 and a payload of 1-1000 characters"
    return None


class FakeMessengerApi:
    def __init__(self, access_token: str, version: str = VERSION):
        self.access_token, self.version = access_token, version
        self.calls: List[Call] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                url = urlparse(self.path)
                token = (parse_qs(url.query).get("access_token") or [""])[0]
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                status, answer = fake.answer(url.path, token, body)
                with fake.lock:
                    fake.calls.append(Call(url.path, token, body, status))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, path: str, token: str, body: Any):
        def graph_error(status, code, message):
            return status, {"error": {"message": message, "type": "OAuthException", "code": code,
                                      "fbtrace_id": "fake"}}

        if path != f"/{self.version}/me/messages":
            return graph_error(404, 803, f"unknown path {path}")
        if token != self.access_token:
            return graph_error(400, 190, "Invalid OAuth access token.")
        reason = refusal(body)
        if reason:
            return graph_error(400, 100, reason)
        return 200, {"recipient_id": body["recipient"]["id"], "message_id": f"m_fake_{len(self.calls) + 1}"}

    def calls_to(self, psid: str) -> List[Call]:
        with self.lock:
            return [call for call in self.calls if call.recipient == psid]

    def texts_to(self, psid: str) -> List[str]:
        return [call.message.get("text", "") for call in self.calls_to(psid)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
