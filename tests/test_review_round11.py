"""Signs the earlier safety reviews left misread (round 10's closing note), in new wording, and the harmless
senses beside them: confusion in "not responding properly" and "hasn't been making sense", a red track towards the
armpit, "the rest of my leg has gone red", a ring that "I haven't managed to get off", and a wart that "hasn't
improved" (a growth that persists, not an infection getting worse); and someone else's sign, told in the past, that
the writer turns from to their own spot ("anyway me:")."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.SELF_CARE, Level.SEE_DOCTOR, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    ("my dad had a mole frozen on tuesday and today he's not responding properly when we talk to him", EMERGENCY),
    ("grandma has had a temperature since the freeze and she hasn't been making any sense this afternoon", EMERGENCY),
    ("my wife's not been making sense since lunch, the spot on her cheek was frozen yesterday", EMERGENCY),
    ("theres a thin red track going from the frozen wart on my wrist heading towards my elbow", URGENT),
    ("a pinkish stripe is climbing up my forearm from where they froze the skin tag, day 3", URGENT),
    ("verruca frozen 5 days ago and now the rest of my foot is going red and puffy", URGENT),
    ("wart on my ring finger frozen this morning, it's swollen and I have not been able to get my ring off", URGENT),
    ("finger is fat and purple where they did the wart, struggling to get my wedding ring off", URGENT),
    ("the oozing on my shin hasn't improved, frozen 8 days ago", URGENT),
    # a growth still there, in its own texture, dated
    ("had a few sun damage spots frozen on my bald head 3 months ago, still rough and scaly", SEE_DOCTOR),
    ("wart frozen 4 weeks ago and its still rough and bumpy", SEE_DOCTOR),
    # an eye that is the spot's site, beside the idiom
    ("wart frozen near my eye yesterday and theres a blister", URGENT),
    ("they froze a spot by my eye, keep my eye closed? theres a blister", URGENT),
    # someone else's sign counts when it is now, in the family, or the writer's own sign follows
    ("my mate is wheezing really badly right now, anyway me: wart frozen tuesday", EMERGENCY),
    ("my son had a fit last night, anyway I had a wart frozen yesterday, is the blister normal", EMERGENCY),
    ("my friend had a fit yesterday. anyway my lips are swelling up since the freeze", EMERGENCY),
    ("my friend collapsed at work yesterday, anyway i feel like im going to pass out and my chest is tight", EMERGENCY),
    ("a guy at the bus stop went grey and collapsed, the wart they froze on my hand is fine", EMERGENCY),
])
def test_a_sign_left_misread_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("the leaflet they gave me hasn't been making much sense, can I get it wet?", SELF_CARE),
    ("the verruca hasn't improved at all and it was frozen 2 weeks ago", SEE_DOCTOR),
    ("my wart is not getting any better, they froze it 4 weeks ago", SEE_DOCTOR),
    ("the wart isn't responding properly to the freezing, still there after the second go", SEE_DOCTOR),
    ("I was able to take my ring off before the freeze, finger a bit swollen today", SELF_CARE),
    # "keep an eye on it" watches; it names no eye (a blister near the eye is urgent)
    ("blister on my hand from the freeze yesterday, ill keep an eye on it", SELF_CARE),
    ("my gp keeps a close eye on me, wart frozen on my finger, small blister", SELF_CARE),
    ("blister on my thumb, I'll be in the public eye at a wedding saturday", SELF_CARE),
    ("my flatmate was wheezing after his run last night, had his inhaler and was fine. anyway me, the blister on my "
     "thumb from the freeze on monday, is it ok?", SELF_CARE),
    ("a colleague had a seizure at work last month, scary. anyway, I had a skin tag frozen on my neck yesterday and "
     "it's gone dark", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
