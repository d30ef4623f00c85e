from pathlib import Path

import pytest
import yaml

from triage import Level, load_rulebook
from triage.rulebook import DEFAULT_RULES_PATH
from tests.sources import ARTICLE, CLINICAL_REFERENCE

ARTICLE_STATEMENTS = {
    # statement of the article -> the rule that must carry it
    "burning on thawing for about 5 minutes": "pain.burning_on_thaw",
    "redness and swelling": "redness_swelling.expected",
    "blisters must not be touched": "blistering.do_not_touch",
    "scabs must not be touched": "scab.do_not_touch",
    "keep out of the sun": "blistering.keep_out_of_sun",
    "deflated with no scab after about a week": "blistering.settles_within_a_week",
    "lighter skin colour": "lightened_skin.expected",
    "loss of hair follicles on hairy areas": "hair_loss.expected_on_hairy_skin",
    "irritation and numbness": "numbness_irritation.expected",
    "oozing means seeing a doctor": "oozing.see_doctor",
}


def normalise(text: str) -> str:
    return " ".join(text.split())


def test_every_article_statement_has_its_rule(rulebook):
    missing = {statement: rule_id for statement, rule_id in ARTICLE_STATEMENTS.items() if not rulebook.get(rule_id)}
    assert not missing


@pytest.mark.parametrize("document, path", [("article", ARTICLE), ("clinical_reference", CLINICAL_REFERENCE)])
def test_every_rule_quotes_its_source_verbatim(rulebook, document, path):
    text = normalise(path.read_text(encoding="utf-8"))
    rules = [rule for rule in rulebook.rules if rule.source.document == document]
    assert rules
    for rule in rules:
        assert rule.source.quote in text, rule.id


def test_oozing_is_the_articles_one_referral(rulebook):
    assert rulebook.get("oozing.see_doctor").level == Level.SEE_DOCTOR


def test_every_source_document_is_declared():
    data = yaml.safe_load(DEFAULT_RULES_PATH.read_text())
    assert {rule["source"]["document"] for rule in data["rules"]} <= set(data["documents"])


def write_rules(tmp_path: Path, rules, symptoms=None) -> Path:
    """A rules file with the real file's documents, headlines, openers and sign facts, and these rules."""
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump({
        **yaml.safe_load(DEFAULT_RULES_PATH.read_text()),
        "safety_nets": {},  # the real ones name rules these have not
        "wound_signs": [],
        "symptoms": symptoms or {"pain": "pain", "other": "other"},
        "fallback_symptom": "other",
        "rules": rules,
    }))
    return path


def a_rule(**changes):
    rule = {"id": "pain.x", "symptom": "pain", "level": "self_care", "advice": "a",
            "source": {"document": "article", "quote": "q"}}
    fallback = dict(rule, id="other.x", symptom="other", level="see_doctor")
    return [dict(rule, **changes), fallback]


@pytest.mark.parametrize("changes, message", [
    ({"level": "fine"}, "unknown triage level"),
    ({"symptom": "itching"}, "not declared"),
    ({"source": {"document": "article"}}, "missing key 'quote'"),
    ({"source": {"document": "article", "quote": ""}}, "source needs"),
    ({"source": {"document": "articel", "quote": "q"}}, "not declared under 'documents'"),
    ({"advice": ""}, "lacks"),
    ({"when": {"days_since_treatment": {"about": 3}}}, "unknown operator"),
    ({"when": {"days_since_treatment": 3}}, "operator"),
])
def test_a_malformed_rule_is_refused_on_load(tmp_path, changes, message):
    with pytest.raises(ValueError, match=message):
        load_rulebook(write_rules(tmp_path, a_rule(**changes)))


def test_duplicate_ids_are_refused(tmp_path):
    rules = a_rule()
    with pytest.raises(ValueError, match="duplicate"):
        load_rulebook(write_rules(tmp_path, rules + [rules[0]]))


def test_a_declared_symptom_without_rules_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no rule"):
        load_rulebook(write_rules(tmp_path, a_rule(), {"pain": "p", "other": "o", "scab": "s"}))


def test_the_fallback_needs_an_unconditional_rule(tmp_path):
    rules = a_rule()
    rules[1]["when"] = {"days_since_treatment": {"at_least": 1}}
    with pytest.raises(ValueError, match="no conditions"):
        load_rulebook(write_rules(tmp_path, rules))


def test_a_faint_is_never_over_beside_a_sign_the_rules_raise_it_with(rulebook):
    """historical_context.yml's not_over_beside copies the symptoms of fainting.with_warning_signs and
    bleeding.with_fainting (the reading may not import the rules): they must stay the same."""
    from triage.reading.pattern_schema import HistoricalContext, load_patterns

    raising = {symptom for rule in rulebook.rules_for("fainting") if rule.id == "fainting.with_warning_signs"
               for condition in rule.conditions if condition.fact == "symptoms" for symptom in condition.operand} | {
        rule.symptom for rule in rulebook.rules_for("bleeding") if rule.id == "bleeding.with_fainting"}
    assert set(load_patterns(HistoricalContext).not_over_beside) == raising
