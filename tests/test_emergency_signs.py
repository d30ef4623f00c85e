"""Emergency signs, whatever their cause (issue 8): read on every message, in patients' own words,
answered with "Call ... now" and the reason before anything else, with no question first and no
advice about the spot; denied signs and general questions get no emergency.

Each phrasing goes through the real action_triage (and the follow-up form, were it to ask)."""
import pytest

from triage.turn import EMERGENCY_SIGNS_ANSWER
from triage.clinic_settings import DEFAULT_EMERGENCY_NUMBER
from triage.replies import DISCLAIMER_RESPONSE
from tests.bot_messages import texts, triage_payloads
from tests.form_driver import converse, run_triage

CALL_NOW = f"Call {DEFAULT_EMERGENCY_NUMBER} now"

# sign -> messages written the way a frightened patient or parent writes
PHRASINGS = {
    "anaphylaxis": [
        "an hour after they froze my skin tag my lips went puffy and I can't catch my breath",
        "HELP my tongue feels huge and my throat is closing up after the cryo",
        "had a wart frozen at 2pm, now my face and lips are swelling up really fast, is this normal??",
        "throat feels tight and its hard to swallow since the freezing thing this morning",
        "the blister is fine but my lips have gone all puffy and theres hives all over my arms",
        "my sons lips are swollen n he says his mouth feels funny",
    ],
    "breathing_difficulty": [
        "i cant breath properly since they did the wart on my hand",
        "wheezing really badly tonight, chest is tight, had a mole frozen today",
        "shes breathing really fast and the redness on her leg is getting bigger",
        "so the treated spot is a bit red and stings, which they said was normal, but for the last hour "
        "I've been really short of breath",
        "struggling to breathe and feel dizzy",
    ],
    "chest_pain": [
        "I've got chest pain since this afternoon, had a skin tag frozen this morning",
        "pain in my chest and down my left arm, had cryo on my back yesterday",
        "my chest really hurts and feels heavy",
        "the spot is fine but I keep getting chest pains, is it related?",
        "crushing feeling across my chest",
    ],
    "sepsis_signs": [
        "my daughter had a wart frozen on Monday, now her whole leg is red, she's boiling hot, 39.8, "
        "and so sleepy I can hardly wake her",
        "my dad is confused and not making sense since yesterday and the frozen spot on his leg looks infected",
        "she had a fit this morning and she's been feverish since the wart freeze",
        "his lips have gone blue and he's really cold",
        "theres a purple rash that doesn't fade when i press a glass on it",
        "baby is floppy and burning up after the verruca treatment",
        "her skin looks mottled and shes very drowsy",
    ],
    "not_drinking": [
        "my 4 year old had a wart frozen, he's got a temp of 39 and won't drink anything",
        "she's burning up and refusing to drink",
        "toddler not drinking, feverish, since the freezing",
        "my son is roasting hot, 102F, and wont drink",
        "hes boiling hot, floppy and not drinking",
    ],
}

# On a blood thinner: at least urgent, emergency when heavy.
BLEEDING_ON_A_BLOOD_THINNER = [
    ("I'm on apixaban, the spot they froze has bled for 40 minutes through two dressings", "emergency"),
    ("on warfarin and the wart they froze keeps bleeding, wont stop even pressing on it", "urgent"),
    ("take xarelto, bleeding from the treated area won't stop", "urgent"),
    ("im on blood thinners and its still bleeding after an hour", "urgent"),
    ("I'm on clopidogrel and the spot has soaked through the plaster with blood", "emergency"),
]

DENIALS = [
    ("no swelling in my throat and my tongue is fine, just a blister on my hand", "self_care"),
    ("no trouble breathing, just stinging", "self_care"),
    ("I'm not short of breath or wheezy, the spot is just red", "self_care"),
    ("no chest pain, the blister is just sore", "self_care"),
    ("she's not floppy or drowsy, she just has a blister", "self_care"),
    ("the wart on my chest hurts a bit", "self_care"),
    ("I'm so confused about the aftercare, there's a scab", "self_care"),
    ("I'm on warfarin, no bleeding at all, just a blister", "self_care"),
]

GENERAL_QUESTIONS_NAMING_A_SIGN = [
    "can cryotherapy cause chest pain?",
    "is it normal to be short of breath after cryotherapy?",
    "could liquid nitrogen make your lips swell?",
    "can wart freezing give you a rash that doesn't fade?",
    "is a fever with not drinking dangerous after freezing?",
]


def emergency_conversation(text):
    return converse(text, "report_emergency")


@pytest.mark.parametrize("sign, text", [(sign, text) for sign, texts_ in PHRASINGS.items() for text in texts_])
def test_each_emergency_sign_is_answered_with_call_now_first(sign, text):
    conversation = emergency_conversation(text)
    assert conversation.questions == [], "a question came before the emergency reply"
    [payload] = triage_payloads(conversation.messages)
    assert payload["level"] == "emergency"
    assert sign in payload["symptoms"]
    assert texts(conversation.messages).startswith(CALL_NOW)
    assert [m.get("response") for m in conversation.messages if m.get("response")] == [DISCLAIMER_RESPONSE]


@pytest.mark.parametrize("text", [text for texts_ in PHRASINGS.values() for text in texts_])
def test_an_emergency_reply_gives_no_advice_about_the_spot(text):
    said = texts(emergency_conversation(text).messages)
    for reassurance in ("normal reaction", "out of the sun", "Do not touch", "expected", "About "):
        assert reassurance not in said


@pytest.mark.parametrize("text, level", BLEEDING_ON_A_BLOOD_THINNER)
def test_bleeding_on_a_blood_thinner_is_at_least_urgent_with_no_question_first(text, level):
    conversation = emergency_conversation(text)
    assert conversation.questions == []
    [payload] = triage_payloads(conversation.messages)
    assert payload["level"] == level and "bleeding" in payload["symptoms"]
    if level == "emergency":
        assert texts(conversation.messages).startswith(CALL_NOW)


@pytest.mark.parametrize("text, level", DENIALS)
def test_a_denied_sign_gets_no_emergency(text, level):
    [payload] = triage_payloads(converse(text, "report_pain").messages)
    assert payload["level"] == level


@pytest.mark.parametrize("text", GENERAL_QUESTIONS_NAMING_A_SIGN)
def test_a_general_question_naming_a_sign_gets_the_signs_and_no_level(text):
    messages, _ = run_triage(text, "ask_emergency_signs")
    assert [m.get("response") for m in messages] == [EMERGENCY_SIGNS_ANSWER, DISCLAIMER_RESPONSE]
    assert not triage_payloads(messages)


@pytest.mark.parametrize("text", [
    "can freezing cause an allergic reaction?", "what are the signs of sepsis?", "when should I call 999?",
])
def test_a_general_question_naming_no_sign_is_left_to_the_rules_answer(text):
    messages, _ = run_triage(text, "ask_emergency_signs")
    assert messages == []  # data/rules.yml answers ask_emergency_signs with the signs


def test_an_emergency_the_classifier_heard_but_the_text_does_not_name_asks_whether_one_is_happening_now():
    conversation = converse("something is really wrong with her", "report_emergency")
    [check] = conversation.turns[-1]
    assert check["text"].startswith(CALL_NOW) and check["text"].endswith("happening now?")
    assert [b["title"] for b in check["buttons"]] == ["Yes, one is", "No", "Not sure"]
    assert not triage_payloads(check and conversation.turns[-1])


@pytest.mark.parametrize("answer, level", [
    ("yes", "emergency"), ("not sure", "emergency"), ("she is just really tired", "emergency"),
    ("no, none of these", None),
    # "fine" in words, naming no sign, is a no; a "fine" taken back or beside a sign is not
    ("she can swallow fine", None), ("breathing is ok", None), ("all good thanks", None),
    ("I don't feel ok", "emergency"), ("not really fine", "emergency"), ("fine but her lips are swelling", "emergency"),
    ("she's ok but her tongue is swelling up", "emergency"),
    # a reply that only denies signs is no "no": in other words it may describe a collapse ("not dizzy, she's just
    # staring at the wall", "not bleeding, he's on the floor": safety reviews, round 11)
    ("not dizzy or anything, just annoying", "emergency"), ("not dizzy, she's just staring at the wall", "emergency"),
    ("not dizzy, but something is really wrong", "emergency"), ("not bleeding, I think she needs an ambulance", "emergency"),
    # a "no" beside something wrong is not a no, unless it says all is fine
    ("nope not dizzy, she's just gone really quiet and still", "emergency"),
    ("no she's not hot. she's cold to touch and won't open her eyes", "emergency"),
    ("no bleeding, she's hyperventilating", "emergency"), ("no, shes sweating buckets and grey", "emergency"),
    ("no, her breathing is fine", None), ("no trouble breathing, lips normal", None),
])
def test_the_answer_to_the_emergency_check_gives_the_level_and_only_a_no_lowers_it(answer, level):
    conversation = converse("something is really wrong with her", "report_emergency")
    conversation = converse(answer, "inform", conversation=conversation)
    assert [p["level"] for p in triage_payloads(conversation.turns[-1])] == ([level] if level else [])
    if level:
        assert texts(conversation.turns[-1]).startswith(CALL_NOW)
    else:
        assert [m.get("response") for m in conversation.turns[-1]] == ["utter_ask_symptom"]


def test_a_general_question_the_classifier_hears_as_an_emergency_gets_the_signs_with_no_level():
    messages, _ = run_triage("what are the danger signs after freezing?", "report_emergency")
    assert [m.get("response") for m in messages] == [EMERGENCY_SIGNS_ANSWER, DISCLAIMER_RESPONSE]


def test_an_emergency_sign_given_as_an_answer_ends_the_questions_with_call_now():
    conversation = converse("there's a blister on it", "report_blistering", answers=["yesterday, and now my lips are swelling"])
    assert len(conversation.questions) == 1
    assert [p["level"] for p in triage_payloads(conversation.messages)] == ["emergency"]
    assert texts(conversation.messages).startswith(CALL_NOW)


@pytest.mark.parametrize("text", [
    "my husband went a bit grey and clammy during his cryo, he was fine after about ten minutes",
    "hes been totally himself since, ate lunch and is playing now",
])
def test_no_emergency_check_where_the_screen_judged_the_signs_or_all_is_well(text):
    # the classifier hears these as emergencies; the reading set the signs aside, or the message says all is well
    messages, _ = run_triage(text, "report_emergency")
    assert [m.get("response") for m in messages] == [EMERGENCY_SIGNS_ANSWER, DISCLAIMER_RESPONSE]
