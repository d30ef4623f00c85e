"""Who may use which conversation on the widget's socket.io channel (issue 10).

The server issues each new conversation an id and a token, "<id>.<signature>" (HMAC-SHA256 with
SESSION_SECRET). The widget keeps the token and shows it again after a reload; a client that offers an
id of its own choosing, or a patient's bare id, gets a new conversation instead. The id alone is the
Rasa sender id, so the token never reaches the tracker store or a clinic's systems.

Without SESSION_SECRET a random secret is used, and tokens end with the server process (`make run`
keeps one in var/session_secret).

Origins: the socket.io channel accepts browsers from ALLOWED_ORIGINS (comma-separated, e.g.
"https://clinic.example"), and by default only from pages on this machine (127.0.0.1, localhost).
"""
import hashlib
import hmac
import os
import re
import secrets
from typing import Callable, Optional

SESSION_SECRET_ENV = "SESSION_SECRET"
ALLOWED_ORIGINS_ENV = "ALLOWED_ORIGINS"
LOOPBACK_ORIGIN = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$")


class SessionIds:
    def __init__(self, secret: str):
        self.key = secret.encode()

    @classmethod
    def from_environment(cls, env=None) -> "SessionIds":
        secret = (env if env is not None else os.environ).get(SESSION_SECRET_ENV, "").strip()
        return cls(secret or secrets.token_hex(32))

    def _signature(self, session_id: str) -> str:
        return hmac.new(self.key, session_id.encode(), hashlib.sha256).hexdigest()[:32]

    def new_token(self) -> str:
        session_id = secrets.token_hex(16)
        return f"{session_id}.{self._signature(session_id)}"

    def sender_of(self, token: object) -> Optional[str]:
        """The conversation a token opens, or None for anything the server did not issue."""
        if not isinstance(token, str) or token.count(".") != 1:
            return None
        session_id, signature = token.split(".")
        return session_id if hmac.compare_digest(signature, self._signature(session_id)) else None


def allowed_origins(env=None) -> Callable[[str], bool]:
    """The origin check for socket.io: the configured origins, or this machine's pages by default."""
    configured = [origin.strip().rstrip("/") for origin in
                  (env if env is not None else os.environ).get(ALLOWED_ORIGINS_ENV, "").split(",") if origin.strip()]
    if configured:
        return lambda origin: (origin or "").rstrip("/") in configured
    return lambda origin: bool(LOOPBACK_ORIGIN.match(origin or ""))
