"""Inputs that meet, or break, a rule's conditions: shared by the engine and reply tests."""
from triage import Observation
from triage.conditions import Condition


def satisfying_value(condition: Condition):
    return {
        "equals": lambda v: v,
        "one_of": lambda v: v[0],
        "any_of": lambda v: [v[0]],
        "at_least": lambda v: v,
        "less_than": lambda v: v - 1,
        "unknown": lambda v: None if v else 1,
    }[condition.operator](condition.operand)


def violating_value(condition: Condition):
    return {
        "equals": lambda v: f"not {v}",
        "one_of": lambda v: "none of them",
        "any_of": lambda v: ["none of them"],
        "at_least": lambda v: v - 1,
        "less_than": lambda v: v,
        "unknown": lambda v: 1 if v else None,
    }[condition.operator](condition.operand)


def facts_meeting(rule):
    """Facts meeting every condition; a fact that must be unknown is left out."""
    facts = {condition.fact: satisfying_value(condition) for condition in rule.conditions}
    return {fact: value for fact, value in facts.items() if value is not None}


def observation_meeting(rule, symptom=None):
    """An observation of ``symptom`` (default: the rule's) that meets the rule's conditions.

    The engine sets the fact ``symptoms`` itself, so a rule on other symptoms gets them reported."""
    facts = facts_meeting(rule)
    companions = tuple(facts.pop("symptoms", ()))
    return Observation((symptom or rule.symptom,) + companions, facts)
