"""Characters that hid warning signs (issue 22): format characters and joiners between words."""
import pytest

from channels.guard import patient_text
from triage.reading.characters import readable
from triage.reading.message import read_message


@pytest.mark.parametrize("text", [
    "there is pus and fever", "there is p\u200bus and fe\u200dver", "\u202ethere is pus and fever\u202c",
    "there is pus+fever", "there is pus_and_fever", "there\u00adis pus + fever", "pus|fever", "\ufeffpus and fever",
    "there is pus__and__fever",
])
def test_hidden_or_joined_words_are_read(text, nlp):
    assert read_message(text, nlp).symptoms == ("infected_discharge", "fever")
    assert readable(patient_text(text, 2000).text) == patient_text(text, 2000).text  # the channel already did it


@pytest.mark.parametrize("text", ["38+", "2+ days", "e-mail", "temp 38.5", "it's fine", "+44 7700 900123"])
def test_joiners_outside_words_and_ordinary_text_are_kept(text):
    assert readable(text) == text


def test_the_channel_gives_rasa_the_words():
    assert patient_text("pus\u200b+fever", 2000).text == "pus fever"


@pytest.mark.parametrize("text, kept", [
    ("😭" * 25_000 + " there is pus", "😭😭😭😭😭😭 there is pus"),
    ("ow " + "😭 " * 50 + "it's bleeding", "ow 😭😭😭😭😭😭 it's bleeding"),
    ("what!!!!!!!!!!!!!! pus", "what!!!!!! pus"),
    ("??? :( :( :( !!", "??? :( :( :( !!"),
])
def test_a_long_run_of_emoji_or_symbols_is_cut_to_its_first_few(text, kept):
    assert readable(text) == kept


@pytest.mark.parametrize("text", ["ok...", "38.5°C <1cm", "??? :( :(", "😭😭😭 it hurts", "- - - -"])
def test_short_runs_of_symbols_are_kept(text):
    assert readable(text) == text


def test_a_sentence_with_no_full_stop_is_bounded_in_tokens(nlp):
    from triage.reading.sentence_bound import MAX_SENTENCE_TOKENS

    doc = nlp("sore and red " * 200 + "there is pus")
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
    short = nlp("I had it frozen on Monday and now there is pus. No fever.")
    assert [len(sentence) for sentence in short.sents] == [12, 3]


def test_a_sign_in_the_middle_of_a_long_message_is_read(nlp):
    from channels.guard import MAX_WHOLE_CHARS

    half = "the spot looks fine " * (MAX_WHOLE_CHARS // 2 // 20 - 2)
    text = patient_text(half + "my throat is closing up " + half, 2000)
    assert len(text.whole) > 4000 and not text.whole_was_cut and text.was_cut
    assert read_message(text.whole, nlp).emergency_signs == ("anaphylaxis",)
