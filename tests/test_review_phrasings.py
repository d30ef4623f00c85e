"""Phrasings a review found misread (2026-11-25), kept as a regression suite: each goes through the
reading and the engine, and must reach at least its level (warning signs), or stay at most at it
(healing messages). Emergency signs must be read whatever the typing style."""
import pytest

from tests.reading_levels import level_of
from triage import Level


@pytest.mark.parametrize("text", [
    # typing styles: a phone's curly apostrophe, capitals, double spaces
    "I can’t breathe", "rash that doesn’t fade", "CAN'T BREATHE", "my lips are  swollen", "chest  pain",
    # a denial that does not reach the sign
    "I dont have pain just swollen lips", "No rash just swollen lips", "no fever no rash she's very floppy",
    "I have never had chest pain like this", "not completely sure if her lips are swollen",
    "no chest pain earlier, but now I have it", "I didn't have trouble breathing yesterday but today I do",
    # parents' and patients' words
    "my son has a fever and is really floppy", "mum seems a bit confused since yesterday",
    "he looks very pale and is cold and clammy", "my throat feels like it's closing",
    "I don't think she's breathing right", "breathing is difficult", "having a hard time breathing",
    "my chest is really tight", "her lips have gone a bit blue", "purple spots that don't fade",
    "my tounge is swelling", "she's weezing",
])
def test_an_emergency_sign_is_read_whatever_the_wording(nlp, engine, text):
    assert level_of(nlp, engine, text) == Level.EMERGENCY, text


@pytest.mark.parametrize("text, at_least", [
    ("she's 39.4 and won't drink", Level.EMERGENCY),
    ("my son has 102 and is floppy", Level.EMERGENCY),
    ("baby has a fever and is refusing bottles", Level.EMERGENCY),
    ("if I squeeze it a bit of pus comes out", Level.URGENT),
    ("it looks as if there's pus in it", Level.URGENT),
    ("should I be worried if there are red streaks going up my arm?", Level.URGENT),
    ("to prevent infection I cleaned the pus off", Level.URGENT),
    ("if anything the redness is spreading", Level.URGENT),
    ("i cant stop the bleeding", Level.URGENT),
    ("it never stopped bleeding", Level.URGENT),
    ("it's pussing", Level.URGENT),
    ("I feel like I'm going to pass out", Level.URGENT),
])
def test_a_warning_sign_reaches_its_level(nlp, engine, text, at_least):
    level = level_of(nlp, engine, text)
    assert level is not None and level >= at_least, text


@pytest.mark.parametrize("text, at_most", [
    ("day 5, it's not getting worse but it is still a bit red", Level.SELF_CARE),
    ("no fever but it is a bit sore", Level.SELF_CARE),
    ("the blister has gone floppy", Level.SELF_CARE),
    ("I'm really confused, is the scab supposed to be black?", Level.SELF_CARE),
    ("I'm so sleepy today lol, anyway the scab is fine", Level.SELF_CARE),
    ("I take medication for seizures, the blister is fine", Level.SELF_CARE),
    ("My chest wart hurts a bit", Level.SELF_CARE),
    ("it's boiling hot outside and the blister stings", Level.SELF_CARE),
    ("temp below 38, the spot is a bit red", Level.SELF_CARE),
    ("My 4 year old has a blister, frozen 2 days ago", Level.SELF_CARE),
    ("had the wart for 2 years, froze it yesterday, now a blister", Level.SELF_CARE),
    ("Dr Shelly said the blister was normal", Level.SELF_CARE),
    ("I spread some vaseline on the scab", Level.SELF_CARE),
])
def test_a_healing_message_is_not_raised(nlp, engine, text, at_most):
    level = level_of(nlp, engine, text)
    assert level is not None and level <= at_most, (text, level)
