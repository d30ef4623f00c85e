"""The Rasa server's entity extractor (nlu_components/spacy_doc_entities.py): Rasa's own entities from
one spaCy parse per message."""
import pytest
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.spacy_doc_entities import SpacyDocEntityExtractor

DIMENSIONS = {"dimensions": ["SYMPTOM", "BODY_SITE", "EMERGENCY"]}


class CountingPipeline:
    """The project's spaCy pipeline, counting how often it parses."""
    def __init__(self, nlp):
        self.nlp, self.parses = nlp, 0

    def __call__(self, text):
        self.parses += 1
        return self.nlp(text)


@pytest.mark.parametrize("text", [
    "My Lips Have Gone Puffy and there is PUS on the blister",
    "the spot on my Cheek is red and sore, no fever",
    "I can't breathe, the wart on my hand was frozen today",
    "İstanbul: the blister on my foot",  # lower-casing changes the length: parsed again, as written
    "",  # no doc from SpacyNLP: parsed here
])
def test_the_entities_are_rasas_own_from_one_parse(nlp, text):
    counting = CountingPipeline(nlp)
    model = SpacyModel(model=counting, model_name="build/spacy_pipeline")
    ours = SpacyNLP(model, SpacyNLP.get_default_config()).process([Message({TEXT: text})], model)
    SpacyDocEntityExtractor(DIMENSIONS).process(ours, model)
    parses = counting.parses
    rasas = SpacyNLP(model, SpacyNLP.get_default_config()).process([Message({TEXT: text})], model)
    SpacyEntityExtractor(DIMENSIONS).process(rasas, model)

    def without_extractor(message):
        return [{k: v for k, v in entity.items() if k != "extractor"} for entity in message.get(ENTITIES, [])]
    assert without_extractor(ours[0]) == without_extractor(rasas[0])
    assert parses == (2 if len(text.lower()) != len(text) else 1)
    assert bool(ours[0].get(ENTITIES)) == bool(text)
