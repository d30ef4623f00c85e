"""The triage engine: symptoms and facts in, a level with its reasons out. Imports nothing from Rasa."""
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterable, Mapping, Tuple

from triage.conditions import Condition, evaluate_all
from triage.levels import Level
from triage.rulebook import Rule, RuleBook


@dataclass(frozen=True)
class Observation:
    """What the patient told us: symptom ids, and facts such as ``days_since_treatment``.

    The engine adds the fact ``symptoms``: every symptom of the observation, and the ``earlier`` ones. ``skipped`` are facts
    the patient was asked and could not tell: a rule whose sign the report already shows, and that
    waits only on skipped facts, fires (err upward where the report leans that way).
    """

    symptoms: Tuple[str, ...]
    facts: Mapping[str, Any] = field(default_factory=dict)
    skipped: FrozenSet[str] = frozenset()
    # Signs told earlier and said to be over: not assessed, but counted by the rules on signs together.
    earlier: Tuple[str, ...] = ()


@dataclass(frozen=True)
class SymptomAssessment:
    symptom: str
    level: Level
    rules: Tuple[Rule, ...]


@dataclass(frozen=True)
class TriageResult:
    """``assessments`` are ordered most urgent first; ``level`` is the highest of them."""

    level: Level
    assessments: Tuple[SymptomAssessment, ...]
    # Facts that could raise the level if known (what is worth asking the patient), each with the undecided
    # conditions on it and their rules' levels: what an answer must say to raise it. Skipped facts are not asked again.
    open_conditions: Mapping[str, Tuple[Tuple[Level, Condition], ...]] = field(default_factory=dict)

    @property
    def open_questions(self) -> Dict[str, Level]:
        """Each open fact with the highest level its answer could lead to."""
        return {fact: max(stake for stake, _ in conditions) for fact, conditions in self.open_conditions.items()}

    @property
    def symptoms(self) -> Tuple[str, ...]:
        return tuple(assessment.symptom for assessment in self.assessments)

    @property
    def rule_ids(self) -> Tuple[str, ...]:
        return tuple(rule.id for assessment in self.assessments for rule in assessment.rules)


class TriageEngine:
    def __init__(self, rulebook: RuleBook):
        self.rulebook = rulebook
        # each symptom's rules on the trend, for a worsening no named symptom weighs (_unweighed_worsening)
        self._trend_rules = {symptom: tuple(rule for rule in rulebook.rules_for(symptom)
                                            if any(condition.fact == "trend" for condition in rule.conditions))
                             for symptom in rulebook.symptoms}

    def assess(self, observation: Observation, standing: Iterable[Rule] = ()) -> TriageResult:
        """``standing``: findings the patient was given earlier in the story, which stand with what the
        rules make of the observation now (triage/story.py)."""
        symptoms = self._known_symptoms(observation.symptoms)
        if not symptoms:
            raise ValueError("an observation needs at least one symptom")
        # Rules may depend on what else the patient reports ("fever with spreading redness"), now or earlier in
        # the story ("the bleeding stopped but I feel faint").
        facts = {**observation.facts, "symptoms": list(dict.fromkeys(symptoms + tuple(observation.earlier)))}
        assessments, question_sets = [], []
        for symptom in symptoms:
            assessment, questions = self._assess_symptom(symptom, facts, observation.skipped)
            assessments.append(assessment)
            question_sets.append(questions)
        worsening, questions = self._unweighed_worsening(symptoms, facts, observation.skipped)
        question_sets.append(questions)
        level = max(assessment.level for assessment in assessments)
        if worsening is not None and worsening.level > level:
            assessments.append(worsening)
        assessments = _with_standing(assessments, standing)
        level = max(assessment.level for assessment in assessments)
        # sorted() is stable, so symptoms of equal level keep the patient's order.
        assessments.sort(key=lambda assessment: assessment.level, reverse=True)
        return TriageResult(
            level=assessments[0].level,
            assessments=tuple(assessments),
            open_conditions=_conditions_above(question_sets, level),
        )

    def _unweighed_worsening(self, symptoms: Tuple[str, ...], facts: Mapping[str, Any], skipped: FrozenSet[str]):
        """"Day 5, the blister is getting worse": a worsening of a wound sign that no rule of the named symptoms
        weighs is assessed by the unnamed symptom's rules on the trend ("worse after day 2"): the assessment
        (None when none fires) and the questions whose answers could make one fire."""
        if (facts.get("trend") != "worsening" or not self.rulebook.wound_signs & set(symptoms)
                or any(self._trend_rules[symptom] for symptom in symptoms)):
            return None, {}
        fallback = self.rulebook.fallback_symptom
        return self._assess_rules(fallback, self._trend_rules[fallback], facts, skipped, fall_back=False)

    def _known_symptoms(self, symptoms: Iterable[str]) -> Tuple[str, ...]:
        """Symptoms in first-mention order, each once; unknown ones become the fallback symptom."""
        known: Dict[str, None] = {}
        for symptom in symptoms:
            known[symptom if symptom in self.rulebook.symptoms else self.rulebook.fallback_symptom] = None
        return tuple(known)

    def _assess_symptom(self, symptom: str, facts: Mapping[str, Any], skipped: FrozenSet[str]):
        return self._assess_rules(symptom, self.rulebook.rules_for(symptom), facts, skipped)

    def _assess_rules(self, symptom: str, rules, facts: Mapping[str, Any], skipped: FrozenSet[str],
                      fall_back: bool = True):
        fired, undecided = [], []
        for rule in rules:
            holds = evaluate_all(rule.conditions, facts)
            if holds or (holds is None and _waits_only_on_skipped(rule, facts, skipped, self.rulebook.sign_facts)):
                fired.append(rule)
            elif holds is None:
                undecided.append(rule)
        if not fired and fall_back:
            # No rule speaks for this case: err upward to the fallback symptom's advice, with those of its
            # rules whose conditions hold ("worse after day 2" only when it is).
            fired = [rule for rule in self.rulebook.rules_for(self.rulebook.fallback_symptom)
                     if evaluate_all(rule.conditions, facts)]
        level = max((rule.level for rule in fired), default=Level.SELF_CARE)
        questions: Dict[str, list] = {}
        for rule in undecided:
            if rule.level <= level:
                continue
            for condition in rule.conditions:
                if facts.get(condition.fact) is None and condition.fact not in skipped:
                    questions.setdefault(condition.fact, []).append((rule.level, condition))
        ordered = tuple(sorted(fired, key=lambda rule: rule.level, reverse=True))
        return (SymptomAssessment(symptom=symptom, level=level, rules=ordered) if fired else None), questions


def _conditions_above(question_sets: Iterable[Mapping[str, list]], level: Level) -> Dict[str, tuple]:
    """Each fact's undecided conditions, with their rules' levels, among the sets, for the facts whose answer
    could raise the level given: a question that could raise only one symptom to that level changes nothing."""
    conditions: Dict[str, list] = {}
    for questions in question_sets:
        for fact, waiting in questions.items():
            conditions.setdefault(fact, []).extend((stake, condition) for stake, condition in waiting if stake > level)
    return {fact: tuple(waiting) for fact, waiting in conditions.items() if waiting}


def _with_standing(assessments, standing: Iterable[Rule]):
    """Each symptom's assessment with its standing findings added, and a standing symptom no longer
    assessed (the unnamed worsening) assessed by them alone."""
    by_symptom: Dict[str, list] = {}
    for rule in standing:
        by_symptom.setdefault(rule.symptom, []).append(rule)
    merged = []
    for assessment in assessments:
        rules = assessment.rules + tuple(rule for rule in by_symptom.pop(assessment.symptom, ())
                                         if rule not in assessment.rules)
        rules = tuple(sorted(rules, key=lambda rule: rule.level, reverse=True))
        merged.append(SymptomAssessment(assessment.symptom, max([assessment.level] + [rule.level for rule in rules]), rules))
    for symptom, rules in by_symptom.items():
        rules = tuple(sorted(dict.fromkeys(rules), key=lambda rule: rule.level, reverse=True))
        merged.append(SymptomAssessment(symptom, rules[0].level, rules))
    return merged


def _waits_only_on_skipped(rule: Rule, facts: Mapping[str, Any], skipped: FrozenSet[str],
                           sign_facts: FrozenSet[str]) -> bool:
    """"It's getting worse" and no idea when it was frozen: the rule for worse after day 2 fires.
    "Day 10" and no idea whether it is getting worse does not: no sign points that way. Nor does a
    rule none of whose conditions is met yet ("is it on the eyelid?" "not sure")."""
    results = [condition.evaluate(facts) for condition in rule.conditions]
    unknown = {c.fact for c, result in zip(rule.conditions, results) if result is None}
    sign_met = any(result and c.fact in sign_facts for c, result in zip(rule.conditions, results))
    return sign_met and unknown <= skipped
