"""A hung action server (it accepts connections and never answers) with the deployed default
timeout: the patient gets a safe reply within 5 seconds at every step, mid-questions included (issue 10)."""
import time

import pytest

from tests.bot_messages import asks_question, triage_payloads
from tests.integration.servers import HangingServer, RunningAssistant

WITHIN_SECONDS = 5


@pytest.fixture(scope="module")
def assistant():
    running = RunningAssistant(action_timeout_seconds=None)
    yield running
    running.stop()


def timed_say(assistant, text, sender):
    started = time.monotonic()
    replies = assistant.say(text, sender=sender, timeout=60)
    return replies, time.monotonic() - started


def test_every_step_gets_a_reply_within_5_seconds_while_the_action_server_hangs(assistant):
    asked = assistant.say("there's a blister on it", sender="hang-mid")  # questions start while it is up
    assert asks_question(asked) and not triage_payloads(asked)
    assistant.stop_action_server()
    hanging = HangingServer(assistant.action_port)
    try:
        steps = [timed_say(assistant, "on my eyelid", "hang-mid"),  # an answer mid-questions
                 timed_say(assistant, "it is weeping a lot", "hang-report"),
                 timed_say(assistant, "hello", "hang-greet")]
    finally:
        hanging.close()
        assistant.start_action_server()
    print("waits:", ", ".join(f"{waited:.1f} s" for _, waited in steps))
    for replies, waited in steps:
        assert replies and any(r.get("text") for r in replies), replies
        assert waited < WITHIN_SECONDS, f"waited {waited:.1f} s"
    answer, report = steps[0][0], steps[1][0]
    assert [p["level"] for p in triage_payloads(answer)], "the answer mid-questions got no safety net"
    assert [p["level"] for p in triage_payloads(report)], "the report got no safety net"
