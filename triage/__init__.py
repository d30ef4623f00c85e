"""Pure-Python triage: rules as data (rulebook.yml), evaluated by TriageEngine. No Rasa here."""
from triage.engine import Observation, SymptomAssessment, TriageEngine, TriageResult
from triage.levels import Level
from triage.rulebook import Rule, RuleBook, load_rulebook

__all__ = [
    "Level", "Observation", "Rule", "RuleBook", "SymptomAssessment",
    "TriageEngine", "TriageResult", "load_rulebook",
]
