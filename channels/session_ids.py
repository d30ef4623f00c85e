"""Who may use which conversation on the widget's socket.io channel (issue 10).

The server issues each new conversation an id and a token, "<id>.<issued>.<signature>" (HMAC-SHA256 with
SESSION_SECRET over the id and the time it was issued). A token expires with the conversation's retention
(CONVERSATION_RETENTION_DAYS, default 30 days after it was issued): the patient then starts afresh. The widget keeps the token and shows it again after a reload; a client that offers an
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
import time
from typing import Callable, Optional

SESSION_SECRET_ENV = "SESSION_SECRET"
ALLOWED_ORIGINS_ENV = "ALLOWED_ORIGINS"
LOOPBACK_ORIGIN = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$")


RETENTION_ENV = "CONVERSATION_RETENTION_DAYS"  # as scripts/purge_conversations.py
DEFAULT_RETENTION_DAYS = 30.0


def retention_seconds(env=None) -> float:
    value = (env if env is not None else os.environ).get(RETENTION_ENV, "").strip()
    try:
        return float(value) * 86400 if value else DEFAULT_RETENTION_DAYS * 86400
    except ValueError:
        return DEFAULT_RETENTION_DAYS * 86400


class SessionIds:
    def __init__(self, secret: str, max_age_seconds: float = DEFAULT_RETENTION_DAYS * 86400,
                 clock: Callable[[], float] = time.time):
        self.key = secret.encode()
        self.max_age_seconds = max_age_seconds
        self.clock = clock

    @classmethod
    def from_environment(cls, env=None) -> "SessionIds":
        secret = (env if env is not None else os.environ).get(SESSION_SECRET_ENV, "").strip()
        return cls(secret or secrets.token_hex(32), retention_seconds(env))

    def _signature(self, session_id: str, issued: str) -> str:
        return hmac.new(self.key, f"{session_id}.{issued}".encode(), hashlib.sha256).hexdigest()[:32]

    def new_token(self) -> str:
        session_id, issued = secrets.token_hex(16), str(int(self.clock()))
        return f"{session_id}.{issued}.{self._signature(session_id, issued)}"

    def sender_of(self, token: object) -> Optional[str]:
        """The conversation a token opens, or None for anything the server did not issue or that expired."""
        if not isinstance(token, str) or token.count(".") != 2:
            return None
        session_id, issued, signature = token.split(".")
        if not hmac.compare_digest(signature, self._signature(session_id, issued)) or not issued.isdigit():
            return None
        return session_id if self.clock() - int(issued) <= self.max_age_seconds else None


def allowed_origins(env=None) -> Callable[[str], bool]:
    """The origin check for socket.io: the configured origins, or this machine's pages by default."""
    configured = [origin.strip().rstrip("/") for origin in
                  (env if env is not None else os.environ).get(ALLOWED_ORIGINS_ENV, "").split(",") if origin.strip()]
    if configured:
        return lambda origin: (origin or "").rstrip("/") in configured
    return lambda origin: bool(LOOPBACK_ORIGIN.match(origin or ""))
