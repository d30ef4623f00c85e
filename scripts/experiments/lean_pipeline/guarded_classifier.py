"""Rasa's LogisticRegressionClassifier, which trains in seconds where DIET takes minutes, made safe on a
message with no features (an empty or blank text): scikit-learn would raise, and the patient would get
an error. Such a message gets no intent, so the FallbackClassifier after it sets nlu_fallback."""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from sklearn.preprocessing import normalize
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

NO_INTENT = {"name": None, "confidence": 0.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class GuardedLogisticRegressionClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config():
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(self, config, name, model_storage, resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.C = float(self.config["C"])

    def _create_X(self, messages: List[Message]):
        # Unit length: a long message's word counts would otherwise push one intent's probability to 1.
        return normalize(super()._create_X(messages))

    def process(self, messages: List[Message]) -> List[Message]:
        readable = [self.has_features(message) for message in messages]
        if any(readable):
            super().process([message for message, ok in zip(messages, readable) if ok])
        for message, ok in zip(messages, readable):
            if not ok:
                message.set(INTENT, dict(NO_INTENT), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages

    def has_features(self, message: Message) -> bool:
        expected = getattr(self.clf, "n_features_in_", None)
        try:
            width = self._create_X([message]).shape[1]
        except ValueError:
            return False
        return width > 0 and (expected is None or width == expected)
