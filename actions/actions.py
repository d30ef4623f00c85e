"""Custom actions: the thin Rasa layer between the tracker and the triage engine."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from triage.followup import QUESTIONS, PendingTriage, questions_worth_asking
from triage.reading.language import foreign_language
from triage.reading.message import MessageReading, normalise, read_message
from triage.observation import build_observation, remembered_facts
from triage.replies import (
    before_treatment_answer, english_only_notice, english_only_texts, general_answer, triage_reply, what_if_answer,
)
from actions.runtime import (
    ANSWERED_SLOT, CLINIC, ENGINE, PENDING_SLOT, QUESTIONS_SLOT, REMEMBERED_SLOT, RULEBOOK, SYMPTOM_ASKED_SLOT,
    clinic_id_of, send,
)
from triage import Level, Observation

# For these, a message that names no symptom is asked what the patient notices. An answer with
# no question pending ("2 days ago") is one; the classifier also hears reports as answers
# ("a blister on my foot since Tuesday"), so they share the symptom reports' safety net.
ASK_WHAT_THEY_NOTICE_INTENTS = {
    "report_pain", "report_blistering", "report_lightened_skin", "report_hair_loss", "report_oozing", "inform",
}
ASK_FOR_SYMPTOM = "utter_ask_symptom"
# A statement the classifier could not place, or placed off-topic, is asked too when it names the
# spot ("something looks odd where they froze the wart"): never a dead end on the treated spot. A
# question it could not place ("can you book me in?") keeps the intent's reply: asking "what do you
# notice?" would turn it into a referral.
UNPLACED_INTENTS = {"nlu_fallback", "out_of_scope"}
AFTERCARE_QUESTION_INTENTS = {
    "ask_sun_exposure", "ask_blister_care", "ask_healing_time", "ask_does_it_hurt",
    "ask_number_of_sessions", "ask_scab_care", "ask_liquid_nitrogen", "ask_daily_activities",
}


# "can freezing cause chest pain?": the signs, and to call the emergency number if they happen.
EMERGENCY_SIGNS_ANSWER = "utter_answer_emergency_signs"
EMERGENCY_INTENT = "report_emergency"
# After "what do you notice?", these are chat, not an unreadable answer: the rules reply as usual.
SMALL_TALK_INTENTS = {"greet", "goodbye", "thank", "bot_challenge"}


def is_general_question(intent: Text, reading: MessageReading, level: Level) -> bool:
    """An aftercare question that reports nothing of the patient's own and no warning sign."""
    return (intent in AFTERCARE_QUESTION_INTENTS and reading.is_question
            and not reading.reports_own_symptom and level == Level.SELF_CARE)


def asks_about_the_usual_course(reading: MessageReading, level: Level) -> bool:
    """"Does it leave a scar?": a question about no one in particular, on what the rules call the usual
    course. It gets the advice with no level; one that names a sign of more is triaged."""
    return reading.asks_in_general and not reading.reports_own_symptom and level == Level.SELF_CARE


def asks_about_emergency_signs(reading: MessageReading, level: Level) -> bool:
    """A question about no one in particular that names an emergency sign, or whose reading would be
    an emergency. Anyone who says "I", "my" or "she" is triaged instead: a sign that may be present
    errs upward."""
    return reading.asks_in_general and (bool(reading.emergency_signs) or level == Level.EMERGENCY)


def is_about_the_spot(intent: Text, reading: MessageReading) -> bool:
    """A report the assistant should be able to triage, though the reading found no symptom."""
    return intent in ASK_WHAT_THEY_NOTICE_INTENTS or (
        intent in UNPLACED_INTENTS and reading.names_the_spot and not reading.is_question)


def start_questions(observation) -> List[Dict[Text, Any]]:
    """Hands the report to the follow-up form (a rule starts it), with its answers cleared."""
    pending = PendingTriage(observation.symptoms, dict(observation.facts))
    return ([SlotSet(PENDING_SLOT, pending.to_slot()), SlotSet(QUESTIONS_SLOT, True)]
            + [SlotSet(question.slot, None) for question in QUESTIONS])


class ActionTriage(Action):
    def name(self) -> Text:
        return "action_triage"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        reading = read_message(message.get("text") or "")
        facts = remembered_facts(tracker.get_slot(REMEMBERED_SLOT) or {}, reading.facts)
        remember = [SlotSet(REMEMBERED_SLOT, facts)]
        observation = build_observation(reading, facts)
        language = foreign_language(normalise(message.get("text") or ""))
        if observation is not None:
            result = ENGINE.assess(observation)
            if asks_about_emergency_signs(reading, result.level):
                send(dispatcher, general_answer(EMERGENCY_SIGNS_ANSWER))
                return remember + [SlotSet(ANSWERED_SLOT, True)]
            if is_general_question(intent, reading, result.level):
                return remember  # "does it hurt?": the rules answer it, with no level
            if asks_about_the_usual_course(reading, result.level):
                send(dispatcher, what_if_answer(result, RULEBOOK, CLINIC))
                return remember + [SlotSet(ANSWERED_SLOT, True)]
            heard_an_emergency = intent == EMERGENCY_INTENT and result.level < Level.EMERGENCY
            if questions_worth_asking(result) and not heard_an_emergency:
                return remember + start_questions(observation) + [SlotSet(ANSWERED_SLOT, True),
                                                                  SlotSet(SYMPTOM_ASKED_SLOT, False)]
            if heard_an_emergency:
                # The classifier heard an emergency the reading did not: the signs and "call now" come
                # first, no question before them, then the advice the reading supports.
                send(dispatcher, [{"response": EMERGENCY_SIGNS_ANSWER}])
            send(dispatcher, triage_reply(result, RULEBOOK, CLINIC, clinic_id_of(message)))
            if language:  # "pus" is Spanish too: the level stands, with a word on why it is in English
                send(dispatcher, english_only_texts(language, CLINIC))
            return remember + [SlotSet(ANSWERED_SLOT, True), SlotSet(SYMPTOM_ASKED_SLOT, False)]
        elif language:
            send(dispatcher, english_only_notice(language, CLINIC, clinic_id_of(message)))
        elif reading.before_treatment and intent != EMERGENCY_INTENT:
            # "I'm having a wart frozen next week, will it scar?": nothing to triage yet.
            asked = ENGINE.assess(Observation(reading.asked_about)) if reading.asked_about else None
            send(dispatcher, before_treatment_answer(asked, RULEBOOK, CLINIC))
        elif reading.asked_about:
            # "If it starts oozing, do I need a doctor?": nothing is reported, so no level.
            send(dispatcher, what_if_answer(ENGINE.assess(Observation(reading.asked_about)), RULEBOOK, CLINIC))
        elif intent == EMERGENCY_INTENT:
            # The classifier heard an emergency the reading did not: the signs, and to call if they happen.
            send(dispatcher, general_answer(EMERGENCY_SIGNS_ANSWER))
        elif tracker.get_slot(SYMPTOM_ASKED_SLOT) and intent not in AFTERCARE_QUESTION_INTENTS | SMALL_TALK_INTENTS:
            # Asked once already, still nothing to read ("something else"): a safe answer, not a loop.
            result = ENGINE.assess(Observation((RULEBOOK.fallback_symptom,)))
            send(dispatcher, triage_reply(result, RULEBOOK, CLINIC, clinic_id_of(message)))
            return remember + [SlotSet(ANSWERED_SLOT, True), SlotSet(SYMPTOM_ASKED_SLOT, False)]
        elif is_about_the_spot(intent, reading):
            # About the spot, but no symptom the text names: ask, with buttons, rather than guess.
            dispatcher.utter_message(response=ASK_FOR_SYMPTOM)
            return remember + [SlotSet(ANSWERED_SLOT, True), SlotSet(SYMPTOM_ASKED_SLOT, True)]
        else:
            return remember  # not about a symptom: the rules give the intent's usual reply
        return remember + [SlotSet(ANSWERED_SLOT, True)]
