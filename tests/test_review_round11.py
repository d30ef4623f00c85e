"""Signs the earlier safety reviews left misread (round 10's closing note) and round 11's development half showed, in
new wording, with the harmless senses beside them; and what round 11's two safety reviews found against the first
versions (helpers with fresh eyes, about 670 messages compared with 60ae142): someone else's sign set aside though it
was the patient's or still going, a wart "not getting any better" read as persisting though it was excruciating, and a
date of "last winter" dropped though it was the freeze's (all three taken back); "making sense of the leaflet", "until
mum comes round to drive me", "he just groans when I put the plaster on", "my nose whistles when I breathe", "lip balm on
the scab and it swelled up", "my red car heading to the clinic"."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.SELF_CARE, Level.SEE_DOCTOR, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    ("my dad had a mole frozen on tuesday and today he's not responding properly when we talk to him", EMERGENCY),
    ("grandma has had a temperature since the freeze and she hasn't been making any sense this afternoon", EMERGENCY),
    ("my wife's not been making sense since lunch, the spot on her cheek was frozen yesterday", EMERGENCY),
    ("my auntie went really confused after having her sunspots frozen, she keeps asking the same thing", EMERGENCY),
    ("theres a thin red track going from the frozen wart on my wrist heading towards my elbow", URGENT),
    ("a pinkish stripe is climbing up my forearm from where they froze the skin tag, day 3", URGENT),
    ("the red is working its way toward my ankle from the verruca", URGENT),
    ("verruca frozen 5 days ago and now the rest of my foot is going red and puffy", URGENT),
    ("wart on my ring finger frozen this morning, it's swollen and I have not been able to get my ring off", URGENT),
    ("finger is fat and purple where they did the wart, struggling to get my wedding ring off", URGENT),
    ("he makes a whistling noise every time he breathes out since the cryo", EMERGENCY),
    ("hunched over to breathe since this afternoon, had a wart frozen", EMERGENCY),
    ("her lips and the side of her face ballooned up after they froze the wart on her hand", EMERGENCY),
    ("swallowing feels like there's something stuck since the freeze", EMERGENCY),
    ("feels like a lump in my throat when i swallow, had a mole frozen on my neck an hour ago", EMERGENCY),
    ("it took ages before she came round, she had her wart frozen this morning", URGENT),
    ("when i wake him he drifts off again straight away, had cryo on monday", EMERGENCY),
    ("it feels like something is stuck in my throat when i swallow, wart frozen an hour ago", EMERGENCY),
    # a growth still there, in its own texture, dated
    ("had a few sun damage spots frozen on my bald head 3 months ago, still rough and scaly", SEE_DOCTOR),
    ("wart frozen 4 weeks ago and its still rough and bumpy", SEE_DOCTOR),
    # a growth "not getting any better" is still a worsening early on, or beside a severity or a risk factor
    ("my verruca isnt getting better, frozen 5 days ago", URGENT),
    ("the verruca isnt getting any better and its excruciating, day 5", URGENT),
    ("the wart is not improving at all, it's gone huge and tense, froze 4 days ago", URGENT),
    ("froze the wart 4 days ago, not getting any better, and im diabetic", URGENT),
    ("the verruca isn't getting better and I can't walk on it, day 6", URGENT),
    # an eye that is the spot's site, beside the idiom
    ("wart frozen near my eye yesterday and theres a blister", URGENT),
    ("they froze a spot by my eye, keep my eye closed? theres a blister", URGENT),
    # someone else's sign counts: it may be the patient's, or still going
    ("my mate is wheezing really badly right now, anyway me: wart frozen tuesday", EMERGENCY),
    ("my son had a fit last night, anyway I had a wart frozen yesterday, is the blister normal", EMERGENCY),
    ("my friend was wheezing and her lips went puffy after her wart was frozen, my question is is that normal",
     EMERGENCY),
    ("man i was so wheezy and my chest went tight after the freeze, anyway my wart is blistered", EMERGENCY),
    ("the lady at the clinic said my lips were swelling, anyway my question is can i shower", EMERGENCY),
    ("my friend was wheezing last night and still is today, anyway my wart is fine", EMERGENCY),
    ("a guy at the bus stop went grey and collapsed, the wart they froze on my hand is fine", EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("the leaflet they gave me hasn't been making much sense, can I get it wet?", SELF_CARE),
    ("my dad hasn't been making sense of the aftercare leaflet, blister on his hand from the freeze", SELF_CARE),
    ("the wart isn't responding properly to the freezing, still there after the second go", SEE_DOCTOR),
    ("she's not answering right now, she's at work, her blister from the freeze is fine", SELF_CARE),
    ("I was able to take my ring off before the freeze, finger a bit swollen today", SELF_CARE),
    ("never managed to get the ring back on after the freeze, the blister on my finger is small", SELF_CARE),
    ("blister on my hand from the freeze yesterday, ill keep an eye on it", SELF_CARE),
    ("my gp keeps a close eye on me, wart frozen on my finger, small blister", SELF_CARE),
    ("blister on my thumb, I'll be in the public eye at a wedding saturday", SELF_CARE),
    ("wearing my red stripe socks over the plaster, verruca frozen yesterday, small blister", SELF_CARE),
    ("my nose whistles when i breathe, always has, the wart on my hand has a small blister", SELF_CARE),
    ("he just groans when I put the plaster on, wart frozen yesterday, small blister", SELF_CARE),
    ("waiting until mum comes round to drive me, blister on my foot from the freeze yesterday", SELF_CARE),
    ("i can swallow ok my nose is blocked, blister on my hand from the freeze", SELF_CARE),
    ("swallowing my pills one got stuck for a sec, blister on my hand from the freeze", SELF_CARE),
    ("i used lip balm on the scab and it swelled up a bit, wart frozen on my chin", URGENT),
    ("there's a whistling in my ear when i breathe in, blister on my hand from the freeze", SELF_CARE),
    ("it was ages before they came round to fix the boiler, blister on my foot from the freeze", SELF_CARE),
    ("got in my red car heading to the clinic, blister on my hand from the freeze", SELF_CARE),
    ("I went really confused reading the aftercare leaflet, blister on my hand", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
