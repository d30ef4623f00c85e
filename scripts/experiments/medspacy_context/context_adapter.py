"""Experiment only: medspaCy's ConText in place of negex + the hypothetical screen."""
from spacy.language import Language
from spacy.tokens import Span
import medspacy  # noqa: F401  registers medspacy_context

if not Span.has_extension("negex"):
    Span.set_extension("negex", getter=lambda span: bool(getattr(span._, "is_negated", False)))


@Language.factory("context_adapter", default_config={"historical_is_absent": False})
def make_adapter(nlp, name, historical_is_absent):
    def adapter(doc):
        ents = []
        for ent in doc.ents:
            if ent.label_ == "SYMPTOM" and (ent._.is_hypothetical or (historical_is_absent and ent._.is_historical)):
                ent = Span(doc, ent.start, ent.end, label="HYPOTHETICAL", span_id=ent.ent_id_)
            ents.append(ent)
        doc.ents = ents
        return doc
    return adapter
