"""The spaCy component that sets aside a symptom told of the distant past: "last year I had pus after a
freeze, but this one is just a blister". It relabels it HISTORICAL, which the reading does not triage.
A clause that says the symptom goes on ("since", "still", "for years") keeps it. Emergency signs have
their own screen (emergency_screen.py). Rules: triage/reading/patterns/historical_context.yml."""
from typing import Dict, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

SYMPTOM, DURATION, HISTORICAL = "SYMPTOM", "DURATION", "HISTORICAL"


class HistoricalScreen:
    def __init__(self, context: Dict):
        self.markers = [tuple(marker.split()) for marker in context["markers"]]
        self.ongoing = set(context["ongoing"])
        self.scope_ends = set(context["scope_ends"])

    def __call__(self, doc: Doc) -> Doc:
        clauses = [(ent, self.clause(ent)) for ent in doc.ents]
        past = {clause for ent, clause in clauses if ent.label_ == SYMPTOM and self.told_of_the_past(doc, clause)}
        # The time in such a clause ("last year I had pus") is not when this spot was frozen either.
        doc.ents = [Span(doc, ent.start, ent.end, label=HISTORICAL, span_id=ent.ent_id_)
                    if ent.label_ in (SYMPTOM, DURATION) and clause in past else ent for ent, clause in clauses]
        return doc

    def clause(self, ent: Span) -> Tuple[int, int]:
        """Where the entity's clause starts and ends, in tokens."""
        doc, sentence = ent.doc, ent.sent
        start, end = ent.start, ent.end
        while start > sentence.start and doc[start - 1].lower_ not in self.scope_ends:
            start -= 1
        while end < sentence.end and doc[end].lower_ not in self.scope_ends:
            end += 1
        return start, end

    def told_of_the_past(self, doc: Doc, clause: Tuple[int, int]) -> bool:
        words = [token.lower_ for token in doc[clause[0]:clause[1]]]
        if self.ongoing & set(words):
            return False
        return any(tuple(words[i:i + len(marker)]) == marker for marker in self.markers for i in range(len(words)))

@Language.factory("historical_screen", default_config={"context": {}})
def make_historical_screen(nlp: Language, name: str, context: Dict) -> HistoricalScreen:
    return HistoricalScreen(context)
