"""Conversations live in the SQL tracker store (SQLite by default): a restart of the Rasa server in
the middle of the follow-up questions loses nothing; idle conversations are purged after the
retention; and no patient text reaches the logs (issue 10)."""
import sqlite3
import subprocess
import sys

import pytest

from tests.bot_messages import asks_question, triage_payloads
from tests.integration.servers import REPO, RunningAssistant


@pytest.fixture(scope="module")
def assistant():
    running = RunningAssistant(action_timeout_seconds=8)
    yield running
    running.stop()


def test_a_restart_mid_questions_loses_nothing(assistant):
    sender = "restart-patient"
    first = assistant.say("there is liquid oozing from the spot they froze", sender)
    assert asks_question(first) and not triage_payloads(first), first

    assistant.restart_rasa_server()

    second = assistant.say("clear and watery", sender)  # the answer to the question asked before the restart
    assert asks_question(second) and "diabetes" in second[-1]["text"] and not triage_payloads(second), second

    answer = assistant.say("no", sender)
    payloads = triage_payloads(answer)
    assert len(payloads) == 1, answer
    assert payloads[0]["level"] == "see_doctor" and "oozing" in payloads[0]["symptoms"], answer


def test_the_conversation_is_in_the_sqlite_file(assistant):
    with sqlite3.connect(assistant.workdir / "conversations.db") as db:
        senders = {row[0] for row in db.execute("select distinct sender_id from events")}
    assert "rest:restart-patient" in senders  # a REST sender's conversation (channels/guarded_rest.py)


def purge(assistant, days):
    command = [sys.executable, str(REPO / "scripts" / "purge_conversations.py"), "--endpoints", str(assistant.endpoints),
               "--days", str(days)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout


def test_conversations_idle_past_the_retention_are_purged_whole(assistant):
    assistant.say("there's a blister on it", sender="retention-patient")
    assert purge(assistant, 30).startswith("purged 0 events")  # a conversation of today is kept
    database = assistant.workdir / "conversations.db"
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from events where sender_id = 'rest:retention-patient'").fetchone()[0] > 0
    assert not purge(assistant, 0).startswith("purged 0 events")  # idle for more than 0 days: gone
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from events").fetchone()[0] == 0


def test_patient_text_is_not_logged(assistant):
    assistant.say("my zebracorn blister is leaking", sender="log-patient")
    logs = assistant.logs(tail=None)
    assert "Received request to run 'action_triage'" in logs or "action_triage" in logs  # the logs were read
    assert "zebracorn" not in logs
