"""What every action shares, loaded once when the action server starts, and the slots they use."""
from typing import Any, Dict, List

from rasa_sdk.events import SlotSet

from triage.clinic_settings import ClinicSettings
from triage.followup import QUESTIONS_BY_FACT
from triage.reading.message import load_pipeline
from triage.story import Story
from triage.turn import Assistant, Turn
from triage import TriageEngine, load_rulebook

_RULEBOOK = load_rulebook()
ASSISTANT = Assistant(TriageEngine(_RULEBOOK), _RULEBOOK, ClinicSettings.from_environment())
load_pipeline()  # at start-up, so a missing pipeline stops the server instead of a patient's reply

# Slots (domain.yml). ANSWERED is set only when an action replied; otherwise the rules reply
# (data/rules.yml): the intent's usual response, or the safety net when triage could not run.
ANSWERED_SLOT = "triage_answered"
# The metadata key under which a channel passes the whole message (channels/guard.py: WHOLE_MESSAGE_KEY).
WHOLE_MESSAGE_KEY = "whole_message"
# Set when the story raises questions: a rule then starts the follow-up form.
QUESTIONS_SLOT = "followup_needed"
# Set when the patient was asked what they notice: a second unreadable message gets a safe answer.
SYMPTOM_ASKED_SLOT = "symptom_asked"
# The story so far (triage/story.py): not carried into a new session.
STORY_SLOT = "story"


def story_of(tracker) -> Story:
    return Story.from_slot(tracker.get_slot(STORY_SLOT))


def send(dispatcher, messages) -> None:
    """Sends the messages triage/ composed: each is the keyword arguments of utter_message."""
    for message in messages:
        dispatcher.utter_message(**message)


def slot_events(turn: Turn) -> List[Dict[str, Any]]:
    """The turn's state as slots: the story, whether it answered, and the form's start."""
    events = [SlotSet(STORY_SLOT, turn.story.to_slot())]
    if turn.answered:
        events.append(SlotSet(ANSWERED_SLOT, True))
    if turn.asked_what_they_notice is not None:
        events.append(SlotSet(SYMPTOM_ASKED_SLOT, turn.asked_what_they_notice))
    if turn.asks_questions:  # the form starts with its answers cleared
        events += [SlotSet(QUESTIONS_SLOT, True)] + [SlotSet(question.slot, None)
                                                      for question in QUESTIONS_BY_FACT.values()]
    return events


def text_of(message) -> str:
    """What the patient wrote: the whole message a channel passed beside the classifier's cut
    (channels/guard.py), else the message's text."""
    whole = ((message or {}).get("metadata") or {}).get(WHOLE_MESSAGE_KEY)
    return whole if isinstance(whole, str) and whole else (message or {}).get("text") or ""


def clinic_id_of(message) -> "str | None":
    """The clinic id a clinic's page or back end passes in the message metadata, if any."""
    clinic_id = ((message or {}).get("metadata") or {}).get("clinic_id")
    return str(clinic_id)[:100] if clinic_id else None
