"""Drives a report through action_triage and, when it asks, the follow-up form, the way Rasa
does: each answer lands in the requested slot, validate_followup_form reads it and picks the
next question, and action_triage_with_answers gives the advice once none is left."""
import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionTriage
from actions.followup_form import ActionTriageWithAnswers, ValidateFollowupForm
from actions.runtime import ANSWERED_SLOT, QUESTIONS_SLOT

DOMAIN = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text())
NOT_SURE = "I'm not sure"


@dataclass
class Conversation:
    messages: List[Dict[str, Any]] = field(default_factory=list)  # everything the bot sent
    questions: List[str] = field(default_factory=list)  # the slots the form asked for, in order
    slots: Dict[str, Any] = field(default_factory=dict)


def _tracker(slots, text, intent="inform", trailing_slot_events=()):
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    events = [{"event": "user", "text": text}] + [
        {"event": "slot", "name": name, "value": value} for name, value in trailing_slot_events]
    return Tracker("patient", dict(slots), latest, events, False, None,
                   {"name": "followup_form"}, "action_listen")


def _apply(slots, events):
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event["value"]


def converse(text: str, intent: str = "report_pain", answers=()) -> Conversation:
    """The bot's replies to ``text``; its questions are answered from ``answers``, then "not sure"."""
    answers = list(answers)
    conversation = Conversation(slots={ANSWERED_SLOT: False})
    dispatcher = CollectingDispatcher()
    _apply(conversation.slots, ActionTriage().run(dispatcher, _tracker({ANSWERED_SLOT: False}, text, intent), DOMAIN))
    conversation.messages += dispatcher.messages
    if not conversation.slots.get(QUESTIONS_SLOT):
        return conversation

    requested = _validate(conversation, text, ())  # the form starts: which question first?
    while requested:
        conversation.questions.append(requested)
        answer = answers.pop(0) if answers else NOT_SURE
        conversation.slots[requested] = answer
        requested = _validate(conversation, answer, [(requested, answer)])

    dispatcher = CollectingDispatcher()
    _apply(conversation.slots, ActionTriageWithAnswers().run(dispatcher, _tracker(conversation.slots, ""), DOMAIN))
    conversation.messages += dispatcher.messages
    return conversation


def _validate(conversation: Conversation, text: str, candidates) -> str:
    dispatcher = CollectingDispatcher()
    tracker = _tracker(conversation.slots, text, trailing_slot_events=candidates)
    events = asyncio.run(ValidateFollowupForm().run(dispatcher, tracker, DOMAIN))
    conversation.messages += dispatcher.messages
    _apply(conversation.slots, events)
    return conversation.slots.get("requested_slot")
