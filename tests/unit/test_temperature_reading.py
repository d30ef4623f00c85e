import pytest

from triage.reading.message import read_message
from triage.reading.temperatures import temperatures_in


@pytest.mark.parametrize("text, celsius", [
    ("she's boiling hot, 39.8, and so sleepy", [39.8]),
    ("temp 38C", [38.0]),
    ("38°C this morning", [38.0]),
    ("temp of 101.3 °F", [38.5]),
    ("100.4F", [38.0]),
    ("thermometer says 102", [38.9]),
    ("my temperature is 37.2", [37.2]),
    ("temp 38,5", [38.5]),
    # a number with a decimal told alone, in answer or as the next fact of a story
    ("38.9", [38.9]),
    ("101.5!", [38.6]),
    ("38", []),
    ("2.5", []),
    # ages, measures and times are no temperatures
    ("I'm 38 and the spot is hot to touch", []),
    ("38 weeks pregnant, is freezing safe", []),
    ("a 40 mm blister and it feels hot", []),
    ("froze it 40 days ago", []),
    ("day 39 and it's still there", []),
])
def test_temperatures_are_read_with_a_unit_or_a_word_that_says_temperature(text, celsius):
    assert temperatures_in(text) == celsius


@pytest.mark.parametrize("text, has_fever", [
    ("she's boiling hot, 39.8", True),
    ("my temp is 38.4", True),
    ("temperature 100.8f and the redness is spreading", True),
    ("my temperature is 37.2", False),  # measured, and below 38 °C: "temperature" names no fever
    ("temp 37.5 but chills", True),  # chills are a fever sign whatever the thermometer says
    ("I'm burning up", True),
    ("roasting hot and shivery", True),
])
def test_fever_is_read_from_numbers_and_slang(nlp, text, has_fever):
    assert ("fever" in read_message(text, nlp).symptoms) == has_fever


def test_burning_up_is_fever_never_burning_on_thawing(nlp):
    assert read_message("I'm burning up and the spot is red", nlp).symptoms == ("fever", "redness_swelling")
    assert read_message("it was burning when it thawed", nlp).symptoms == ("pain",)
