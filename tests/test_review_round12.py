"""What round 12's development half showed, in new wording, with the senses beside them: a breath lost to laughter, a
fact hard to swallow, a clinician's erythema extending beyond the site, a confusion "back in March". The story's taking back of a sign the patient
says was not meant is in tests/unit/test_story.py."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, URGENT, EMERGENCY = Level.SELF_CARE, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    ("Cryo to an AK on my shin 4 days ago. Erythema now extending about 5 cm beyond the site and warm.", URGENT),
    ("erythema extending up towards the knee from the treated verruca, day 3", URGENT),
    # laughter nowhere near the breath, or the swallow of a real throat
    ("i cant breathe and laughing makes it worse, wart frozen this morning", EMERGENCY),
    ("he keeps laughing then can't breathe, lips going blue", EMERGENCY),
    ("can't swallow and my throat feels tight since the freeze", EMERGENCY),
    ("can't swallow my spit, the fact is my throat is closing", EMERGENCY),
    # a month long past is no past when now follows
    ("back in march i had my wart frozen and now he is really confused", EMERGENCY),
    ("back in may she had a fit, and she's fitting again now", EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("sorry, can't breathe for laughing, my kids showed me a photo of the wart freeze, blister on my hand", SELF_CARE),
    ("couldn't breathe from laughing at the nurse's joke, the verruca has a small blister", SELF_CARE),
    ("can't swallow the fact i paid £90 for this lol, small blister on my toe", SELF_CARE),
    ("hard to swallow the price tbh, wart on my finger has a blister", SELF_CARE),
    ("Back in March I had a strange episode where I got really confused and couldn't find my words, it was a migraine. "
     "The sun spots frozen on my forearms a week ago have scabbed over", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
