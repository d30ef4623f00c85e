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
