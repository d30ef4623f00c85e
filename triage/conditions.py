"""Conditions of a rule, evaluated in three values: True, False, or None when a fact is unknown.

A condition is written in the rules file as ``fact: {operator: operand}``, e.g.
``days_since_treatment: {at_least: 8}``, or ``days_since_treatment: {unknown: true}`` for "no date
given". Unknown facts matter: a rule that could
raise the level if we knew more is how the assistant knows what is worth asking.
"""
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

Facts = Mapping[str, Any]


def _as_set(value: Any) -> set:
    return set(value) if isinstance(value, (list, tuple, set, frozenset)) else {value}


OPERATORS: Dict[str, Callable[[Any, Any], bool]] = {
    "equals": lambda fact, operand: fact == operand,
    "one_of": lambda fact, operand: fact in operand,
    "any_of": lambda fact, operand: bool(_as_set(fact) & set(operand)),
    "at_least": lambda fact, operand: fact >= operand,
    "less_than": lambda fact, operand: fact < operand,
    "unknown": lambda fact, operand: (fact is None) == bool(operand),  # "no date given"
}
# Operators decided on an unknown fact too, not waiting on it.
ON_UNKNOWN_FACTS = {"unknown"}
# What each operator's operand must be: a misspelt ``any_of: fever`` would compare letters.
OPERANDS: Dict[str, Tuple[type, ...]] = {
    "equals": (str, int, float), "one_of": (list,), "any_of": (list,), "at_least": (int, float),
    "less_than": (int, float), "unknown": (bool,),
}
# The facts an observation can have, which alone a rule may test: those a message gives (MessageReading.facts in
# triage/reading/message.py, kept by the story and asked by the follow-up questions), and ``symptoms``, every symptom
# of the observation, which the engine adds.
FACTS = frozenset({"days_since_treatment", "trend", "fluid", "treatments", "severity", "risk_factors", "body_sites",
                   "person", "age_years", "symptoms"})


@dataclass(frozen=True)
class Condition:
    fact: str
    operator: str
    operand: Any

    def __post_init__(self) -> None:
        if self.fact not in FACTS:
            raise ValueError(f"condition on unknown fact {self.fact!r}; known: {sorted(FACTS)}")
        if self.operator not in OPERATORS:
            raise ValueError(f"unknown operator {self.operator!r} on fact {self.fact!r}; known: {sorted(OPERATORS)}")
        if not isinstance(self.operand, OPERANDS[self.operator]):
            expected = " or ".join(kind.__name__ for kind in OPERANDS[self.operator])
            raise ValueError(f"{self.operator} on fact {self.fact!r} needs a {expected}, got {self.operand!r}")

    def evaluate(self, facts: Facts) -> Optional[bool]:
        fact = facts.get(self.fact)
        if fact is None and self.operator not in ON_UNKNOWN_FACTS:
            return None
        return OPERATORS[self.operator](fact, self.operand)


def parse_conditions(when: Optional[Mapping[str, Mapping[str, Any]]]) -> tuple:
    """``{fact: {operator: operand}}`` from the rules file, as Condition objects."""
    conditions = []
    for fact, test in (when or {}).items():
        if not isinstance(test, Mapping) or len(test) != 1:
            raise ValueError(f"condition on {fact!r} must be one {{operator: operand}} pair, got {test!r}")
        (operator, operand), = test.items()
        conditions.append(Condition(fact, operator, operand))
    return tuple(conditions)


def evaluate_all(conditions: tuple, facts: Facts) -> Optional[bool]:
    """True if every condition holds, False if any fails, None if none fails but some are unknown."""
    results = [condition.evaluate(facts) for condition in conditions]
    if False in results:
        return False
    if None in results:
        return None
    return True
