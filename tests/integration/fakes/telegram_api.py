"""A fake of Telegram's Bot API on loopback: POST /bot<token>/<method> with a JSON body, answered as the Bot API
does, {"ok": true, "result": ...} (a Message object for sendMessage, true for answerCallbackQuery and
setWebhook), or {"ok": false, "error_code", "description"} for what Telegram refuses (a wrong token, an
empty or too long text, callback_data over 64 bytes). Every call is recorded. Also the updates Telegram posts
to a bot's webhook, to send to the assistant."""
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional

TEXT_LIMIT = 4096
CALLBACK_DATA_BYTES = 64
BOT = {"id": 7000000001, "is_bot": True, "first_name": "Clinic", "username": "clinic_triage_bot"}
_update_ids = itertools.count(100000)


def private_chat(user_id: int) -> dict:
    return {"id": user_id, "first_name": "Pat", "type": "private"}


def user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Pat", "language_code": "en"}


def message_update(user_id: int, text: str, chat: Optional[dict] = None) -> dict:
    """What Telegram posts when a patient writes to the bot."""
    return {"update_id": next(_update_ids), "message": {
        "message_id": next(_update_ids), "from": user(user_id), "chat": chat or private_chat(user_id),
        "date": int(time.time()), "text": text}}


def callback_update(user_id: int, bot_message: dict, data: str) -> dict:
    """What Telegram posts when a patient presses an inline button of ``bot_message`` (a sendMessage result)."""
    return {"update_id": next(_update_ids), "callback_query": {
        "id": str(next(_update_ids)), "from": user(user_id), "message": bot_message,
        "chat_instance": "-1234567890", "data": data}}


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeTelegramApi:
    def __init__(self, token: str):
        self.token = token
        self.calls: List[dict] = []  # every request: method, status, payload and result
        self.lock = threading.Lock()
        self.message_ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def calls_of(self, method: str) -> List[dict]:
        with self.lock:
            return [call for call in self.calls if call["method"] == method]

    def sent_to(self, chat_id: int) -> List[dict]:
        """The Message objects sent to a chat, in order (with their reply_markup)."""
        return [call["result"] for call in self.calls_of("sendMessage")
                if call["status"] == 200 and call["result"]["chat"]["id"] == chat_id]

    def texts_to(self, chat_id: int) -> List[str]:
        return [message["text"] for message in self.sent_to(chat_id)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, payload: Dict[str, Any]) -> tuple:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix):]
        if method == "sendMessage":
            return self.send_message(payload)
        if method == "answerCallbackQuery":
            if not payload.get("callback_query_id"):
                return 400, bad_request("query is too old and response timeout expired or query ID is invalid")
            return 200, {"ok": True, "result": True}
        if method == "setWebhook":
            if not str(payload.get("url", "")).startswith("https://"):
                return 400, bad_request("bad webhook: An HTTPS URL must be provided for webhook")
            return 200, {"ok": True, "result": True, "description": "Webhook was set"}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def send_message(self, payload: Dict[str, Any]) -> tuple:
        chat_id, text = payload.get("chat_id"), payload.get("text")
        if not isinstance(chat_id, (int, str)) or not str(chat_id).lstrip("-").isdigit():
            return 400, bad_request("chat not found")
        if not isinstance(text, str) or not text.strip():
            return 400, bad_request("message text is empty")
        if utf16_units(text) > TEXT_LIMIT:
            return 400, bad_request("message is too long")
        markup = payload.get("reply_markup")
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                if not 1 <= len(str(button.get("callback_data", "")).encode()) <= CALLBACK_DATA_BYTES:
                    return 400, bad_request("BUTTON_DATA_INVALID")
        message = {"message_id": next(self.message_ids), "from": BOT, "chat": private_chat(int(chat_id)),
                   "date": int(time.time()), "text": text}
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return 200, {"ok": True, "result": message}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    payload = json.loads(raw or b"{}")
                except ValueError:
                    payload = None
                if isinstance(payload, dict):
                    status, body = fake.answer(self.path, payload)
                else:
                    status, body = 400, bad_request("can't parse JSON")
                with fake.lock:
                    fake.calls.append({"method": self.path.rsplit("/", 1)[-1], "status": status,
                                       "payload": payload, "result": body.get("result")})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet: pytest shows what fails
                pass

        return Handler


def bad_request(description: str) -> dict:
    return {"ok": False, "error_code": 400, "description": f"Bad Request: {description}"}
