"""The gate on emergency recall and near-miss restraint: the development halves of the blind-written probes
(issue 18) and their second round, through the real servers and the shared eval's own conversation driver
(questions answered "I'm not sure"). Every emergency gets "Call ... now" first and the level emergency; at
most 5% of the near misses get "Call ... now", not counting a case whose first message alone is an emergency by the
clinical reference (first_message_alone), where the assistant keeps the emergency on later messages: it takes no
sign back on words of a joke (tests/bot_messages.py). The held-out halves are never run here."""
import pytest

from tests.bot_messages import near_miss_told_to_call_now, opens_with_call_now
from tests.integration.servers import REPO, conversed_cases

PROBES = REPO / "tests" / "triage_cases" / "blind_probes"
DEVELOPMENT = sorted(PROBES.glob("*_development.yml")) + sorted(PROBES.glob("*_round2.yml"))
# Issue 18: at most this share of near misses may be told to call the emergency number now.
MAX_NEAR_MISSES_CALLED = 0.05


@pytest.fixture(scope="module")
def results():
    return [(case, got, any(opens_with_call_now(turn) for _, turn in transcript)
             if case["expect"] == "emergency" else near_miss_told_to_call_now(case, transcript))
            for _, case, got, transcript, _ in conversed_cases(DEVELOPMENT)]


def test_every_emergency_is_told_to_call_now_first(results):
    emergencies = [(case, got, called) for case, got, called in results if case["expect"] == "emergency"]
    assert len(emergencies) >= 200
    assert [(case["id"], got) for case, got, called in emergencies if not (called and got == "emergency")] == []


def test_few_near_misses_are_told_to_call_now(results):
    near = [(case, called) for case, _, called in results if case["expect"] != "emergency"]
    called = [case["id"] for case, was_called in near if was_called]
    assert len(called) <= MAX_NEAR_MISSES_CALLED * len(near), called
