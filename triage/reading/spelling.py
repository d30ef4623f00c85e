"""Corrects patients' typos of the words the patterns know ("feverr", "infectd", "bleding"), before
the message is read. A word is corrected only when it is longer than 4 letters, is no
English word that spacy-lookups-data knows (WordNet's lemmas and their inflections: "bearable" must
not become "unbearable"), and its nearest pattern words, within 1 edit (2 from 9 letters on), all
name the same thing. Anything else is left as typed. The distances are rapidfuzz's (C++): the same
optimal string alignment as the pure-Python one before it, 80 times faster per word searched."""
import re
from typing import Callable, Dict, FrozenSet, Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 5
# Enough for any real message; past it, words are left as typed (a bound on the time one message costs).
MAX_CORRECTIONS_TRIED = 200
MAX_CACHED = 10_000
# Whole words only: not the halves of "doesn't".
WORD = re.compile(r"(?<![A-Za-z'’])[A-Za-z]+(?![A-Za-z'’])")


def max_edits(word: str) -> int:
    return 1 if len(word) <= 8 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), or limit + 1 when above it."""
    return OSA.distance(a, b, score_cutoff=limit)


class SpellingCorrector:
    def __init__(self, meanings: Dict[str, FrozenSet[str]], is_known_word: Callable[[str], bool]):
        """``meanings``: each pattern word, with the entity ids it can stand for."""
        self.meanings = {w: ids for w, ids in meanings.items() if len(w) >= MIN_LENGTH and w.isalpha()}
        self.is_known_word = is_known_word
        self._cache: Dict[str, Optional[str]] = {}

    def correction(self, word: str) -> Optional[str]:
        lower = word.lower()
        if not self._needs_search(lower):
            return None
        if lower not in self._cache:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[lower] = self._nearest(lower)
        return self._cache[lower]

    def _needs_search(self, lower: str) -> bool:
        """A word that could be a typo: long enough, neither a pattern word nor English."""
        return len(lower) >= MIN_LENGTH and lower not in self.meanings and not self.is_known_word(lower)

    def _nearest(self, word: str) -> Optional[str]:
        near = process.extract(word, self.meanings.keys(), scorer=OSA.distance, score_cutoff=max_edits(word),
                               limit=None)
        if not near:
            return None
        best = min(distance for _, distance, _ in near)
        nearest = sorted(w for w, distance, _ in near if distance == best)
        # "feverr" is as near "fever" as the listed typo "fevre": both mean fever, so either will do.
        return nearest[0] if len({self.meanings[w] for w in nearest}) == 1 else None

    def correct(self, text: str) -> str:
        """Typos corrected; a capitalised word inside a sentence is a name ("Dr Shelly") and stays.
        Only searches count towards MAX_CORRECTIONS_TRIED: "the" or a known word costs nothing."""
        searches = 0

        def corrected(match):
            nonlocal searches
            word, lower = match.group(), match.group().lower()
            before = text[max(0, match.start() - 20):match.start()].rstrip()  # not the whole prefix: long texts
            if word[0].isupper() and before and before[-1] not in ".!?":
                return word
            if lower not in self._cache and self._needs_search(lower):
                if searches >= MAX_CORRECTIONS_TRIED:
                    return word
                searches += 1
            return self.correction(word) or word

        return WORD.sub(corrected, text)


def english_words() -> FrozenSet[str]:
    """WordNet's lemmas and their irregular forms, from spacy-lookups-data, and spaCy's English stop
    words ("would", "there"), which WordNet lacks. Regular inflections are checked against the
    lemmatizer's own table by the caller."""
    import srsly
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy_lookups_data import en

    words = set(STOP_WORDS)
    for table in ("lemma_index", "lemma_exc"):
        for by_pos in srsly.read_gzip_json(f"{en[table]}.gz").values():
            words.update(w.lower() for w in by_pos if w.isalpha())
    return frozenset(words)
