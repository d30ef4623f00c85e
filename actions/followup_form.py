"""The follow-up form (domain.yml: followup_form): asks the questions triage/followup.py picks,
reads each answer, then gives the triage with the answers."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from triage.followup import QUESTIONS_BY_FACT, QUESTIONS_BY_SLOT, PendingTriage, next_question, record_answer
from triage.reading.message import read_message
from triage.replies import triage_reply
from actions.runtime import ANSWERED_SLOT, CLINIC, ENGINE, PENDING_SLOT, RULEBOOK, clinic_id_of, send

SKIPPED = "not_sure"


class ValidateFollowupForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_followup_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        """The questions already answered, then the next one worth asking, if any."""
        pending = PendingTriage.from_slot(tracker.get_slot(PENDING_SLOT))
        if pending is None:
            return []
        answered = [QUESTIONS_BY_FACT[fact].slot for fact in pending.asked]
        question = next_question(ENGINE, pending)
        return answered + ([question.slot] if question else [])

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        """Each answer (free text or a button's text) is read like any message."""
        pending = PendingTriage.from_slot(tracker.get_slot(PENDING_SLOT))
        events = []
        for slot, text in tracker.slots_to_validate().items():
            question = QUESTIONS_BY_SLOT.get(slot)
            if question is None or text is None or pending is None:
                continue
            pending = record_answer(pending, question, read_message(str(text)))
            answered = question.fact not in pending.skipped
            events.append(SlotSet(slot, str(text) if answered else SKIPPED))
        if events:
            events.append(SlotSet(PENDING_SLOT, pending.to_slot()))
        return events


class ActionTriageWithAnswers(Action):
    def name(self) -> Text:
        return "action_triage_with_answers"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        pending = PendingTriage.from_slot(tracker.get_slot(PENDING_SLOT))
        if pending is None:
            return []  # nothing to assess: the rules' safety net answers
        send(dispatcher, triage_reply(ENGINE.assess(pending.observation()), RULEBOOK, CLINIC,
                                      clinic_id_of(tracker.latest_message)))
        return [SlotSet(PENDING_SLOT, None), SlotSet(ANSWERED_SLOT, True)]
