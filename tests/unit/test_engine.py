import itertools

import pytest

from triage import Level, Observation
from triage.conditions import Condition
from tests.rule_inputs import facts_meeting, observation_meeting, violating_value


def test_levels_are_ordered():
    assert Level.SELF_CARE < Level.SEE_DOCTOR < Level.URGENT < Level.EMERGENCY
    assert [level.label for level in Level] == ["self_care", "see_doctor", "urgent", "emergency"]
    assert Level.from_label("see_doctor") is Level.SEE_DOCTOR
    with pytest.raises(ValueError):
        Level.from_label("fine")


def test_every_rule_fires_on_its_own_inputs(engine, rulebook):
    for rule in rulebook.rules:
        result = engine.assess(observation_meeting(rule))
        assert rule.id in result.rule_ids, rule.id
        assert result.level >= rule.level


def test_no_rule_fires_for_another_symptom(engine, rulebook):
    for rule, symptom in itertools.product(rulebook.rules, rulebook.symptoms):
        if symptom == rule.symptom:
            continue
        companions = facts_meeting(rule).get("symptoms", ())
        if symptom in companions or rule.symptom in companions:
            continue  # reported as a companion (or the rule names its own symptom as its sign): not absent
        if rule.symptom == rulebook.fallback_symptom and all(r.conditions for r in rulebook.rules_for(symptom)):
            continue  # a symptom none of whose rules holds on these facts falls back to them
        if rule.symptom == rulebook.fallback_symptom and any(c.fact == "trend" for c in rule.conditions):
            continue  # a worsening no rule of the symptom weighs is the unnamed symptom's (engine.py)
        result = engine.assess(observation_meeting(rule, symptom))
        assert rule.id not in result.rule_ids, (rule.id, symptom)


def test_a_conditional_rule_does_not_fire_when_its_condition_fails(engine, rulebook):
    conditional = [rule for rule in rulebook.rules if rule.conditions]
    assert conditional
    for rule in conditional:
        facts = {c.fact: violating_value(c) for c in rule.conditions if c.fact != "symptoms"}
        assert rule.id not in engine.assess(Observation((rule.symptom,), facts)).rule_ids


def test_a_blister_past_a_week_needs_a_doctor_and_a_fresh_one_does_not(engine):
    assert engine.assess(Observation(("blistering",), {"days_since_treatment": 10})).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("blistering",), {"days_since_treatment": 2})).level == Level.SELF_CARE


def test_pain_long_past_the_usual_course_needs_a_doctor_and_fresh_soreness_does_not(engine):
    assert engine.assess(Observation(("pain",), {"days_since_treatment": 365})).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("pain",), {"days_since_treatment": 14})).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("pain",), {"days_since_treatment": 2})).level == Level.SELF_CARE


def test_an_unknown_fact_that_could_raise_the_level_is_an_open_question(engine):
    known = {"severity": [], "body_sites": [], "risk_factors": []}
    unknown = engine.assess(Observation(("blistering",), known))
    assert unknown.level == Level.SELF_CARE
    assert unknown.open_questions == {"days_since_treatment": Level.SEE_DOCTOR}
    assert engine.assess(Observation(("blistering",), {**known, "days_since_treatment": 2})).open_questions == {}


def test_each_open_question_carries_the_highest_level_its_answer_could_lead_to(engine):
    questions = engine.assess(Observation(("pain",))).open_questions
    # pain getting worse is see_doctor, worse after day 2 urgent
    assert questions == {"trend": Level.URGENT, "days_since_treatment": Level.URGENT}
    site_unknown = engine.assess(Observation(("blistering",), {"days_since_treatment": 1})).open_questions
    assert site_unknown["body_sites"] == Level.URGENT
    assert site_unknown["severity"] == Level.SEE_DOCTOR


def test_a_skipped_answer_errs_upward_when_the_report_already_points_that_way(engine):
    worsening = {"trend": "worsening"}
    unanswered = engine.assess(Observation(("pain",), worsening))
    skipped = engine.assess(Observation(("pain",), worsening, skipped=frozenset({"days_since_treatment"})))
    assert unanswered.level == Level.SEE_DOCTOR
    assert skipped.level == Level.URGENT
    assert "pain.worsening_after_day_2" in skipped.rule_ids
    assert "days_since_treatment" not in skipped.open_questions


def test_a_skipped_answer_does_not_raise_a_report_that_shows_no_sign(engine):
    # "It's been 10 days, still a bit red but healing": "better or worse?" "not sure".
    result = engine.assess(Observation(("redness_swelling",), {"days_since_treatment": 10},
                                       skipped=frozenset({"trend"})))
    assert result.level == Level.SELF_CARE
    assert "redness_swelling.worsening_after_day_2" not in result.rule_ids


def test_a_skipped_answer_alone_does_not_invent_a_warning_sign(engine):
    # "Where is the blister?" "Not sure": nothing points to the eyelid, so no urgent rule fires.
    result = engine.assess(Observation(("blistering",), {"days_since_treatment": 1},
                                       skipped=frozenset({"body_sites", "severity"})))
    assert result.level == Level.SELF_CARE
    assert "body_sites" not in result.open_questions

def test_a_spot_still_there_with_no_date_is_reviewed_once_the_patient_cannot_say_when(engine):
    # "The wart is still there." "When was it frozen?" "Not sure": a review, not "give it time".
    asked = engine.assess(Observation(("lesion_persists",)))
    skipped = engine.assess(Observation(("lesion_persists",), skipped=frozenset({"days_since_treatment"})))
    early = engine.assess(Observation(("lesion_persists",), {"days_since_treatment": 7}))
    assert asked.level == Level.SELF_CARE and asked.open_questions["days_since_treatment"] == Level.SEE_DOCTOR
    assert skipped.level == Level.SEE_DOCTOR
    assert "lesion_persists.after_3_weeks" in skipped.rule_ids
    assert early.level == Level.SELF_CARE



def test_oozing_with_infected_looking_fluid_is_urgent_and_clear_fluid_is_not(engine):
    assert engine.assess(Observation(("oozing",), {"fluid": "infected"})).level == Level.URGENT
    clear = engine.assess(Observation(("oozing",), {"fluid": "clear"}))
    assert clear.level == Level.SEE_DOCTOR
    assert "fluid" not in clear.open_questions
    assert engine.assess(Observation(("oozing",))).open_questions["fluid"] == Level.URGENT


def test_the_most_urgent_finding_wins_and_comes_first(engine):
    result = engine.assess(Observation(("blistering", "oozing", "hair_loss")))
    assert result.level == Level.SEE_DOCTOR
    assert result.symptoms[0] == "oozing"
    assert set(result.symptoms) == {"blistering", "oozing", "hair_loss"}
    assert "oozing.see_doctor" in result.rule_ids and "blistering.do_not_touch" in result.rule_ids


def test_every_pair_of_symptoms_is_at_least_as_urgent_as_either_alone(engine, rulebook):
    for first, second in itertools.combinations(rulebook.symptoms, 2):
        alone = [engine.assess(Observation((s,))).level for s in (first, second)]
        together = engine.assess(Observation((first, second)))
        assert together.level >= max(alone), (first, second)
        assert together.level == max(a.level for a in together.assessments)


def test_fever_with_spreading_redness_is_an_emergency(engine):
    assert engine.assess(Observation(("fever", "spreading_redness"))).level == Level.EMERGENCY
    assert engine.assess(Observation(("fever",))).level == Level.URGENT


def test_hives_with_faintness_are_an_emergency_and_faintness_alone_is_not(engine):
    assert engine.assess(Observation(("hives",))).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("fainting",))).level == Level.URGENT
    result = engine.assess(Observation(("hives", "fainting")))
    assert result.level == Level.EMERGENCY and "hives.with_anaphylaxis_signs" in result.rule_ids


def test_a_weak_immune_system_raises_oozing_by_a_level(engine):
    assert engine.assess(Observation(("oozing",))).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("oozing",), {"risk_factors": ["weak_immunity"]})).level == Level.URGENT
    assert engine.assess(Observation(("oozing",), {"risk_factors": ["blood_thinner"]})).level == Level.SEE_DOCTOR


def test_diabetes_raises_an_infection_sign_by_a_level(engine):
    assert engine.assess(Observation(("infected_discharge",))).level == Level.URGENT
    assert engine.assess(Observation(("infected_discharge",), {"risk_factors": ["diabetes"]})).level == Level.EMERGENCY


def test_worsening_after_day_2_is_urgent_and_early_worsening_is_not(engine):
    assert engine.assess(Observation(("pain",), {"trend": "worsening", "days_since_treatment": 4})).level == Level.URGENT
    assert engine.assess(Observation(("pain",), {"trend": "worsening", "days_since_treatment": 1})).level == Level.SEE_DOCTOR
    assert engine.assess(Observation(("pain",), {"trend": "improving", "days_since_treatment": 4})).level == Level.SELF_CARE


def test_warm_skin_belongs_to_the_first_days_and_is_an_infection_sign_after_them(engine):
    def level(facts, skipped=frozenset()):
        return engine.assess(Observation(("inflamed_skin",), facts, skipped)).level
    assert level({"days_since_treatment": 1}) == Level.SELF_CARE
    assert level({"days_since_treatment": 4}) == Level.URGENT
    # with diabetes it errs upward from the first day
    assert level({"days_since_treatment": 1, "risk_factors": ["diabetes"]}) == Level.EMERGENCY
    # "do you have diabetes?" "not sure": a circumstance not known, no sign, so no emergency on day 1
    assert level({"days_since_treatment": 1}, frozenset({"risk_factors"})) == Level.SELF_CARE
    # no date: the clinic's advice, and the date is worth asking; not known either, it errs upward
    assert engine.assess(Observation(("inflamed_skin",))).open_questions["days_since_treatment"] >= Level.URGENT
    assert level({}, frozenset({"days_since_treatment"})) == Level.URGENT


def test_darker_skin_while_the_spot_heals_is_expected_and_a_mark_left_after_is_checked(engine):
    def level(facts):
        return engine.assess(Observation(("darkened_skin",), facts)).level
    assert level({"days_since_treatment": 7}) == Level.SELF_CARE
    assert level({"days_since_treatment": 42}) == Level.SEE_DOCTOR
    assert level({}) == Level.SEE_DOCTOR  # no date: checked, as a mark may be one left after healing


def test_a_condition_on_an_unknown_fact_is_decided_either_way():
    no_date = Condition("days_since_treatment", "unknown", True)
    assert no_date.evaluate({}) is True
    assert no_date.evaluate({"days_since_treatment": None}) is True
    assert no_date.evaluate({"days_since_treatment": 3}) is False
    assert Condition("days_since_treatment", "unknown", False).evaluate({"days_since_treatment": 3}) is True


def test_the_fallback_gives_only_its_rules_that_hold(engine):
    # warm skin with no date fires no rule of its own; "worse after day 2" needs both facts to fire
    result = engine.assess(Observation(("inflamed_skin",)))
    assert result.rule_ids == ("other.see_doctor",)


def test_an_unknown_symptom_errs_upward_to_the_clinic(engine):
    result = engine.assess(Observation(("purple spots",)))
    assert result.level == Level.SEE_DOCTOR
    assert result.symptoms == ("other",)
    assert result.rule_ids == ("other.see_doctor",)


def test_repeated_symptoms_are_assessed_once(engine):
    assert engine.assess(Observation(("pain", "pain"))).symptoms == ("pain",)


def test_no_symptom_is_an_error(engine):
    with pytest.raises(ValueError):
        engine.assess(Observation(()))


def test_the_engine_imports_nothing_from_rasa():
    import subprocess
    import sys

    code = "import sys, triage; print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_worsening_no_named_symptom_weighs_is_assessed_as_a_worsening(engine):
    # "Day 5, the blister is getting worse": blisters have no rule on the trend; worse after day 2 is urgent.
    def assess(facts, skipped=frozenset()):
        return engine.assess(Observation(("blistering",), facts, skipped))
    late = assess({"trend": "worsening", "days_since_treatment": 5})
    assert late.level == Level.URGENT and "other.worsening_after_day_2" in late.rule_ids
    assert assess({"trend": "worsening", "days_since_treatment": 1}).level == Level.SELF_CARE
    assert assess({"trend": "worsening"}).open_questions["days_since_treatment"] == Level.URGENT
    assert assess({"trend": "worsening"}, frozenset({"days_since_treatment"})).level == Level.URGENT
    # a symptom whose rules weigh the trend keeps its own: pain worse on day 1 is its see_doctor rule
    assert engine.assess(Observation(("pain",), {"trend": "worsening", "days_since_treatment": 1})).symptoms == ("pain",)


def test_a_late_mark_looking_worse_is_no_worsening_of_the_wound(engine):
    # "the lighter patch is getting worse, frozen 3 months ago": no sign of infection, so no "worse after day 2"
    result = engine.assess(Observation(("lightened_skin",), {"trend": "worsening", "days_since_treatment": 90}))
    assert "other.worsening_after_day_2" not in result.rule_ids and result.level < Level.URGENT


def test_warm_skin_or_a_bleeding_worse_after_day_2_is_urgent(engine):
    # "it's bleeding more and more each day, day 4": neither has a rule on the trend of its own
    for symptom in ("inflamed_skin", "bleeding"):
        result = engine.assess(Observation((symptom,), {"trend": "worsening", "days_since_treatment": 4}))
        assert result.level >= Level.URGENT, symptom
