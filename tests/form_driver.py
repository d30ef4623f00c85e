"""Drives messages through action_triage and, when it asks, the follow-up form, the way Rasa
does: the slots carry over from message to message (the story among them), each answer lands in the
requested slot, validate_followup_form reads it and picks the next question (the warning check asked
by its own action, with its buttons), and action_triage_with_answers gives the advice once none is left."""
import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionTriage
from actions.followup_form import ActionAskWarningSigns, ActionTriageWithAnswers, ValidateFollowupForm
from actions.runtime import ANSWERED_SLOT, QUESTIONS_SLOT

DOMAIN = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text())
NOT_SURE = "I'm not sure"
WARNING_CHECK_SLOT = ActionAskWarningSigns().name().replace("action_ask_", "")


@dataclass
class Conversation:
    messages: List[Dict[str, Any]] = field(default_factory=list)  # everything the bot sent
    questions: List[str] = field(default_factory=list)  # the slots the form asked for, in order
    slots: Dict[str, Any] = field(default_factory=dict)
    turns: List[List[Dict[str, Any]]] = field(default_factory=list)  # what the bot sent to each message


def tracker_for(text, intent):
    """A first message's tracker: no slots set but action_triage's own."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return Tracker("patient", {ANSWERED_SLOT: False}, latest, [], False, None, {}, "action_listen")


def run_triage(text, intent):
    """action_triage alone, once: what it sends and the events it returns (no questions answered)."""
    dispatcher = CollectingDispatcher()
    events = ActionTriage().run(dispatcher, tracker_for(text, intent), domain={})
    return dispatcher.messages, events


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


def converse(text: str, intent: str = "report_pain", answers=(), conversation: Optional[Conversation] = None
             ) -> Conversation:
    """The bot's replies to ``text``; its questions are answered from ``answers``, then "not sure".
    Pass the ``conversation`` of earlier messages to go on with it, as the same patient."""
    answers = list(answers)
    conversation = conversation or Conversation()
    turn_start = len(conversation.messages)
    conversation.slots.update({ANSWERED_SLOT: False, QUESTIONS_SLOT: False})  # reset on every message
    dispatcher = CollectingDispatcher()
    _apply(conversation.slots, ActionTriage().run(dispatcher, _tracker(conversation.slots, text, intent), DOMAIN))
    conversation.messages += dispatcher.messages
    if conversation.slots.get(QUESTIONS_SLOT):
        requested = _validate(conversation, text, ())  # the form starts: which question first?
        while requested:
            conversation.questions.append(requested)
            _ask(conversation, requested)
            answer = answers.pop(0) if answers else NOT_SURE
            conversation.slots[requested] = answer
            requested = _validate(conversation, answer, [(requested, answer)])
        dispatcher = CollectingDispatcher()
        _apply(conversation.slots, ActionTriageWithAnswers().run(dispatcher, _tracker(conversation.slots, ""), DOMAIN))
        conversation.messages += dispatcher.messages
        conversation.slots["requested_slot"] = None
    conversation.turns.append(conversation.messages[turn_start:])
    return conversation


def _ask(conversation: Conversation, slot: str) -> None:
    """The question the form puts: the warning check's own action sends its buttons."""
    if slot == WARNING_CHECK_SLOT:
        dispatcher = CollectingDispatcher()
        ActionAskWarningSigns().run(dispatcher, _tracker(conversation.slots, ""), DOMAIN)
        conversation.messages += dispatcher.messages


def _validate(conversation: Conversation, text: str, candidates) -> str:
    dispatcher = CollectingDispatcher()
    tracker = _tracker(conversation.slots, text, trailing_slot_events=candidates)
    events = asyncio.run(ValidateFollowupForm().run(dispatcher, tracker, DOMAIN))
    conversation.messages += dispatcher.messages
    _apply(conversation.slots, events)
    return conversation.slots.get("requested_slot")
