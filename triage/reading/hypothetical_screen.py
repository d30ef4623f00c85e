"""The spaCy component that relabels a symptom the message only asks about ("if it starts oozing,
do I need a doctor?") from SYMPTOM to HYPOTHETICAL, keeping its id. The reading then answers the
question with the rules' advice instead of triaging a symptom the patient does not have. Its rules
are data (triage/reading/patterns/hypothetical_context.yml), copied into the pipeline's config when built."""
from typing import Dict

from spacy.language import Language
from spacy.tokens import Doc, Span

SYMPTOM, HYPOTHETICAL = "SYMPTOM", "HYPOTHETICAL"


class HypotheticalScreen:
    def __init__(self, context: Dict):
        self.cues = set(context["cues"])
        self.unsure_before_if = set(context["unsure_before_if"])
        self.scope_ends = set(context["scope_ends"])

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [self.relabel(ent) if ent.label_ == SYMPTOM and self.is_hypothetical(ent) else ent
                    for ent in doc.ents]
        return doc

    @staticmethod
    def relabel(ent: Span) -> Span:
        return Span(ent.doc, ent.start, ent.end, label=HYPOTHETICAL, span_id=ent.ent_id_)

    def is_hypothetical(self, symptom: Span) -> bool:
        doc = symptom.doc
        for i in range(symptom.start - 1, symptom.sent.start - 1, -1):
            word = doc[i].lower_
            if word in self.scope_ends:
                return False
            if word in self.cues:
                before = doc[i - 1].lower_ if i > 0 else ""
                return not (word == "if" and before in self.unsure_before_if)
        return False


@Language.factory("hypothetical_screen", default_config={"context": {}})
def make_hypothetical_screen(nlp: Language, name: str, context: Dict) -> HypotheticalScreen:
    return HypotheticalScreen(context)
