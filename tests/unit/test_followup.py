"""Which follow-up questions are worth asking, and what an answer adds (triage/followup.py)."""
from triage.followup import (
    MAX_QUESTIONS, QUESTIONS_BY_FACT, PendingTriage, next_question, questions_worth_asking, record_answer,
)
from triage.reading.message import read_message
from triage import Observation


def test_a_pending_report_survives_the_round_trip_through_a_slot():
    pending = PendingTriage(("pain", "blistering"), {"trend": "worsening"}, frozenset({"fluid"}), ("fluid",))
    assert PendingTriage.from_slot(pending.to_slot()) == pending
    assert PendingTriage.from_slot(None) is None and PendingTriage.from_slot({"symptoms": []}) is None


def test_nothing_is_asked_once_the_level_is_urgent(engine):
    result = engine.assess(Observation(("infected_discharge",)))
    assert result.open_questions  # diabetes would make it an emergency...
    assert questions_worth_asking(result) == []  # ...but the urgent advice is not held back


def test_questions_come_highest_stakes_first_within_the_budget(engine):
    questions = questions_worth_asking(engine.assess(Observation(("blistering",))))
    assert questions[0].fact == "body_sites"
    assert len(questions) == MAX_QUESTIONS
    asked = tuple(q.fact for q in questions)
    assert questions_worth_asking(engine.assess(Observation(("blistering",))), asked) == []


def test_recording_an_answer_marks_it_asked_and_a_non_answer_skipped(nlp, engine):
    pending = PendingTriage(("pain",))
    answered = record_answer(pending, QUESTIONS_BY_FACT["days_since_treatment"], read_message("3 days ago", nlp))
    assert answered.facts["days_since_treatment"] == 3 and answered.asked == ("days_since_treatment",)
    skipped = record_answer(answered, QUESTIONS_BY_FACT["trend"], read_message("no idea", nlp))
    assert skipped.skipped == {"trend"} and "trend" not in skipped.facts
    assert next_question(engine, skipped) is None


def test_a_yes_to_a_yes_no_question_gives_its_fact(nlp):
    pending = record_answer(PendingTriage(("blistering",)), QUESTIONS_BY_FACT["risk_factors"],
                            read_message("yes", nlp))
    assert pending.facts["risk_factors"] == ["diabetes", "weak_immunity"]


def test_an_answer_keeps_what_the_patient_said_before(nlp):
    pending = PendingTriage(("pain",), {"trend": "worsening"})
    answered = record_answer(pending, QUESTIONS_BY_FACT["days_since_treatment"],
                             read_message("yesterday, it's getting better", nlp))
    assert answered.facts == {"trend": "worsening", "days_since_treatment": 1}
