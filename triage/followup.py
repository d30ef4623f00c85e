"""Follow-up questions: which ones are worth asking, and what an answer tells us. Imports nothing
from Rasa; actions/followup_form.py runs them as a Rasa form.

A question is asked only when its answer could raise the level (the engine's open questions),
only below urgent (a warning sign is answered at once, not after questions), most consequential
first, and never twice in a story. An answer the patient cannot give ("not sure") is skipped, and the
engine errs upward on it.

Before reassuring (a self_care outcome in the first two weeks), the warning signs the patient has
neither named nor denied are asked about once, as NHS 111 asks for red flags before any outcome.
"""
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
    # "Is it big, tense or very painful?" A yes affirms the question as asked.
    Question("severity", yes=["large", "tense", "very_painful"], no=[]),
    Question("risk_factors", yes=["diabetes", "weak_immunity"], no=[]),
)
# "Do you have any of these?" before reassuring: the answer names signs, or none of them.
WARNING_CHECK = Question("warning_signs", no="none")
ALL_QUESTIONS = QUESTIONS + (WARNING_CHECK,)
QUESTIONS_BY_FACT: Dict[str, Question] = {question.fact: question for question in ALL_QUESTIONS}
QUESTIONS_BY_SLOT: Dict[str, Question] = {question.slot: question for question in ALL_QUESTIONS}
# Enough to settle any rule in the rulebook; more would wear a worried patient out. The warning
# check, when it is due, takes one of them.
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
    candidates = [q for q in QUESTIONS if q.fact in result.open_questions and q.fact not in asked]
    candidates.sort(key=lambda q: -result.open_questions[q.fact])  # stable: table order breaks ties
    return candidates[: max(0, budget)]


def unchecked_warning_signs(story: Story) -> List[str]:
    """The warning signs the patient has neither named nor denied."""
    told = set(story.symptoms) | set(story.denied)
    return [symptom for symptom, _, _ in WARNING_SIGNS if symptom not in told]


def warning_check_due(result: TriageResult, story: Story) -> bool:
    """Before a self_care outcome in the first two weeks (with no date, for a sign of those weeks), once a
    story."""
    days = story.facts.get("days_since_treatment")
    early = days < CHECK_WITHIN_DAYS if days is not None else bool(EARLY_SIGNS & set(story.symptoms))
    return (result.level == Level.SELF_CARE and WARNING_CHECK.fact not in story.asked and early
            and bool(unchecked_warning_signs(story)))


def next_question(result: TriageResult, story: Story) -> Optional[Question]:
    """The next question for this story, given what the engine makes of it: the weightiest open
    question, else the warning check when it is due, else None."""
    check_due = warning_check_due(result, story)
    spent = len(story.asked) - story.asked_before  # asked since the last outcome
    worth_asking = questions_worth_asking(result, story.asked, MAX_QUESTIONS - check_due - spent)
    if worth_asking:
        return worth_asking[0]
    return WARNING_CHECK if check_due else None


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
    return {"yes": question.yes, "no": question.no}.get(answer.answer)


def record_answer(story: Story, question: Question, answer: MessageReading) -> Story:
    """Adds what the answer says: the fact asked for, and anything else it reports ("two days ago,
    and now there's pus") so that a new warning sign counts. A fact already known is kept."""
    checked = unchecked_warning_signs(story)
    told = story.tell(answer).story.asking(question.fact)
    if question == WARNING_CHECK:
        if answer.answer == "not_sure":
            return told.skipping(question.fact)
        if answer.answer == "no" or answer.says_none:  # "none of these": the signs asked about are denied
            return told.denying(checked)
        return told
    value = answer_value(question, answer)
    if value is None:
        return told.skipping(question.fact)
    return told if story.facts.get(question.fact) is not None else told.with_fact(question.fact, value)
