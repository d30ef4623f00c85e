"""In the cluster the triage outcomes go to RabbitMQ through Rasa's Pika broker (scripts/cluster.sh): every
kind of outcome is read back from the queue, without the patient's words (issue 21)."""
import time

import pytest

from tests.bot_messages import triage_payloads
from tests.integration.outcome_cases import OUTCOMES, PATIENT_WORDS
from tests.integration.rabbitmq import RunningRabbitMQ
from tests.integration.servers import RunningAssistant


@pytest.fixture(scope="module")
def rabbitmq():
    node = RunningRabbitMQ()
    yield node
    node.stop()


@pytest.fixture(scope="module")
def assistant(rabbitmq):
    running = RunningAssistant(action_timeout_seconds=8, event_broker=rabbitmq.event_broker())
    yield running
    running.stop()


def outcomes_of(rabbitmq, sender, wait_seconds=10):
    # Rasa publishes to RabbitMQ in the background, after the reply: give it a moment.
    deadline = time.monotonic() + wait_seconds
    while True:
        found = [r for r in rabbitmq.records() if r["event"] == "triage_outcome" and r["sender_id"] == f"rest:{sender}"]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


@pytest.mark.parametrize("sender, message, answers, level, assessed, language", OUTCOMES)
def test_each_outcome_reaches_rabbitmq_with_its_level_rules_and_channel(assistant, rabbitmq, sender, message,
                                                                       answers, level, assessed, language):
    replies, _ = assistant.consult(message, sender, answers=answers)
    sent = triage_payloads(replies)
    [record] = outcomes_of(rabbitmq, sender)
    assert record["level"] == level == sent[-1]["level"]
    assert record["rules"] == sent[-1]["rules"] and record["symptoms"] == sent[-1]["symptoms"]
    assert record["assessed"] is assessed and record["language"] == language and record["channel"] == "rest"


def test_no_patient_words_reach_rabbitmq(assistant, rabbitmq):
    assert outcomes_of(rabbitmq, "ev-self-care"), "runs after the outcomes were sent"
    published = repr(rabbitmq.records())
    assert [words for words in PATIENT_WORDS if words in published] == []


def test_with_the_action_server_down_the_safety_net_reaches_rabbitmq(assistant, rabbitmq):
    assistant.stop_action_server()
    assistant.say("there's a blister on my arm", sender="ev-down")
    [record] = outcomes_of(rabbitmq, "ev-down")
    assert record["assessed"] is False and record["level"] == "urgent"
    assert record["rules"] == ["safety_net.assessment_unavailable"]
