"""The follow-up questions, run through the real actions (tests/form_driver.py plays Rasa's form)."""
import pytest

from triage.followup import MAX_QUESTIONS, QUESTIONS, QUESTIONS_BY_SLOT, WARNING_CHECK, answer_value
from actions.followup_form import ActionTriageWithAnswers
from triage.reading.message import read_message
from tests.bot_messages import assert_is_triage_reply, texts
from tests.form_driver import DOMAIN, Conversation, converse


def level_of(conversation: Conversation) -> str:
    return assert_is_triage_reply(conversation.messages)["level"]


def asked_facts(conversation: Conversation):
    """The facts asked about, the warning check before reassuring left out."""
    return [QUESTIONS_BY_SLOT[slot].fact for slot in conversation.questions if slot != WARNING_CHECK.slot]


def test_pain_asks_when_and_which_way_it_goes_and_free_text_answers_settle_it():
    calm = converse("I have pain", "report_pain", ["two hours ago", "it's getting better"])
    assert asked_facts(calm) == ["days_since_treatment", "trend"]
    assert level_of(calm) == "self_care"
    worse = converse("I have pain", "report_pain", ["about 4 days ago", "much worse than yesterday"])
    assert level_of(worse) == "urgent"


@pytest.mark.parametrize("text, intent, already_given", [
    ("a blister came up on my cheek yesterday", "report_blistering", {"body_sites", "days_since_treatment"}),
    ("the pain is getting worse, they froze it 5 days ago", "report_pain", {"trend", "days_since_treatment"}),
    ("it's oozing clear fluid", "report_oozing", {"fluid"}),
])
def test_what_the_first_message_says_is_not_asked_again(text, intent, already_given):
    assert not already_given & set(asked_facts(converse(text, intent)))


@pytest.mark.parametrize("text, intent, questions", [
    # reassuring in the first days: only the warning signs are asked about, once
    ("it stung this morning when they froze it but it's getting better", "report_pain", [WARNING_CHECK.slot]),
    ("no hair grows back where they froze it", "report_hair_loss", []),  # a late mark: nothing to check
    ("my wound has yellow pus in it", "report_oozing", []),  # a warning sign is answered at once
    ("I have a fever and the blister is huge", "report_blistering", []),
])
def test_no_question_is_asked_when_no_answer_could_change_the_advice(text, intent, questions):
    conversation = converse(text, intent)
    assert conversation.questions == questions
    assert_is_triage_reply(conversation.messages)


def test_oozing_asks_what_the_fluid_looks_like():
    assert level_of(converse("the wound keeps leaking", "report_oozing", ["clear and watery"])) == "see_doctor"
    infected = converse("the wound keeps leaking", "report_oozing", ["it's gone cloudy and smells"])
    assert asked_facts(infected) == ["fluid"]
    assert level_of(infected) == "urgent"


def test_a_blister_asks_where_first_because_that_answer_weighs_most():
    conversation = converse("I've got a blister", "report_blistering", ["on my eyelid"])
    assert asked_facts(conversation)[0] == "body_sites"
    assert level_of(conversation) == "urgent"
    assert len(conversation.questions) == 1  # urgent: the advice comes at once


def test_no_more_than_the_budget_of_questions_is_asked_and_then_the_warning_check():
    conversation = converse("I've got a blister on my foot", "report_blistering")
    assert asked_facts(conversation) == ["days_since_treatment", "severity", "risk_factors"]  # the budget
    assert len(asked_facts(conversation)) == MAX_QUESTIONS
    assert conversation.questions[-1] == WARNING_CHECK.slot  # on top, once, before reassuring
    assert len(set(conversation.questions)) == len(conversation.questions)


def test_skipping_errs_upward_where_the_report_already_points_to_a_warning_sign():
    # "It's getting worse" but no idea when it was frozen: treated as worse after day 2.
    assert level_of(converse("my pain is getting worse", "report_pain")) == "urgent"


def test_skipping_does_not_raise_a_report_that_shows_no_warning_sign():
    # Diabetic? Not sure: nothing about a small blister on the foot points to a doctor.
    assert level_of(converse("blister on my foot", "report_blistering", ["2 days ago", "no"])) == "self_care"
    # Better or worse? Not sure: ten days on and healing is still self care.
    assert level_of(converse("it's been 10 days, the area is still a bit red but healing", "report_pain")) == "self_care"


@pytest.mark.parametrize("text, intent, level", [
    ("a blister came up on my cheek", "report_blistering", "self_care"),
    ("the treated patch is paler than my normal skin now", "report_lightened_skin", "self_care"),
    ("the wound keeps leaking fluid", "report_oozing", "see_doctor"),
])
def test_skipping_everything_still_gets_safe_advice_and_invents_no_warning_sign(text, intent, level):
    conversation = converse(text, intent)  # every question answered "I'm not sure"
    assert conversation.questions
    assert level_of(conversation) == level


def test_a_warning_sign_in_an_answer_counts_and_ends_the_questions():
    conversation = converse("I have pain", "report_pain", ["yesterday, and now I have a fever"])
    assert len(conversation.questions) == 1
    payload = assert_is_triage_reply(conversation.messages)
    assert payload["level"] == "urgent" and "fever" in payload["symptoms"]


def test_an_answer_that_answers_two_questions_spares_the_second():
    conversation = converse("I have pain", "report_pain", ["3 days ago and it's getting worse"])
    assert asked_facts(conversation) == ["days_since_treatment"]
    assert level_of(conversation) == "urgent"


def test_the_advice_after_the_questions_carries_the_disclaimer_once_and_the_story_keeps_the_answers():
    conversation = converse("I have pain", "report_pain", ["today", "better"])
    assert_is_triage_reply(conversation.messages)
    story = conversation.slots["story"]
    assert story["facts"] == {"days_since_treatment": 0, "trend": "improving"}
    assert story["asked"] == ["days_since_treatment", "trend", WARNING_CHECK.fact]
    assert "burning" in texts(conversation.messages).lower()


def test_with_no_report_waiting_the_advice_action_stays_silent_for_the_safety_net():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    tracker = Tracker("patient", {"story": None}, {"text": ""}, [], False, None, {}, "followup_form")
    assert ActionTriageWithAnswers().run(dispatcher, tracker, DOMAIN) == []
    assert dispatcher.messages == []


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.fact)
def test_every_question_has_buttons_that_are_understood_and_ends_with_a_question_mark(question):
    [response] = DOMAIN["responses"][f"utter_ask_{question.slot}"]
    assert response["text"].rstrip().endswith("?")
    payloads = [button["payload"] for button in response["buttons"]]
    assert "not sure" in payloads
    for payload in payloads:
        value = answer_value(question, read_message(payload))
        assert (value is None) == (payload == "not sure"), payload


def test_the_when_buttons_fall_on_the_right_side_of_every_threshold_in_the_rules(rulebook):
    [response] = DOMAIN["responses"]["utter_ask_followup_days_since_treatment"]
    days = [read_message(b["payload"]).days_since_treatment for b in response["buttons"][:-1]]
    assert days == sorted(days)
    thresholds = sorted({c.operand for r in rulebook.rules for c in r.conditions if c.fact == "days_since_treatment"})
    # one button on each side of every threshold
    for threshold in thresholds:
        assert any(d < threshold for d in days) and any(d >= threshold for d in days)



def test_the_warning_check_asks_with_a_button_per_sign_and_none_of_these_reassures():
    conversation = converse("a blister came up on my arm yesterday, no fever", "report_blistering",
                            ["no", "none of these"])
    assert conversation.questions[-1] == WARNING_CHECK.slot
    [check] = [m for m in conversation.messages if m.get("buttons") and "reassure" in (m.get("text") or "")]
    titles = [button["title"] for button in check["buttons"]]
    assert "Fever or shivers" not in titles  # denied already
    assert titles[-2:] == ["None of these", "Not sure"]
    assert level_of(conversation) == "self_care"
    assert "fever" in conversation.slots["story"]["denied"] and "infected_discharge" in conversation.slots["story"]["denied"]


def test_a_warning_sign_named_at_the_check_is_triaged_at_its_level():
    conversation = converse("a blister came up on my arm yesterday", "report_blistering",
                            ["no", "there is pus or smelly fluid"])
    assert conversation.questions[-1] == WARNING_CHECK.slot
    assert level_of(conversation) == "urgent"


def test_no_advice_comes_before_the_answers():
    from tests.form_driver import run_triage

    messages, events = run_triage("I have a blister", "report_blistering")
    assert messages == []  # a rule announces the questions (utter_before_questions), the form asks them
    assert {"event": "slot", "timestamp": None, "name": "followup_needed", "value": True} in events
