"""Turns what the classifier and the message reading say into the engine's Observation."""
from typing import Optional

from actions.message_reading import MessageReading
from actions.triage import Observation

SYMPTOM_OF_INTENT = {
    "report_pain": "pain",
    "report_blistering": "blistering",
    "report_lightened_skin": "lightened_skin",
    "report_hair_loss": "hair_loss",
    "report_oozing": "oozing",
}


def build_observation(intent: Optional[str], reading: MessageReading) -> Optional[Observation]:
    """Symptoms the text names, plus the intent's symptom unless the text only denies it.

    Returns None when nothing is left to assess, e.g. "it isn't oozing any more".
    """
    symptoms = list(reading.symptoms)
    intent_symptom = SYMPTOM_OF_INTENT.get(intent or "")
    denied_only = intent_symptom in reading.negated_symptoms and intent_symptom not in symptoms
    if intent_symptom and not denied_only and intent_symptom not in symptoms:
        symptoms.insert(0, intent_symptom)
    if not symptoms:
        return None
    return Observation(symptoms=tuple(symptoms), facts={"body_sites": list(reading.body_sites)})
