"""Times as patients write them, counted back from a frozen "today" (Wednesday 25 November 2026)."""
from datetime import date

import pytest

from triage.reading.message import read_message
from triage.reading.times import days_in

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("text, days", [
    ("3 days ago", 3), ("day 4", 4), ("a couple of weeks", 14), ("yesterday", 1), ("yday", 1),
    ("a fortnight ago", 14), ("two fortnights", 28),
    ("on Friday", 5), ("since sat", 4), ("last wednesday", 7), ("on Wednesday", 0),
    ("on October 28", 28), ("back in march", 255), ("earlier in December", 345), ("in November", 12),
    ("in the spring", 224), ("last summer", 133),
    ("just before Christmas", 335), ("at the start of the year", 328), ("ages ago", 60), ("a long time ago", 60),
    ("over the weekend", 4), ("last weekend", 4), ("nov 3", 22),
    ("a week and a half ago", 10.5), ("3 and a half weeks", 24.5), ("half a year ago", 182.5),
    ("48 hours ago", 2), ("36 hours ago", 1), ("an hour ago", 0), ("20 minutes ago", 0),
])
def test_a_time_is_counted_back_from_today(text, days):
    assert days_in(text, TODAY) == days


@pytest.mark.parametrize("text, days", [
    ("they froze a spot on my cheek in the spring and it's still there", 224),
    ("I had it frozen on Monday and it still stings", 2),
    ("the wart was frozen a week and a half ago and it's blistered", 10.5),
    ("they froze it 3 and a half weeks ago and it's still there", 24.5),
    ("had it frozen over the weekend, it stings", 4),
    ("frozen on nov 3 and it's still there", 22),
    ("got a sunspot frozen on my cheek like 2 yrs ago n theres still a white patch", 730),  # round 13: mh-050
    ("had it frozen 3 mths ago", 90),
    ("my mother 70 yrs had wart freezing done on her foot 3 days back", 3),  # an age, not a date (eo-075)
    ("it may ooze a bit", None),  # "may" is no month here
    # a time under a day tells the date only next to the treatment: elsewhere it tells of the symptom or of now
    ("the skin has been hot for a few hours", None),
    ("I pressed on it for about ten minutes and it is still bleeding", None),
    ("this morning", 0),  # the answer to "when was it frozen?"
    ("the skin round my verruca has been hot all day today", None),
    ("it started bleeding 2 hours ago", None),
    ("the blister has been there for 3 days", 3),
    ("frozen 2 hours ago, it burns", 0),
    ("I had cryo this morning and now it's blistering", 0),
    ("it's day 0 and it burns", 0),
    # a time of the thaw, or how long the freezing lasted, is no date; a lasting sign bounds it from 3 days up
    ("It stung for about 5 minutes after thawing, that was last Thursday, and now the redness keeps getting worse", 6),
    ("wart on my finger got frozen yday and theres a blister like 5mm", 1),
    ("froze it for 15 seconds yesterday and it blistered", 1),
    ("it stung this morning when they froze it but it's getting better", 0),
    ("It did feel hot yesterday and today it's hotter and redder, day 5", 5),
    ("it thawed in a minute, 4 days ago, and it's now hot and red", 4),
    ("it's worse today", None),
    ("hot and red the last two days", None),
    ("the last week it's been red", 7),
    ("The skin has been hot and red for 2 days", None),
    ("my blister has been there for 10 days", 10),
    ("they did my verruca this morning and it's warm and red", None),  # "did" is too common a word to date it
    ("will the scab fall off by itself?", None),  # nor "fall" a season
])
def test_the_reading_finds_the_time_in_a_message(nlp, text, days):
    assert read_message(text, nlp, today=TODAY).days_since_treatment == days


@pytest.mark.parametrize("text, days", [("on the 14th", 11), ("since the 3rd", 22), ("on the 30th", 26)])
def test_a_day_of_the_month_counts_back_from_today(text, days):
    assert days_in(text, TODAY) == days


@pytest.mark.parametrize("text, days", [("months ago", 60), ("weeks later", 14), ("for years", 730), ("many months", 90)])
def test_a_time_without_a_number_is_at_least_two_of_its_unit(text, days):
    assert days_in(text, TODAY) == days
