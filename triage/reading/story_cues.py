"""How a message relates to the story told so far: a correction, another spot or person, and who is ill.
The patterns are data (triage/reading/patterns/story_cues.yml); the story is triage/story.py."""
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Pattern

from triage.reading.pattern_schema import HistoricalContext, StoryCuePatterns, load_patterns


@dataclass(frozen=True)
class StoryCues:
    corrections: List[Pattern]
    new_spot: List[Pattern]
    new_person: List[Pattern]
    past: Pattern
    child: Pattern
    age_years: Pattern
    age_months: Pattern
    all_clear: Pattern
    fine: Pattern
    not_fine: Pattern
    something_wrong: Pattern
    site_denial: Pattern
    clause_ends: frozenset
    autocorrect: Pattern
    misread_sign_words: Pattern
    something_else: Pattern
    short_words: int
    clause_break: Pattern
    adds_a_clause: Pattern
    pregnancy_words: frozenset

    def corrects(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.corrections)

    def new_story(self, text: str) -> Optional[str]:
        """"person" for another person, "spot" for another spot of the same person, else None."""
        if any(pattern.search(text) for pattern in self.new_person):
            return "person"
        return "spot" if any(pattern.search(text) for pattern in self.new_spot) else None

    def says_all_is_well(self, text: str) -> bool:
        return bool(self.all_clear.search(text))

    def says_fine(self, text: str) -> bool:
        return bool(self.fine.search(text))

    def says_not_fine(self, text: str) -> bool:
        return bool(self.not_fine.search(text))

    def says_something_wrong(self, text: str) -> bool:
        return bool(self.something_wrong.search(text))

    def blames_the_keyboard(self, text: str) -> bool:
        """"SLOPPY sorry autocorrect": the last message was a slip, and this one names no sign word."""
        return bool(self.autocorrect.search(text)) and not self.misread_sign_words.search(text)

    def only_denies(self, clause: str) -> bool:
        """A clause with a denial or an all-clear ("lips and tongue aren't swollen", "my eyes are fine")."""
        return bool(self.site_denial.search(clause))

    def picks_something_else(self, text: str) -> bool:
        return bool(self.something_else.match(text))

    def short_and_one_clause(self, text: str) -> bool:
        """"the frozen spot is fine": few words, no second clause."""
        return len(re.findall(r"[a-z']+", text)) <= self.short_words and not self.clause_break.search(text.strip(" .!?"))

    def adds_no_clause(self, text: str) -> bool:
        return not self.adds_a_clause.search(text)

    def tells_the_past(self, text: str) -> bool:
        return bool(self.past.search(text))

    def person(self, text: str) -> Dict[str, Any]:
        """Facts on who is ill: ``person: child`` and ``age_years`` where the message says so."""
        facts: Dict[str, Any] = {}
        if self.child.search(text):
            facts["person"] = "child"
        months = self.age_months.search(text)
        years = self.age_years.search(text)
        if months:
            facts["age_years"] = round(int(months.group(1)) / 12, 1)
        elif years:
            facts["age_years"] = int(years.group(1) or years.group(2))
        return facts


@lru_cache(maxsize=1)
def story_cues() -> StoryCues:
    cues = load_patterns(StoryCuePatterns)
    markers = load_patterns(HistoricalContext).markers
    return StoryCues(corrections=[re.compile(pattern) for pattern in cues.corrections],
                     new_spot=[re.compile(pattern) for pattern in cues.new_spot],
                     new_person=[re.compile(pattern) for pattern in cues.new_person],
                     past=re.compile(r"\b(" + "|".join(map(re.escape, markers)) + r")\b"),
                     child=re.compile(cues.child), age_years=re.compile(cues.age_years),
                     age_months=re.compile(cues.age_months), all_clear=re.compile(cues.all_clear),
                     fine=re.compile(cues.fine), not_fine=re.compile(cues.not_fine),
                     something_wrong=re.compile(cues.something_wrong),
                     site_denial=re.compile(cues.site_denial), clause_ends=frozenset(cues.clause_ends),
                     autocorrect=re.compile(cues.autocorrect), misread_sign_words=re.compile(cues.misread_sign_words),
                     something_else=re.compile(cues.something_else), short_words=cues.short_words,
                     clause_break=re.compile(cues.clause_break), adds_a_clause=re.compile(cues.adds_a_clause),
                     pregnancy_words=frozenset(cues.pregnancy_words))
