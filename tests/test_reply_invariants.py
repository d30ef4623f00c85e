"""Invariants over the whole rulebook, through the real reply path (engine -> replies):
for every rule, and for every pair of symptoms, the payload's level is the highest finding,
the disclaimer is sent exactly once, and an emergency reply opens with the emergency headline.
And an emergency stays one whatever normal reaction comes with it, with no advice about the spot.

And no reply describes the patient's facts at a higher level than its own: every sign it tells the
patient to watch for ("Call ... now if you have a fever with spreading redness") is checked against
the rules it names, for every rule, every pair of symptoms and every pair of rules told together, as a
story over two messages would be."""
import itertools
import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from triage.clinic_settings import DEFAULT_EMERGENCY_NUMBER, ClinicSettings
from actions.runtime import send
from triage.conditions import evaluate_all
from triage.replies import DISCLAIMER_RESPONSE, safety_net_text, signs_to_watch, triage_reply
from triage import Level, Observation, load_rulebook
from tests.rule_inputs import observation_meeting


# Each level's one time-frame, as its headline says it.
TIME_FRAMES = {
    Level.EMERGENCY: re.compile(r"\b(now|at once|straight away|immediately)\b", re.IGNORECASE),
    Level.URGENT: re.compile(r"\btoday\b", re.IGNORECASE),
    Level.SEE_DOCTOR: re.compile(r"\b(soon|next few days)\b", re.IGNORECASE),
    Level.SELF_CARE: re.compile(r"\bat home\b", re.IGNORECASE),
}


def time_frames_said(texts, safety_net):
    """The time-frames the reply states outright: not in "If ..." sentences, nor in the closing
    safety-net line, which says when to call if something changes."""
    sentences = [sentence for text in texts if text != safety_net for sentence in re.split(r"(?<=[.!?])\s+", text)]
    return {level for sentence in sentences if not sentence.startswith("If ")
            for level, frame in TIME_FRAMES.items() if frame.search(sentence)}


def reply_to(engine, rulebook, observation):
    result = engine.assess(observation)
    dispatcher = CollectingDispatcher()
    send(dispatcher, triage_reply(result, rulebook))  # through the adapter, as the actions send it
    return result, dispatcher.messages


def assert_invariants(result, messages, rulebook):
    [payload] = [m["custom"]["triage"] for m in messages if m.get("custom")]
    assert payload["level"] == result.level.label == max(a.level for a in result.assessments).label
    assert payload["symptoms"] == list(result.symptoms) and payload["rules"] == list(result.rule_ids)
    assert [m.get("response") for m in messages].count(DISCLAIMER_RESPONSE) == 1
    texts = [m["text"] for m in messages if m.get("text")]
    assert not any("{" in text or "}" in text for text in texts), "a placeholder was left unfilled"
    if result.level in rulebook.headlines:
        assert texts[0].startswith(rulebook.headlines[result.level].format_map(ClinicSettings().placeholders()))
    assert result.level < Level.EMERGENCY or texts[0].startswith(f"Call {DEFAULT_EMERGENCY_NUMBER} now")
    safety_net = safety_net_text(result, rulebook)
    safety_net = safety_net and safety_net.format_map(ClinicSettings().placeholders())
    assert time_frames_said(texts, safety_net) == {result.level}, "the reply says two time-frames"
    assert result.level == Level.EMERGENCY or texts[-1] == safety_net, "the safety net closes the advice"
    assert len(texts) <= 6, "a reply is a headline, at most three lines of advice, a contact and a safety net"


def test_every_rule_replies_with_level_payload_and_disclaimer(engine, rulebook):
    for rule in rulebook.rules:
        result, messages = reply_to(engine, rulebook, observation_meeting(rule))
        assert rule.id in result.rule_ids
        assert_invariants(result, messages, rulebook)


SYMPTOM_PAIRS = list(itertools.combinations(load_rulebook().symptoms, 2))


@pytest.mark.parametrize("first, second", SYMPTOM_PAIRS)
def test_every_pair_of_symptoms_replies_at_the_highest_level(engine, rulebook, first, second):
    result, messages = reply_to(engine, rulebook, Observation((first, second)))
    assert_invariants(result, messages, rulebook)
    assert result.level >= max(engine.assess(Observation((s,))).level for s in (first, second))


RULEBOOK = load_rulebook()
EMERGENCY_RULES = [rule for rule in RULEBOOK.rules if rule.level == Level.EMERGENCY]
SELF_CARE_RULES = [rule for rule in RULEBOOK.rules if rule.level == Level.SELF_CARE]


@pytest.mark.parametrize("emergency", EMERGENCY_RULES, ids=lambda rule: rule.id)
@pytest.mark.parametrize("self_care", SELF_CARE_RULES, ids=lambda rule: rule.id)
def test_an_emergency_with_a_normal_reaction_is_still_an_emergency_and_only_that(engine, rulebook, emergency, self_care):
    first, second = observation_meeting(emergency), observation_meeting(self_care)
    both = Observation(second.symptoms + first.symptoms, {**second.facts, **first.facts})
    result, messages = reply_to(engine, rulebook, both)
    assert result.level == Level.EMERGENCY and emergency.id in result.rule_ids
    assert_invariants(result, messages, rulebook)
    [reply] = [m["text"] for m in messages if m.get("text")]
    assert emergency.advice.format_map(ClinicSettings().placeholders()) in reply
    assert self_care.advice not in reply, "reassurance came with an emergency"


def holds(rule, observation):
    """Whether the rule's own conditions hold on what the patient told, read apart from the engine."""
    facts = {**observation.facts, "symptoms": list(observation.symptoms)}
    return rule.symptom in observation.symptoms and evaluate_all(rule.conditions, facts) is True


def assert_says_no_if_of_a_fact_told(engine, rulebook, observation):
    """Each sign the reply says to watch for is above the reply's level, and none of the rules naming it
    holds on the facts told: "call now if you have a fever with spreading redness" to a patient who told
    both is a bug, whatever the engine made of it."""
    result, messages = reply_to(engine, rulebook, observation)
    said = " ".join(m["text"] for m in messages if m.get("text"))
    for watch in signs_to_watch(result, rulebook):
        assert watch.text in said
        assert watch.level > result.level, f"{watch.text!r} is said at {result.level.label}"
        told = [rule_id for rule_id in watch.rules if holds(rulebook.get(rule_id), observation)]
        assert not told, f"the reply at {result.level.label} says 'if {watch.text}', but {told} already hold"


def test_no_reply_to_a_rule_says_if_of_what_was_told(engine, rulebook):
    for rule in rulebook.rules:
        assert_says_no_if_of_a_fact_told(engine, rulebook, observation_meeting(rule))


@pytest.mark.parametrize("first, second", SYMPTOM_PAIRS)
def test_no_reply_to_a_pair_of_symptoms_says_if_of_what_was_told(engine, rulebook, first, second):
    assert_says_no_if_of_a_fact_told(engine, rulebook, Observation((first, second)))


def test_no_reply_to_two_rules_told_together_says_if_of_what_was_told(engine, rulebook):
    """Spreading redness in one message, a fever of 38.7 in the next: the story tells both."""
    for first, second in itertools.combinations(RULEBOOK.rules, 2):
        a, b = observation_meeting(first), observation_meeting(second)
        facts = {**a.facts, **b.facts}
        if any(a.facts.get(name) not in (None, value) for name, value in b.facts.items()):
            continue  # rules on facts that cannot hold together ("day 1" and "day 8")
        assert_says_no_if_of_a_fact_told(engine, rulebook, Observation(a.symptoms + b.symptoms, facts))


def test_no_advice_says_if_with_a_time_frame_outside_the_watch_lines(rulebook):
    """A conditional call above the rule's level ("if it does not stop, get care today") belongs in a rule's
    watch lines, where it is checked against the rules; in the advice it would be said even when it is
    already true."""
    for rule in rulebook.rules:
        for sentence in re.split(r"(?<=[.!?])\s+", rule.advice):
            if re.search(r"\bif\b", sentence, re.IGNORECASE):
                assert not any(frame.search(sentence) for level, frame in TIME_FRAMES.items() if level > rule.level), \
                    (rule.id, sentence)
