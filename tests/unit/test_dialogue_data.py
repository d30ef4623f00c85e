"""The intent lists written out in data/rules.yml and triage/turn.py agree with the domain's:
a new intent left out of "every message is read for symptoms" would skip the emergency screen."""
from pathlib import Path

import yaml

from triage.turn import AFTERCARE_QUESTION_INTENTS, ASK_WHAT_THEY_NOTICE_INTENTS, EMERGENCY_INTENT

REPO = Path(__file__).resolve().parent.parent.parent
DOMAIN_INTENTS = set(yaml.safe_load((REPO / "domain.yml").read_text())["intents"]) | {"nlu_fallback"}
RULES = yaml.safe_load((REPO / "data" / "rules.yml").read_text())["rules"]
# Rules that must hear every message, whatever the intent.
EVERY_MESSAGE_RULES = {
    "every message is read for symptoms",
    "a report that raises questions starts the follow-up form",
    'an emergency sign gets "call the emergency number now" when triage could not run',
}


def or_intents(rule):
    return {branch["intent"] for step in rule["steps"] if "or" in step for branch in step["or"]}


def test_the_rules_that_hear_every_message_list_every_intent():
    rules = {rule["rule"]: rule for rule in RULES}
    assert EVERY_MESSAGE_RULES <= set(rules)
    for name in EVERY_MESSAGE_RULES:
        assert or_intents(rules[name]) == DOMAIN_INTENTS, name


def test_every_listed_intent_is_in_the_domain():
    for rule in RULES:
        assert or_intents(rule) <= DOMAIN_INTENTS, rule["rule"]
    assert AFTERCARE_QUESTION_INTENTS | ASK_WHAT_THEY_NOTICE_INTENTS | {EMERGENCY_INTENT} <= DOMAIN_INTENTS


def test_every_aftercare_question_has_its_answer_rule():
    answered = {step["intent"] for rule in RULES for step in rule["steps"] if "intent" in step}
    assert AFTERCARE_QUESTION_INTENTS | {"ask_emergency_signs"} <= answered
