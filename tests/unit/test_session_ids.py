"""Conversation tokens the widget's channel issues, and the origins it accepts (channels/session_ids.py)."""
from channels.session_ids import SessionIds, allowed_origins


def test_a_token_the_server_issued_opens_its_conversation():
    ids = SessionIds("secret")
    token = ids.new_token()
    assert ids.sender_of(token) == token.split(".")[0]
    assert ids.new_token() != token


def test_anything_else_opens_nothing():
    ids = SessionIds("secret")
    token = ids.new_token()
    bare_id, issued, signature = token.split(".")
    for offered in [bare_id, "chosen-by-me", f"{bare_id}.{issued}.{'0' * 32}", f"other.{issued}.{signature}",
                    f"{bare_id}.{int(issued) + 86400}.{signature}", f"{bare_id}.{signature}", None, 5, {"a": 1},
                    "a.b.c"]:
        assert ids.sender_of(offered) is None, offered
    assert SessionIds("another secret").sender_of(token) is None


def test_a_token_expires_with_the_conversations_retention():
    now = [1_800_000_000.0]
    ids = SessionIds("secret", max_age_seconds=30 * 86400, clock=lambda: now[0])
    token = ids.new_token()
    now[0] += 30 * 86400
    assert ids.sender_of(token) == token.split(".")[0]
    now[0] += 1
    assert ids.sender_of(token) is None


def test_the_retention_comes_from_the_setting():
    assert SessionIds.from_environment({"CONVERSATION_RETENTION_DAYS": "7"}).max_age_seconds == 7 * 86400
    assert SessionIds.from_environment({}).max_age_seconds == 30 * 86400


def test_origins_default_to_this_machine_and_follow_the_setting():
    default = allowed_origins({})
    assert default("http://127.0.0.1:8080") and default("http://localhost:3000")
    assert not default("https://evil.example") and not default("http://127.0.0.1.evil.example")
    configured = allowed_origins({"ALLOWED_ORIGINS": "https://clinic.example, https://www.clinic.example/"})
    assert configured("https://clinic.example") and configured("https://www.clinic.example")
    assert not configured("http://127.0.0.1:8080")
