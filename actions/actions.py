"""Custom actions: the thin Rasa layer between the tracker and the triage engine."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_settings import ClinicSettings
from actions.message_reading import MessageReading, load_pipeline, read_message
from actions.observation_builder import build_observation
from actions.replies import send_triage_reply
from actions.triage import Level, TriageEngine, load_rulebook

RULEBOOK = load_rulebook()
ENGINE = TriageEngine(RULEBOOK)
CLINIC = ClinicSettings.from_environment()
load_pipeline()  # at start-up, so a missing pipeline stops the server instead of a patient's reply

# Set only when this action replied. Otherwise the rules reply (data/rules.yml): the intent's
# usual response, or the safety net for a symptom report when this action could not run.
ANSWERED_SLOT = "triage_answered"
SYMPTOM_INTENTS = {"report_pain", "report_blistering", "report_lightened_skin", "report_hair_loss", "report_oozing"}
ASK_FOR_SYMPTOM = "utter_ask_symptom"
AFTERCARE_QUESTION_INTENTS = {
    "ask_sun_exposure", "ask_blister_care", "ask_healing_time", "ask_does_it_hurt",
    "ask_number_of_sessions", "ask_scab_care", "ask_liquid_nitrogen",
}


def is_general_question(intent: Text, reading: MessageReading, level: Level) -> bool:
    """An aftercare question that reports nothing of the patient's own and no warning sign."""
    return (intent in AFTERCARE_QUESTION_INTENTS and reading.is_question
            and not reading.reports_own_symptom and level == Level.SELF_CARE)


class ActionTriage(Action):
    def name(self) -> Text:
        return "action_triage"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        reading = read_message(message.get("text") or "")
        observation = build_observation(reading)
        if observation is not None:
            result = ENGINE.assess(observation)
            if is_general_question(intent, reading, result.level):
                return []  # "does it hurt?": the rules answer it, with no level
            send_triage_reply(dispatcher, result, RULEBOOK, CLINIC)
        elif intent in SYMPTOM_INTENTS:
            # The classifier heard a symptom the text does not name: ask rather than guess.
            dispatcher.utter_message(response=ASK_FOR_SYMPTOM)
        else:
            return []  # not about a symptom: the rules give the intent's usual reply
        return [SlotSet(ANSWERED_SLOT, True)]
