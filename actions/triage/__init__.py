"""Pure-Python triage: rules as data (rules.yml), evaluated by TriageEngine. No Rasa here."""
from actions.triage.engine import Observation, SymptomAssessment, TriageEngine, TriageResult
from actions.triage.levels import Level
from actions.triage.rulebook import Rule, RuleBook, load_rulebook

__all__ = [
    "Level", "Observation", "Rule", "RuleBook", "SymptomAssessment",
    "TriageEngine", "TriageResult", "load_rulebook",
]
