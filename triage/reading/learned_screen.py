"""The learned emergency screen: a second screen, beside the patterns, for emergencies told in words
nobody here wrote. A logistic regression over word and character n-grams, trained on the blind-written
probes' development halves (triage/reading/train_learned_screen.py), read from build/learned_screen.json.

It may only raise: when it hears an emergency the patterns did not find, the turn asks the patient to
confirm (triage/turn.py); it never lowers what the patterns found. Scoring is plain Python, so the
action server needs no scikit-learn; tests/unit/test_learned_screen.py checks it against scikit-learn's.
"""
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

DEFAULT_SCREEN = Path(__file__).resolve().parents[2] / "build" / "learned_screen.json"
WORD_PATTERN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
WHITE_SPACES = re.compile(r"\s\s+")

# (idf, coefficient) of each n-gram the model knows.
Weights = Dict[str, Tuple[float, float]]


def word_ngrams(text: str, longest: int) -> List[str]:
    tokens = WORD_PATTERN.findall(text)
    return [" ".join(tokens[start:start + n]) for n in range(1, longest + 1) for start in range(len(tokens) - n + 1)]


def char_ngrams(text: str, shortest: int, longest: int) -> List[str]:
    """Character n-grams inside word boundaries, each word padded with a space (scikit-learn's char_wb)."""
    grams = []
    for word in WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(shortest, longest + 1):
            if len(padded) <= n:
                grams.append(padded)  # a short word counts once
                break
            grams.extend(padded[start:start + n] for start in range(len(padded) - n + 1))
    return grams


def weighted_sum(grams: Iterable[str], weights: Weights) -> float:
    """The n-grams' part of the score: sublinear tf-idf, normalised to unit length, times the coefficients."""
    counts = Counter(gram for gram in grams if gram in weights)
    values = {gram: (1.0 + math.log(count)) * weights[gram][0] for gram, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in values.values()))
    return sum(value * weights[gram][1] for gram, value in values.items()) / norm if norm else 0.0


@dataclass(frozen=True)
class LearnedScreen:
    words: Weights
    chars: Weights
    longest_word_ngram: int
    char_ngram_range: Tuple[int, int]
    intercept: float
    threshold: float

    def probability(self, text: str) -> float:
        """How likely the text tells an emergency happening now, by the model."""
        lower = text.lower()
        score = (self.intercept + weighted_sum(word_ngrams(lower, self.longest_word_ngram), self.words)
                 + weighted_sum(char_ngrams(lower, *self.char_ngram_range), self.chars))
        return 1.0 / (1.0 + math.exp(-score))

    def hears_emergency(self, text: str, threshold: float = 0.0) -> bool:
        """Whether the probability reaches the threshold: the model's own, unless a higher one is asked for."""
        return bool(text.strip()) and self.probability(text) >= max(threshold, self.threshold)

    @classmethod
    def from_file(cls, path: Path) -> "LearnedScreen":
        saved = json.loads(path.read_text(encoding="utf-8"))
        return cls(words={gram: (idf, coef) for gram, (idf, coef) in saved["words"].items()},
                   chars={gram: (idf, coef) for gram, (idf, coef) in saved["chars"].items()},
                   longest_word_ngram=saved["longest_word_ngram"],
                   char_ngram_range=tuple(saved["char_ngram_range"]),  # type: ignore[arg-type]
                   intercept=saved["intercept"], threshold=saved["threshold"])


@lru_cache(maxsize=1)
def load_learned_screen() -> LearnedScreen:
    if not DEFAULT_SCREEN.is_file():
        raise FileNotFoundError(f"learned emergency screen not found at {DEFAULT_SCREEN}; build it with `make pipeline`")
    return LearnedScreen.from_file(DEFAULT_SCREEN)
