"""Conversations live in the SQL tracker store (SQLite by default): a restart of the Rasa server in
the middle of the follow-up questions loses nothing (issue 10)."""
import sqlite3

import pytest

from tests.bot_messages import asks_question, triage_payloads
from tests.integration.servers import RunningAssistant


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

    answer = assistant.say("clear and watery", sender)
    payloads = triage_payloads(answer)
    assert len(payloads) == 1, answer
    assert payloads[0]["level"] == "see_doctor" and "oozing" in payloads[0]["symptoms"], answer


def test_the_conversation_is_in_the_sqlite_file(assistant):
    with sqlite3.connect(assistant.workdir / "conversations.db") as db:
        senders = {row[0] for row in db.execute("select distinct sender_id from events")}
    assert "restart-patient" in senders
