"""The domain's responses, as the Rasa server sends them (channels/clinic_responses.py), name the clinic's
own numbers: the disclaimer and the safety nets sent while the action server is down included (issue 21)."""
import re
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from channels.clinic_responses import ClinicResponses
from channels.guard import safe_reply
from triage.clinic_settings import ClinicSettings
from triage.replies import english_only_texts

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
CLINIC = ClinicSettings(name="Harbour Skin Clinic", phone="02 9999 0000", emergency_number="000")
OTHER_EMERGENCY_NUMBERS = re.compile(r"\b(112|911|999|111|15|17|18|119|110)\b")


def every_response_text(clinic):
    responses = ClinicResponses(domain=DOMAIN, clinic=clinic)
    for name in DOMAIN.responses:
        generated = responses.generate_from_slots(name, {}, "rest")
        yield name, (generated or {}).get("text") or ""


@pytest.mark.parametrize("name, text", list(every_response_text(CLINIC)))
def test_with_emergency_number_000_no_response_names_another_or_leaves_a_placeholder(name, text):
    assert not OTHER_EMERGENCY_NUMBERS.search(text), name
    assert "{" not in text, f"{name}: a placeholder left unfilled"


def test_the_disclaimer_and_the_safety_nets_name_the_clinic_s_numbers():
    texts = dict(every_response_text(CLINIC))
    domain_words = DOMAIN.responses["utter_disclaimer"][0]["text"].strip()
    assert texts["utter_disclaimer"] == f"{domain_words} Here: 000."  # the domain's words first: the eval
    assert texts["utter_emergency_unavailable"].startswith("Call 000 now.")
    assert "Harbour Skin Clinic (02 9999 0000)" in texts["utter_triage_unavailable"]


def test_unset_settings_read_as_before():
    texts = dict(every_response_text(ClinicSettings()))
    assert texts["utter_disclaimer"] == DOMAIN.responses["utter_disclaimer"][0]["text"].strip()
    assert texts["utter_emergency_unavailable"].startswith("Call your local emergency number now.")


def test_the_channels_own_safety_reply_and_the_other_language_reply_use_the_settings_too():
    english, spanish = (m["text"] for m in english_only_texts("es", CLINIC))
    for text in (safe_reply(CLINIC), english):
        assert "000" in text and not OTHER_EMERGENCY_NUMBERS.search(text)
    assert not OTHER_EMERGENCY_NUMBERS.search(spanish)
    assert spanish.endswith("🚑 000 · ☎ Harbour Skin Clinic 02 9999 0000")  # its own words name no number


def test_the_other_language_reply_adds_no_numbers_the_clinic_did_not_set():
    english, spanish = (m["text"] for m in english_only_texts("es", ClinicSettings()))
    assert "🚑" not in spanish and "☎" not in spanish and "🚑" not in english
