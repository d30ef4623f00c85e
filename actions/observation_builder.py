"""Turns the reading of a patient's message into the engine's Observation.

The symptoms assessed are those the text names (and does not deny). The intent classifier
only routes a message here: it is confidently wrong on vague messages ("I had cryo last
week" scores 1.00 as oozing), so a symptom the text does not name is asked about instead.
"""
from typing import Optional

from actions.message_reading import MessageReading
from actions.triage import Observation


# "It was better but now it's getting worse": something is worsening, though unnamed.
UNNAMED_SYMPTOM = "other"


def build_observation(reading: MessageReading) -> Optional[Observation]:
    """None when the message names no symptom it does not deny: then the patient is asked.

    A worsening with no symptom named is still assessed (as the rulebook's unnamed symptom).
    """
    symptoms = reading.symptoms
    if not symptoms and reading.trend == "worsening":
        symptoms = (UNNAMED_SYMPTOM,)
    if not symptoms:
        return None
    return Observation(symptoms=symptoms, facts=reading.facts)
