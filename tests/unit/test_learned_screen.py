"""The learned emergency screen (triage/reading/learned_screen.py): its plain-Python scoring gives
scikit-learn's probabilities, it never learns from a held-out half, and the turn (triage/turn.py) asks
the patient to confirm what it hears, once per story, without ever lowering what the patterns found."""
import json

import pytest

from tests.bot_messages import opens_with_call_now
from triage.reading.learned_screen import LearnedScreen, load_learned_screen
from triage.reading.train_learned_screen import (
    CASES, development_files, exported, labelled_texts, screen_model,
)
from triage.story import Story
from triage.turn import ASK_FOR_SYMPTOM, Assistant, take_turn


def test_the_plain_python_scoring_gives_scikit_learns_probabilities(tmp_path):
    texts, labels = labelled_texts(development_files())
    model = screen_model().fit(texts[::3], labels[::3])
    path = tmp_path / "screen.json"
    path.write_text(json.dumps(exported(model)), encoding="utf-8")
    screen = LearnedScreen.from_file(path)
    sample = texts[1::7] + ["", "!!!", "LIPS SWELLING", "ça va?", "a" * 3000]
    expected = model.predict_proba(sample)[:, 1]
    # the file keeps six decimals of each weight
    assert [screen.probability(text) for text in sample] == pytest.approx(list(expected), abs=1e-4)


def test_it_learns_from_every_development_half_and_no_held_out_one():
    files = development_files()
    assert not [path for path in files if "heldout" in path.name]
    halves = sorted((CASES / "blind_probes").glob("*_development.yml"))
    assert len(halves) >= 15 and set(halves) <= set(files)


def test_the_built_screen_hears_a_plain_emergency_and_not_chat():
    screen = load_learned_screen()
    assert screen.hears_emergency("my lips and tongue are swelling up and I can't breathe properly")
    assert not [text for text in ("hi", "yes", "no", "not sure", "2 days ago", "the frozen spot is fine",
                                  "I had cryo last week", "thanks, bye") if screen.hears_emergency(text)]


# A screen that hears "zzz" and nothing else: the turn's logic, apart from what the model learned.
HEARS_ZZZ = LearnedScreen(words={"zzz": (1.0, 10.0)}, chars={}, longest_word_ngram=1, char_ngram_range=(3, 5),
                          intercept=-5.0, threshold=0.6)


HEARS_NOTHING = LearnedScreen(words={}, chars={}, longest_word_ngram=1, char_ngram_range=(3, 5), intercept=-9.0,
                              threshold=0.6)


@pytest.fixture(scope="module")
def assistant(engine, rulebook):
    return Assistant(engine, rulebook, learned_screen=HEARS_ZZZ)


@pytest.fixture(scope="module")
def patterns_alone(engine, rulebook):
    return Assistant(engine, rulebook, learned_screen=HEARS_NOTHING)


# Self-care with nothing left worth asking: the outcome comes at once.
HEALING = "they froze it this morning and it stings a bit but it is getting better"


def turn(assistant, text, story=None):
    return take_turn(text, "report_pain", story or Story(), False, None, assistant)


def payload_levels(turn_):
    return [m["json_message"]["triage"]["level"] for m in turn_.messages if "json_message" in m]


def test_what_the_screen_hears_is_checked_first_and_a_no_gives_what_the_patterns_give(nlp, assistant,
                                                                                    patterns_alone):
    asked = turn(assistant, f"{HEALING}, zzz")
    assert opens_with_call_now(asked.messages) and asked.messages[0]["buttons"]
    assert payload_levels(asked) == [] and asked.story.checking_emergency
    answered = turn(assistant, "no, none of these", asked.story)
    alone = turn(patterns_alone, f"{HEALING}, zzz")
    assert not alone.story.emergency_checked
    assert (answered.messages, answered.asks_questions) == (alone.messages, alone.asks_questions)
    assert answered.story.symptoms == alone.story.symptoms == ("pain",)


def test_not_sure_is_an_emergency(nlp, assistant):
    asked = turn(assistant, "there's pus in the blister, zzz")
    assert payload_levels(turn(assistant, "not sure", asked.story)) == ["emergency"]


def test_a_check_left_unanswered_for_an_aftercare_question_reminds_and_goes_on(nlp, assistant):
    asked = turn(assistant, f"{HEALING}, zzz")
    question = take_turn("can I shower after the freeze?", "ask_daily_activities", asked.story, False, None, assistant)
    assert question.messages[0]["text"].startswith("If one of the signs I asked about is happening, call")
    assert not question.story.checking_emergency and "emergency" not in payload_levels(question)
    symptom = take_turn("it still stings a bit", "report_pain", asked.story, False, None, assistant)
    assert symptom.messages[0]["text"].startswith("If one of the signs") and "emergency" not in payload_levels(symptom)


def test_an_answer_about_the_spot_that_the_screen_hears_is_a_yes(nlp, assistant):
    """Round 14 (et-037): "a pain ... behind my breastbone, kind of squeezing", read as the spot's soreness, went on
    with the story; what the screen hears in the answer itself confirms the check."""
    asked = turn(assistant, f"{HEALING}, zzz")
    answer = take_turn("it still stings a bit, zzz", "report_pain", asked.story, False, None, assistant)
    assert payload_levels(answer) == ["emergency"] and opens_with_call_now(answer.messages)


@pytest.mark.parametrize("answer", ["is he going to be ok?", "yes", "not sure", "I don't feel right", "hmm",
                                    "like it's getting bigger", "there's pus coming out now",
                                    "she's like that since they froze the wart", "the wart they froze, he's gone quiet",
                                    "the wart on my thumb they froze on friday", "yh the wart on my thumb they froze on friday",
                                    "the mole on her neck they did today, quick",
                                    # round 15's safety review: a sign of the spot beyond self-care, or "fine" beside one,
                                    # does not say the sign asked about is not there ("the wound is oozing a bit" after a
                                    # weight on the chest)
                                    "the redness is spreading", "it's bleeding and won't stop", "the wound is oozing a bit",
                                    "it's weeping and getting worse", "the blister is fine but I feel awful",
                                    "the spot is fine, just a small blister", "always sticky and damp, leaves marks",
                                    "the weight is still there and the wound is oozing"])
def test_anything_vaguer_than_another_subject_is_taken_as_a_yes(nlp, assistant, answer):
    asked = turn(assistant, f"{HEALING}, zzz")
    assert payload_levels(take_turn(answer, "nlu_fallback", asked.story, False, None, assistant)) == ["emergency"]


def test_the_screen_asks_once_per_story(nlp, assistant):
    asked = turn(assistant, f"{HEALING}, zzz")
    answered = turn(assistant, "no", asked.story)
    again = turn(assistant, "still zzz, and it stings a bit", answered.story)
    assert not again.story.checking_emergency and not opens_with_call_now(again.messages)


def test_what_the_patterns_call_an_emergency_is_not_asked_but_told(nlp, assistant):
    told = turn(assistant, "my lips are swelling and I can't breathe, zzz")
    assert opens_with_call_now(told.messages) and payload_levels(told) == ["emergency"]


def test_a_general_question_is_not_checked(nlp, assistant):
    answered = turn(assistant, "can freezing a wart cause zzz in general?")
    assert not answered.story.checking_emergency




def test_where_the_reading_set_a_sign_aside_the_screen_must_be_surer(nlp, engine, rulebook):
    fairly_sure = Assistant(engine, rulebook, learned_screen=LearnedScreen(
        words={"zzz": (1.0, 6.0)}, chars={}, longest_word_ngram=1, char_ngram_range=(3, 5), intercept=-5.0,
        threshold=0.6))
    assert 0.6 < fairly_sure.learned_screen.probability("zzz") < 0.9
    assert turn(fairly_sure, f"{HEALING}, zzz").story.checking_emergency
    assert not turn(fairly_sure, f"{HEALING}, no trouble breathing, zzz").story.checking_emergency



def test_a_sign_taken_back_with_nothing_left_says_so_and_asks(nlp, assistant):
    # was "Sorry, I didn't understand that" after a denial took the only sign back
    told = turn(assistant, "my chest hurts")
    assert payload_levels(told) == ["emergency"]
    denial = take_turn("I mean the skin on my chest, no pain inside my chest", "inform", told.story, False, None,
                       assistant)
    assert denial.messages[0]["text"].startswith("Thank you for the correction: you say it is not happening now")
    assert "call" in denial.messages[0]["text"] and denial.messages[1] == {"response": "utter_ask_symptom"}
    assert not denial.story.emergencies and denial.asked_what_they_notice


@pytest.mark.parametrize("text", ["woke up this morning and nearly had a heart attack looking in the mirror",
                                  "my shoe doesn't fit"])
def test_an_emergency_the_classifier_hears_in_a_figure_of_speech_is_not_checked(nlp, patterns_alone, text):
    # round 8's ni-043 and nj-024: the classifier heard an emergency, the reading knows a figure of speech
    told = take_turn(text, "report_emergency", Story(), False, None, patterns_alone, 0.99)
    assert told.answered and not told.story.checking_emergency
    assert not opens_with_call_now(told.messages) and told.messages == (ASK_FOR_SYMPTOM,)
    heard = take_turn("my lips feel funny", "report_emergency", Story(), False, None, patterns_alone, 0.99)
    assert heard.story.checking_emergency


def test_a_figure_of_speech_with_more_the_screen_hears_is_still_checked(nlp, assistant):
    # the screen here hears "zzz": the rest of the message is heard as an emergency
    told = take_turn("nearly had a heart attack, zzz", "report_emergency", Story(), False, None, assistant, 0.99)
    assert told.story.checking_emergency and opens_with_call_now(told.messages)


@pytest.mark.parametrize("text", ["almost had a heart attack, she's unconscious",
                                  "nearly had a heart attack when I saw him, he went stiff and won't answer me"])
def test_a_figure_of_speech_beside_alarm_words_is_still_checked_or_called(nlp, patterns_alone, text):
    told = take_turn(text, "report_emergency", Story(), False, None, patterns_alone, 0.99)
    assert opens_with_call_now(told.messages)



def test_an_emergency_the_classifier_hears_beside_a_sign_said_to_be_over_is_not_checked(nlp, patterns_alone):
    # round 8's nc-029: the bleeding is over, so the message has nothing to assess, and the classifier's emergency
    # (heavy bleeding words) is not checked: the signs are answered, with no level
    text = ("My husband caught the skin tag spot on his neck shaving this morning and it bled quite a bit. We pressed a "
            "clean flannel on it for about 10 minutes and it stopped.")
    told = take_turn(text, "report_emergency", Story(), False, None, patterns_alone, 0.99)
    assert told.answered and not told.story.checking_emergency and not opens_with_call_now(told.messages)


# Round 12 tried not checking the classifier's emergency in a message that denies signs unless the learned screen heard
# one too ("He has no fever, no shaking, breathing is normal, he is not confuse"). Its last safety review found 136
# hazards: a denial pulls the screen's score down ("she is grunting with every breath" 0.90 alone, 0.33 after "no fever,"),
# so it was taken back. These are still checked.
@pytest.mark.parametrize("text", [
    "no fever, she is grunting with every breath",
    "no shaking now but he is not coming round",
    "no fever he is breathing like a fish out of water",
    "no fever, grandma is mumbling nonsense and can't lift her arm",
    "not dizzy I'm seeing double and my speech is slurred",
    "no fever, my toddler swallowed a button battery",
    "He has no fever, no shaking, breathing is normal, he is not confuse, he went to work today normal.",
])
def test_an_emergency_the_classifier_hears_beside_denials_is_still_checked(nlp, patterns_alone, text):
    told = take_turn(text, "report_emergency", Story(), False, None, patterns_alone, 0.99)
    assert opens_with_call_now(told.messages)


def test_a_denial_beside_a_sign_asked_about_is_still_a_yes(nlp, assistant):
    asked = turn(assistant, f"{HEALING}, zzz")
    answered = take_turn("his lips aren't swollen but he's struggling to breathe", "inform", asked.story, False, None,
                         assistant)
    assert payload_levels(answered) == ["emergency"]
