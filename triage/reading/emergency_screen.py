"""The spaCy component that sets aside emergency signs a message denies ("no trouble breathing") or
uses about something else ("the wart on my chest hurts"). Every other EMERGENCY entity stays, so
both the action server's reading and the Rasa server's safety net see it. It runs after the ruler
of emergency signs and before the one for everything else, which then reads the words set aside.

The rules are data (triage/reading/patterns/emergency_context.yml), copied into the pipeline's config when it
is built. pyproject.toml declares the factory to spaCy, so `spacy.load()` finds it inside Rasa.
"""
from typing import Dict, List

from spacy.language import Language
from spacy.tokens import Doc, Span

LABEL = "EMERGENCY"


class EmergencyScreen:
    def __init__(self, context: Dict):
        self.window = int(context["denial_window"])
        self.denials = set(context["denials"])
        self.unsure = set(context["unsure_after_denial"])
        self.scope_ends = set(context["scope_ends"])
        self.place_words = set(context["place_words"])
        self.places_named_by = set(context["places_named_by"])
        self.words_between = set(context["words_between"])
        self.topic_after: Dict[str, List[str]] = {key: set(words) for key, words in context["topic_after"].items()}

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [ent for ent in doc.ents if ent.label_ != LABEL or not self.set_aside(ent)]
        return doc

    def set_aside(self, sign: Span) -> bool:
        return self.denied(sign) or self.names_a_place(sign) or self.about_something_else(sign)

    def denied(self, sign: Span) -> bool:
        doc = sign.doc
        for i in range(sign.start - 1, max(sign.sent.start, sign.start - self.window) - 1, -1):
            word = doc[i].lower_
            if doc[i].is_punct or word in self.scope_ends:
                return False
            if word in self.denials:
                following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
                return following not in self.unsure
        return False

    def names_a_place(self, sign: Span) -> bool:
        if sign[0].lower_ not in self.place_words:
            return False
        i = sign.start - 1
        while i >= 0 and sign.doc[i].lower_ in self.words_between:
            i -= 1
        return i >= 0 and sign.doc[i].lower_ in self.places_named_by

    def about_something_else(self, sign: Span) -> bool:
        topics = self.topic_after.get(sign.ent_id_, ())
        return sign.end < len(sign.doc) and sign.doc[sign.end].lower_ in topics


@Language.factory("emergency_screen", default_config={"context": {}})
def make_emergency_screen(nlp: Language, name: str, context: Dict) -> EmergencyScreen:
    return EmergencyScreen(context)
