"""Round 14's readings, from the development halves of emergency_t, mixed_i and nearmiss_o: signs found unread
reach their level, and words that only looked like a sign stay below it."""
import pytest

from tests.reading_levels import level_of
from triage import Level

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
    from triage.reading.message import read_message
    assert "finger" in read_message("hurt my pinky where they froze the wart", nlp).body_sites


@pytest.mark.parametrize("messages", [
    ("yesterday in clinic when the nurse put the cold thing on the wart I feel my head spinning and almost fall down, "
     "I sit and drink water and after 5 minute is ok",),
])
def test_a_faint_at_the_visit_that_passed_is_over(nlp, engine, messages):
    from triage.reading.message import read_message
    reading = read_message(messages[-1], nlp)
    assert "fainting" in reading.over_symptoms and "fainting" not in reading.symptoms
