"""channels/messaging.py: what every clinic messaging channel shares."""
import asyncio

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.messaging import (
    as_choice, channel_sender_id, chosen_payload, is_gsm7, last_offered_buttons, numbered_choices, sms_parts,
    sms_units, split_text,
)

WHEN = [{"title": "Today", "payload": "today"}, {"title": "1 to 2 days ago", "payload": "2 days ago"},
        {"title": "Not sure", "payload": "not sure"}]
EMERGENCY = ("Call 112 now: swelling of the throat with trouble breathing can be a severe allergic reaction.\n\n"
             "While you wait, sit upright and loosen tight clothing. " + "Do not eat or drink anything. " * 8)


def test_a_conversation_id_names_the_channel():
    assert channel_sender_id("telegram", 12345) == "telegram:12345"
    assert channel_sender_id("sms", "+4477") != channel_sender_id("whatsapp", "+4477")


def test_short_text_stays_whole_and_empty_text_gives_no_part():
    assert split_text("  Keep it clean.  ", 100) == ["Keep it clean."]
    assert split_text("   ", 100) == []


@pytest.mark.parametrize("limit", [20, 70, 160, 500])
def test_parts_keep_within_the_limit_lose_no_word_and_keep_the_first_line_first(limit):
    parts = split_text(EMERGENCY, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert " ".join(parts).split() == EMERGENCY.split()
    assert parts[0].startswith("Call 112 now")


def test_a_paragraph_is_cut_before_a_sentence_and_a_sentence_before_a_word():
    assert split_text("First part here.\n\nSecond part here.", 20) == ["First part here.", "Second part here."]
    assert split_text("One two. Three four.", 12) == ["One two.", "Three four."]
    assert split_text("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_gsm7_text_costs_one_unit_a_character_and_its_extension_two():
    assert is_gsm7("Call 112 now, £5 é") and sms_units("Call 112 now") == 12
    assert sms_units("[x]") == 5
    assert not is_gsm7("fièvre ☕") and sms_units("😀") == 2  # UCS-2: a surrogate pair is two units


def test_sms_parts_are_one_segment_each():
    assert all(sms_units(part) <= 160 for part in sms_parts(EMERGENCY))
    assert sms_parts(EMERGENCY)[0].startswith("Call 112 now")
    unicode_text = "Température 38,5 ☕ " * 20
    assert all(sms_units(part) <= 70 for part in sms_parts(unicode_text))


def test_numbered_choices_list_every_button_by_number():
    text = numbered_choices("When was the spot frozen?", WHEN)
    assert text.splitlines() == ["When was the spot frozen?", "1. Today", "2. 1 to 2 days ago", "3. Not sure",
                                 "Reply 1, 2 or 3, or in your own words."]


@pytest.mark.parametrize("reply, payload", [
    ("2", "2 days ago"), (" 2. ", "2 days ago"), ("#3", "not sure"), ("option 1", "today"),
    ("1 to 2 days ago", "2 days ago"), ("TODAY!", "today"), ("not sure", "not sure"),
])
def test_a_number_or_a_choice_s_words_choose_it(reply, payload):
    assert chosen_payload(reply, WHEN) == payload


@pytest.mark.parametrize("reply", ["4", "0", "12", "it hurts a lot", "2 weeks ago", ""])
def test_anything_else_is_read_as_typed(reply):
    assert chosen_payload(reply, WHEN) is None
    assert as_choice(reply, WHEN) == reply
    assert chosen_payload("1", []) is None


class Agent:
    def __init__(self, store):
        self.tracker_store = store


def buttons_after(events):
    store = InMemoryTrackerStore(Domain.empty())
    asyncio.run(store.save(DialogueStateTracker.from_events("sms:+1", events)))
    return asyncio.run(last_offered_buttons(Agent(store), "sms:+1"))


def test_the_buttons_offered_since_the_patient_last_wrote_are_found():
    assert buttons_after([UserUttered("a blister"), BotUttered("When?", {"buttons": WHEN})]) == WHEN
    assert buttons_after([BotUttered("When?", {"buttons": WHEN}), UserUttered("2 days ago"),
                          BotUttered("Thanks.")]) == []
    assert asyncio.run(last_offered_buttons(Agent(InMemoryTrackerStore(Domain.empty())), "nobody")) == []
    assert asyncio.run(last_offered_buttons(None, "sms:+1")) == []
