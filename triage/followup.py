"""Follow-up questions: which ones are worth asking, and what an answer tells us. Imports nothing
from Rasa; actions/followup_form.py runs them as a Rasa form.

A question is asked only when its answer could raise the level (the engine's open questions),
only below urgent (a warning sign is answered at once, not after questions), most consequential
first, and never twice. An answer the patient cannot give ("not sure") is skipped, and the engine
errs upward on it.
"""
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple

from triage.reading.message import MessageReading
from triage import Level, Observation, TriageEngine, TriageResult


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
# buttons, is the domain response utter_ask_<slot>.
QUESTIONS: Tuple[Question, ...] = (
    Question("days_since_treatment"),
    Question("trend"),
    Question("fluid"),
    Question("body_sites"),
    # "Is it big, tense or very painful?" A yes affirms the question as asked.
    Question("severity", yes=["large", "tense", "very_painful"], no=[]),
    Question("risk_factors", yes=["diabetes", "weak_immunity"], no=[]),
)
QUESTIONS_BY_FACT: Dict[str, Question] = {question.fact: question for question in QUESTIONS}
QUESTIONS_BY_SLOT: Dict[str, Question] = {question.slot: question for question in QUESTIONS}
# Enough to settle any rule in the rulebook; more would wear a worried patient out.
MAX_QUESTIONS = 3
# A warning sign is answered at once.
ASK_ONLY_BELOW = Level.URGENT


@dataclass(frozen=True)
class PendingTriage:
    """A triage waiting on answers: what the patient reported, and which questions are done."""

    symptoms: Tuple[str, ...]
    facts: Mapping[str, Any] = field(default_factory=dict)
    skipped: FrozenSet[str] = frozenset()
    asked: Tuple[str, ...] = ()

    def observation(self) -> Observation:
        return Observation(symptoms=self.symptoms, facts=dict(self.facts), skipped=self.skipped)

    def to_slot(self) -> Dict[str, Any]:
        return {"symptoms": list(self.symptoms), "facts": dict(self.facts),
                "skipped": sorted(self.skipped), "asked": list(self.asked)}

    @classmethod
    def from_slot(cls, value: Optional[Mapping[str, Any]]) -> Optional["PendingTriage"]:
        if not value or not value.get("symptoms"):
            return None
        return cls(symptoms=tuple(value["symptoms"]), facts=dict(value.get("facts") or {}),
                   skipped=frozenset(value.get("skipped") or ()), asked=tuple(value.get("asked") or ()))


def questions_worth_asking(result: TriageResult, asked: Tuple[str, ...] = ()) -> List[Question]:
    """Open questions we know how to ask, highest stakes first, within the budget left."""
    if result.level >= ASK_ONLY_BELOW:
        return []
    candidates = [q for q in QUESTIONS if q.fact in result.open_questions and q.fact not in asked]
    candidates.sort(key=lambda q: -result.open_questions[q.fact])  # stable: table order breaks ties
    return candidates[: max(0, MAX_QUESTIONS - len(asked))]


def next_question(engine: TriageEngine, pending: PendingTriage) -> Optional[Question]:
    worth_asking = questions_worth_asking(engine.assess(pending.observation()), pending.asked)
    return worth_asking[0] if worth_asking else None


def answer_value(question: Question, answer: MessageReading) -> Any:
    """The fact the answer gives, or None when it gives none (skipped)."""
    if answer.answer == "not_sure":
        return None
    value = answer.facts.get(question.fact)
    if value is not None:
        return value
    return {"yes": question.yes, "no": question.no}.get(answer.answer)


def record_answer(pending: PendingTriage, question: Question, answer: MessageReading) -> PendingTriage:
    """Adds what the answer says: the fact asked for, and anything else it reports ("two days ago,
    and now there's pus") so that a new warning sign counts. A fact already known is kept."""
    facts = {**answer.facts, **pending.facts}
    value = answer_value(question, answer)
    if value is not None:
        facts[question.fact] = value
    symptoms = tuple(dict.fromkeys(pending.symptoms + answer.symptoms))
    skipped = pending.skipped if value is not None else pending.skipped | {question.fact}
    return PendingTriage(symptoms, facts, skipped, pending.asked + (question.fact,))
