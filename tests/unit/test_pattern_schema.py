"""Every pattern file and the rulebook are checked when the pipeline is built or the rulebook loaded: an unknown or
missing key fails with the file and the key named, and a rule may test only facts an observation has, with
operators that exist (issue 19)."""
import copy
import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from triage.conditions import FACTS
from triage.followup import QUESTIONS
from triage.reading.build_pipeline import build
from triage.reading.hypothetical_screen import make_hypothetical_screen
from triage.reading.message import read_message
from triage.reading.pattern_schema import (PATTERNS, SCHEMAS, EmergencyContext, EntityPatterns, HypotheticalContext,
                                           Label, NegationTerms, PatternFileError, StoryCuePatterns, ThresholdWords,
                                           TreatmentTimingPatterns, WordSenses, load_patterns, parse_patterns)
from triage.reading.sizes import sizes_in
from triage.reading.temperatures import temperatures_in
from triage.rulebook import DEFAULT_RULES_PATH, load_rulebook, parse_rulebook


def real_data(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def misspelt(key: str) -> str:
    """"present_markers" -> "present_marker", "SYMPTOM" -> "SYMPTOMS"."""
    return key[:-1] if key.endswith("s") else key + "s"


def renamed(data: dict, key: str, new_key: str) -> dict:
    """The mapping with ``key`` renamed, in its place."""
    return {new_key if name == key else name: value for name, value in data.items()}


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def failure(schema, data) -> str:
    """The error of the data of the schema's file: read from a file if given as a path, else checked directly."""
    with pytest.raises(PatternFileError) as error:
        load_patterns(schema, data) if isinstance(data, Path) else parse_patterns(schema, data)
    return str(error.value)


REAL = {schema: real_data(PATTERNS / schema.FILE) for schema in SCHEMAS}  # read once: entities.yml is large
PATTERN_KEYS = [pytest.param(schema, key, id=f"{schema.FILE}:{key}") for schema in SCHEMAS for key in REAL[schema]]


def test_every_pattern_file_has_its_schema():
    assert {path.name for path in PATTERNS.glob("*.yml")} == {schema.FILE for schema in SCHEMAS}


def test_the_labels_a_word_sense_may_name_are_those_of_the_entities():
    assert list(get_args(Label)) == list(EntityPatterns.__fields__)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda schema: schema.FILE)
def test_the_real_pattern_files_load_clean(schema):
    load_patterns(schema)


@pytest.mark.parametrize("schema, key", PATTERN_KEYS)
def test_a_misspelt_key_fails_naming_the_file_and_the_key(schema, key):
    data = copy.deepcopy(REAL[schema])
    assert misspelt(key) not in data
    message = failure(schema, renamed(data, key, misspelt(key)))
    assert message.startswith(f"{schema.FILE}: ")
    assert f"unknown key {misspelt(key)!r}" in message
    assert f"missing key {key!r}" in message


@pytest.mark.parametrize("schema, key", PATTERN_KEYS)
def test_a_dropped_key_fails_naming_the_file_and_the_key(schema, key):
    data = copy.deepcopy(REAL[schema])
    del data[key]
    message = failure(schema, data)
    assert message == f"{schema.FILE}: missing key {key!r}"


def test_a_file_read_fails_naming_the_file_and_suggesting_the_key_meant(tmp_path):
    data = renamed(REAL[HypotheticalContext], "present_markers", "present_marker")
    assert failure(HypotheticalContext, write(tmp_path, HypotheticalContext.FILE, data)) == (
        "hypothetical_context.yml: unknown key 'present_marker' (did you mean 'present_markers'?); "
        "missing key 'present_markers'")


def nested(schema, change) -> dict:
    data = copy.deepcopy(REAL[schema])
    change(data)
    return data


@pytest.mark.parametrize("schema, change, expected", [
    # a key inside a word sense, a negation addition, the threshold words
    (WordSenses, lambda d: d["senses"][0].update(count_with=d["senses"][0].pop("counts_with")),
     "senses.0: unknown key 'count_with' (did you mean 'counts_with'?); senses.0: missing key 'counts_with'"),
    (WordSenses, lambda d: d["senses"][1].update(instead={"label": "SYMPTOM", "idd": "x"}), "unknown key 'idd'"),
    (NegationTerms, lambda d: d["add"].update(terminations=d["add"].pop("termination")),
     "add: unknown key 'terminations' (did you mean 'termination'?); add: missing key 'termination'"),
    (ThresholdWords, lambda d: d["below_before"].update(sizes=d["below_before"].pop("size")),
     "below_before: unknown key 'sizes' (did you mean 'size'?); below_before: missing key 'size'"),
    # values of the wrong type
    (EmergencyContext, lambda d: d.update(denial_window="6"), "denial_window: value is not a valid integer"),
    (EmergencyContext, lambda d: d.update(denials=[False, "not"]), "denials.0: str type expected"),  # an unquoted no
    (WordSenses, lambda d: d["senses"][0].update(label="SYMTOM"), "senses.0.label: unexpected value"),
    (NegationTerms, lambda d: d.update(termset="en_clinicl"), "termset: unexpected value"),
    # an unknown label, a phrase that is neither words nor a token pattern
    (EntityPatterns, lambda d: d.update(SYMPTOMS={"pain": ["pain"]}), "unknown key 'SYMPTOMS' (did you mean 'SYMPTOM'?)"),
    (EntityPatterns, lambda d: d["SYMPTOM"]["pain"].append(3), "SYMPTOM.pain."),
])
def test_a_wrong_key_or_value_inside_fails_naming_it(schema, change, expected):
    message = failure(schema, nested(schema, change))
    assert message.startswith(f"{schema.FILE}: ") and expected in message


def test_the_build_fails_on_a_misspelt_key(tmp_path):
    data = renamed(REAL[HypotheticalContext], "present_markers", "present_marker")
    with pytest.raises(PatternFileError, match=r"^hypothetical_context.yml: unknown key 'present_marker'"):
        build(hypothetical_context_path=write(tmp_path, HypotheticalContext.FILE, data))


def test_a_pipeline_built_with_a_misspelt_key_fails_to_load():
    """A screen checks its rules again when spaCy loads the pipeline and makes the screen from its config."""
    config = renamed(REAL[HypotheticalContext], "present_markers", "present_marker")
    with pytest.raises(PatternFileError, match=r"^hypothetical_context.yml as built into the spaCy pipeline .*"
                                               r"unknown key 'present_marker'"):
        make_hypothetical_screen(None, "hypothetical_screen", config)


def test_a_pattern_file_that_is_no_mapping_fails():
    with pytest.raises(PatternFileError, match="^story_cues.yml: expected a mapping"):
        parse_patterns(StoryCuePatterns, ["a list"])


# --- the rulebook ---

def rulebook_failure(data) -> str:
    with pytest.raises(ValueError) as error:
        parse_rulebook(data)
    return str(error.value)


RULEBOOK = real_data(DEFAULT_RULES_PATH)
# A rule with every key: its conditions and watch lines too.
FULL_RULE = next(number for number, rule in enumerate(RULEBOOK["rules"]) if "when" in rule and "watch" in rule)


def test_the_rulebook_read_from_a_file_fails_naming_the_file(tmp_path):
    with pytest.raises(ValueError, match=r"^rules.yml: top level: unknown key 'rule'; missing key 'rules'"):
        load_rulebook(write(tmp_path, "rules.yml", renamed(RULEBOOK, "rules", "rule")))


@pytest.mark.parametrize("key", list(RULEBOOK))
def test_a_misspelt_or_dropped_top_level_key_of_the_rulebook_fails_naming_it(key):
    message = rulebook_failure(renamed(RULEBOOK, key, misspelt(key)))
    assert message.startswith("rulebook.yml: top level: ")
    assert f"unknown key {misspelt(key)!r}" in message and f"missing key {key!r}" in message
    dropped = {name: value for name, value in RULEBOOK.items() if name != key}
    assert f"missing key {key!r}" in rulebook_failure(dropped)


@pytest.mark.parametrize("key", list(RULEBOOK["rules"][FULL_RULE]))
def test_a_misspelt_or_dropped_key_of_a_rule_fails_naming_it(key):
    rule = RULEBOOK["rules"][FULL_RULE]
    data = copy.deepcopy(RULEBOOK)
    data["rules"][FULL_RULE] = renamed(rule, key, misspelt(key))
    rule_name = rule["id"] if key != "id" else f"number {FULL_RULE + 1}"
    message = rulebook_failure(data)
    assert message.startswith(f"rulebook.yml: rule {rule_name}: unknown key {misspelt(key)!r}")
    data["rules"][FULL_RULE] = {name: value for name, value in rule.items() if name != key}
    if key in ("when", "watch"):  # a rule may leave these out
        parse_rulebook(data)
    else:
        assert f"missing key {key!r}" in message
        assert f"missing key {key!r}" in rulebook_failure(data)


def change_rulebook(change):
    data = copy.deepcopy(RULEBOOK)
    change(data)
    return data


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["rules"][FULL_RULE]["source"].update(quotes="q"), ", source: unknown key 'quotes'"),
    (lambda d: d["rules"][FULL_RULE]["watch"][0].update(iff="x"), ", watch: unknown key 'iff'"),
    (lambda d: d["safety_nets"]["urgent"][0].update(sign=[]), "safety net of urgent: unknown key 'sign'"),
    (lambda d: d["safety_nets"]["urgent"][0]["signs"][0].pop("rules"), "safety net of urgent, sign: missing key 'rules'"),
    # a condition on a fact no observation has, an operator that does not exist, an operand of the wrong kind
    (lambda d: d["rules"][FULL_RULE]["when"].update(days_since_treatmnt={"at_least": 3}),
     "condition on unknown fact 'days_since_treatmnt'"),
    (lambda d: d["rules"][FULL_RULE]["when"].update(days_since_treatment={"atleast": 3}), "unknown operator 'atleast'"),
    (lambda d: d["rules"][FULL_RULE]["when"].update(symptoms={"any_of": "fever"}),
     "any_of on fact 'symptoms' needs a list"),
    (lambda d: d.update(sign_facts=["trend", "fluids"]), "sign_facts names unknown facts ['fluids']"),
])
def test_a_wrong_key_or_condition_in_the_rulebook_fails_naming_it(change, expected):
    message = rulebook_failure(change_rulebook(change))
    assert message.startswith("rulebook.yml: ") and expected in message


def test_the_facts_rules_may_test_are_those_an_observation_has(nlp):
    """FACTS is what a reading gives (and the engine's "symptoms"), no more and no less."""
    texts = ["my 4 year old son had a wart on his foot frozen 5 days ago, it was treated 3 times, he's diabetic",
             "the blister is getting worse, very painful, and there is pus coming out of it"]
    given = {fact for text in texts for fact in read_message(text, nlp).facts}
    assert given | {"symptoms"} == FACTS
    assert {question.fact for question in QUESTIONS} <= FACTS


# --- one home for each word list (issue 19, item 5) ---

def test_every_treatment_word_but_a_told_one_is_the_treatment_of_the_timing():
    patterns = load_patterns(TreatmentTimingPatterns)
    treatment = re.compile(r"\b" + patterns.treatment)
    assert {word for word in patterns.treatment_words if not treatment.fullmatch(word)} == {"done", "burned", "burnt"}


@pytest.mark.parametrize("words", ["below", "under", "less than", "not over", "<", "lower than", "never over",
                                   "not gone above"])
def test_a_temperature_below_a_threshold_is_none(words):
    assert temperatures_in("my temp is 38.5") == [38.5]
    assert temperatures_in(f"my temp is {words} 38.5") == []


@pytest.mark.parametrize("words", ["below", "under", "less than", "not over", "<", "smaller than", "not even",
                                   "not more than"])
def test_a_size_below_a_threshold_is_none(words):
    assert sizes_in("the blister is 4cm") == [4.0]
    assert sizes_in(f"the blister is {words} 4cm") == []
