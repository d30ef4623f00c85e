"""Every kind of outcome is read back from Rasa's SQL event broker as a triage_outcome record, without the
patient's words (channels/triage_events.py, issue 21). The last test takes the action server down."""
import pytest

from tests.bot_messages import triage_payloads
from tests.integration.outcome_cases import OUTCOMES, PATIENT_WORDS
from tests.integration.servers import RunningAssistant



@pytest.fixture(scope="module")
def assistant():
    running = RunningAssistant(action_timeout_seconds=8)
    yield running
    running.stop()


def outcomes_of(assistant, sender):
    # a REST sender's conversation is "rest:<sender>" (channels/guarded_rest.py)
    return [r for r in assistant.broker_records() if r["event"] == "triage_outcome" and r["sender_id"] == f"rest:{sender}"]


@pytest.mark.parametrize("sender, message, answers, level, assessed, language", OUTCOMES)
def test_each_outcome_is_published_with_its_level_rules_and_channel(assistant, sender, message, answers, level,
                                                                     assessed, language):
    replies, _ = assistant.consult(message, sender, answers=answers)
    sent = triage_payloads(replies)
    [record] = outcomes_of(assistant, sender)
    assert record["level"] == level == sent[-1]["level"]
    assert record["rules"] == sent[-1]["rules"] and record["symptoms"] == sent[-1]["symptoms"]
    assert record["assessed"] is assessed and record["language"] == language
    assert record["channel"] == "rest" and isinstance(record["timestamp"], float)


def test_the_clinic_id_passed_by_the_clinic_is_published(assistant):
    assistant.say("my lips are swelling and I feel wheezy", sender="ev-clinic", metadata={"clinic_id": "harbour-7"})
    [record] = outcomes_of(assistant, "ev-clinic")
    assert record["clinic_id"] == "harbour-7" and record["level"] == "emergency"


def test_the_patients_words_are_not_published(assistant):
    assert outcomes_of(assistant, "ev-self-care"), "runs after the outcomes were sent"
    raw = assistant.events_db.read_bytes().decode("utf-8", "replace")
    assert [words for words in PATIENT_WORDS if words in raw] == []
    turns = [r for r in assistant.broker_records() if r["event"] == "user"]
    assert turns and all("text" not in r and "parse_data" not in r for r in turns)


def test_with_the_action_server_down_the_safety_net_is_published(assistant):
    assistant.stop_action_server()
    assistant.say("there's a blister on my arm", sender="ev-down")
    [record] = outcomes_of(assistant, "ev-down")
    assert record["assessed"] is False and record["level"] == "urgent"
    assert record["rules"] == ["safety_net.assessment_unavailable"]


def test_the_worklist_lists_the_conversations_to_call_back(assistant):
    import subprocess
    import sys

    from tests.integration.servers import REPO

    assert outcomes_of(assistant, "ev-down"), "runs after every outcome was sent"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "worklist.py"), "--endpoints",
                             str(assistant.endpoints), "--hours", "1", "--transcripts"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    table, _, transcripts = result.stdout.partition("\n\n")
    rows = {next(word for word in line.split() if word.startswith("rest:ev-")) for line in table.splitlines()[1:]}
    assert rows == {"rest:ev-emergency", "rest:ev-urgent", "rest:ev-spanish", "rest:ev-clinic", "rest:ev-down"}
    assert "my throat is swelling up" in transcripts  # staff read the patient's own words from the store
