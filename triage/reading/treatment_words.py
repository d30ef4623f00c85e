"""Words that name the freezing itself, and whether a phrase stands next to one. "froze it yesterday" and
"the wart they froze last year" tell when the spot was treated, not when a symptom happened. The words are data
(`treatment_words` in triage/reading/patterns/treatment_timing.yml, beside the same treatment as an expression)."""
from spacy.tokens import Doc

from triage.reading.pattern_schema import TreatmentTimingPatterns, load_patterns

TREATMENT_WORDS = frozenset(load_patterns(TreatmentTimingPatterns).treatment_words)


def next_to_treatment(doc: Doc, start: int, end: int, reach: int = 3) -> bool:
    """A treatment word within ``reach`` words of doc[start:end], in its sentence, with no punctuation between."""
    sentence = doc[start].sent
    for step in (-1, 1):
        i = start - 1 if step < 0 else end
        for _ in range(reach):
            if not (sentence.start <= i < sentence.end) or doc[i].is_punct:
                break
            if doc[i].lower_ in TREATMENT_WORDS:
                return True
            i += step
    return False
