"""Words read in their sense, and treatment still ahead (issue 9: the reading meets unseen words)."""
import pytest

from triage.reading.message import read_message
from triage.reading.treatment_timing import treatment_timing


@pytest.mark.parametrize("text, symptoms", [
    # a frozen wart's colour is not pus; the colour of what comes out is
    ("the wart went bright yellow after the freeze", ()),
    ("there's yellow stuff coming out of it", ("infected_discharge", "oozing")),
    ("the blister is filled with cloudy yellow liquid", ("blistering", "infected_discharge")),
    ("kind of cloudy and greenish", ("infected_discharge",)),  # the answer to "what does the fluid look like?"
    # warts spread too; redness that spreads is a warning sign
    ("the warts have spread to her knees", ("lesion_changes",)),
    ("the redness around it is spreading", ("redness_swelling", "spreading_redness")),
    ("it's spreading up my arm", ("spreading_redness",)),
    ("the warts spread and now the skin around them is red and spreading",
     ("lesion_changes", "redness_swelling", "spreading_redness")),
    ("the doctor said I was infected with HPV", ()),
    # the expected course coming away
    ("the scab fell off last night", ("scab", "scab_came_off")),
    ("my face looked like it had a bad sunburn", ("redness_swelling",)),
    # soaking in something is aftercare; a soaked plaster is a wound that oozes
    ("4 band-aids over cotton balls soaked in witch hazel", ()),
    ("I soaked my foot in warm water", ()),
    ("soaked it in water for ten minutes", ()),
    ("cotton balls soaked in a blend of wintergreen alcohol and witch hazel", ()),
    ("the dressing is soaked in a clear fluid", ("oozing",)),
    ("the plaster is soaked", ("oozing",)),
    ("I've been cleaning it with salt water but it's soaked again every morning", ("oozing",)),
    ("my sheets were soaked from it overnight even though I put tea tree oil on it", ("oozing",)),
    ("the dressing was soaked in pus", ("oozing", "infected_discharge")),
    # black by the freezing is the scab forming; a mole black by itself is a change to check
    ("they are really black right now since she froze them", ("scab",)),
    ("my mole is all black now", ("lesion_changes",)),
    # a sting "like a million needles" is pain; pins and needles is numbness
    ("it felt like someone stuck a million needles into my skin", ("pain",)),
    ("I have pins and needles in my finger", ("numbness_irritation",)),
    ("the skin is still pinkish", ("redness_swelling",)),
    ("the area was on fire all evening", ("pain",)),
    # a dash ends a denial: "never made it past the first interview – fell off"
    ("a growth that never made it past the first interview – fell off last night", ("scab_came_off",)),
])
def test_sign_words_are_read_in_their_sense(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, asked_about, symptoms", [
    ("will it cause an infection if it touches the other skin?", ("infected_discharge",), ()),
    ("she said in a few days it would look red and angry", ("redness_swelling", "infected_discharge"), ()),
    ("will it leave a scar?", ("scar",), ()),
    # joined by more than a conjunction, the second one is reported
    ("if it gets red and there's pus now what do I do", ("redness_swelling",), ("infected_discharge",)),
    # unsure about now still counts
    ("could it be infected?", (), ("infected_discharge",)),
])
def test_a_symptom_only_foreseen_is_asked_about(nlp, text, asked_about, symptoms):
    reading = read_message(text, nlp)
    assert (reading.asked_about, reading.symptoms) == (asked_about, symptoms)


@pytest.mark.parametrize("text", [
    "I'm going to be treated soon with cryotherapy. Will my skin change colour?",
    "I have a mole and wonder if liquid nitrogen can be used to remove it.",
    "I would like to know if using cryotherapy will leave scars on my face",
    "my dermatologist suggested freezing it, is it painful?",
    "booked in to have my verruca frozen next week, what should I expect",
])
def test_a_treatment_still_ahead_is_read_as_such(text):
    assert treatment_timing().before_treatment(text)


@pytest.mark.parametrize("text", [
    "they froze it yesterday, will it scar?",
    "It's been getting worse since they treated it, I'm going to ring them tomorrow",
    "it keeps getting worse since they zapped it, should I go back tomorrow?",
    "my wart was frozen 3 days ago and it's blistering",
    "I underwent cryotherapy a month ago",
    "I'm going to have another treatment next week but the blister is huge",
    "he suggested cryotherapy, but it was applied to normal skin and left a dent",
    "the frozen spot is sore",
    "the blister popped",  # no treatment word: nothing says the treatment is ahead
    # round 9's nk-031: "want to know before" is about the worry, "the freezing was" tells it happened
    "Only I want to know before, because I live alone. The freezing was on my leg this morning.",
])
def test_a_treatment_already_done_is_not(text):
    assert not treatment_timing().before_treatment(text)


def test_before_treatment_the_symptoms_named_are_asked_about(nlp):
    reading = read_message("I'm having my wart frozen next week, will it blister and scar?", nlp)
    assert reading.before_treatment
    assert reading.symptoms == ()
    assert set(reading.asked_about) == {"blistering", "scar"}


def test_before_treatment_a_warning_sign_is_still_read(nlp):
    reading = read_message("I'm booked to have it frozen next week but there's pus coming out of it now", nlp)
    assert "infected_discharge" in reading.symptoms


@pytest.mark.parametrize("text, symptoms", [
    # a change of the spot, and the same words about a blister, a swelling, hair or a feeling
    ("the wart is growing again", ("lesion_changes",)),
    ("the spot has got bigger since it was frozen", ("lesion_changes",)),
    ("the blister has grown larger", ("blistering",)),
    ("the hair is growing back", ()),
    ("the feeling came back after a week", ()),
    ("the wart came back", ("lesion_changes",)),
    ("the wart is back a year later", ("lesion_changes",)),
    # a treatment that did not work reports the spot still there; a numbing cream that did not is no news
    ("the freezing didn't work", ("lesion_persists",)),
    ("the numbing cream didn't work", ()),
    ("the freezing didn't work and the wart is still there after salicylic acid too", ("lesion_persists",)),
    ("I had the verruca frozen 2 months ago. I've tried salicylic acid since and nothing has worked",
     ("lesion_persists",)),
    ("I've had 4 treatments and the verruca hasn't budged", ("lesion_persists",)),
    ("there's still a lump under the skin", ("lesion_persists",)),
    ("the blister is full of blood", ("blistering",)),
    ("lost some hair where the mole was frozen", ("hair_loss",)),
    ("the redness around it is getting bigger", ("redness_swelling",)),
    ("the red area is growing", ("spreading_redness",)),
])
def test_changes_of_the_spot_are_read_in_their_sense(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, treatments", [
    ("this is the third time they've frozen it", "repeated"),
    ("had 3 sessions of cryo", "repeated"),
    ("froze it twice", "repeated"),
    ("they froze it again", "repeated"),
    ("the treatment didn't work", "failed"),
    ("froze it last week", None),
    ("I use the cream a few times a day", None),
])
def test_repeated_or_failed_treatment_is_read(nlp, text, treatments):
    assert read_message(text, nlp).facts.get("treatments") == treatments


@pytest.mark.parametrize("text, large", [
    ("the blister is 3cm", True),
    ("it's about 4 cm across", True),
    ("a 30mm blister", True),
    ("the blister is <1cm", False),
    ("less than 3 cm", False),
    ("the blister is 1.5cm", False),
])
def test_a_blister_of_3_cm_or_more_is_large(nlp, text, large):
    assert ("large" in (read_message(text, nlp).facts.get("severity") or [])) == large


@pytest.mark.parametrize("text, symptoms", [
    ("could it be skin cancer? it's still there", ("unsure_diagnosis", "lesion_persists")),
    ("I'm worried it might be melanoma", ("unsure_diagnosis",)),
    ("the doctor froze it but I'm not sure it was even a wart", ("unsure_diagnosis",)),
    # the cancer it was frozen for is no worry
    ("the BCC he froze is healing", ()),
    ("it is just pre-cancerous, and he froze it off", ()),
    ("the doctor said it's not cancer", ()),
    ("my thumbnail has a groove in it since the wart was frozen", ("nail_change",)),
    ("froze my skin tag 5 weeks ago and it's still hanging there", ("lesion_persists",)),
    ("a new wart has appeared next to the old one", ("lesion_changes",)),
])
def test_worries_about_the_spot_are_read(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, fever", [
    ("at what temperature threshold should patients seek urgent review?", False),
    ("which temperature should I call you at?", False),
    ("what temp should worry me, she has a high temp", True),
    ("he has a temperature", True),
])
def test_a_temperature_asked_about_is_no_fever(nlp, text, fever):
    assert ("fever" in read_message(text, nlp).symptoms) == fever


@pytest.mark.parametrize("text, bleeding", [
    ("I am very afraid because my blood is thin, I take apixaban for my heart", False),
    ("my blood sugar is high", False),
    ("my blood pressure is fine but there is blood on the plaster", True),
    ("there is blood coming from the wart", True),
    ("blood won't stop", True),
])
def test_the_blood_of_the_body_is_no_bleeding(nlp, text, bleeding):
    assert ("bleeding" in read_message(text, nlp).symptoms) == bleeding


@pytest.mark.parametrize("text, infected", [
    ("a nasty urosepsis in 2020 landed me in HDU, so I take infection seriously", False),
    ("I'm worried about infection because I work in a garden centre", False),
    ("I'm worried it has an infection", True),
    ("I think the wart site has got an infection", True),
])
def test_an_infection_weighed_or_feared_is_not_told(nlp, text, infected):
    assert ("infected_discharge" in read_message(text, nlp).symptoms) == infected


@pytest.mark.parametrize("text, fainting", [
    # faint as pale, a trait, worn out, a price (round 10)
    ("Crust detached today, residual faint erythema, no discharge, no pain.", False),
    ("apparently I'm a 'fainter', the nurse said", False),
    ("I'm feeling fainter and fainter", True),
    ("absolutely collapsed on the sofa after work lol long day", False),
    ("he collapsed on the floor and is really pale", True),
    ("the price nearly made me pass out", False),
    ("I nearly passed out when they froze it and I still feel faint", True),
    # a faint long ago, or at the visit and over
    ("I fainted at church last Easter and they did a full heart workup", False),
    ("yesterday at the doctor I am fainted for few seconds when I see the spray, after 10 minute I was ok", False),
    ("felt lightheaded for a few mins at the doctor's when they froze it but it passed, fine now", False),
    ("felt lightheaded after the freezing and I'm still dizzy now", True),
    # safety review, round 10: a faint days later, again since, or beside a warning sign
    ("Two days after the freezing I fainted in the kitchen, I was ok within a minute", True),
    ("I fainted at the doctor's, I was ok for a bit then it happened again twice tonight", True),
    ("went faint white as a sheet, the spot on her shin keeps bleeding", True),
    ("She seems fainter now than this morning", True),
    ("Grandad collapsed getting out of bed this morning", True),
    ("my husband collapsed next to the sofa", True),
    ("went to pay at reception and fainted, hit my head on the desk", True),
])
def test_a_faint_is_read_only_when_it_is_one_and_not_over(nlp, text, fainting):
    assert ("fainting" in read_message(text, nlp).symptoms) is fainting


@pytest.mark.parametrize("text, symptoms", [
    ("sorry to bother, probably silly", ()),
    ("it's bothering me a lot", ("pain",)),
    ("a tiny bit of blood came out, a couple of dots, stopped on its own.", ()),
    ("it's bleeding a lot, stopped taking my aspirin", ("bleeding",)),
])
def test_politeness_and_a_bleeding_stopped_in_passing(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


def test_a_hat_is_floppy_a_child_is_floppy(nlp):
    assert read_message("Mum wears her big floppy sun hat when she goes out", nlp).emergency_signs == ()
    assert read_message("my son is really floppy and hot", nlp).emergency_signs == ("sepsis_signs",)
    assert read_message("my daughter is really floppy, hat still on, and burning up", nlp).emergency_signs != ()


def test_how_far_along_a_pregnancy_is_no_date_of_the_treatment(nlp):
    assert "days_since_treatment" not in read_message("shes pregnant, 24 weeks, forgot to mention", nlp).facts
    assert "days_since_treatment" not in read_message("im 28 weeks pregnant and it's sore", nlp).facts
    assert read_message("frozen 3 weeks ago and it's sore", nlp).facts["days_since_treatment"] == 21


@pytest.mark.parametrize("text, symptoms", [
    # another infection, or one feared: not the spot's
    ("my mum died of sepsis from a urine infection which is why I'm obsessive about infection", ()),
    ("five years ago I was in ICU after a kidney infection", ()),
    ("I think the wart has an infection, it's hot and yellow", ("infected_discharge", "inflamed_skin")),
    # a frozen spot going dark is its scab forming
    ("had 2 skin tags frozen at lunch and they've gone kinda dark, like almost black already", ("scab",)),
    # "now" in a later sentence is no return of a bleeding that stopped; "again" is
    ("the blister burst and bled. I held a tissue on it for ten minutes and it stopped completely. It's now covered "
     "with a dressing.", ("blistering",)),
    ("the blister burst and bled. I held a tissue on it and it stopped. An hour later it started again.",
     ("blistering", "bleeding")),
])
def test_other_infections_dark_spots_and_a_bleeding_over(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms
