from triage.reading.message import Mention, MessageReading
from triage.observation import build_observation


def reading(*mentions):
    return MessageReading(tuple(Mention(label, mention_id, mention_id, negated) for label, mention_id, negated in mentions))


def test_the_symptoms_named_in_the_text_are_assessed_in_order():
    observation = build_observation(reading(("SYMPTOM", "blistering", False), ("SYMPTOM", "oozing", False)))
    assert observation.symptoms == ("blistering", "oozing")


def test_a_denied_symptom_is_not_assessed():
    observation = build_observation(reading(("SYMPTOM", "oozing", True), ("SYMPTOM", "blistering", False)))
    assert observation.symptoms == ("blistering",)


def test_a_message_naming_no_symptom_gives_none():
    assert build_observation(reading()) is None
    assert build_observation(reading(("SYMPTOM", "oozing", True))) is None
    assert build_observation(reading(("BODY_SITE", "arm", False))) is None


def test_body_sites_become_a_fact():
    observation = build_observation(reading(("SYMPTOM", "pain", False), ("BODY_SITE", "arm", False)))
    assert observation.facts["body_sites"] == ["arm"]


def test_a_worsening_with_no_symptom_named_is_still_assessed():
    worsening = MessageReading((Mention("TREND", "worsening", "getting worse", False),))
    assert build_observation(worsening).symptoms == ("other",)
    improving = MessageReading((Mention("TREND", "improving", "better", False),))
    assert build_observation(improving) is None


def test_lasting_facts_said_earlier_complete_a_message_but_do_not_override_it():
    from triage.observation import remembered_facts

    earlier = {"days_since_treatment": 5, "body_sites": ["hand"], "risk_factors": ["diabetes"], "trend": "worsening"}
    assert remembered_facts(earlier, {}) == {"days_since_treatment": 5, "body_sites": ["hand"], "risk_factors": ["diabetes"]}
    newer = remembered_facts(earlier, {"days_since_treatment": 1, "body_sites": ["foot"], "risk_factors": ["weak_immunity"]})
    assert newer["days_since_treatment"] == 5  # the treatment came before anything since
    assert newer["body_sites"] == ["foot"]
    assert newer["risk_factors"] == ["diabetes", "weak_immunity"]
