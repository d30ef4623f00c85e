"""Round 13's safety review: two rules that lowered a level were taken back whole (74a7c51), and every hazard the
review found is kept here, as the messages of one story and the level its last message must keep: "blood inside" read
as a blood blister (blood inside a plaster, dressing or sock, on a blood thinner, not stopping), and two correction cues
(someone looked again, someone says it is not) that wiped pus, fever, red streaks and a worsening after day 2 with a
"last time" or a date of the redness. Beside them, the signs round 13 added."""
import pytest

from tests.reading_levels import level_of
from triage import Level

SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.SELF_CARE, Level.SEE_DOCTOR, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("messages, level", [
    (("there's blood inside the plaster",), SEE_DOCTOR),
    (('im on warfarin and theres blood inside the dressing, keeps soaking through',), EMERGENCY),
    (("my son's verruca was frozen yesterday, there is blood inside his sock and it keeps coming even when i press",), URGENT),
    (("theres blood inside the plaster again, 3rd one today, I'm on apixaban",), URGENT),
    (('blood inside the dressing is dripping out the side, feeling a bit dizzy',), EMERGENCY),
    (('I take rivaroxaban. knocked the frozen spot and now blood inside the gauze, lots of it',), URGENT),
    (('hello, after freezing wart on finger, i change the plaster and there is lot of blood inside, it not stopping',), URGENT),
    (("there's blood inside the bandage and it's soaked right through, can't get it to stop",), URGENT),
    (("grandad's on warfarin. spot on his shin they froze, we found blood inside his sock and the bed sheets",), URGENT),
    (('blood inside the wound keeps welling up every time i take the pressure off',), SEE_DOCTOR),
    (("I'm on clopidogrel, theres blood inside the plaster, changed it twice",), URGENT),
    (('my daughter picked at it, blood inside the plaster now. is that ok',), SEE_DOCTOR),
    (('theres some blood inside the dressing when i took it off this morning',), SEE_DOCTOR),
    (('on dabigatran. blood inside the dressing for hours now, pressing doesnt help, feel lightheaded',), EMERGENCY),
    (('my wart is oozing pus and i feel hot and shivery', "the doctor said it's not unusual, last time it was the same"), URGENT),
    (("there's a red line going up from the spot to my elbow", "i checked again now, it's the first time i've had this"), URGENT),
    (('the spot on my hand is leaking yellow pus', "my mum says it's not a big deal, I had the same last time"), URGENT),
    (('the freeze spot is full of pus and stinks', "gp said it's not the first time he's seen this"), URGENT),
    (("there's green stuff coming out of where they froze it", 'nurse said no need to panic, previously it settled on its own'), URGENT),
    (('theres a red line from the wart up my wrist', 'I looked again now, it looked like that the time before too'), URGENT),
    (('yellow pus from the blister on day 4', "had a look again now, it's like last time, went away by itself"), URGENT),
    (("I'm getting chills and the spot is red and hot, day 5", "doctor said it's not uncommon in the past with his patients"), URGENT),
    (('the wart site is oozing and smells really bad', "my partner says it's not serious, previously she had the same"), URGENT),
    (("the redness is spreading up my arm and i'm shivering", 'checked again now, same as the first time i had one frozen'), EMERGENCY),
    (("had a wart frozen on my hand a week ago, it's getting more and more painful and red", 'I had a look again now, the red started 2 days ago and is getting bigger'), URGENT),
    (('frozen 6 days ago on my foot, more swollen and sore every day', 'looked again now, the swelling came up 1 day ago'), URGENT),
    (('had it done 10 days ago, pain is getting worse each day', 'checked again, the pain started getting bad 2 days ago'), URGENT),
    (("wart frozen last week, it's hot and getting worse", 'sorry i looked closer, the heat began 1 day ago really'), URGENT),
    (("froze my verruca 9 days ago, it's throbbing more and more", 'had a look again, the throbbing got worse 1 day ago'), URGENT),
    (('it was frozen 2 weeks ago and now its getting redder and more painful', 'looked properly now, it went red 2 days ago'), URGENT),
    (('cryo on my knee 4 days ago, swelling getting worse', 'my wife checked now, she says its not the knee, its just below it, started 1 day ago'), URGENT),
    (('froze the wart a week ago, its more painful every day', 'I checked again now and the pain is worse than 2 days ago'), URGENT),
    (('wart frozen 6 days ago, getting more and more red and swollen', "my wife says it's not worse, same as yesterday"), URGENT),
    (('the spot is getting more painful, it was frozen 4 days ago', 'checked again now, the pain is better with paracetamol'), URGENT),
    (('a week after cryo, redness getting worse and the area feels hot', "my partner said it's not as red as this morning"), URGENT),
    (('day 4, the swelling keeps getting worse', "looked again properly, it's going down a bit now"), URGENT),
    (("frozen 5 days ago, it's gotten worse, red and throbbing", "nurse said it's not worse than normal, improving"), URGENT),
    (('4 days ago they froze a spot on my shin, the pain is getting worse', "i looked again now and it's actually improving"), URGENT),
    (('cryo 6 days ago, red, swollen and worse today', "he says it's no worse, if anything a bit better"), URGENT),
    (("my daughter's wart was frozen 5 days ago and it's getting redder and more swollen", "dad said it's not that bad, looks better"), URGENT),
    (('green gunk is coming out of the blister, day 5', "gp said there is no pus on the phone, it's probably clear serum"), URGENT),
    (('the wart is oozing pus', 'my mum said no to going to the doctor, she said previously we just used salt water'), URGENT),
    (('day 6 and the spot is getting more red and hot', 'she said not to worry the first time i rang'), URGENT),
    (('the blister is oozing pus and I feel feverish', 'looked again now, previously it was just clear'), URGENT),
    (('red streak running up my forearm from the frozen wart', "checked again, it's just like last time"), URGENT),
    (("there's pus and it smells, day 6", 'had a proper look again, last time it also looked like this'), URGENT),
    (("red hot and spreading, day 4, i'm diabetic", 'checked again now. in the past it always went down'), EMERGENCY),
    (('the area is getting worse, it was done 6 days ago', 'looked again now: the blister appeared 1 day ago'), URGENT),
    (('red and swollen and getting worse, day 8', "checked now, it's been like that 1 day"), URGENT),
    (("5 days ago they froze a wart on my thumb. now it's throbbing more and more", 'I had a look again, the throbbing began 1 day ago and keeps increasing'), URGENT),
    (('pus coming out and hot skin around it, 5 day after freeze', 'my wife say is not infection, is clear liquid only, she look now'), URGENT),
    (('red line up my arm from the frozen spot', 'my husband say is no problem, he look again now and is same like the first time'), URGENT),
    (('the frozen spot on my eyelid has pus in it', 'my husband looked again now, no pus, just clear'), URGENT),
    (("the blister is green and smells, I'm immunosuppressed", "looked again properly now, it's clear, no pus"), EMERGENCY),
    (("it's getting worse and hot, frozen a week ago", "checked again now, it's been hot since yesterday, for 1 day"), URGENT),
    (('freezing done 5 days ago, getting more swollen', "nurse said it's not unusual, 1 day of swelling is normal"), URGENT),
    (('frozen on my foot a week ago and getting more painful to walk on', "my GP said it's not infected, the pain started 2 days ago when I walked a lot"), URGENT),
    (('the plaster has blood inside it every time i change it and its still coming',), SEE_DOCTOR),
    (('blood inside the cast? sorry i mean the bandage, keeps coming through, on warfarin',), URGENT),
    (('there is blood inside the dressing and it has been 40 minutes, pressing hard',), SEE_DOCTOR),
    (("my baby's spot has blood inside the nappy area dressing, it's not stopping",), SEE_DOCTOR),
    (('blood inside the dressing. i feel dizzy and sweaty',), EMERGENCY),
    (('my finger is swollen round the frozen spot and my ring is stuck', "my wife says it's not the first time, it's always tight"), URGENT),
    (('blister on my eyelid after the freeze', "my wife says it's not big, previously it went down"), URGENT),
    (("I'm shivering and the frozen wart has pus", 'looked again now, i had this years ago too'), URGENT),
    (("the spot on his face has pus and he's got chills", "mum says it's not worth a fuss, he had the same last summer"), URGENT),
    (('big red streak from the wart to my armpit', 'doctor said no, previously they sent me home with this'), URGENT),
    (("bleeding through 3 plasters, i'm on warfarin", 'my husband said no worries, in the past it always stops eventually'), EMERGENCY),
    (('the blister on my lip is leaking yellow pus', "my partner says it's not new, last time I had one frozen it did this"), URGENT),
    (("I'm on steroids for my lungs and the wart spot has gone hot, red and swollen, day 5", 'had a proper look again now. previously it went away'), EMERGENCY),
    (('she has a temperature and the spot is oozing', "my husband said that there's no need to worry, last time she was fine"), URGENT),
    (("pus and swelling on my toe where they froze it, I'm diabetic", "looked again now and it's like the time before"), EMERGENCY),
    (('red streak up my arm', "my wife says it's not the first time, but the streak is longer now"), URGENT),
    (("8 days after the freezing, it's more swollen and hot than ever", 'looked closer: the swelling started 2 days ago'), URGENT),
    (("wart frozen 5 days ago on my hand, the pain's getting worse", 'checked now, it began hurting more 1 day ago'), URGENT),
    (("had a skin tag frozen last week and it's getting more and more red", 'looked again now, the redness showed up 2 days ago'), URGENT),
    (("my daughter had her verruca frozen 6 days ago, its getting worse and she's limping", 'my partner looked now, he says the limping began 1 day ago'), URGENT),
    (("she froze my wart 9 days back, it's getting worse and the skin round it is hot", "doctor said it's not hot, its warm, since 2 days ago"), URGENT),
    (('frozen 5 days ago, the pain keeps getting worse and worse', "my wife says it's not that red, looks better"), URGENT),
    (('cryo a week ago, worse every day, red and angry', "my husband said it's not angry, it's better"), URGENT),
    (("it's day 4 and the redness and heat are getting worse", "mum said it's not worse than yesterday"), URGENT),
    (("my son's wart spot is getting more swollen every day since the freeze 5 days ago", "the nurse said it's not worse, it's improving, she saw a photo"), URGENT),
    (('5 days after the freezing my hand is more swollen and red each day', 'i looked again now, it is a bit better i think'), URGENT),
    (('i have a fever 38.3 and the spot is full of pus', 'my wife says no to hospital, previously antibiotics made me sick'), URGENT),
    (('red streak up my arm and i feel rough', "doctor said not to wait, but i don't have a car, in the past i got a taxi"), URGENT),
    (("pus coming out of the spot and i'm diabetic", 'my gp said no need for antibiotics last time'), EMERGENCY),
    (('my son has pus in the wart spot and a red line up his arm', 'my husband said not to make a fuss, in the past he got over these things'), URGENT),
    (('thick yellow discharge from where they froze my wart, day 6', "my gp said there is no pus, just clear serum, but i haven't been seen, it was on the phone"), URGENT),
    (("the spot is oozing pus, I'm on methotrexate", "my husband says it's not pus it's clear, he only glanced"), EMERGENCY),
    (('pus from the freeze site and the skin is angry red', 'looked again now, not pus, clear liquid'), URGENT),
    (('the blister is full of yellow pus and it smells', "my wife looked now and she says no pus, it's clear"), URGENT),
    (("maybe there's pus coming out?", "no, looked again properly, it's clear, not pus"), URGENT),
    (('i see blood inside the gauze after an hour of pressing',), SEE_DOCTOR),
    (("blood inside the bandage, she's 4 and it won't stop",), URGENT),
    (("blood inside the plaster and my whole sock is red, I'm on edoxaban",), URGENT),
    (('the blister burst and theres blood inside the plaster now',), SEE_DOCTOR),
    (('my dad is on warfarin, blood inside the dressing, changed 4 times',), URGENT),
    (('frozen a week ago', 'pain getting worse every day', 'looked again, it started getting bad 2 days ago'), URGENT),
    (("my son's verruca", "there's blood inside his sock", "it won't stop even when i press it"), URGENT),
    (("my nan's on warfarin, they froze a spot on her hand", 'blood inside the bandage'), URGENT),
    (('pus in the spot, day 5', "the doctor said it's not infected, last week when i saw her"), URGENT),
    (("frozen 5 days ago, it's getting more and more painful", "my partner said it's not infected, she had the same previously"), URGENT),
])
def test_a_story_keeps_its_level_after_the_last_message(nlp, engine, messages, level):
    reached = level_of(nlp, engine, *messages)
    assert reached is not None and reached >= level


@pytest.mark.parametrize("text, level", [
    ("been bleeding 45 min even pressing on it", URGENT),
    ("my frozen skin tag is still oozing blood despite pressure", URGENT),
    ("she fell down the stairs and isn't moving", EMERGENCY),
    ("he collapsed and is not moving", EMERGENCY),
    ("my baby isn't moving", EMERGENCY),
    ("he's not moving at all, had a wart frozen yesterday", EMERGENCY),
    # round 13's second development half (warning_v)
    ("Two actinic keratoses treated on the lower lip 36 hours ago. The tongue feels enlarged.", EMERGENCY),
    ("spot on my calf frozen 5 days ago, i drew round the red bit yesterday, its gone past the line now", URGENT),
    ("wart frozen 6 days ago. In today photo the red part is more wide, and the skin is shining and hot.", URGENT),
    ("cryo on my cheek 5 days ago. First 2 days pain, then it go away. From yesterday it start again, more strong", URGENT),
    ("my mum is diabetic, spot frozen on her shin 6 days ago, the dressing was damp this morning", URGENT),
    ("my finger is swollen over the ring, they froze a wart on it yesterday", URGENT),  # a tight ring, no spreading
    ("she is on warfarin, the blister broke and bleeding is continuing, now she is telling her head is reeling",
     EMERGENCY),
    ("its all puffy n the red bits gone halfway up my arm since yday, thermometer said 38.3", EMERGENCY),
    # the review's misses in the code before: a worsening told by the sign's own word
    ("froze it 7 days ago, it's getting redder every day", URGENT),
    ("frozen 12 days ago on my calf, getting redder and sorer each day", URGENT),
])
def test_a_sign_reaches_its_level(nlp, engine, text, level):
    assert level_of(nlp, engine, text) >= level


@pytest.mark.parametrize("text, highest", [
    ("he's not moving his arm much since they froze the wart on his elbow", SELF_CARE),
    ("she isn't moving around much since the verruca was frozen", SELF_CARE),
    ("she's not moving house till may, can I have the mole frozen before", SELF_CARE),
    ("the scab isn't moving", SELF_CARE),
    ("the red mark is about as wide as a pea, frozen yesterday", SELF_CARE),
])
def test_a_harmless_sense_stays_below_urgent(nlp, engine, text, highest):
    assert (level_of(nlp, engine, text) or SELF_CARE) <= highest
