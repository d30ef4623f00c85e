"""What round 12's development half showed, in new wording, with the senses beside them: a clinician's erythema
extending beyond the site, a confusion "back in March", someone else's sign of the past said to be over. A breath that stopped, a choking, a heart that stopped
(round 12's second safety review found them unread). What the reviews found against a taking back of a sign said
not to be meant, which was taken back whole, is in tests/unit/test_story.py."""
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
    # a breath that stopped, a choking, a heart that stopped
    ("my baby stopped breathing", EMERGENCY),
    ("my baby isn't breathing", EMERGENCY),
    ("he has collapsed and is not breathing", EMERGENCY),
    ("no, he's not breathing", EMERGENCY),
    ("my toddler is choking", EMERGENCY),
    ("he's choking on a sweet and going red", EMERGENCY),
    ("my dad's heart has stopped", EMERGENCY),
    ("i can't find a pulse on my husband", EMERGENCY),
    # someone else's sign stays when it is the writer's, happening now, not said over, or with a sign of the writer's
    ("my mate said I was wheezing last night, he's fine, anyway I had a wart frozen", EMERGENCY),
    ("my husband had chest pain last night, he's fine now, but I've got chest pain now and I had a wart frozen today",
     EMERGENCY),
    ("my sister had a fit yesterday, she's fine now, I had a wart frozen and my lips are swelling", EMERGENCY),
    ("my dad collapsed yesterday and he's fine now, I had my verruca frozen, he's gone grey again now", EMERGENCY),
    ("my baby had a fit last night and she's fine now, I had my wart frozen last week, she's very floppy today",
     EMERGENCY),
    ("my son had a fit last night, he's fine now, the wart they froze on his finger yesterday has a blister", EMERGENCY),
    ("my wife can't breathe, she was fine yesterday, i had a mole frozen last week", EMERGENCY),
    ("my daughter had a fit an hour ago and she's ok now, I had my wart frozen yesterday", EMERGENCY),
    ("my flatmate had a seizure last night, she's not fine at all, I had a wart frozen yesterday", EMERGENCY),
    ("a guy at the bus stop went grey and collapsed, the wart they froze on my hand is fine", EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("Back in March I had a strange episode where I got really confused and couldn't find my words, it was a migraine. "
     "The sun spots frozen on my forearms a week ago have scabbed over", SELF_CARE),
    # someone else's sign, past, said to be over, and the writer's own freeze (round 12's nm-026, ni-026, nj-079)
    ("our neighbours baby had a fit last night and the ambulance came he's OK now. anyway I had a skin tag frozen "
     "under my arm yesterday and it's gone a bit dark", SELF_CARE),
    ("my friend had a seizure last night, she's totally fine this morning. I forgot to look at my own finger, where I "
     "had a wart frozen yesterday, it has a small clear blister", SELF_CARE),
    ("my wife couldn't breathe last night with her asthma, she's fine now, i had a mole frozen on my back, it's scabbed",
     SELF_CARE),
    ("he's not breathing hard, just a bit fast from running, the verruca has a blister", SELF_CARE),
    ("not breathing through my nose, it's blocked, blister on my hand from the freeze", SELF_CARE),
    ("I was choking back tears when they froze it, small blister now", SELF_CARE),
    ("my heart stopped when I saw the bill, the wart has a small blister", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
