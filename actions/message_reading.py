"""Reads a patient's raw message with the project's spaCy pipeline: the symptoms and body
sites it names, and which of them are negated ("no pus"). Imports nothing from Rasa."""
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import spacy

from actions.time_reading import days_in

DEFAULT_PIPELINE = Path(__file__).resolve().parent.parent / "build" / "spacy_pipeline"
PIPELINE_ENV = "TRIAGE_SPACY_PIPELINE"
# A patient's message longer than this is read up to here: enough for any real description,
# and it bounds the time one message can cost.
MAX_CHARS_READ = 5000
# Markup and control characters would glue words together ("<b>oozing</b>" is one token).
NOISE = re.compile(r"<[^<>]{0,200}>|[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Mention:
    label: str  # SYMPTOM, BODY_SITE, TREND, SEVERITY, RISK, DURATION or REPORT
    id: str  # the id in nlp/patterns/entities.yml, e.g. "oozing"
    text: str
    negated: bool


QUESTION_OPENERS = {
    "am", "are", "can", "could", "did", "do", "does", "how", "is", "should", "what", "when", "where",
    "which", "who", "why", "will", "would",
}


def looks_like_question(text: str) -> bool:
    words = text.strip().lower().split()
    return text.strip().endswith("?") or bool(words and words[0] in QUESTION_OPENERS)


@dataclass(frozen=True)
class MessageReading:
    mentions: Tuple[Mention, ...]
    is_question: bool = False

    def _ids(self, label: str, negated: bool = False) -> Tuple[str, ...]:
        seen = {m.id: None for m in self.mentions if m.label == label and m.negated == negated}
        return tuple(seen)

    @property
    def symptoms(self) -> Tuple[str, ...]:
        """Symptoms the patient says they have, in the order they name them."""
        return self._ids("SYMPTOM")

    @property
    def negated_symptoms(self) -> Tuple[str, ...]:
        return self._ids("SYMPTOM", negated=True)

    @property
    def body_sites(self) -> Tuple[str, ...]:
        return self._ids("BODY_SITE")  # negex does not scope body sites, so none is negated

    @property
    def reports_own_symptom(self) -> bool:
        """"my blister ...", "I've got ...": a report, not a general question."""
        return any(m.label == "REPORT" for m in self.mentions)

    @property
    def days_since_treatment(self) -> Optional[float]:
        """The longest time named: the treatment came before everything else the patient tells."""
        days = [days_in(m.text) for m in self.mentions if m.label == "DURATION"]
        known = [d for d in days if d is not None]
        return max(known) if known else None

    @property
    def trend(self) -> Optional[str]:
        """"worsening" wins over "improving"; a denied improvement counts as worsening."""
        if "worsening" in self._ids("TREND") or "improving" in self._ids("TREND", negated=True):
            return "worsening"
        return "improving" if "improving" in self._ids("TREND") else None

    @property
    def facts(self) -> Dict[str, Any]:
        """Facts for the triage engine; a fact the message does not give is left out (unknown)."""
        facts = {
            "body_sites": list(self.body_sites),
            "severity": list(self._ids("SEVERITY")),
            "risk_factors": list(self._ids("RISK")),
            "days_since_treatment": self.days_since_treatment,
            "trend": self.trend,
        }
        return {name: value for name, value in facts.items() if value is not None}


@lru_cache(maxsize=1)
def load_pipeline(path: str = ""):
    path = path or os.environ.get(PIPELINE_ENV) or str(DEFAULT_PIPELINE)
    if not Path(path).is_dir():
        raise FileNotFoundError(f"spaCy pipeline not found at {path}; build it with `make pipeline`")
    return spacy.load(path)


def read_message(text: str, nlp=None) -> MessageReading:
    nlp = nlp or load_pipeline()
    plain = NOISE.sub(" ", (text or "")[:MAX_CHARS_READ])
    doc = nlp(plain)
    return MessageReading(
        tuple(Mention(ent.label_, ent.ent_id_, ent.text, bool(ent._.negex)) for ent in doc.ents),
        is_question=looks_like_question(plain),
    )
