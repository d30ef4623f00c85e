"""Starts a new sentence after MAX_SENTENCE_TOKENS tokens without one. The screens look at a sign's whole
sentence, once per sign, so a long message with no full stop ("sore 😭 sore 😭 ..." or dictated text) cost
them time in the square of its length: 8,000 characters took 3.8 s, past the action timeout. The longest
sentence in every message under tests/triage_cases is 108 tokens, so none of them is cut."""
from spacy.language import Language
from spacy.tokens import Doc

MAX_SENTENCE_TOKENS = 150


class SentenceBound:
    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        length = 0
        for token in doc:
            length = 1 if token.is_sent_start else length + 1
            if length > self.max_tokens:
                token.is_sent_start = True
                length = 1
        return doc


@Language.factory("sentence_bound", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_sentence_bound(nlp: Language, name: str, max_tokens: int) -> SentenceBound:
    return SentenceBound(max_tokens)
