"""A sign told of the treatment visit and over since ("went grey during the freeze, fine after ten minutes"):
shared by the emergency screen and the historical screen. The phrases are data
(triage/reading/patterns/over_at_the_visit.yml)."""
from typing import Dict, List, Sequence, Tuple

from spacy.tokens import Span

Phrase = Tuple[str, ...]


def phrase_at(words: Sequence[str], i: int, phrases: Sequence[Phrase]) -> bool:
    return any(tuple(words[i:i + len(phrase)]) == phrase for phrase in phrases)


def contains(words: Sequence[str], phrases: Sequence[Phrase]) -> bool:
    return any(phrase_at(words, i, phrases) for i in range(len(words)))


class OverAtTheVisit:
    def __init__(self, context: Dict):
        self.visit_markers: List[Phrase] = [tuple(marker) for marker in context["visit_markers"]]
        self.all_clear: List[Phrase] = [tuple(phrase) for phrase in context["all_clear"]]

    def __call__(self, sign: Span) -> bool:
        """Told of the treatment visit in the sign's sentence, and all well later in the message."""
        if not contains([token.lower_ for token in sign.sent], self.visit_markers):
            return False
        return contains([token.lower_ for token in sign.doc[sign.end:]], self.all_clear)
