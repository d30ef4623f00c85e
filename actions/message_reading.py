"""Reads a patient's raw message with the project's spaCy pipeline: the symptoms and body
sites it names, and which of them are negated ("no pus"). Imports nothing from Rasa."""
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Tuple

import spacy

DEFAULT_PIPELINE = Path(__file__).resolve().parent.parent / "build" / "spacy_pipeline"
PIPELINE_ENV = "TRIAGE_SPACY_PIPELINE"
# A patient's message longer than this is read up to here: enough for any real description,
# and it bounds the time one message can cost.
MAX_CHARS_READ = 5000
# Markup and control characters would glue words together ("<b>oozing</b>" is one token).
NOISE = re.compile(r"<[^<>]{0,200}>|[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Mention:
    label: str  # SYMPTOM or BODY_SITE
    id: str  # the id in nlp/patterns/entities.yml, e.g. "oozing"
    text: str
    negated: bool


@dataclass(frozen=True)
class MessageReading:
    mentions: Tuple[Mention, ...]

    def _ids(self, label: str, negated: bool) -> Tuple[str, ...]:
        seen = {m.id: None for m in self.mentions if m.label == label and m.negated == negated}
        return tuple(seen)

    @property
    def symptoms(self) -> Tuple[str, ...]:
        """Symptoms the patient says they have, in the order they name them."""
        return self._ids("SYMPTOM", negated=False)

    @property
    def negated_symptoms(self) -> Tuple[str, ...]:
        return self._ids("SYMPTOM", negated=True)

    @property
    def body_sites(self) -> Tuple[str, ...]:
        return self._ids("BODY_SITE", negated=False) + self._ids("BODY_SITE", negated=True)


@lru_cache(maxsize=1)
def load_pipeline(path: str = ""):
    path = path or os.environ.get(PIPELINE_ENV) or str(DEFAULT_PIPELINE)
    if not Path(path).is_dir():
        raise FileNotFoundError(f"spaCy pipeline not found at {path}; build it with `make pipeline`")
    return spacy.load(path)


def read_message(text: str, nlp=None) -> MessageReading:
    nlp = nlp or load_pipeline()
    doc = nlp(NOISE.sub(" ", (text or "")[:MAX_CHARS_READ]))
    return MessageReading(
        tuple(Mention(ent.label_, ent.ent_id_, ent.text, bool(ent._.negex)) for ent in doc.ents)
    )
