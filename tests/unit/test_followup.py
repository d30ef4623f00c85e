"""Which follow-up questions are worth asking, and what an answer adds (triage/followup.py)."""
from triage.followup import (
    MAX_QUESTIONS, QUESTIONS_BY_FACT, WARNING_CHECK, next_question, questions_worth_asking, record_answer,
    warning_check_buttons,
)
import pytest

from triage.reading.message import read_message
from triage.story import Story
from triage import Level, Observation


def test_nothing_is_asked_once_the_level_is_urgent(engine):
    result = engine.assess(Observation(("infected_discharge",)))
    assert result.open_questions  # diabetes would make it an emergency...
    assert questions_worth_asking(result) == []  # ...but the urgent advice is not held back
    assert next_question(result, Story(("infected_discharge",))) is None


def test_questions_come_highest_stakes_first_within_the_budget(engine):
    questions = questions_worth_asking(engine.assess(Observation(("blistering",))))
    assert questions[0].fact == "body_sites"
    assert len(questions) == MAX_QUESTIONS
    asked = tuple(q.fact for q in questions)
    assert questions_worth_asking(engine.assess(Observation(("blistering",))), asked, 0) == []


def test_a_question_that_cannot_raise_the_level_given_is_not_asked(engine):
    facts = {"days_since_treatment": 3, "body_sites": ["hand"]}
    result = engine.assess(Observation(("blistering", "oozing"), facts))
    # a big, tense blister is see_doctor too: the engine leaves its question out
    assert result.level == Level.SEE_DOCTOR and "severity" not in result.open_questions
    asked = [q.fact for q in questions_worth_asking(result)]
    assert asked == ["fluid", "risk_factors"]


def test_a_yes_no_question_whose_yes_could_raise_nothing_is_not_asked(engine):
    # round 13 (wu-059): a bleeding was asked "do you have diabetes?", and a yes meets no bleeding rule ("on a blood
    # thinner" does); "is it ... bleeding heavily?" is asked, and its yes ("heavy") raises it
    bleeding = engine.assess(Observation(("bleeding",), {"days_since_treatment": 0, "body_sites": ["neck"]}))
    assert {"severity", "risk_factors"} <= set(bleeding.open_questions)
    assert [q.fact for q in questions_worth_asking(bleeding)] == ["severity"]
    # a blister still is
    blister = engine.assess(Observation(("blistering",), {"days_since_treatment": 1, "body_sites": ["foot"]}))
    assert [q.fact for q in questions_worth_asking(blister)] == ["severity", "risk_factors"]


def test_recording_an_answer_marks_it_asked_and_a_non_answer_skipped(nlp, engine):
    story = Story(("pain",))
    answered = record_answer(story, QUESTIONS_BY_FACT["days_since_treatment"], read_message("3 days ago", nlp))
    assert answered.facts["days_since_treatment"] == 3 and answered.asked == ("days_since_treatment",)
    skipped = record_answer(answered, QUESTIONS_BY_FACT["trend"], read_message("no idea", nlp))
    assert skipped.skipped == {"trend"} and "trend" not in skipped.facts
    # pain on day 3 with no trend known: only the warning check is left before reassuring
    assert next_question(engine.assess(skipped.observation()), skipped) == WARNING_CHECK


def test_a_yes_to_a_yes_no_question_gives_its_fact(nlp):
    story = record_answer(Story(("blistering",)), QUESTIONS_BY_FACT["risk_factors"], read_message("yes", nlp))
    assert story.facts["risk_factors"] == ["diabetes", "weak_immunity"]


def test_an_answer_keeps_what_the_patient_said_before(nlp):
    story = Story(("pain",), facts={"trend": "worsening"})
    answered = record_answer(story, QUESTIONS_BY_FACT["days_since_treatment"],
                             read_message("yesterday, it's getting better", nlp))
    assert answered.facts == {"trend": "worsening", "days_since_treatment": 1}


def test_the_warning_check_comes_before_reassuring_in_the_first_two_weeks_once(engine):
    story = Story(("blistering",), facts={"days_since_treatment": 3, "severity": []},
                  asked=("body_sites", "severity", "risk_factors"))
    result = engine.assess(story.observation())
    assert result.level.label == "self_care"
    assert next_question(result, story) == WARNING_CHECK
    assert next_question(result, story.asking(WARNING_CHECK.fact)) is None
    late = Story(("lightened_skin",), facts={"days_since_treatment": 60})
    assert next_question(engine.assess(late.observation()), late) is None  # late marks: nothing to check


def test_the_warning_check_offers_only_the_signs_neither_named_nor_denied():
    titles = [button["title"] for button in warning_check_buttons(Story(("blistering",), denied=("fever",)))]
    assert titles == ["Redness spreading", "Pus or smelly fluid", "Bleeding that won't stop", "None of these",
                      "Not sure"]


def check(nlp, story, text):
    return record_answer(story, WARNING_CHECK, read_message(text, nlp), text)


def test_the_warning_check_answered_none_denies_the_signs_and_a_sign_counts(nlp, engine):
    story = Story(("blistering",), facts={"days_since_treatment": 2})
    none = check(nlp, story, "none of these")
    assert set(none.denied) == {"fever", "spreading_redness", "infected_discharge", "bleeding"}
    assert engine.assess(none.observation()).level.label == "self_care"
    fever = check(nlp, story, "I have a fever or shivers")
    assert "fever" in fever.symptoms and engine.assess(fever.observation()).level.label == "urgent"
    unsure = check(nlp, story, "not sure")
    assert WARNING_CHECK.fact in unsure.skipped and unsure.symptoms == ("blistering",)


@pytest.mark.parametrize("answer, sign", [
    ("yes", "warning_sign_unnamed"), ("yes the first one", "fever"), ("I think so", "warning_sign_unnamed"),
    ("kinda", "warning_sign_unnamed"), ("the last one", "bleeding"), ("no pus but the first one yes", "fever"),
    ("no... actually yes there's some yellow stuff", "warning_sign_unnamed"), ("1 and 3", "infected_discharge"),
])
def test_a_yes_or_a_sign_picked_at_the_warning_check_counts_as_urgent(nlp, engine, answer, sign):
    told = check(nlp, Story(("blistering",), facts={"days_since_treatment": 3}), answer)
    assert sign in told.symptoms and sign not in told.denied
    assert engine.assess(told.observation()).level.label == "urgent"


@pytest.mark.parametrize("answer", [
    "Given the diabetes, how long should I expect the scab to last on the leg?",
    "Correction to the above: the treatment was 5 weeks ago, not last week. I was thinking of my last appointment.",
    "at first, it was red", "how long will it last?", "the first day it was sore",
])
def test_an_ordinal_word_in_a_sentence_picks_no_sign_at_the_warning_check(nlp, answer):
    """Round 14: "last" in a sentence picked the last button, a bleeding that won't stop (urgent)."""
    told = check(nlp, Story(("scab",), facts={"days_since_treatment": 7}), answer)
    assert "bleeding" not in told.symptoms and "fever" not in told.symptoms


@pytest.mark.parametrize("answer, sign", [
    ("the last", "bleeding"), ("last one", "bleeding"), ("yes, the last", "bleeding"), ("first and last", "bleeding"),
    ("the 2nd", "spreading_redness"), ("second one please", "spreading_redness"), ("1st and 3rd", "infected_discharge"),
])
def test_an_ordinal_that_stands_as_a_pick_still_picks_its_sign(nlp, answer, sign):
    told = check(nlp, Story(("scab",), facts={"days_since_treatment": 7}), answer)
    assert sign in told.symptoms


def test_bleeding_picked_at_the_warning_check_is_one_that_will_not_stop(nlp, engine):
    told = check(nlp, Story(("blistering",), facts={"days_since_treatment": 3}), "yes, bleeding")
    assert "not_stopping" in told.facts["severity"]
    assert engine.assess(told.observation()).level.label == "urgent"


def test_each_warning_check_button_is_read_as_its_sign(nlp):
    for symptom, _, payload in __import__("triage.followup", fromlist=["WARNING_SIGNS"]).WARNING_SIGNS:
        assert symptom in read_message(payload, nlp).symptoms, payload
