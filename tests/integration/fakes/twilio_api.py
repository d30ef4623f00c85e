"""A fake of Twilio's Messages API on loopback: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with form
fields To, From, Body and HTTP basic auth (AccountSid:AuthToken), answered 201 with a message resource,
or with Twilio's error resource for what Twilio refuses (bad auth, a missing field, a body over 1,600
characters, an SMS and a WhatsApp address mixed). Every call is recorded."""
import base64
import json
import secrets
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional
from urllib.parse import parse_qs

BODY_LIMIT = 1600


def twilio_error(status: int, code: int, message: str) -> dict:
    return {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status}


class FakeTwilioApi:
    def __init__(self, account_sid: str, auth_token: str):
        self.account_sid, self.auth_token = account_sid, auth_token
        self.calls: List[dict] = []  # every request: path, status and form
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def messages(self) -> List[Dict[str, str]]:
        """The messages accepted, in the order they came: To, From, Body."""
        with self.lock:
            return [call["form"] for call in self.calls if call["status"] == 201]

    def bodies_to(self, address: str) -> List[str]:
        return [message["Body"] for message in self.messages() if message["To"] == address]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, authorization: Optional[str], form: Dict[str, str]) -> tuple:
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if authorization != expected:
            return 401, twilio_error(401, 20003, "Authenticate")
        if path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, twilio_error(404, 20404, "The requested resource was not found")
        if not form.get("To"):
            return 400, twilio_error(400, 21604, "A 'To' phone number is required.")
        if not form.get("From"):
            return 400, twilio_error(400, 21603, "A 'From' phone number is required.")
        if not form.get("Body"):
            return 400, twilio_error(400, 21602, "Message body is required.")
        if len(form["Body"].encode("utf-16-le")) // 2 > BODY_LIMIT:
            return 400, twilio_error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        if form["To"].startswith("whatsapp:") != form["From"].startswith("whatsapp:"):
            return 400, twilio_error(400, 21910, "Invalid From and To pair. From and To should be of the same channel")
        sid = "SM" + secrets.token_hex(16)
        return 201, {
            "sid": sid, "account_sid": self.account_sid, "to": form["To"], "from": form["From"], "body": form["Body"],
            "status": "queued", "direction": "outbound-api", "api_version": "2010-04-01", "num_media": "0",
            "num_segments": "1", "price": None, "price_unit": "USD", "error_code": None, "error_message": None,
            "messaging_service_sid": None, "date_created": formatdate(usegmt=True), "date_sent": None,
            "date_updated": formatdate(usegmt=True), "subresource_uris": {"media": f"{path[:-5]}/{sid}/Media.json"},
            "uri": f"{path[:-5]}/{sid}.json",
        }

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                form = {name: values[0] for name, values in parse_qs(raw.decode(), keep_blank_values=True).items()}
                status, body = fake.answer(self.path, self.headers.get("Authorization"), form)
                with fake.lock:
                    fake.calls.append({"path": self.path, "status": status, "form": form})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet: pytest shows what fails
                pass

        return Handler
