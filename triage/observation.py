"""Turns the reading of a patient's message into the engine's Observation.

The symptoms assessed are those the text names (and does not deny). The intent classifier
only routes a message here: it is confidently wrong on vague messages ("I had cryo last
week" scores 1.00 as oozing), so a symptom the text does not name is asked about instead.
"""
from typing import Any, Dict, Mapping, Optional

from triage.reading.message import MessageReading
from triage import Observation


# "It was better but now it's getting worse": something is worsening, though unnamed.
UNNAMED_SYMPTOM = "other"


def build_observation(reading: MessageReading, facts: Optional[Mapping[str, Any]] = None) -> Optional[Observation]:
    """None when the message names no symptom it does not deny: then the patient is asked.

    A worsening with no symptom named is still assessed (as the rulebook's unnamed symptom).
    ``facts`` default to the message's own; the action passes them completed by remembered_facts.
    """
    symptoms = reading.symptoms
    if not symptoms and reading.trend == "worsening":
        symptoms = (UNNAMED_SYMPTOM,)
    if not symptoms:
        return None
    return Observation(symptoms=symptoms, facts=dict(reading.facts if facts is None else facts))


# Facts that stay true for the rest of a conversation: when the spot was frozen, where it is,
# and the patient's risk factors. How it is going (trend) belongs to each message.
LASTING_FACTS = ("days_since_treatment", "body_sites", "risk_factors", "treatments")


def remembered_facts(earlier: Mapping[str, Any], new: Mapping[str, Any]) -> Dict[str, Any]:
    """The message's facts, completed by lasting facts said earlier in the session. The longest
    time wins (the treatment came first); risk factors add up; a newly named site replaces."""
    facts = {**{name: earlier[name] for name in LASTING_FACTS if name in earlier}, **new}
    if "days_since_treatment" in earlier and "days_since_treatment" in new:
        facts["days_since_treatment"] = max(earlier["days_since_treatment"], new["days_since_treatment"])
    if earlier.get("risk_factors") and "risk_factors" in new:
        facts["risk_factors"] = sorted(set(earlier["risk_factors"]) | set(new["risk_factors"]))
    return facts
