"""The follow-up form (domain.yml: followup_form): asks the questions triage/followup.py picks for the
story, reads each answer into it, then gives the outcome (triage/turn.py's conclude)."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from triage.followup import (
    QUESTIONS_BY_FACT, QUESTIONS_BY_SLOT, WARNING_CHECK, next_question, record_answer, warning_check_buttons,
)
from triage.reading.message import read_message
from triage.turn import conclude
from actions.runtime import ASSISTANT, STORY_SLOT, clinic_id_of, send, slot_events, story_of

SKIPPED = "not_sure"
WARNING_CHECK_TEXT = "Before I reassure you: do you have any of these?"


class ValidateFollowupForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_followup_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        """The questions already answered, then the next one worth asking, if any."""
        story = story_of(tracker)
        result = ASSISTANT.assess(story)
        if result is None:
            return []
        answered = [QUESTIONS_BY_FACT[fact].slot for fact in story.asked if fact in QUESTIONS_BY_FACT]
        question = next_question(result, story)
        return answered + ([question.slot] if question else [])

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        """Each answer (free text or a button's text) is read like any message, into the story."""
        story = story_of(tracker)
        events = []
        for slot, text in tracker.slots_to_validate().items():
            question = QUESTIONS_BY_SLOT.get(slot)
            if question is None or text is None or not (story.symptoms or story.given):
                continue
            story = record_answer(story, question, read_message(str(text)), str(text))
            events.append(SlotSet(slot, SKIPPED if question.fact in story.skipped else str(text)))
        if events:
            events.append(SlotSet(STORY_SLOT, story.to_slot()))
        return events


class ActionAskWarningSigns(Action):
    """The warning check's question, with a button for each warning sign the patient has neither named
    nor denied."""

    def name(self) -> Text:
        return f"action_ask_{WARNING_CHECK.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=WARNING_CHECK_TEXT, buttons=warning_check_buttons(story_of(tracker)))
        return []


class ActionTriageWithAnswers(Action):
    def name(self) -> Text:
        return "action_triage_with_answers"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = conclude(story_of(tracker), ASSISTANT, clinic_id_of(tracker.latest_message))
        if turn is None:
            return []  # nothing to assess: the rules' safety net answers
        send(dispatcher, turn.messages)
        return slot_events(turn)
