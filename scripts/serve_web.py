"""Serves the chat widget (web/) from this machine: the page, its script and style, and
socket.io-client from web/node_modules (installed by `make web`); and, when STAFF_TOKEN is set and
--endpoints given, the clinic staff's call-back worklist at /staff/worklist behind that token
(clinic/worklist_page.py). Nothing else is served.
The clinic's name and numbers come from the environment, as for the action server (triage/clinic_settings.py).

usage: python scripts/serve_web.py [--host 127.0.0.1] [--port 8080] [--rasa-url URL] [--clinic-id ID]
                                  [--endpoints endpoints.yml] [--hours 24]
"""
import argparse
import json
import sys
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clinic.worklist_page import PATH as STAFF_PATH, StaffWorklist, staff_token  # noqa: E402
from triage.clinic_settings import ClinicSettings  # noqa: E402

WEB = REPO / "web"
FILES = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/chat.js": (WEB / "chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": (WEB / "chat.css", "text/css; charset=utf-8"),
    "/socket.io.min.js": (WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
                          "text/javascript; charset=utf-8"),
}


def content_security_policy(rasa_url: str) -> str:
    """Nothing leaves the page but the chat with the configured assistant, over HTTP(S) and WebSocket:
    a clinic that serves the assistant at its own address gets that address, not 127.0.0.1."""
    address = urlsplit(rasa_url)
    socket_scheme = "wss" if address.scheme == "https" else "ws"
    origin = f"{address.scheme}://{address.netloc}"
    return (f"default-src 'self'; connect-src 'self' {origin} {socket_scheme}://{address.netloc}; "
            "style-src 'self'; script-src 'self'; img-src 'self'; frame-ancestors 'self'")


def clinic_config(settings: ClinicSettings) -> dict:
    """What the widget's own texts (banners, the unreachable notice) say, the same words as the bot's;
    the numbers among them become tel: links."""
    return {"name": settings.name, "phone": settings.phone, "outOfHoursPhone": settings.out_of_hours_phone,
            "emergencyNumber": settings.emergency_number, "toCall": settings.to_call()}


class WidgetHandler(BaseHTTPRequestHandler):
    def __init__(self, *args, config: dict, staff: "StaffWorklist | None" = None, **kwargs):
        self.config = config
        self.staff = staff
        self.policy = content_security_policy(config["server"])
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/config.js":
            body = f"window.TRIAGE_CHAT = {json.dumps(self.config)};\n".encode()
            return self._send(200, body, "text/javascript; charset=utf-8")
        if path == STAFF_PATH and self.staff is not None:
            status, body, headers = self.staff.respond(self.headers.get("Authorization"), time.time())
            return self._send(status, body.encode(), "text/html; charset=utf-8", headers)
        if path not in FILES:
            return self._send(404, b"not found", "text/plain; charset=utf-8")
        file, content_type = FILES[path]
        self._send(200, file.read_bytes(), content_type)

    def _send(self, status: int, body: bytes, content_type: str, headers: "dict | None" = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in {"Content-Security-Policy": self.policy, "Cache-Control": "no-store",
                            **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # quiet: the servers' own logs matter more
        pass


def staff_worklist(endpoints: "str | None", hours: float) -> "StaffWorklist | None":
    """The staff page, when STAFF_TOKEN is set and endpoints.yml names an SQL event broker."""
    token = staff_token()
    if token is None or endpoints is None:
        return None
    from scripts.purge_conversations import broker_database_url, database_url

    broker = broker_database_url(endpoints)
    return StaffWorklist(token, broker, database_url(endpoints), hours) if broker else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--clinic-id", default=None, help="passed to the actions as message metadata")
    parser.add_argument("--endpoints", default=None, help="where the staff worklist reads outcomes (with STAFF_TOKEN)")
    parser.add_argument("--hours", type=float, default=24.0, help="the staff worklist's window")
    args = parser.parse_args()
    missing = [str(file) for file, _ in FILES.values() if not file.is_file()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: run `make web`")
    config = {"server": args.rasa_url, "clinicId": args.clinic_id,
              "clinic": clinic_config(ClinicSettings.from_environment())}
    server = ThreadingHTTPServer((args.host, args.port),
                                 partial(WidgetHandler, config=config, staff=staff_worklist(args.endpoints, args.hours)))
    print(f"Chat widget: http://{args.host}:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
