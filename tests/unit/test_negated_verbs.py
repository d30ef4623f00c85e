"""A denial of something other than the sign: "haven't"/"hasn't" deny what follows, a denied ending ("wasn't
coming down", "isn't helping") or a failed attempt ("couldn't get it to stop") leaves the sign standing, and a
denial of sleep or of a medicine ("didn't sleep cos of the pain") is not one of the pain."""
import pytest

from triage.reading.message import read_message


@pytest.mark.parametrize("text, affirmed, negated", [
    # negspacy's list had "didn't" but not these
    ("I haven't fainted, the blister on my hand is just sore", ("blistering", "pain"), ("fainting",)),
    ("she hasn't had a temperature, the blister is fine", ("blistering",), ("fever",)),
    ("hasn't bled since yesterday", (), ("bleeding",)),
    ("the redness hasn't spread, it's just round the spot", ("redness_swelling",), ("spreading_redness",)),
    # a denied ending: the sign goes on
    ("the bleeding wasn't stopping even with pressure", ("bleeding",), ()),
    ("her fever wasn't coming down with calpol", ("fever",), ()),
    ("the swelling hasn't gone down at all", ("redness_swelling",), ()),
    ("paracetamol isn't helping the pain", ("pain",), ()),
    ("it hasn't stopped oozing since tuesday", ("oozing",), ()),
    ("couldn't get the bleeding to stop", ("bleeding",), ()),
    # the denial is of sleep or of a medicine
    ("didn't sleep cos of the pain, day 4", ("pain",), ()),
    ("couldn't sleep for the throbbing pain in my toe", ("pain",), ()),
    ("haven't taken anything for the fever, it's 38.5", ("fever",), ()),
])
def test_what_a_denial_reaches(nlp, text, affirmed, negated):
    reading = read_message(text, nlp)
    assert reading.symptoms == affirmed
    assert reading.negated_symptoms == negated


@pytest.mark.parametrize("text", [
    "I haven't been able to stop the bleeding from the wart on my finger",
    "couldn't get it to stop bleeding",
    "i cant stop it bleeding",
    "can't get the bleeding to stop from the spot on my shin",
])
def test_a_failed_attempt_to_stop_a_bleeding_is_a_bleeding_that_does_not_stop(nlp, text):
    reading = read_message(text, nlp)
    assert "bleeding" in reading.symptoms and "not_stopping" in [m.id for m in reading.mentions if not m.negated]


def test_a_bleeding_stopped_by_the_patient_is_no_bleeding_that_does_not_stop(nlp):
    reading = read_message("managed to get it to stop bleeding after 10 mins", nlp)
    assert "not_stopping" not in [m.id for m in reading.mentions]


@pytest.mark.parametrize("text, trend", [
    # the ending itself is still denied: no improvement
    ("blister still really sore, hurts even sitting down, not getting better", "worsening"),
    ("the redness is not getting any better", "worsening"),
    ("it isn't improving", "worsening"),
    # a mention that holds its own negation is told
    ("it was 10 months ago now, hasn't changed at all", "stable"),
])
def test_a_denied_ending_still_denies_the_trend_it_names(nlp, text, trend):
    assert read_message(text, nlp).trend == trend


def test_a_negated_ability_is_no_forecast_but_a_negated_forecast_still_is(nlp):
    assert read_message("couldn't get the bleeding to stop", nlp).symptoms == ("bleeding",)
    foreseen = read_message("the doctor said it wouldn't cause scabbing", nlp).mentions
    assert [(m.label, m.id) for m in foreseen if m.id == "scab"] == [("HYPOTHETICAL", "scab")]
    asked = read_message("it couldn't get infected, could it?", nlp).mentions
    assert [(m.label, m.id) for m in asked if m.id == "infected_discharge"] == [("HYPOTHETICAL", "infected_discharge")]


@pytest.mark.parametrize("text, affirmed, negated", [
    # code review, round 10: the written-out perfect tense, "or" carrying a denial, "any" after one
    ("I have not had a chance to ring the clinic its oozing pus", ("oozing", "infected_discharge"), ()),
    ("I have not had any fever, the blister is fine", ("blistering",), ("fever",)),
    ("I haven't had any fever or pus, just a blister", ("blistering",), ("fever", "infected_discharge")),
    ("you can't get the infection from freezing can you", (), ("infected_discharge",)),
])
def test_a_perfect_tense_written_out_denies_as_short(nlp, text, affirmed, negated):
    reading = read_message(text, nlp)
    assert reading.symptoms == affirmed
    assert reading.negated_symptoms == negated


def test_no_luck_getting_through_is_no_bleeding_that_does_not_stop(nlp):
    reading = read_message("no luck getting through to the clinic, it bled a little", nlp)
    assert "not_stopping" not in [m.id for m in reading.mentions]
