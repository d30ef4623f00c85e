"""How a message relates to the story told so far: a correction, another spot or person, and who is ill.
The patterns are data (triage/reading/patterns/story_cues.yml); the story is triage/story.py."""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern

import yaml

CUES = Path(__file__).resolve().with_name("patterns") / "story_cues.yml"
PAST_MARKERS = Path(__file__).resolve().with_name("patterns") / "historical_context.yml"


@dataclass(frozen=True)
class StoryCues:
    corrections: List[Pattern]
    new_spot: List[Pattern]
    new_person: List[Pattern]
    past: Pattern
    child: Pattern
    age_years: Pattern
    age_months: Pattern

    def corrects(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.corrections)

    def new_story(self, text: str) -> Optional[str]:
        """"person" for another person, "spot" for another spot of the same person, else None."""
        if any(pattern.search(text) for pattern in self.new_person):
            return "person"
        return "spot" if any(pattern.search(text) for pattern in self.new_spot) else None

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
            facts["age_years"] = int(years.group(1))
        return facts


@lru_cache(maxsize=1)
def story_cues() -> StoryCues:
    cues = yaml.safe_load(CUES.read_text(encoding="utf-8"))
    markers = yaml.safe_load(PAST_MARKERS.read_text(encoding="utf-8"))["markers"]
    compiled = {name: [re.compile(pattern) for pattern in cues[name]] for name in ("corrections", "new_spot", "new_person")}
    return StoryCues(past=re.compile(r"\b(" + "|".join(map(re.escape, markers)) + r")\b"),
                     child=re.compile(cues["child"]), age_years=re.compile(cues["age_years"]),
                     age_months=re.compile(cues["age_months"]), **compiled)
