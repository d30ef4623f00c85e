"""Round 14's readings, from the development halves of emergency_t, mixed_i and nearmiss_o: signs found unread
reach their level, and words that only looked like a sign stay below it. Then the safety review of round 14's
lowerings: every hazard it found, as a story through the real actions with the answers the patient gives, and the
level it must reach (two old problems it met keep the level the code gave before round 14)."""
import pytest

from tests.bot_messages import triage_payloads
from tests.form_driver import converse
from tests.reading_levels import level_of
from triage import Level
from triage.reading.message import read_message

SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.SELF_CARE, Level.SEE_DOCTOR, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("messages, level", [
    # stacked rings named first, the failed removal later in the sentence (wv-048: a hazardous self_care)
    (("My wife had a wart treated on her middle finger at lunch",
      "She's got two stacked rings on that finger, they were loose this morning but now the finger has puffed up and we "
      "can't shift them with washing up liquid"), URGENT),
    (("my ring was fine yesterday, today the finger they froze is fat and I cannot get it off",), URGENT),
    # a word between the denial and the catch (et-013)
    (("bruv ive got hives EVERYWHERE now", "n i cant really catch my breath tbh. prob just panicking lol"), EMERGENCY),
    (("she can't quite get her breath, had a mole frozen this morning",), EMERGENCY),
    # non-native: a grandmother who sleeps all the time and does not answer properly (et-022)
    (("my grandmother 79 years have freezing on her leg for dark spot, 5 days ago",
      "today she sleep all time, I shake her she open eyes and sleep again, not answer me good"), EMERGENCY),
    # dizziness in a word the reading did not know, beside a bleeding on clopidogrel (ep-013)
    (("quick q, is it normal for a frozen skin tag to bleed?", "I'm on clopidogrel after my stent",
      "I've pressed it for half an hour and it's still seeping through", "and my head's gone all swimmy"), EMERGENCY),
    # a chest pain told around the breastbone, away from the treated tag (et-037)
    (("had a skin tag frozen on my chest on Tuesday, that bit's fine",
      "but since I woke up there's a pain right in the middle behind my breastbone, not where the tag was, kind of "
      "squeezing"), EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, messages, level):
    assert level_of(nlp, engine, *messages) >= level


@pytest.mark.parametrize("messages, highest", [
    # a clinician's denials: "non tender" (mi-069), and a list of denials whose lips are no site of the spot (no-034)
    (("Cryo to two lesions on the chest 5 weeks ago. The other still has an adherent eschar about 6 mm, no erythema, "
      "no exudate, non tender.",), SELF_CARE),
    (("Post-cryo day 2, facial AKs x3. Denies fever, rigors, dyspnoea, dysphagia, lip or tongue swelling, rash "
      "elsewhere. Sites: erythema and small vesicles confined to treated areas.",), SELF_CARE),
    # a pain told as not severe (no-001), and British "bleeding" as a swear word (no-059)
    (("wart frozen on my finger yesterday, today the finger have small blister, not so painful",), SELF_CARE),
    (("my boss is bleeding useless lol sent me home early so i finally got my wart frozen. its a bit red now",), SELF_CARE),
    # a pregnancy's weeks are no date of the treatment (mi-091: a blister "not settled after a week")
    (("wart on my foot, frozen fri", "big blister today not huge maybe 1cm", "oh and im pregnant forgot to say, 30 wks"),
     SELF_CARE),
    # "pinky" the colour, not the finger: pink skin two months on is the usual course (mi-033)
    (("hiya, had a wart off my knee in january", "it healed ages ago but the skin's still pinky where it was"), SELF_CARE),
])
def test_words_that_only_looked_like_a_sign_stay_below_it(nlp, engine, messages, highest):
    assert (level_of(nlp, engine, *messages) or SELF_CARE) <= highest


def test_pinky_alone_is_still_the_finger(nlp):
    assert "finger" in read_message("hurt my pinky where they froze the wart", nlp).body_sites


@pytest.mark.parametrize("messages", [
    ("yesterday in clinic when the nurse put the cold thing on the wart I feel my head spinning and almost fall down, "
     "I sit and drink water and after 5 minute is ok",),
])
def test_a_faint_at_the_visit_that_passed_is_over(nlp, engine, messages):
    reading = read_message(messages[-1], nlp)
    assert "fainting" in reading.over_symptoms and "fainting" not in reading.symptoms


def story_level(turns, answers):
    """The highest level of the last message's replies, or the last level given before it."""
    chat, given = None, None
    for i, text in enumerate(turns):
        chat = converse(text, "report_pain", answers=answers if i == len(turns) - 1 else (), conversation=chat)
        levels = [Level.from_label(payload["level"]) for payload in triage_payloads(chat.turns[-1])]
        given = max(levels) if levels else given
    return given


@pytest.mark.parametrize("turns, answers, level", [
    (('scab on my hand, frozen a week ago',), ('the last 1',), URGENT),  # L1-001
    (('blister on my hand from freezing a wart 2 days ago',), ('small', '2nd n 3rd'), URGENT),  # L1-002
    (('scab on my knee, frozen 9 days ago',), ('I think 3rd',), URGENT),  # L1-003
    (('skin tag on neck frozen 4 days ago, red around it',), ('about the same', 'its last one'), URGENT),  # L1-004
    (("my mum had a sun spot frozen on her cheek 5 days ago, it's a bit red and scabby now",), ('same really', 'first two'), URGENT),  # L1-005
    (('scab on my hand, frozen a week ago',), ("I've had the last since yesterday",), URGENT),  # L1-006
    (('Hello, I had liquid nitrogen on my finger wart yesterday, blister come today, small',), ('small', '3rd pls'), URGENT),  # L1-007
    (('verruca frozen on thursday', 'theres a dark scab now on my foot'), ('hmm the third lol',), URGENT),  # L1-008
    (('scab on my knee, frozen 9 days ago',), ('um last',), URGENT),  # L1-009
    (('scab on my hand, frozen a week ago',), ('def last',), URGENT),  # L1-010
    (('blister on my hand from freezing a wart 2 days ago',), ('tiny', 'the 1st last night'), URGENT),  # L1-011
    (('skin tag on neck frozen 4 days ago, red around it',), ('no change', "I'd say last"), URGENT),  # L1-012
    (("my mum had a sun spot frozen on her cheek 5 days ago, it's a bit red and scabby now",), ('same', 'ok third'), URGENT),  # L1-013
    (('scab on my knee, frozen 9 days ago',), ('the first 2',), URGENT),  # L1-014
    (('scab on my hand, frozen a week ago',), ('second mate',), URGENT),  # L1-015
    (('Hello, I had liquid nitrogen on my finger wart yesterday, blister come today, small',), ('small', 'i have 2nd'), URGENT),  # L1-016
    (('skin tag on neck frozen 4 days ago, red around it',), ('same', '1st n 2nd'), URGENT),  # L1-017
    (("3 weeks after the cryo the scab on my shin came off and it's bleeding ridiculous amounts won't stop even pressing",), (), URGENT),  # L4-001
    (('5 weeks since the cryo, the scab on my shin came off, now its bleeding stupid amounts through the plaster even pressing on it, im on warfarin',), (), URGENT),  # L4-002
    (("cryo on my back 3 weeks ago, still a scab, tonight I'm bleeding freezing, can't get warm",), (), SEE_DOCTOR),  # L4-003
    (("tonight I'm bleeding boiling, the scab on my shin is still there, 3 weeks since the cryo",), (), URGENT),  # L4-004
    (('pregnant - 5 weeks on and the lump is still there, the blister went down after 3 days',), ('finger', 'small', 'no', 'none of these'), SEE_DOCTOR),  # L5-007
    (("I'm pregnant and worried, 2 weeks on the blister is still big, it came up 2 days after",), ('hand', 'about 2cm', 'no', 'none of these'), SEE_DOCTOR),  # L5-008
    (("I'm pregnant and so tired, 3 weeks on and the blister on my heel is still full, it only came up 4 days after",), ('about 1cm', 'no', 'none of these'), SEE_DOCTOR),  # L5-012
    (('pregnant x 4 weeks on and the wart is still there, the blister went after 5 days',), ('hand', 'small', 'no', 'none of these'), SEE_DOCTOR),  # L5-025
    (('Cryo L upper lip yesterday. Blister.\nDenies fever or rigors\n\nlip swelling, tongue swelling, difficulty swallowing',), (), EMERGENCY),  # L6-001
    (('scab on R shin from cryo 3 weeks ago. Patient denies fever, rigors\n\npurulent exudate, warmth, streaking',), (), URGENT),  # L6-002
    (('Straight after I stood up from the sofa I felt my head spinning and almost fell, after 5 minute is ok. The frozen spot on my hand is weeping',), ('clear', 'no'), URGENT),  # L7-008
    (('when the nurse put the cold on it I almost fainted and this morning in the shower too, after 5 minutes is ok. the spot is weeping',), ('clear', 'no'), URGENT),  # L7-009
    (('when the nurse put the cold I felt my head spinning and almost fell, after 5 minute is ok. Today same thing in the kitchen. Spot is leaking clear water',), ('no',), URGENT),  # L7-010
    (('At the surgery today, went back cos the spot is oozing, I fainted in the waiting room, after 5 minutes is ok',), ('clear', 'no'), SEE_DOCTOR),  # L7-011
    (('Straight after I got home I fainted in the hall, after 5 minutes is ok. The blister on my foot is huge and tight, 4cm',), (), URGENT),  # L7-013
    (('when they put the nitrogen on it I fainted and this evening at home as well, after 5 minutes is ok, the cryo site is weeping',), ('clear', 'no'), URGENT),  # L7-024
    # (the review asked emergency of a faint beside a weeping spot; the rules, before round 14 too, give it urgent while
    # the faint is not over, and a faint in a clinic's waiting room that passed is over with any all-clear, L7-011)
    # the second review: "blood infection" read as no sign took its "infection" and "blood" with it, and "since last
    # sat" or "last sun bed" read as the day of the freezing (both taken back whole)
    (('My son wart freeze 3 day before. Today much blood infection, I press 10 minute, not stop',), (), URGENT),  # L9-001
    (("wart frozen on friday I keep pressing on it but there's still blood infection is my worry because it's been 20 minutes and it won't stop",), (), URGENT),  # L9-002
    (("I'm on warfarin. wart frozen yesterday. there's blood infection scare, its been going 30 mins despite pressing",), (), URGENT),  # L9-003
    (("Dad's on apixaban, had a wart frozen on his shin on friday. Now the dressing shows fresh blood infection worries me as he's diabetic. We've pressed for 15 minutes and it keeps coming",), (), URGENT),  # L9-004
    (("okay so I had cryo on my finger four days ago and I knocked it and there's blood infection is my worry it's been half an hour of pressing and I can't stop it",), (), URGENT),  # L9-005
    (('Pt on rivaroxaban. Cryo L shin 3/7 ago. Persistent blood infection query. Haemostasis not achieved with 20 min pressure.',), (), URGENT),  # L9-006
    (('frozen 3 days ago. bleeding all night even though I kept pressing a tissue on it, is this blood infection',), (), URGENT),  # L9-007
    (('wart frozen 4 days ago', 'theres blood infection??', 'its not stopping even when i press'), (), URGENT),  # L9-008
    (('yo wart on my knuckle got frozen fri, knocked it at the gym n now theres blood infection vibes lol it wont stop tho even pressing it',), (), URGENT),  # L9-009
    (("skin tag on my neck frozen tuesday. cut it shaving this morning and there's blood infection risk? been holding tissue on it 20 mins and still going",), (), URGENT),  # L9-010
    (('infection in the blood blister I think, the stuff inside has gone murky, frozen 5 days ago',), (), URGENT),  # L9-011
    (("I'm diabetic. I think there's an infection in my blood blister from the verruca freezing 6 days ago, the fluid inside has turned murky",), (), URGENT),  # L9-012
    (("my boy's verruca they froze last week, I reckon infection in the blood blister, there's thick gloopy stuff in it",), (), URGENT),  # L9-013
    (("Not sure if I'm overreacting but I think there might be an infection in my blood blister? It's gone a milky colour. Frozen 6 days ago.",), (), URGENT),  # L9-014
    (("frozen 5 days ago, infection in the blood blister, it's full of thick gunk",), (), URGENT),  # L9-015
    (('The appointment was 10 days ago. Since last sat the frozen bit has got redder and hotter every day.',), (), URGENT),  # L10-001
    (("Had the wart on my knee frozen the sat before last and since last sat it's got redder and hotter",), (), URGENT),  # L10-002
    (("It's 12 days since the appointment. Since last sat the frozen spot is sore and getting worse.",), (), URGENT),  # L10-003
    (("Got a blister from the cryo on my heel, the appointment was 2 weeks ago. Since last wed the frozen blister hasn't changed, still full and puffy",), (), SEE_DOCTOR),  # L10-004
    (('Been 10 days now. The frozen spot since last sat is hot to touch and redder',), (), URGENT),  # L10-005
    (('Had my verruca seen to on the 25th. Since last sat the treated area is swollen, red and getting worse',), (), URGENT),  # L10-006
    (('Cryotherapy 2/52 ago (appointment 23/11). Since last sat treated site increasingly erythematous, warm, tender.',), (), URGENT),  # L10-007
    (('Doctor make freezing on my hand 2 weeks before. Since last sun the freezing place more red and more hot every day',), (), URGENT),  # L10-008
    (('Appointment was 16 days ago. Blister still big. Since last thu the frozen blister is the same size',), (), SEE_DOCTOR),  # L10-009
    (("My appointment was 10 days ago. Ever since my last sun bed the frozen area is getting redder and hotter, I know I shouldn't have",), (), URGENT),  # L10-010
    (('freezing done, it was 9 days ago now. since last sun the frozen skin is warm and more swollen',), (), URGENT),  # L10-011
    (('Appointment was 3 weeks ago. Since last mon the frozen blister has stayed just the same, full of fluid',), (), SEE_DOCTOR),  # L10-012
])
def test_the_safety_reviews_hazards_keep_their_level(nlp, turns, answers, level):
    assert (story_level(turns, answers) or SELF_CARE) >= level


@pytest.mark.parametrize("turns", [
    ("the blister on my eyelid has flattened",), ("blister on my lip flattened now",),
    ("my son's blister has flattened but he's been off his food and hot all day",),  # L8-007
    ("the blister on my lip has deflated",),  # L8-010
    ("blister on his penis has gone flat",),  # L8-026
])
def test_a_flattened_blister_is_no_healing_well_at_a_site_or_beside_a_but(nlp, turns):
    """Not reassured at once: asked what the patient notices, or triaged as the blister."""
    assert story_level(turns, ()) in (None, URGENT, EMERGENCY)
