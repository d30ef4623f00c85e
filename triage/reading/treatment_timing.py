"""Whether a message speaks of a treatment that has not happened yet: "I'm going to have my wart frozen,
will it scar?" asks before treatment, and "will it scar?" reports nothing. The rules are data
(triage/reading/patterns/treatment_timing.yml)."""
import re
from functools import lru_cache
from typing import FrozenSet, List, Pattern

from triage.reading.pattern_schema import TreatmentTimingPatterns, load_patterns


class TreatmentTiming:
    def __init__(self, rules: TreatmentTimingPatterns):
        self.treatment: Pattern = re.compile(r"\b" + rules.treatment)
        self.future: Pattern = re.compile(r"\b(" + "|".join(rules.future_before_treatment) + r")\b")
        self.future_after: Pattern = re.compile(r"\b(" + "|".join(rules.future_after_treatment) + r")\b")
        self.reach = rules.future_reach
        self.done: List[Pattern] = [re.compile(pattern) for pattern in rules.treatment_done]
        self.always_read: FrozenSet[str] = frozenset(rules.always_read)

    def before_treatment(self, text: str) -> bool:
        """A future cue shortly before a treatment word, and no word that a treatment has happened."""
        text = text.lower()
        if any(pattern.search(text) for pattern in self.done):
            return False
        return any(self.future.search(text, max(0, match.start() - self.reach), match.start())
                   or self.future_after.search(text, match.end(), match.end() + self.reach)
                   for match in self.treatment.finditer(text))


@lru_cache(maxsize=1)
def treatment_timing() -> TreatmentTiming:
    return TreatmentTiming(load_patterns(TreatmentTimingPatterns))
