"""The typed schema of each pattern file (triage/reading/patterns/*.yml), and the one way to read them. An unknown
key, a missing one or a value of the wrong type fails with the file and the key named, when the pipeline is built,
when it is loaded, or when a file is read at run time: a misspelt key never falls back to a default. The only keys
with a default are those the files leave out by design (a word sense's `label`, `words`, `window`...)."""
from difflib import get_close_matches
from pathlib import Path
from typing import Any, ClassVar, Dict, List, Literal, Optional, Type, TypeVar, Union

import yaml
from pydantic import BaseModel, Extra, StrictInt, StrictStr, ValidationError

PATTERNS = Path(__file__).resolve().with_name("patterns")

Words = List[StrictStr]
Phrases = List[List[StrictStr]]  # each phrase as its words: [[during, the, freeze], ...]
Label = Literal["SYMPTOM", "EMERGENCY", "BODY_SITE", "TREND", "TREATMENTS", "SEVERITY", "RISK", "DURATION", "FLUID",
                "ANSWER", "OTHER_MEANING", "SPOT", "REPORT"]


class PatternFileError(ValueError):
    """A pattern file that does not match its schema: "hypothetical_context.yml: unknown key 'present_marker' (did
    you mean 'present_markers'?)"."""


class Strict(BaseModel):
    """No key but those declared; values of the declared types, not converted ("no" read as a boolean fails)."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class PatternFile(Strict):
    """The schema of one file, FILE in triage/reading/patterns/."""
    FILE: ClassVar[str]


class TheSight(Strict):
    """"everything went grey": the sight, not a colour of the skin (emergency_screen.py)."""
    words: Words
    verbs: Words
    colours: Words
    list_joiners: Words


class EmergencyContext(PatternFile):
    """When an emergency sign is set aside (emergency_screen.py)."""
    FILE = "emergency_context.yml"
    denial_window: StrictInt
    denials: Words
    body_first: Words
    denial_fillers: Words
    own_negations: Words
    unsure_window: StrictInt
    unsure_after_denial: Words
    going_on_after_denial: Words
    scope_ends: Words
    never_denied_with: Words
    taken_back_by: Words
    taken_back_within: StrictInt
    taken_back_words: Words
    not_taken_back_by: Words
    taken_back_verbs: Words
    taken_back_pointers: Words
    place_words: Words
    not_a_place_after: Words
    places_named_by: Words
    words_between: Words
    about_the_spot_window: StrictInt
    subject_colours: Words
    subject_reach: StrictInt
    subject_spots: Words
    subject_between: Words
    subject_refused: Words
    person_subjects: Words
    persons_before_skin: Words
    about_the_spot: Dict[StrictStr, Words]  # emergency sign id -> words
    spot_only_after_window: StrictInt
    spot_only_after: Dict[StrictStr, Words]
    worn_right_after: Words
    worn_between: Words
    worn_refused: Words
    history_before: Words
    history_links: Words
    history_window: StrictInt
    history_when_ages: Words
    history_reach: StrictInt
    history_after: Words
    history_right_after: Words
    condition_name_before: Words
    condition_history_words: Words
    condition_now_words: Words
    other_sense_after: Dict[StrictStr, Words]
    the_sight: "TheSight"
    strangers: Words
    stranger_openers: Words
    not_a_stranger_beside: Words
    long_lasting_after: Dict[StrictStr, Words]
    chronic_conditions: Dict[StrictStr, Words]
    chronic_signs: Dict[StrictStr, Words]
    chronic_usual: Words
    chronic_changes: Words
    history_marked_before: Words
    history_year_after: Words
    history_seasons: Words
    history_clause_ends: Words
    history_cancelled_by: Words
    history_before_reach: StrictInt
    now_words: Words
    topic_takers: Words
    topic_after: Dict[StrictStr, Words]
    topic_reach: StrictInt
    other_sense_of: Dict[StrictStr, Words]
    other_sense_reach: StrictInt
    denial_list_subjects: Words
    denial_list_openers: Words
    denial_list_joiners: Words
    denial_list_item_words: StrictInt
    denial_list_words: Words
    person_topic_takers: Words
    person_topic_after: Words
    topic_fillers: Words
    swallow_words: Words
    topic_within: Dict[StrictStr, Words]
    foreseen_modals: Words
    foreseen_changes: Words
    fear_cues: Words
    fear_reach: StrictInt
    fear_of: Phrases
    future_words: Words
    fear_scope_ends: Words
    condition_cues: Words
    supposing_cues: Words
    anyone_after_condition: Words
    anyone_window: StrictInt
    anyone_reach: StrictInt
    anyone_scope_ends: Words
    condition_changes: Words
    doubts_before_condition: Words
    subjects: Words
    present_markers: Words
    lingering_words: Words
    lingering_signs_of: Words
    lingering_states: Words
    lip_treated: StrictStr  # a regular expression
    lingering_unless: Words


class OverAtTheVisitPhrases(PatternFile):
    """A sign told of the treatment visit and over since (visit.py)."""
    FILE = "over_at_the_visit.yml"
    visit_markers: Phrases
    past_day_markers: Phrases
    past_day_reach: StrictInt
    all_clear: Phrases
    not_clear_after: Words
    not_clear_before: Words
    not_clear_reach: StrictInt
    visit_present_markers: Words
    faint_visit_markers: Phrases
    faint_all_clear: Phrases
    faint_present_markers: Words
    possessive_owners: Words
    well_words: Words
    faint_returns: Words
    faint_returns_before: Words


class HistoricalContext(PatternFile):
    """A symptom told of the distant past, or said to be over (historical_screen.py)."""
    FILE = "historical_context.yml"
    markers: Words
    age_openers: Words
    ages: Words
    age_followers: Words
    comparisons: Words
    ongoing: Words
    scope_ends: Words
    resolvable: Words
    over_at_the_visit_signs: Words
    not_over_beside: Words
    resolutions: Words
    resolution_auxiliaries: Words
    pointers: Words
    stopped_before: Words
    prepositions: Words
    still_going: Words
    expectations: Words
    returns: Words
    returns_in_its_sentence_only: Words
    all_clear_before_return: Words
    denied_returns: Words
    resolvable_later: Words
    subjectless_stops: Phrases
    not_over_by_itself_beside: Words
    after_stopped: Words
    goes_on_before: Words


class FailedAttempt(Strict):
    """"couldn't get the bleeding to stop": no forecast (hypothetical_screen.py)."""
    ability_modals: Words
    negations: Words
    objects: Words


class HypotheticalContext(PatternFile):
    """A symptom only asked about (hypothetical_screen.py)."""
    FILE = "hypothetical_context.yml"
    cues: Words
    cue_window: StrictInt
    anyone_after_cue: Words
    anyone_cue_window: StrictInt
    unsure_before_if: Words
    how_to_words: Words
    how_reach: StrictInt
    how_subjects: Words
    how_to_tell_signs: Words
    not_a_condition_after_if: Words
    presupposing_determiners: Words
    presupposed_signs: Words
    arising_verbs: Words
    modals: Words
    change_verbs: Words
    failed_attempt: FailedAttempt
    future_modals: Words
    future_reach: StrictInt
    future_auxiliaries: Words
    present_markers: Words
    resolution_verbs: Words
    feeling_words: Words
    reporting_verbs: Words
    guess_about_now: Words
    scope_ends: Words
    joiners: Words
    join_reach: StrictInt
    came_true: Words
    awaited: Words
    awaited_cues: Words
    awaited_past_forms: Words
    fear_words: Words
    feared_marks: Words
    confirmations: Words


class Instead(Strict):
    label: Label
    id: StrictStr


class SenseRule(Strict):
    """One sense of word_senses.yml; the keys with a default are those a sense may leave out."""
    symptom: StrictStr
    label: Label = "SYMPTOM"
    words: Words = []  # none listed (nor last_words): every phrase of the id
    last_words: Words = []
    counts_with: Words
    set_aside_with: Optional[Words] = None  # not given: set aside whenever no counts_with word is near
    window: Optional[StrictInt] = None  # not given: the file's window
    set_aside_within: Optional[StrictInt] = None
    set_aside_next: Words = []  # the word right after the sign sets it aside, whatever is near: "faint erythema"
    set_aside_next_after: Words = []  # ...only right after one of these, if given: "a faint red line"
    set_aside_previous: Words = []  # the word right before it does: "a kidney infection"
    instead: Union[StrictStr, Instead, None] = None  # a symptom id, or {label, id}


class WordSenses(PatternFile):
    """Sign words with more than one meaning (word_sense_screen.py)."""
    FILE = "word_senses.yml"
    window: StrictInt
    short_message: StrictInt
    counts_in_short_message: Words
    senses: List[SenseRule]


class NegationAdditions(Strict):
    """negspacy's pattern types; following_negations is one the file does not use."""
    pseudo_negations: Words
    preceding_negations: Words
    following_negations: Words = []
    termination: Words


class SignGoesOn(Strict):
    """Each negation before each ending is a pseudo negation: "wasn't coming down"."""
    negations: Words
    endings: Words


class PerfectDenials(Strict):
    """"I haven't fainted": the sign right after, or after only `between` words (negation_repairs.py)."""
    negations: Words
    between: Words
    reach: StrictInt
    compared_after: Words
    carried_by: Words
    present_perfect: Words
    change_after: Words


class DeniedInClause(Strict):
    """An improvement, or a symptom after "any", with a denial earlier in its clause (negation_repairs.py)."""
    trend: StrictStr
    denied_after: Words
    clause_ends: Words
    negations: Words


class NegationTerms(PatternFile):
    """Additions to negspacy's termset (build_pipeline.py), and the repairs to its scope (negation_repairs.py)."""
    FILE = "negation.yml"
    termset: Literal["en", "en_clinical", "en_clinical_sensitive", "es_clinical"]
    add: NegationAdditions
    perfect_denials: PerfectDenials
    denied_in_clause: DeniedInClause
    sign_goes_on: SignGoesOn


class StoryCuePatterns(PatternFile):
    """Regular expressions on how a message relates to the story (story_cues.py)."""
    FILE = "story_cues.yml"
    corrections: Words
    new_spot: Words
    new_person: Words
    child: StrictStr
    age_years: StrictStr
    age_months: StrictStr
    all_clear: StrictStr
    fine: StrictStr
    not_fine: StrictStr
    something_wrong: StrictStr
    site_denial: StrictStr
    clause_ends: Words
    autocorrect: StrictStr
    misread_sign_words: StrictStr
    something_else: StrictStr
    short_words: StrictInt
    clause_break: StrictStr
    adds_a_clause: StrictStr
    pregnancy_words: Words


class TreatmentTimingPatterns(PatternFile):
    """Whether the treatment is still ahead (treatment_timing.py), and the words of the treatment itself
    (treatment_words.py)."""
    FILE = "treatment_timing.yml"
    treatment_words: Words
    treatment: StrictStr
    future_before_treatment: Words
    future_after_treatment: Words
    future_reach: StrictInt
    treatment_done: Words
    always_read: Words


class BelowBefore(Strict):
    any_measure: Words
    temperature: Words
    size: Words


class ThresholdWords(PatternFile):
    """Words before a number that say a threshold is not reached (thresholds.py)."""
    FILE = "thresholds.yml"
    below_before: BelowBefore


# A phrase: words, or a spaCy token pattern (a list of token attributes).
Phrase = Union[StrictStr, List[Dict[StrictStr, Any]]]
EntityPhrases = Dict[StrictStr, List[Phrase]]  # id -> phrases


class EntityPatterns(PatternFile):
    """What the pipeline recognises, as label -> id -> phrases (build_pipeline.py). The fields are the labels the
    reading knows, in the file's order."""
    FILE = "entities.yml"
    SYMPTOM: EntityPhrases
    EMERGENCY: EntityPhrases
    BODY_SITE: EntityPhrases
    TREND: EntityPhrases
    TREATMENTS: EntityPhrases
    SEVERITY: EntityPhrases
    RISK: EntityPhrases
    DURATION: EntityPhrases
    FLUID: EntityPhrases
    ANSWER: EntityPhrases
    OTHER_MEANING: EntityPhrases
    SPOT: EntityPhrases
    REPORT: EntityPhrases


# Every pattern file's schema (the tests check each).
SCHEMAS: List[Type[PatternFile]] = [
    EmergencyContext, OverAtTheVisitPhrases, HistoricalContext, HypotheticalContext, WordSenses, NegationTerms,
    StoryCuePatterns, TreatmentTimingPatterns, ThresholdWords, EntityPatterns]
Schema = TypeVar("Schema", bound=PatternFile)


def parse_patterns(schema: Type[Schema], data: Any, file: str = "") -> Schema:
    """The data of a pattern file (as read from YAML, or from the pipeline's config), checked against its schema."""
    file = file or schema.FILE
    if not isinstance(data, dict):
        raise PatternFileError(f"{file}: expected a mapping of keys, got {type(data).__name__}")
    try:
        return schema.parse_obj(data)
    except ValidationError as error:
        raise PatternFileError(f"{file}: " + "; ".join(problems(schema, error))) from None


def parse_built_patterns(schema: Type[Schema], data: Any) -> Schema:
    """A pattern file as the pipeline's config holds it (a screen's factory): a pipeline built before the schema
    changed fails to load, told to be built again."""
    return parse_patterns(schema, data, f"{schema.FILE} as built into the spaCy pipeline (rebuild it: make pipeline)")


def load_patterns(schema: Type[Schema], path: Optional[Path] = None) -> Schema:
    """The pattern file at ``path`` (by default the schema's own file in triage/reading/patterns/), checked."""
    path = Path(path) if path else PATTERNS / schema.FILE
    return parse_patterns(schema, yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def problems(schema: Type[Strict], error: ValidationError) -> List[str]:
    """What is wrong, each naming its key: "unknown key 'x'", "missing key 'y'", "senses.2.window: ..."."""
    found = []
    order = {"value_error.extra": 0, "value_error.missing": 1}  # an unknown key first: most often the cause
    for problem in sorted(error.errors(), key=lambda problem: order.get(problem["type"], 2)):
        *where, key = problem["loc"]
        if problem["type"] == "value_error.extra":
            expected = keys_at(schema, where)
            close = get_close_matches(str(key), expected, n=1)
            hint = (f" (did you mean {close[0]!r}?)" if close
                    else f"; expected one of {', '.join(expected)}" if expected else "")
            text = f"unknown key {key!r}{hint}"
        elif problem["type"] == "value_error.missing":
            text = f"missing key {key!r}"
        else:
            where, text = [*where, key], problem["msg"]
        found.append(f"{'.'.join(map(str, where))}: {text}" if where else text)
    return found


def keys_at(schema: Type[Strict], where) -> List[str]:
    """The keys the schema expects at a place in the file: ["senses", 2] -> a sense's keys."""
    model: Any = schema
    for part in where:
        field = model.__fields__.get(part) if isinstance(part, str) else None
        if field is not None:
            model = field.type_
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
    return list(model.__fields__)
