"""What goes on the event broker (channels/triage_events.py)."""
from channels.triage_events import TRIAGE_OUTCOME, ClinicEvents, shares_messages

USER = {"event": "user", "sender_id": "p1", "timestamp": 1.0, "text": "my lip is swelling", "input_channel": "rest",
        "parse_data": {"text": "my lip is swelling"}, "metadata": {"clinic_id": "c1"}}
OUTCOME = {"event": "bot", "sender_id": "p1", "timestamp": 2.0, "text": None,
           "data": {"custom": {"triage": {"level": "emergency", "rules": ["r1"], "symptoms": ["lip_swelling"],
                                          "clinic_id": "c1"}}}}
SLOT = {"event": "slot", "sender_id": "p1", "name": "story", "value": {"told": "my lip is swelling"}}


def test_without_sharing_a_turn_goes_out_without_its_words_and_slots_not_at_all():
    events = ClinicEvents(share_messages=False)
    [turn] = events.records(USER)
    assert turn == {"event": "user", "sender_id": "p1", "timestamp": 1.0, "input_channel": "rest"}
    assert events.records(SLOT) == []


def test_an_outcome_is_one_record_with_the_conversation_s_channel():
    events = ClinicEvents(share_messages=False)
    events.records(USER)
    bot, outcome = events.records(OUTCOME)
    assert bot == OUTCOME
    assert outcome == {"event": TRIAGE_OUTCOME, "sender_id": "p1", "timestamp": 2.0, "level": "emergency",
                       "rules": ["r1"], "symptoms": ["lip_swelling"], "assessed": True, "language": "en",
                       "channel": "rest", "clinic_id": "c1"}


def test_an_unassessed_outcome_says_so():
    unassessed = {**OUTCOME, "data": {"custom": {"triage": {"level": "urgent", "assessed": False, "rules": ["s"],
                                                            "symptoms": [], "language": "es"}}}}
    [_, outcome] = ClinicEvents(share_messages=False).records(unassessed)
    assert outcome["assessed"] is False and outcome["language"] == "es" and outcome["channel"] is None


def test_with_sharing_everything_goes_out_as_rasa_sent_it():
    events = ClinicEvents(share_messages=True)
    assert events.records(USER) == [USER] and events.records(SLOT) == [SLOT]


def test_sharing_is_off_unless_the_clinic_says_true():
    assert not shares_messages({}) and not shares_messages({"SHARE_MESSAGES_WITH_CLINIC": "no"})
    assert shares_messages({"SHARE_MESSAGES_WITH_CLINIC": "true"})
