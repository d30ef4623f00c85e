"""The checks the public channels make before Rasa sees a message (channels/guard.py, issue 10)."""
from channels.guard import NO_WORDS, patient_text, replies_or_safe_reply, safe_reply, too_long_notice
from triage.clinic_settings import ClinicSettings


def test_a_long_message_keeps_its_start_and_its_end_within_the_limit():
    text = patient_text("there is pus " + "x" * 100_000 + " and a fever", 2000)
    assert text.was_cut and len(text.text) <= 2000
    assert text.text.startswith("there is pus") and text.text.endswith("and a fever")


def test_a_message_within_the_limit_is_kept_whole():
    assert patient_text("my blister is leaking", 2000) == patient_text("  my blister is leaking ", 2000)
    assert not patient_text("my blister is leaking", 2000).was_cut


def test_a_slash_command_becomes_plain_text():
    assert patient_text("/restart", 2000).text == "restart"
    assert patient_text("//report_pain there is pus", 2000).text == "report pain there is pus"  # "_" joins no words


def test_lone_surrogates_are_replaced():
    text = patient_text("there is pus \ud83d and fever", 2000).text
    assert text.encode("utf-8") and "pus" in text and "fever" in text


def test_a_message_without_words_is_told_so():
    assert not patient_text(" \u200b ... ", 2000).has_words
    assert "did not get any words" in NO_WORDS


def test_no_reply_becomes_the_safe_reply_with_the_clinic_and_the_emergency_number():
    [reply] = replies_or_safe_reply([], "patient")
    assert reply["recipient_id"] == "patient"
    text = safe_reply(ClinicSettings(name="Riverside", emergency_number="112"))
    assert "Riverside" in text and "112" in text
    assert replies_or_safe_reply([{"text": "hi"}], "patient") == [{"text": "hi"}]


def test_the_notice_names_the_limit():
    assert "2,000 characters" in too_long_notice(2000)


def test_a_rest_body_with_invalid_utf8_is_read_with_the_bytes_replaced():
    from channels.guarded_rest import json_body

    body = json_body(b'{"sender": "p", "message": "there is pus and fever \xff\xfe"}')
    assert body["sender"] == "p" and body["message"].startswith("there is pus and fever")
    assert json_body(b"not json \xff") is None and json_body(b"") is None


def test_past_the_bound_the_triage_reads_the_start_and_the_end():
    from channels.guard import MAX_WHOLE_CHARS, WHOLE_MESSAGE_KEY

    message = "it was a long day. " * 300 + "and now there is pus"
    text = patient_text(message, 2000)
    assert text.was_cut and len(text.text) <= 2000 and text.whole_was_cut
    assert text.metadata({"clinic_id": "c1"}) == {"clinic_id": "c1", WHOLE_MESSAGE_KEY: text.whole}
    huge = patient_text("pus " + "x " * MAX_WHOLE_CHARS + " fever", 2000)
    assert huge.whole_was_cut and len(huge.whole) <= MAX_WHOLE_CHARS
    assert huge.whole.startswith("pus") and huge.whole.endswith("fever")


def test_a_client_cannot_pass_its_own_whole_message():
    from channels.guard import WHOLE_MESSAGE_KEY

    forged = {WHOLE_MESSAGE_KEY: "all fine", "clinic_id": "c1"}
    assert patient_text("there is pus", 2000).metadata(forged) == {"clinic_id": "c1"}


def test_the_action_reads_the_whole_message_under_the_channel_s_key():
    from actions.runtime import WHOLE_MESSAGE_KEY as ACTIONS_KEY, text_of
    from channels.guard import WHOLE_MESSAGE_KEY

    assert ACTIONS_KEY == WHOLE_MESSAGE_KEY
    assert text_of({"text": "cut", "metadata": {WHOLE_MESSAGE_KEY: "the whole"}}) == "the whole"
    assert text_of({"text": "short", "metadata": {}}) == "short" and text_of(None) == ""
