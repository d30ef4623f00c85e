"""Typos of pattern words are corrected before reading; English words and short words never are."""
import pytest

from triage.reading.message import read_message, spelling_corrector
from triage.reading.spelling import edit_distance


@pytest.mark.parametrize("typo, word", [
    ("feverr", "fever"), ("infectd", "infected"), ("bleding", "bleeding"), ("oozng", "oozing"),
    ("brething", "breathing"), ("temprature", "temperature"), ("throbing", "throbbing"), ("sweling", "swelling"),
])
def test_a_typo_of_a_pattern_word_is_corrected(nlp, typo, word):
    assert spelling_corrector(nlp).correction(typo) == word


@pytest.mark.parametrize("word", [
    "bearable",  # an English word: never "unbearable"
    "rather", "though", "untreated", "would", "tingle",
    "puss", "pian",  # 4 letters or fewer: never corrected (both are listed typos anyway)
    "zzzzzzz",
])
def test_english_words_short_words_and_far_words_are_left_alone(nlp, word):
    assert spelling_corrector(nlp).correction(word) is None


def test_a_contraction_is_left_whole(nlp):
    assert spelling_corrector(nlp).correct("it doesn't fade") == "it doesn't fade"


def test_a_corrected_typo_is_read_as_its_word(nlp):
    assert read_message("feverr and the wound is infectd", nlp).symptoms == ("fever", "infected_discharge")


@pytest.mark.parametrize("a, b, distance", [("fever", "feverr", 1), ("blister", "bilster", 1), ("pus", "pain", 3)])
def test_edit_distance_counts_a_swap_as_one(a, b, distance):
    assert edit_distance(a, b, limit=5) == distance


@pytest.mark.parametrize("a, b, limit", [("fever", "pain", 1), ("infected", "infectionsss", 2), ("pus", "", 2)])
def test_a_distance_above_the_limit_is_the_limit_plus_one(a, b, limit):
    assert edit_distance(a, b, limit) == limit + 1


def test_the_bound_counts_searches_not_words(nlp):
    # Two hundred short or English words cost no search: a typo after them is still corrected.
    assert read_message("the " * 250 + "feverr", nlp).symptoms == ("fever",)
