"""Custom actions: the thin Rasa layer between the tracker and the triage engine."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.message_reading import load_pipeline, read_message
from actions.observation_builder import build_observation
from actions.replies import send_triage_reply
from actions.triage import TriageEngine, load_rulebook

RULEBOOK = load_rulebook()
ENGINE = TriageEngine(RULEBOOK)
load_pipeline()  # at start-up, so a missing pipeline stops the server instead of a patient's reply

# Rules send a safety net unless this slot is true after action_triage (see data/rules.yml).
ANSWERED_SLOT = "triage_answered"
# When the text names no symptom: the classifier was unsure, or it guessed a symptom.
REPLY_WHEN_NOTHING_TO_ASSESS = {"nlu_fallback": "utter_default"}
ASK_FOR_SYMPTOM = "utter_ask_symptom"


class ActionTriage(Action):
    def name(self) -> Text:
        return "action_triage"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        observation = build_observation(read_message(message.get("text") or ""))
        if observation is None:
            intent = (message.get("intent") or {}).get("name")
            dispatcher.utter_message(response=REPLY_WHEN_NOTHING_TO_ASSESS.get(intent, ASK_FOR_SYMPTOM))
        else:
            send_triage_reply(dispatcher, ENGINE.assess(observation), RULEBOOK)
        return [SlotSet(ANSWERED_SLOT, True)]
