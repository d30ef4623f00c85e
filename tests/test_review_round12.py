"""What round 12's development half showed, in new wording, with the senses beside them: a clinician's erythema
extending beyond the site, a confusion "back in March". The story's taking back of a sign the patient says was not
meant is in tests/unit/test_story.py, with what round 12's safety review found against its first version."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, URGENT, EMERGENCY = Level.SELF_CARE, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    ("Cryo to an AK on my shin 4 days ago. Erythema now extending about 5 cm beyond the site and warm.", URGENT),
    ("erythema extending up towards the knee from the treated verruca, day 3", URGENT),
    # a month long past is no past when now follows
    ("back in march i had my wart frozen and now he is really confused", EMERGENCY),
    ("back in may she had a fit, and she's fitting again now", EMERGENCY),
    # laughter beside a breath, and a swallow of something else, stay signs (safety review, round 12)
    ("he can't breathe for laughing and won't stop wheezing", EMERGENCY),
    ("she can't breathe from laughter and is making a high pitched noise", EMERGENCY),
    ("I can't swallow, no idea what's happening", EMERGENCY),
    ("i cant swallow and the news said there's a bug going round", EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("Back in March I had a strange episode where I got really confused and couldn't find my words, it was a migraine. "
     "The sun spots frozen on my forearms a week ago have scabbed over", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
