"""What round 12's development half showed, in new wording, with the senses beside them: a clinician's erythema
extending beyond the site, a confusion "back in March" (left: a rule for it was taken back); what its second safety review found unread (a breath that
stopped, a choking, no pulse, "can't stop wheezing"); and what its third review found against a rule for
someone else's past sign said to be over, which was taken back whole. What the reviews found against a taking back of
a sign said not to be meant, also taken back whole, is in tests/unit/test_story.py."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, URGENT, EMERGENCY = Level.SELF_CARE, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("text, level", [
    ("Cryo to an AK on my shin 4 days ago. Erythema now extending about 5 cm beyond the site and warm.", URGENT),
    ("erythema extending up towards the knee from the treated verruca, day 3", URGENT),
    # "back in <month>" is no past marker: it mostly dates the freeze (round 12's last review took it back)
    ("back in march i had my wart frozen and now he is really confused", EMERGENCY),
    ("had it frozen back in jan and ten minutes ago I got crushing chest pain", EMERGENCY),
    ("my dad just came back in may be having a heart attack chest pain and sweating", EMERGENCY),
    ("back in march i had a mole frozen and earlier he collapsed and went grey", EMERGENCY),
    # laughter beside a breath, and a swallow of something else, stay signs (safety review, round 12)
    ("he can't breathe for laughing and won't stop wheezing", EMERGENCY),
    ("she can't breathe from laughter and is making a high pitched noise", EMERGENCY),
    ("I can't swallow, no idea what's happening", EMERGENCY),
    ("i cant swallow and the news said there's a bug going round", EMERGENCY),
    # a breath that stopped, a choking, no pulse
    ("my baby stopped breathing", EMERGENCY),
    ("my baby isn't breathing", EMERGENCY),
    ("he has collapsed and is not breathing", EMERGENCY),
    ("no, he's not breathing", EMERGENCY),
    ("my toddler is choking", EMERGENCY),
    ("he's choking on a sweet and going red", EMERGENCY),
    ("i can't find a pulse on my husband", EMERGENCY),
    ("he has trouble breathing in since the freeze", EMERGENCY),
    ("he's not breathing on his own", EMERGENCY),
    ("he's not breathing any more", EMERGENCY),
    ("my toddler is choking up on a grape", EMERGENCY),
    ("I've used my epipen and my throat is still tight", EMERGENCY),
    ("we had to use the epipen ten minutes ago", EMERGENCY),
    ("she's struggling breathing out, had a wart frozen", EMERGENCY),
    # an adrenaline pen used, a slurred speech, a drooping face
    ("My wife had throat swelling last night after a bee sting, she's fine now. She's used her epipen again 10 min ago",
     EMERGENCY),
    ("I gave him his epipen five minutes ago, wart frozen on his hand yesterday", EMERGENCY),
    ("my mum collapsed yesterday, but she's slurring her words again this morning", EMERGENCY),
    ("one side of his face looks droopy, he had a mole frozen today", EMERGENCY),
    # a denial that is a sign going on
    ("from laughing 🤣🤣 can't stop wheezing", EMERGENCY),
    ("he cant stop gasping, the wart was frozen today", EMERGENCY),
    # someone else's sign, past and said to be over, stays (a rule setting it aside was taken back after a review)
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
    # the third review, against a rule for someone else's past sign said to be over, taken back whole
    ("my son had a seizure last night, he is not fine now, he keeps staring into space. I had my wart frozen too",
     EMERGENCY),
    ("my son had a fit yesterday after his jabs, he's fine with needles normally. I had my verruca frozen on Saturday",
     EMERGENCY),
    ("my dad had chest pain yesterday and still has it on and off, I had my wart frozen and it's fine now", EMERGENCY),
    ("my husband had a fit yesterday, he's fine now mostly but one side of his face looks droopy. I had my mole frozen "
     "yesterday", EMERGENCY),
    ("you froze my son's wart yesterday and last night he had a seizure, he's fine now", EMERGENCY),
    ("my son and I both got our warts frozen yesterday, then last night my son had a fit, he's OK now", EMERGENCY),
    ("me and my sister both had swollen lips last night, she's fine now but mine are still huge. I had a wart frozen "
     "yesterday", EMERGENCY),
    ("my son had a fit, he's back in bed now, he's fine now. I had mine frozen too", EMERGENCY),
    ("my flatmate had a seizure last night, she's not fine at all, I had a wart frozen yesterday", EMERGENCY),
    ("a guy at the bus stop went grey and collapsed, the wart they froze on my hand is fine", EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("I was choking back tears when they froze it, small blister now", SELF_CARE),
    ("my heart stopped when I saw the bill, the wart has a small blister", SELF_CARE),
    ("the skin on my chest feels tight full stop not inside my chest full stop breathing is normal full stop", SELF_CARE),
    ("Swelling of face/lips - his forehead is puffy, lips fine, no breathing issues. Blisters on 2 of the spots",
     URGENT),  # a blister named beside the lips: the sensitive site errs upward, but no emergency
    ("I had a reaction to contrast dye once and they had to give me adrenaline. My lips and throat are normal, the "
     "spots have little crusts", SELF_CARE),
    ("no wheezing, stop worrying mum, it's just a blister from the freeze", SELF_CARE),
    ("I carry an EpiPen for peanuts, the wart frozen yesterday has a blister", SELF_CARE),
    ("I've never used my epipen, the wart frozen yesterday has a blister", SELF_CARE),
    ("the nurse showed me how to use an epipen before the freeze, the blister is small", SELF_CARE),
    ("my eyelid is droopy after the freeze near my eye", SELF_CARE),
    ("the blister on my face has dropped, the freeze was a week ago", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
