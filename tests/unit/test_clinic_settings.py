from rasa_sdk.executor import CollectingDispatcher

from triage.clinic_settings import DEFAULT_CLINIC_NAME, DEFAULT_EMERGENCY_NUMBER, ClinicSettings
from actions.runtime import send
from triage.replies import triage_reply
from triage import Observation


def test_without_settings_the_defaults_are_neutral():
    settings = ClinicSettings.from_environment({})
    assert settings.name == DEFAULT_CLINIC_NAME and settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    assert settings.to_call() == DEFAULT_CLINIC_NAME


def test_blank_settings_fall_back_to_the_defaults():
    assert ClinicSettings.from_environment({"CLINIC_NAME": "  ", "EMERGENCY_NUMBER": ""}) == ClinicSettings()


def test_the_clinics_numbers_go_with_referrals_only(engine, rulebook):
    settings = ClinicSettings.from_environment({"CLINIC_NAME": "Skin Clinic", "CLINIC_PHONE": "01 23",
                                                "CLINIC_OUT_OF_HOURS_PHONE": "09 87"})
    assert settings.to_call() == "Skin Clinic (01 23; out of hours 09 87)"
    assert reply(engine, rulebook, ("oozing",), settings)[0].startswith("Please contact Skin Clinic (01 23; out of")
    assert "01 23" not in " ".join(reply(engine, rulebook, ("blistering",), settings))
    emergency = " ".join(reply(engine, rulebook, ("chest_pain",), settings))
    assert "01 23" not in emergency  # the emergency number comes first, alone


def reply(engine, rulebook, symptoms, settings):
    dispatcher = CollectingDispatcher()
    send(dispatcher, triage_reply(engine.assess(Observation(symptoms)), rulebook, settings))
    return [m["text"] for m in dispatcher.messages if m.get("text")]


def test_replies_use_the_clinics_name_numbers_and_emergency_number(engine, rulebook):
    settings = ClinicSettings(name="Skin Clinic", phone="01 23", emergency_number="999")
    assert reply(engine, rulebook, ("fever", "spreading_redness"), settings)[0].startswith("Call 999 now")
    oozing = " ".join(reply(engine, rulebook, ("oozing",), settings))
    assert "contact Skin Clinic (01 23)" in oozing
