from actions.message_reading import MessageReading, Mention
from actions.observation_builder import SYMPTOM_OF_INTENT, build_observation


def reading(*mentions):
    return MessageReading(tuple(Mention("SYMPTOM" if s != "arm" else "BODY_SITE", s, s, negated)
                                for s, negated in mentions))


def test_the_intent_gives_the_symptom_when_the_text_names_none():
    for intent, symptom in SYMPTOM_OF_INTENT.items():
        assert build_observation(intent, reading()).symptoms == (symptom,)


def test_symptoms_in_the_text_are_added_to_the_intents():
    observation = build_observation("report_blistering", reading(("oozing", False), ("pain", False)))
    assert observation.symptoms == ("blistering", "oozing", "pain")


def test_a_symptom_named_by_intent_and_text_counts_once():
    assert build_observation("report_oozing", reading(("oozing", False))).symptoms == ("oozing",)


def test_a_symptom_the_text_only_denies_is_dropped():
    observation = build_observation("report_oozing", reading(("oozing", True), ("blistering", False)))
    assert observation.symptoms == ("blistering",)


def test_nothing_left_to_assess_gives_none():
    assert build_observation("report_oozing", reading(("oozing", True))) is None
    assert build_observation("greet", reading()) is None
    assert build_observation(None, reading()) is None


def test_a_symptom_in_the_text_is_assessed_whatever_the_intent():
    assert build_observation("greet", reading(("oozing", False))).symptoms == ("oozing",)


def test_body_sites_become_a_fact():
    observation = build_observation("report_pain", reading(("arm", False)))
    assert observation.facts["body_sites"] == ["arm"]
