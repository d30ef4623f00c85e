"""The reading of emergency signs: what counts as a sign, and what sets one aside (a denial close
before it, or words about something else). Anything unsure counts."""
import pytest

from triage.reading.message import read_message


@pytest.mark.parametrize("text, signs", [
    ("no trouble breathing", ()),
    ("I'm not short of breath or wheezy", ()),
    ("there's no swelling of the lips", ()),
    ("he denies any chest pain", ()),
    # unsure counts as present
    ("not sure but I think she can't breathe properly", ("breathing_difficulty",)),
    ("I don't think he's breathing right, he's wheezing", ("breathing_difficulty",)),
    # a denial does not reach past the end of its clause
    ("no fever, and now she can't breathe", ("breathing_difficulty",)),
    ("it doesn't hurt but my throat is closing", ("anaphylaxis",)),
    # a body part that says where the spot is, or words about something else
    ("the wart on my chest hurts", ()),
    ("a spot near my mouth is swollen", ()),
    ("I'm so confused about the aftercare", ()),
    ("I'm not drinking alcohol while it heals", ()),
    ("my wart is not responding to treatment", ()),
    ("the blister went floppy", ()),
    # the same words as a sign
    ("my chest hurts", ("chest_pain",)),
    ("she seems really confused and hot", ("sepsis_signs",)),
    ("he's gone all floppy", ("sepsis_signs",)),
])
def test_a_sign_is_set_aside_only_when_denied_close_by_or_about_something_else(nlp, text, signs):
    assert read_message(text, nlp).emergency_signs == signs


def test_emergency_signs_come_before_the_spots_symptoms(nlp):
    reading = read_message("the spot is red and stings but my lips are swelling", nlp)
    assert reading.symptoms == ("anaphylaxis", "redness_swelling", "pain")


@pytest.mark.parametrize("text", ["it keeps bleeding and won't stop", "it has bled for 40 minutes",
                                  "blood everywhere, it's soaked through the plaster"])
def test_a_phrase_about_how_it_bleeds_also_reports_the_bleeding(nlp, text):
    assert "bleeding" in read_message(text, nlp).symptoms


@pytest.mark.parametrize("text, general", [
    ("can cryotherapy cause chest pain?", True),
    ("is it normal to be short of breath after freezing?", True),
    ("is it normal that I can't breathe?", False),
    ("my lips are swelling, is that normal?", False),
    ("should she be this sleepy?", False),
])
def test_a_general_question_is_about_no_one_in_particular(nlp, text, general):
    assert read_message(text, nlp).asks_in_general == general
