"""What to answer this turn: emergency first, then a question, an outcome, or information. Imports
nothing from Rasa: actions/ turns the tracker into take_turn's arguments and the Turn into messages
and slots.

The message is read alone first, for what only it can say: a general question ("can freezing cause
chest pain?") is answered as information and leaves the story alone. Otherwise it is told to the story
(triage/story.py) and the story is assessed: every finding so far, the findings already given standing
unless the patient said what resolved them.
"""
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Dict, FrozenSet, Optional, Tuple

from triage.clinic_settings import ClinicSettings
from triage.followup import WARNING_CHECK, next_question
from triage.reading.language import foreign_language
from triage.reading.learned_screen import LearnedScreen, load_learned_screen
from triage.reading.message import MessageReading, is_english_stop_word, knows_word, normalise, read_message
from triage.replies import (
    before_treatment_answer, emergency_check, emergency_check_reminder, english_only_notice, english_only_texts,
    general_answer, said_alone, triage_reply, what_if_answer,
)
from triage.story import HEALING_WELL, Story, Told
from triage import Level, Observation, RuleBook, TriageEngine, TriageResult

Message = Dict[str, Any]

# For these, a message that names no symptom is asked what the patient notices. An answer with
# no question pending ("2 days ago") is one; the classifier also hears reports as answers
# ("a blister on my foot since Tuesday"), so they share the symptom reports' safety net.
ASK_WHAT_THEY_NOTICE_INTENTS = {
    "report_pain", "report_blistering", "report_lightened_skin", "report_hair_loss", "report_oozing", "inform",
}
ASK_FOR_SYMPTOM = {"response": "utter_ask_symptom"}
# How many times "what do you notice?" is asked again before the safe answer (without_assessment).
ASKS_AFTER_CONTEXT, ASKS_AFTER_FACTS = 1, 2
# Beside a figure of speech, words that keep the classifier's emergency checked: "almost had a heart attack, she's
# unconscious", "nearly had a heart attack. I feel really dizzy and confused" (only_a_figure_of_speech).
ALARM_WORDS = re.compile(r"\b(unconscious|conscious|breath\w*|gasp\w*|suffocat\w*|dizzy|confus\w*|collaps\w*|faint\w*|"
                         r"pass(ed)? out|swell\w*|swollen|puff\w*|blue|grey|gray|pale|rash|spots|shak\w*|jerk\w*|stiff|"
                         r"fit|fits|fitting|seiz\w*|wake|awake|respond\w*|floppy|limp|sleepy|drowsy|pain|hurt\w*|tight|"
                         r"chest|throat|tongue|lips?|help|ambulance|999|911|112|000|hospital|a&e|er|can'?t|cannot|won'?t|"
                         r"not|no|now|still|again|sick|vomit\w*|bleed\w*|blood)\b", re.IGNORECASE)
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
# How sure the classifier must be before a message the reading found nothing in is checked for an emergency:
# on the blind probes' development halves, emergencies it heard scored 0.81 to 0.99 (six of eight from 0.87),
# narratives with nothing of the kind 0.78 and 0.80.
CHECK_FROM_CONFIDENCE = 0.85
# How sure the learned screen must be where the reading set a sign aside or heard that all is well: in five-fold
# cross-validation on the development cases, 0.9 spared 8 of the 24 near misses it would have added, and no
# emergency (docs/evaluation.md).
SURER_OVER_THE_READING = 0.9
# A medicine or condition told alone ("im on warfarin") that the classifier heard as one of these starts the
# story: the patient is asked what they notice, not given the emergency signs or "didn't understand".
FACT_INTENTS = UNPLACED_INTENTS | {EMERGENCY_INTENT, "ask_emergency_signs"}
# After "what do you notice?", these are chat, not an unreadable answer: the rules reply as usual.
SMALL_TALK_INTENTS = {"greet", "goodbye", "thank", "bot_challenge"}
# Signs of the usual course: one said to be over, with nothing else told, is a healing going well...
SETTLED_AS_EXPECTED = frozenset({"blistering"})
# ...except at the sites this rule names, where a blister needs a doctor whatever its course (rulebook.yml).
SENSITIVE_SITE_RULE = "blistering.sensitive_site"
# Findings the story keeps as given: the ones a later reply may not fall below.
GIVEN_FROM = Level.SEE_DOCTOR
# A sign confirmed at the emergency check (rulebook.yml).
EMERGENCY_UNNAMED = "emergency_unnamed"


@dataclass(frozen=True)
class Assistant:
    """What every turn shares, loaded once."""

    engine: TriageEngine
    rulebook: RuleBook
    clinic: ClinicSettings = ClinicSettings()
    learned_screen: LearnedScreen = field(default_factory=load_learned_screen)

    def assess(self, story: Story) -> Optional[TriageResult]:
        """The story's level: the rules on every finding so far, with the findings given standing."""
        observation = story.observation()
        if observation is None:
            return None
        standing = [rule for rule in (self.rulebook.get(rule_id) for _, rule_id in story.given) if rule]
        return self.engine.assess(observation, standing)

    @cached_property
    def sites_a_blister_needs_a_doctor(self) -> FrozenSet[str]:
        rule = self.rulebook.get(SENSITIVE_SITE_RULE)
        assert rule is not None, f"the rulebook has no {SENSITIVE_SITE_RULE}"
        return frozenset(site for condition in rule.conditions if condition.fact == "body_sites"
                         for site in condition.operand)


@dataclass(frozen=True)
class Turn:
    story: Story
    messages: Tuple[Message, ...] = ()
    # The turn replied itself; otherwise data/rules.yml gives the intent's usual reply.
    answered: bool = False
    # The follow-up form takes over: a rule starts it, and it asks the story's next question.
    asks_questions: bool = False
    # True once "what do you notice?" was asked, False once the patient had an outcome; None: unchanged.
    asked_what_they_notice: Optional[bool] = None


def is_general_question(intent: str, reading: MessageReading, level: Level) -> bool:
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


def is_about_the_spot(intent: str, reading: MessageReading) -> bool:
    """A report the assistant should be able to triage, though the reading found no symptom."""
    return intent in ASK_WHAT_THEY_NOTICE_INTENTS or (
        intent in UNPLACED_INTENTS and reading.names_the_spot and not reading.is_question)


def tells_it_is_healing_well(reading: MessageReading, story: Story, about_the_spot: bool) -> bool:
    """"the frozen spot is fine", "all good now thanks": a short message of one clause saying all is well, about the
    spot; or "it bled a bit, stopped with pressure": a bleeding over, with no blood thinner, no heavy bleeding and
    no "but". Nothing else in the story. A self-care outcome, not "I have no guidance" (safety review, round 10)."""
    if story.symptoms or reading.symptoms or reading.emergency_signs or reading.signs_set_aside:
        return False
    if reading.over_symptoms:
        return (reading.over_symptoms == ("bleeding",) and reading.adds_no_clause
                and not (reading.facts.get("risk_factors") or story.facts.get("risk_factors"))
                and not reading.facts.get("severity"))
    says_well = reading.all_clear or (reading.says_fine and reading.names_the_spot)
    return about_the_spot and says_well and not reading.is_question and reading.short_and_one_clause


def settles_as_expected(reading: MessageReading, story: Story, sensitive_sites: FrozenSet[str]) -> Tuple[str, ...]:
    """"blister has flattened and the roof is drying": a sign of the usual course said to be over, with nothing else
    in the story, no question and no word of feeling unwell, rather than asked again what the patient notices (mi-100
    got no level). A healing going well, with the sign kept as earlier: the warning check still comes before
    reassuring. Not at a site where a blister needs a doctor (an eyelid, the lips, the genitals): safety review,
    round 14."""
    if story.symptoms or reading.symptoms or reading.emergency_signs or reading.signs_set_aside \
            or reading.is_question or reading.says_not_fine or reading.says_something_wrong \
            or not reading.adds_no_clause:  # "has flattened but he's been off his food and hot all day"
        return ()
    sites = set(reading.body_sites) | set(story.facts.get("body_sites") or ())
    over = reading.over_symptoms
    return over if over and set(over) <= SETTLED_AS_EXPECTED and not sites & sensitive_sites else ()


def tells_a_risk_factor(intent: Optional[str], reading: MessageReading) -> bool:
    """"im on warfarin", "I'm diabetic": a statement of a medicine or a condition, which the classifier hears
    as something else. A date or a place told alone is left to the intent: a narrative often has one."""
    return intent in FACT_INTENTS and bool(reading.facts.get("risk_factors")) and not reading.is_question


def change_said(told: Told, rulebook: RuleBook) -> Optional[str]:
    """What the reply says changed in the story: a new story, a sign over, a correction."""
    if told.new_story:
        return ("I'll treat this as another person and start afresh." if told.new_story == "person"
                else "I'll treat this as a separate spot and start afresh.")
    names = [rulebook.symptoms.get(symptom, symptom) for symptom in told.resolved]
    if names:
        return f"What changed: you say {' and '.join(names)} {'is' if len(names) == 1 else 'are'} over."
    retracted = [rulebook.symptoms.get(symptom, symptom) for symptom in told.retracted]
    if retracted:
        return (f"Thank you for the correction: you say it is not happening now ({' or '.join(retracted)}). If it "
                "is, call {emergency_number} now.")
    if told.corrected:
        return "Thank you for the correction: my advice now goes by it."
    return None


def outcome(story: Story, result: TriageResult, assistant: Assistant, clinic_id: Optional[str]) -> Turn:
    """The triage reply, saying what changed in the story since the last one, and the story with its
    findings given."""
    findings = [(assessment.symptom, rule.id) for assessment in result.assessments for rule in assessment.rules
                if rule.level >= GIVEN_FROM]
    messages = triage_reply(result, assistant.rulebook, assistant.clinic, clinic_id, story.changed or None)
    return Turn(story.giving(findings), tuple(messages), answered=True, asked_what_they_notice=False)


def conclude(story: Story, assistant: Assistant, clinic_id: Optional[str]) -> Optional[Turn]:
    """The outcome once the questions are done; None when there is nothing to assess."""
    result = assistant.assess(story)
    return None if result is None else outcome(story, result, assistant, clinic_id)


def take_turn(text: str, intent: Optional[str], story: Story, asked_what_they_notice: bool,
              clinic_id: Optional[str], assistant: Assistant, confidence: float = 1.0) -> Turn:
    reading = read_message(text)
    if story.checking_emergency and not goes_on_about_the_spot(intent, reading, text, assistant):
        return answer_to_the_emergency_check(reading, story, clinic_id, assistant)
    if story.checking_emergency:
        # The check went unanswered: the message is read as the story's next, after a reminder of the check.
        turn = read_turn(text, reading, intent, story.checking(False), asked_what_they_notice, clinic_id, assistant,
                         confidence)
        result = assistant.assess(turn.story)
        if result is not None and result.level >= Level.EMERGENCY:
            return turn  # "call now" opens it already
        return replace(turn, messages=tuple(emergency_check_reminder(assistant.clinic)) + turn.messages)
    return read_turn(text, reading, intent, story, asked_what_they_notice, clinic_id, assistant, confidence)


def goes_on_about_the_spot(intent: Optional[str], reading: MessageReading, text: str, assistant: Assistant) -> bool:
    """An answer to "is one of these happening now?" that answers something else: an aftercare question ("can I
    shower after the freeze?") or the spot's usual course ("still stings a bit"), with no yes, no, unsure or sign,
    and nothing the learned screen hears as an emergency ("a pain right in the middle behind my breastbone, kind of
    squeezing" was read as the spot's soreness: round 14), nor any word that something is wrong ("I feel awful").
    Anything else ("is he going to be ok?", "like it's getting bigger") is taken as a yes."""
    if reading.answer is not None or reading.says_none or reading.says_fine or reading.says_not_fine \
            or reading.says_something_wrong or reading.emergency_signs \
            or assistant.learned_screen.hears_emergency(text):
        return False
    if intent in AFTERCARE_QUESTION_INTENTS and not reading.symptoms:
        return True
    return bool(reading.symptoms) and assistant.engine.assess(Observation(reading.symptoms)).level == Level.SELF_CARE


def read_turn(text: str, reading: MessageReading, intent: Optional[str], story: Story, asked_what_they_notice: bool,
              clinic_id: Optional[str], assistant: Assistant, confidence: float) -> Turn:
    language = foreign_language(normalise(text), knows_word, is_english_stop_word)
    own = assistant.engine.assess(Observation(reading.symptoms)) if reading.symptoms else None
    if own is not None:
        if asks_about_emergency_signs(reading, own.level):
            return Turn(story, tuple(general_answer(EMERGENCY_SIGNS_ANSWER)), answered=True)
        if is_general_question(intent or "", reading, own.level):
            return Turn(story)  # "does it hurt?": the rules answer it, with no level
        if asks_about_the_usual_course(reading, own.level):
            return Turn(story, tuple(what_if_answer(own, assistant.rulebook, assistant.clinic)), answered=True)
    told = story.tell(reading)
    result = assistant.assess(told.story)
    if hears_an_emergency_the_patterns_missed(text, reading, told.story, result, assistant):
        return check_for_an_emergency(told.story, assistant)
    if result is not None and (own is not None or told.adds):
        return assess_story(told, result, language, clinic_id, assistant)
    if told.retracted:
        # "my chest hurts", then "I mean the skin on my chest, no pain inside my chest": nothing left to assess;
        # say so, and ask
        said = said_alone(change_said(told, assistant.rulebook) or "", assistant.clinic)
        return Turn(told.story, (said, ASK_FOR_SYMPTOM), answered=True, asked_what_they_notice=True)
    if told.resolved and result is None and reading.says_it_stopped and not reading.says_not_fine \
            and not reading.says_something_wrong:
        # "it bled", then "it's stopped" and nothing else told (Story.stopped_by). Not "the blister on my eyelid has
        # flattened", nor a bleeding on a blood thinner.
        healing = healing_well(told, (), language, clinic_id, assistant)
        if healing is not None:
            return healing
    if intent == EMERGENCY_INTENT and only_a_figure_of_speech(text, reading, assistant):
        intent = "inform"  # told to the story like any other statement
    return without_assessment(reading, told, intent, confidence, language, asked_what_they_notice, clinic_id,
                              assistant)


def only_a_figure_of_speech(text: str, reading: MessageReading, assistant: Assistant) -> bool:
    """"woke up and nearly had a heart attack looking in the mirror": the classifier heard an emergency in words
    the reading knows as a figure of speech, and the learned screen hears none in the rest of the message ("nearly
    had a heart attack, he went stiff and won't answer me" is still checked)."""
    figure = reading.figure_of_speech
    if not figure or reading.emergency_signs or reading.symptoms:
        return False
    rest = re.sub(re.escape(figure), " ", text, flags=re.IGNORECASE)
    return rest != text and not ALARM_WORDS.search(rest) and not assistant.learned_screen.hears_emergency(rest)


def hears_an_emergency_the_patterns_missed(text: str, reading: MessageReading, story: Story,
                                           result: Optional[TriageResult], assistant: Assistant) -> bool:
    """The learned screen hears an emergency where the story has none: asked once per story, and not of a
    question in general ("can freezing cause chest pain?"), which gets the signs as information. Where the
    reading set a sign aside ("no wheeze", "went grey during his cryo, fine after") or heard that all is well,
    the screen must be surer."""
    if story.emergency_checked or reading.asks_in_general:
        return False
    if result is not None and result.level >= Level.EMERGENCY:
        return False
    surer = reading.signs_set_aside or reading.all_clear
    return assistant.learned_screen.hears_emergency(text, SURER_OVER_THE_READING if surer else 0.0)


def check_for_an_emergency(story: Story, assistant: Assistant) -> Turn:
    """A screen heard an emergency the reading did not name: "call now if any of these is happening" first,
    and whether one is; the answer gives the outcome (yes or not sure: emergency)."""
    return Turn(story.checking(True), tuple(emergency_check(assistant.clinic)), answered=True)


def answer_to_the_emergency_check(reading: MessageReading, story: Story, clinic_id: Optional[str],
                                  assistant: Assistant) -> Turn:
    """A plain no, or "I'm fine" naming no sign, goes on with the story; anything else, "not sure", "I don't feel ok"
    and a "no" beside words that say something is wrong ("nope, she's gone really quiet") included, is an emergency
    (err upward)."""
    told = story.checking(False).tell(reading)
    fine_with_no_sign = (reading.says_fine and not reading.is_question and not reading.emergency_signs
                         and not reading.symptoms)  # "is he going to be ok?" asks; it says no one is fine
    plain_no = (reading.answer == "no" or reading.says_none) and (reading.says_fine or not reading.says_something_wrong)
    says_no = (plain_no or fine_with_no_sign) and not reading.says_not_fine
    if says_no:
        result = assistant.assess(told.story)
        if result is None:
            return Turn(told.story, (ASK_FOR_SYMPTOM,), answered=True, asked_what_they_notice=True)
        return assess_story(told, result, None, clinic_id, assistant)
    confirmed = told.story.with_emergency(EMERGENCY_UNNAMED)
    result = assistant.assess(confirmed)
    assert result is not None, "a story with an emergency always has a finding to assess"
    return outcome(confirmed, result, assistant, clinic_id)


def assess_story(told: Told, result: TriageResult, language: Optional[str], clinic_id: Optional[str],
                 assistant: Assistant) -> Turn:
    """Emergency first; else a question worth asking before the outcome; else the outcome. Once the patient has
    had an outcome in this story, what a later message adds gets its outcome at once, and the questions after it
    (their answers can only raise it): the patient, and a clinic routing on the level, are not left with advice
    the story has outgrown."""
    story = told.story.noting(change_said(told, assistant.rulebook))
    question = next_question(result, story)
    if question is not None and not (story.advised and question != WARNING_CHECK):
        return Turn(story, answered=True, asks_questions=True, asked_what_they_notice=False)
    turn = outcome(story, result, assistant, clinic_id)
    last = english_only_texts(language, assistant.clinic) if language else []  # "pus" is Spanish too
    return Turn(turn.story, turn.messages + tuple(last), answered=True, asks_questions=question is not None,
                asked_what_they_notice=False)


def healing_well(told: Told, settled: Tuple[str, ...], language: Optional[str], clinic_id: Optional[str],
                 assistant: Assistant) -> Optional[Turn]:
    """A spot healing as expected, the signs said to have settled kept as earlier: its outcome, with the warning check
    first; None when the rules have nothing to say of it."""
    story = told.story
    healing = replace(told, story=replace(story, symptoms=(HEALING_WELL,), latest=(HEALING_WELL,),
                                          earlier=tuple(dict.fromkeys(story.earlier + settled))))
    result = assistant.assess(healing.story)
    return None if result is None else assess_story(healing, result, language, clinic_id, assistant)


def without_assessment(reading: MessageReading, told: Told, intent: Optional[str], confidence: float,
                       language: Optional[str], asked_what_they_notice: bool, clinic_id: Optional[str],
                       assistant: Assistant) -> Turn:
    """A message with nothing to assess: information, a question, or the intent's usual reply."""
    story, engine, rulebook, clinic = told.story, assistant.engine, assistant.rulebook, assistant.clinic
    if language:
        return Turn(story, tuple(english_only_notice(language, clinic, clinic_id)), answered=True)
    if reading.before_treatment and intent != EMERGENCY_INTENT:
        # "I'm having a wart frozen next week, will it scar?": nothing to triage yet.
        asked = engine.assess(Observation(reading.asked_about)) if reading.asked_about else None
        return Turn(story, tuple(before_treatment_answer(asked, rulebook, clinic)), answered=True)
    if reading.asked_about:
        # "If it starts oozing, do I need a doctor?": nothing is reported, so no level.
        answer = what_if_answer(engine.assess(Observation(reading.asked_about)), rulebook, clinic)
        return Turn(story, tuple(answer), answered=True)
    if tells_a_risk_factor(intent, reading):
        # "im on warfarin": a fact of the story, told alone; what does the patient notice?
        return Turn(story, (ASK_FOR_SYMPTOM,), answered=True, asked_what_they_notice=True)
    if intent == EMERGENCY_INTENT:
        # The classifier heard an emergency the reading did not name: is one happening now? Only when it is
        # sure, the message is no question in general, says no all-clear, and has no sign words the screen
        # judged and set aside ("went grey during his cryo, fine after") or said to be over ("it bled quite a bit,
        # we pressed on it and it stopped"), once per story; else the signs, no level.
        if reading.asks_in_general or (reading.is_question and not reading.reports_own_symptom) \
                or confidence < CHECK_FROM_CONFIDENCE or reading.signs_set_aside or reading.all_clear \
                or reading.over_symptoms or story.emergency_checked:
            return Turn(story, tuple(general_answer(EMERGENCY_SIGNS_ANSWER)), answered=True)
        return check_for_an_emergency(story, assistant)
    about_the_spot = is_about_the_spot(intent or "", reading)
    settled = settles_as_expected(reading, story, assistant.sites_a_blister_needs_a_doctor)
    if settled or tells_it_is_healing_well(reading, story, about_the_spot or asked_what_they_notice):
        healing = healing_well(told, settled, None, clinic_id, assistant)
        if healing is not None:
            return healing
    # After "what do you notice?", a message that gives no symptom: the story's outcome again if there is one;
    # else asked again, with the buttons, once after a message of context ("she threw a fit in the car park"),
    # twice in all after facts ("skin tag", "yesterday"), never after "not sure", "none of those" or "something
    # else"; then a safe answer, not a loop. An aftercare question or small talk gets the intent's usual reply.
    gives_no_symptom = asked_what_they_notice and intent not in AFTERCARE_QUESTION_INTENTS | SMALL_TALK_INTENTS
    only_facts = not reading.is_question and (told.gives_facts or reading.names_the_spot)
    story_so_far = assistant.assess(story)
    if story_so_far is not None and (about_the_spot or (gives_no_symptom and not only_facts)):
        # "sorry, this is my first time, I don't know what's normal": nothing new, so the story's outcome again.
        return assess_story(told, story_so_far, None, clinic_id, assistant)
    names_nothing = reading.answer in ("no", "not_sure") or reading.says_none or reading.picks_something_else
    if gives_no_symptom and not names_nothing \
            and story.unread_answers < (ASKS_AFTER_FACTS if only_facts else ASKS_AFTER_CONTEXT):
        return Turn(replace(story, unread_answers=story.unread_answers + 1), (ASK_FOR_SYMPTOM,), answered=True,
                    asked_what_they_notice=True)
    if gives_no_symptom:
        result = engine.assess(Observation((rulebook.fallback_symptom,)))
        return outcome(story, result, assistant, clinic_id)
    if about_the_spot:
        # About the spot, but no symptom yet: ask, with buttons.
        return Turn(story, (ASK_FOR_SYMPTOM,), answered=True, asked_what_they_notice=True)
    return Turn(story)  # not about a symptom: the rules give the intent's usual reply
