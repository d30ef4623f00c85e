"""Messages two safety reviews of round 10's reading wrote against it (2026-12-07), kept as a regression suite:
each goes through the reading and the engine and must reach at least its level. They found a perfect tense
("haven't", "hasn't") denying a sign far after it, a pseudo negation letting an improvement through, "faint" set
aside before a colour in unpunctuated speech, a collapse by a bed, a faint beside a bleeding, and a hat after a
floppy child."""
import pytest

from tests.reading_levels import level_of
from triage import Level

URGENT, EMERGENCY = Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    # a perfect tense denies only what stands right after it
    ("haven't had a chance to ring the clinic its oozing yellow pus", URGENT),
    ("hasn't crusted over keeps leaking yellow pus day 5", URGENT),
    ("hasnt crusted over keeps leaking yellow pus day 5", URGENT),
    ("it hasn't quit bleeding for an hour even with pressure on it", URGENT),
    ("hadn't noticed the red streaks till this morning they go from the wart up to my elbow", URGENT),
    ("I hadn't realised the yellow stuff was pus, its been coming out 3 days", URGENT),
    ("Calpol hasn't given her any relief from the fever, wart frozen on monday", URGENT),
    ("haven't got round to calling the surgery its got pus in it", URGENT),
    ("he hasn't drunk anything all day with the temperature", EMERGENCY),
    ("the wound hasnt closed up weeping green pus dressing soaked", URGENT),
    ("antibiotic cream hasn't got rid of the pus, wart was frozen a week ago", URGENT),
    ("haven't seen this much blood before, it's soaked through a towel and still going", URGENT),
    ("I haven't had a temperature this high in years feel awful shaking and hot, wart on my foot gone red up to ankle",
     EMERGENCY),
    ("Hasn't anyone else had pus after a freeze? mine has loads", URGENT),
    ("I hadn't expected this much pus, day 4", URGENT),
    ("my grandad hasn't been eating with the fever and the spot on his arm is oozing", URGENT),
    ("haven't had any luck stopping the bleeding on my shin its been half an hour with pressure", URGENT),
    # an improvement after a denial in its clause, whatever pseudo negation stands between
    ("the antibiotic cream isn't helping it get any better, its day 6 and really red and sore", URGENT),
    ("I can't get the redness settled at all, its day 5", URGENT),
    ("I'm not seeing any change for the better with the redness, day 5", URGENT),
    # "faint", "fainter", "collapsed", a price: set aside only in their other sense
    ("my mum went faint white as a sheet, the spot on her shin keeps bleeding", EMERGENCY),
    ("I went faint scab came off and it's pouring blood wont stop", EMERGENCY),
    ("She seems fainter now than this morning, the frozen spot bled a lot", URGENT),
    ("Grandad collapsed getting out of bed this morning, he had a mole frozen yesterday", URGENT),
    ("my husband collapsed next to the bed, he is on warfarin and the freeze spot is bleeding", EMERGENCY),
    ("went to pay at reception and fainted, hit my head on the desk", URGENT),
    ("I went to pay for plasters and fainted, the wart wont stop bleeding, im on apixaban", EMERGENCY),
    # a faint "over" that is days later, comes back, or stands beside a warning sign
    ("Two days after the freezing I fainted in the kitchen, I was ok within a minute", URGENT),
    ("I fainted after the freezing, I was ok for a bit then it happened again twice tonight", URGENT),
    ("I fainted at the doctor's after the cryo, it passed, fine now. The spot is bleeding and it wont stop", EMERGENCY),
    ("after the freeze he went blue and stopped breathing for a bit, it passed, ok now", EMERGENCY),
    ("he went limp and grey after the freeze at the gps, ok now", EMERGENCY),
    # a floppy child with a hat, a bleeding that stopped and started
    ("my daughter is really floppy, hat still on, and burning up after the wart freeze yesterday", EMERGENCY),
    ("my husband is on warfarin, the frozen spot on his leg is bleeding, stopped. then started. then stopped. it keeps "
     "doing this", URGENT),
    # a pregnancy's weeks are not the date, but a date beside a pregnancy is
    ("im pregnant, frozen 5 days ago, redness getting worse and hot", URGENT),
])
def test_a_warning_sign_found_by_the_reviews_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, level", [
    # the same review: a failed attempt at something else, a denial still reaching "any", a forecast denied
    ("can't get the plaster to stay on, it bled a tiny bit when I knocked it", Level.SEE_DOCTOR),
    ("you can't get an infection from freezing can you? mine is just a bit red", Level.SELF_CARE),
    ("tried to squeeze it but couldn't get any pus out, its just a hard blister, day 2", Level.SELF_CARE),
    ("I've not been able to see any pus, it's just a bit sore on day 2", Level.SELF_CARE),
    ("I haven't had any fever or pus, just a blister", Level.SELF_CARE),
    ("I haven't fainted, the blister on my hand is just sore", Level.SELF_CARE),
])
def test_a_healing_message_found_by_the_reviews_stays_at_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) <= level
