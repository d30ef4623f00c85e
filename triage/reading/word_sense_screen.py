"""The spaCy component that sets aside sign words used in another sense: "the wart is bright yellow"
(a frozen wart's colour, not pus), "they have spread to her knees" (new warts, not spreading redness).
A word in triage/reading/patterns/word_senses.yml counts only beside one of its context words; the
rules are data, copied into the pipeline's config when it is built, and checked against their schema
(pattern_schema.py)."""
from typing import Dict, List

from spacy.language import Language
from spacy.tokens import Doc, Span

from triage.reading.pattern_schema import Instead, SenseRule, WordSenses, parse_built_patterns

OTHER_MEANING = "OTHER_MEANING"


class Sense:
    def __init__(self, spec: SenseRule, counts_in_short_message: bool):
        self.symptom = spec.symptom
        self.label = spec.label
        self.words = set(spec.words)  # none listed (nor last_words): every phrase of the id
        self.last_words = set(spec.last_words)  # phrases ending in one of these ("is all black")
        self.counts_with = set(spec.counts_with)
        self.set_aside_with = set(spec.set_aside_with) if spec.set_aside_with is not None else None
        self.counts_in_short_message = counts_in_short_message
        self.window = spec.window  # words either side; the screen's own window if not given
        # set_aside_with counts only this many words before the sign, if given: its own subject
        self.set_aside_within = spec.set_aside_within
        self.set_aside_next = set(spec.set_aside_next)
        self.set_aside_next_after = set(spec.set_aside_next_after)
        self.set_aside_previous = set(spec.set_aside_previous)
        # What the words name in their other sense, if anything: a symptom id, or {label, id}.
        self.instead = Instead(label="SYMPTOM", id=spec.instead) if isinstance(spec.instead, str) else spec.instead

    def applies_to(self, ent: Span) -> bool:
        if ent.label_ != self.label or ent.ent_id_ != self.symptom:
            return False
        if not self.words and not self.last_words:
            return True
        return ent.text.lower() in self.words or ent[-1].lower_ in self.last_words

    def other_meaning(self, ent: Span, window: int, short_message: int) -> bool:
        doc, sentence, window = ent.doc, ent.sent, self.window or window
        if self.counts_in_short_message and sum(token.is_alpha for token in doc) <= short_message:
            return False
        if ent.end < sentence.end and doc[ent.end].lower_ in self.set_aside_next and (
                not self.set_aside_next_after
                or (ent.start > sentence.start and doc[ent.start - 1].lower_ in self.set_aside_next_after)):
            return True
        if ent.start > sentence.start and doc[ent.start - 1].lower_ in self.set_aside_previous:
            return True
        nearby = {doc[i].lower_ for i in range(max(sentence.start, ent.start - window), min(sentence.end, ent.end + window))}
        if nearby & self.counts_with:
            return False
        if self.set_aside_with is None:
            return True
        scope = sentence
        if self.set_aside_within is not None:  # back to a punctuation mark or a joining word at most
            start = ent.start
            while start > max(sentence.start, ent.start - self.set_aside_within) and not (
                    doc[start - 1].is_punct or doc[start - 1].lower_ in ("but", "and", "so")):
                start -= 1
            scope = doc[start:ent.start]
        return bool({token.lower_ for token in scope} & self.set_aside_with)


class WordSenseScreen:
    def __init__(self, context: WordSenses):
        self.window = context.window
        self.short_message = context.short_message
        short = set(context.counts_in_short_message)
        self.senses: List[Sense] = [Sense(spec, spec.symptom in short) for spec in context.senses]

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [self.read_in_its_sense(ent) for ent in doc.ents]  # type: ignore[assignment]  # spaCy's stub: Tuple[Span]
        return doc

    def read_in_its_sense(self, ent: Span) -> Span:
        for sense in self.senses:
            if sense.applies_to(ent) and sense.other_meaning(ent, self.window, self.short_message):
                if sense.instead:
                    return Span(ent.doc, ent.start, ent.end, label=sense.instead.label, span_id=sense.instead.id)
                return Span(ent.doc, ent.start, ent.end, label=OTHER_MEANING, span_id=ent.ent_id_)
        return ent


@Language.factory("word_sense_screen", default_config={"context": {}})
def make_word_sense_screen(nlp: Language, name: str, context: Dict) -> WordSenseScreen:
    return WordSenseScreen(parse_built_patterns(WordSenses, context))
