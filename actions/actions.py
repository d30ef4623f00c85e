"""action_triage: the thin Rasa layer over triage/turn.py, for every message the patient sends."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import ASSISTANT, SYMPTOM_ASKED_SLOT, clinic_id_of, send, slot_events, story_of, text_of
from triage.turn import take_turn


class ActionTriage(Action):
    def name(self) -> Text:
        return "action_triage"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        turn = take_turn(text_of(message), intent.get("name"), story_of(tracker),
                         bool(tracker.get_slot(SYMPTOM_ASKED_SLOT)), clinic_id_of(message), ASSISTANT,
                         float(intent.get("confidence") or 0.0))
        send(dispatcher, turn.messages)
        return slot_events(turn)
