"""Follow-up questions: which ones are worth asking, and what an answer tells us. Imports nothing
from Rasa; actions/followup_form.py runs them as a Rasa form.

A question is asked only when its answer could raise the level (the engine's open questions),
only below urgent (a warning sign is answered at once, not after questions), most consequential
first, and never twice in a story. An answer the patient cannot give ("not sure") is skipped, and the
engine errs upward on it.

Before reassuring (a self_care outcome in the first two weeks), the warning signs the patient has
neither named nor denied are asked about once, as NHS 111 asks for red flags before any outcome.
"""
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from triage.reading.message import MessageReading
from triage.story import Story
from triage import Level, TriageResult


@dataclass(frozen=True)
class Question:
    fact: str
    # What a bare "yes" or "no" means, for questions asked as yes/no; None when it means nothing.
    yes: Any = None
    no: Any = None

    @property
    def slot(self) -> str:
        return f"followup_{self.fact}"


# In the order they are asked when their stakes are equal. Each slot's question, with its
# buttons, is the domain response utter_ask_<slot> (the warning check's: action_ask_<slot>).
QUESTIONS: Tuple[Question, ...] = (
    Question("days_since_treatment"),
    Question("trend"),
    Question("fluid"),
    Question("body_sites"),
    # "Is it big, tense or very painful, bleeding heavily?" A yes affirms the question as asked: a blister's size
    # or pain, a bleeding's heaviness (each meets its own symptom's rules only).
    Question("severity", yes=["large", "tense", "very_painful", "heavy"], no=[]),
    Question("risk_factors", yes=["diabetes", "weak_immunity"], no=[]),
)
# "Do you have any of these?" before reassuring: the answer names signs, or none of them.
WARNING_CHECK = Question("warning_signs", no="none")
ALL_QUESTIONS = QUESTIONS + (WARNING_CHECK,)
QUESTIONS_BY_FACT: Dict[str, Question] = {question.fact: question for question in ALL_QUESTIONS}
QUESTIONS_BY_SLOT: Dict[str, Question] = {question.slot: question for question in ALL_QUESTIONS}
# Enough to settle any rule in the rulebook; more would wear a worried patient out. The warning
# check, when it is due, comes on top, once: a diabetic's foot blister still gets its diabetes question.
MAX_QUESTIONS = 3
# A warning sign is answered at once.
ASK_ONLY_BELOW = Level.URGENT

# The warning signs asked about before reassuring: symptom -> its button (title, what it sends, read
# like any message). Each one alone gets urgent from the rules.
WARNING_SIGNS: Tuple[Tuple[str, str, str], ...] = (
    ("fever", "Fever or shivers", "I have a fever or shivers"),
    ("spreading_redness", "Redness spreading", "the redness is spreading"),
    ("infected_discharge", "Pus or smelly fluid", "there is pus or smelly fluid"),
    ("bleeding", "Bleeding that won't stop", "bleeding that won't stop"),
)
NONE_OF_THESE = ("None of these", "none of these")
# A yes to the warning check that names no sign still says one is there: "yes", "I think so", "kinda".
AFFIRMS = re.compile(r"^\W*(yes|yeah|yea|yep|yup|ya|y|i think so|think so|i do|kinda|kind of|sort of|maybe|probably|"
                     r"possibly|a bit|a little|some of them|one of them|all of them|all|both)\b"
                     r"|\b(actually|but|oh|wait)\W+(yes|yeah|yep)\b", re.IGNORECASE)
# "the first one", "the last", "2": a sign by its place among the buttons offered.
ORDINALS = {"first": 0, "1st": 0, "1": 0, "second": 1, "2nd": 1, "2": 1, "third": 2, "3rd": 2, "3": 2,
            "fourth": 3, "4th": 3, "4": 3}
ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\b|(?<![\d.])\b([1-4])\b(?![\d.])",
                     re.IGNORECASE)
# An ordinal word picks a button ("the last 1", "um last", "2nd n 3rd", "second mate") unless it tells a time or an
# order ("not last week, my last appointment", "at first", "the first day") or "last" is the verb ("how long should
# the scab last on the leg?"): safety review, round 14, where a stricter reading dropped real picks.
NOT_A_PICK_AFTER = re.compile(
    r"^\s*(week|weeks|wk|wks|day|days|night|nights|time|times|appointment|appt|visit|year|years|month|months|session|"
    r"sessions|treatment|treatments|freeze|freezing|go|attempt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|weekend|morning|evening|hour|hours|minute|minutes|of|few|couple)\b",
    re.IGNORECASE)
NOT_A_PICK_BEFORE = re.compile(r"\b(at|my|his|her|your|their|our)\W*$", re.IGNORECASE)
LAST_AS_A_VERB_BEFORE = re.compile(r"\b(will|'ll|to|long|would|should|does|did|gonna|going)\b(\W+\w+){0,3}\W*$", re.IGNORECASE)
LAST_AS_A_VERB_AFTER = re.compile(r"^\s*(on|for|until|till|longer|forever|that long)\b", re.IGNORECASE)
# Bare numbers pick signs only in an answer of numbers ("1 and 3"): "yes type 2" names no second sign.
ONLY_NUMBERS = re.compile(r"^[\s\d,&+/.]*(\d[\s,&+/.]*(and|or)?[\s,&+/.]*)+$", re.IGNORECASE)
# The warning check names a sign of its own when the answer names none (rulebook.yml).
UNNAMED_WARNING_SIGN = "warning_sign_unnamed"
NOT_SURE = ("Not sure", "not sure")
# Healing's first two weeks: when an infection or a bleeding shows. With no date, the check is made for
# the signs of those weeks, not for marks that come later (lighter skin, hair loss, a scar).
CHECK_WITHIN_DAYS = 14
EARLY_SIGNS = frozenset({"pain", "redness_swelling", "blistering", "scab", "scab_came_off", "inflamed_skin",
                         "oozing", "bleeding"})


def questions_worth_asking(result: TriageResult, asked: Tuple[str, ...] = (), budget: int = MAX_QUESTIONS
                           ) -> List[Question]:
    """Open questions we know how to ask and have not asked, highest stakes first, within the budget."""
    if result.level >= ASK_ONLY_BELOW:
        return []
    stakes = {q.fact: stake for q in QUESTIONS if q.fact in result.open_conditions and q.fact not in asked
              and (stake := stake_of_a_yes(q, result)) is not None}
    candidates = sorted((q for q in QUESTIONS if q.fact in stakes), key=lambda q: -stakes[q.fact])  # stable: table order breaks ties
    return candidates[: max(0, budget)]


def stake_of_a_yes(question: Question, result: TriageResult) -> Optional[Level]:
    """The highest level a yes could lead to; None when no yes could raise any (a bleeding is not asked the
    blister's "is it big, tense or very painful?", nor a blood thinner by "do you have diabetes?"). An open
    answer ("when was it frozen?") could say anything."""
    conditions = result.open_conditions[question.fact]
    answered = {question.fact: question.yes}
    return max((stake for stake, condition in conditions if question.yes is None or condition.evaluate(answered)),
               default=None)


def unchecked_warning_signs(story: Story) -> List[str]:
    """The warning signs the patient has neither named nor denied."""
    told = set(story.symptoms) | set(story.denied)
    return [symptom for symptom, _, _ in WARNING_SIGNS if symptom not in told]


def warning_check_due(result: TriageResult, story: Story) -> bool:
    """Before a self_care outcome in the first two weeks (with no date, for a sign of those weeks), once a
    story."""
    days = story.facts.get("days_since_treatment")
    early = days < CHECK_WITHIN_DAYS if days is not None else bool(EARLY_SIGNS & set(story.symptoms + story.earlier))
    return (result.level == Level.SELF_CARE and WARNING_CHECK.fact not in story.asked and early
            and bool(unchecked_warning_signs(story)))


def next_question(result: TriageResult, story: Story) -> Optional[Question]:
    """The next question for this story, given what the engine makes of it: the weightiest open
    question, else the warning check when it is due, else None."""
    spent = sum(1 for fact in story.asked[story.asked_before:] if fact != WARNING_CHECK.fact)  # since the outcome
    worth_asking = questions_worth_asking(result, story.asked, MAX_QUESTIONS - spent)
    if worth_asking:
        return worth_asking[0]
    return WARNING_CHECK if warning_check_due(result, story) else None


def warning_check_buttons(story: Story) -> List[Dict[str, str]]:
    unchecked = set(unchecked_warning_signs(story))
    choices = [(title, payload) for symptom, title, payload in WARNING_SIGNS if symptom in unchecked]
    return [{"title": title, "payload": payload} for title, payload in choices + [NONE_OF_THESE, NOT_SURE]]


def answer_value(question: Question, answer: MessageReading) -> Any:
    """The fact the answer gives, or None when it gives none (skipped)."""
    if answer.answer == "not_sure":
        return None
    value = answer.facts.get(question.fact)
    if value is not None:
        return value
    return {"yes": question.yes, "no": question.no}.get(answer.answer or "")  # no answer: None, as before


def signs_chosen(text: str, offered: List[str]) -> List[str]:
    """The signs an answer picks by their place among those offered: "the first one", "1 and 3", "the last"
    (not "yes type 2", nor "how long will the scab last")."""
    chosen, numbers_only = [], bool(ONLY_NUMBERS.match(text))
    for match in ORDINAL.finditer(text):
        if match.group(2) and not numbers_only:
            continue
        if match.group(1) and not is_a_pick(match.group(1).lower(), text[:match.start()], text[match.end():]):
            continue
        word = (match.group(1) or match.group(2)).lower()
        index = len(offered) - 1 if word == "last" else ORDINALS[word]
        if index < len(offered):
            chosen.append(offered[index])
    return chosen


def is_a_pick(word: str, before: str, after: str) -> bool:
    if NOT_A_PICK_AFTER.match(after) or NOT_A_PICK_BEFORE.search(before):
        return False
    return not (word == "last" and (LAST_AS_A_VERB_BEFORE.search(before) or LAST_AS_A_VERB_AFTER.match(after)))


def record_warning_check(story: Story, answer: MessageReading, text: str) -> Story:
    """A sign named or picked counts (bleeding as the button asked it: one that won't stop); a yes that names
    none counts as a warning sign; a plain no or "none of these" denies the signs asked about; "not sure"
    skips, and the outcome comes with its safety net."""
    offered = unchecked_warning_signs(story)
    told = story.tell(answer).story.asking(WARNING_CHECK.fact)
    named = [s for s in told.symptoms if s not in story.symptoms] + signs_chosen(text, offered)
    for symptom in named:
        told = told.with_sign(symptom)
    if "bleeding" in named:
        told = told.with_fact("severity", list(dict.fromkeys(list(told.facts.get("severity") or []) + ["not_stopping"])))
    if named:
        return told
    if AFFIRMS.search(text):
        return told.with_sign(UNNAMED_WARNING_SIGN)
    if answer.answer == "not_sure":
        return told.skipping(WARNING_CHECK.fact)
    if answer.answer == "no" or answer.says_none:
        return told.denying(offered)
    return told


def record_answer(story: Story, question: Question, answer: MessageReading, text: str = "") -> Story:
    """Adds what the answer says: the fact asked for, and anything else it reports ("two days ago,
    and now there's pus") so that a new warning sign counts. A fact already known is kept."""
    if question == WARNING_CHECK:
        return record_warning_check(story, answer, text)
    told = story.tell(answer).story.asking(question.fact)
    value = answer_value(question, answer)
    if value is None:
        return told.skipping(question.fact)
    return told if story.facts.get(question.fact) is not None else told.with_fact(question.fact, value)
