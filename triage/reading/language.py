"""Tells a message written in another language, so the patient hears that the assistant reads
English only (with the clinic and the emergency line) instead of "Sorry, I didn't understand".
Pure Python, on lingua's own bundled models (lingua-language-detector: nothing is downloaded).

Short and chatty texts fool any detector ("xoxo hugs mwah" scores German 0.92, "the frozen spot is
fine" another language), so a message counts as foreign only when it is long enough, the detector is
sure, and it has no English word the reading knows (the words of its patterns, of 3 letters or more:
"a", "no" and "me" are words of other languages too).
"""
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Optional

# The languages most often met in European and North American clinics; each adds memory, and the
# low-accuracy mode (trigrams only) keeps the whole detector near 25 MB.
LANGUAGES = ("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH", "TURKISH",
             "ARABIC", "CHINESE", "RUSSIAN", "ROMANIAN", "UKRAINIAN", "HINDI")
MIN_WORDS = 5  # "xoxo hugs mwah kisses", "lol omg tbh idk": four chat words fool the detector
MIN_OTHER_SCRIPT_LETTERS = 6  # Chinese or Arabic script: letters, not spaces, say how long it is
MIN_CONFIDENCE = 0.9
MIN_KNOWN_WORD_LETTERS = 3
# "Hi it's Giulia, Matteo is not ok at all": names fool the detector, English function words do not.
MIN_STOP_WORDS, MIN_STOP_WORD_SHARE = 3, 0.4
# Chat words no other language here shares, counted with the function words: "wait no sorry typo, it's 36.4"
# scored French 0.9.
ENGLISH_CHAT_WORDS = frozenset({"sorry", "wait", "typo", "oops", "actually", "thanks", "please", "pls", "yeah", "yep",
                                "nope", "okay", "hey", "hello", "lol", "omg", "btw", "tbh", "idk"})
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
WORD_WITH_DIGITS = re.compile(r"\b(?=\w*\d)(?=\w*[^\W\d_])[^\W_]+\b", re.UNICODE)
# Scripts that are no English, by the first word of each letter's Unicode name: a message written mostly in
# one is in another language even when the detector does not load that language (Greek, Hebrew, Japanese,
# Korean...). Kana say Japanese even beside Chinese characters.
SCRIPT_LANGUAGES = {"GREEK": "el", "HEBREW": "he", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CJK": "zh",
                    "THAI": "th", "ARMENIAN": "hy", "GEORGIAN": "ka", "ARABIC": "ar", "CYRILLIC": "ru",
                    "DEVANAGARI": "hi", "BENGALI": "bn", "GURMUKHI": "pa", "GUJARATI": "gu", "TAMIL": "ta",
                    "TELUGU": "te", "KANNADA": "kn", "MALAYALAM": "ml", "SINHALA": "si", "KHMER": "km", "LAO": "lo",
                    "MYANMAR": "my", "ETHIOPIC": "am", "TIBETAN": "bo", "SYRIAC": "syr", "THAANA": "dv"}
MIN_SCRIPT_SHARE = 0.5


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in LANGUAGES)) \
        .with_low_accuracy_mode().build()


def foreign_language(text: str, knows_word: Callable[[str], bool] = lambda word: False,
                     is_stop_word: Callable[[str], bool] = lambda word: False) -> Optional[str]:
    """The ISO 639-1 code of the language a message is written in, when that is surely not English.
    ``knows_word``: whether the reading knows an English word (triage/reading/message.py); ``is_stop_word``:
    whether a word is an English function word. A message of English function words is English."""
    words = WORD.findall(text or "")
    if any(len(word) >= MIN_KNOWN_WORD_LETTERS and knows_word(word) for word in words + WORD_WITH_DIGITS.findall(text or "")):
        return None  # a word with digits counts too: "HbA1c 71"
    stop_words = sum(1 for word in words if is_stop_word(word.lower()) or word.lower() in ENGLISH_CHAT_WORDS)
    if stop_words >= MIN_STOP_WORDS and stop_words >= MIN_STOP_WORD_SHARE * len(words):
        return None
    other_script_letters = sum(len(word) for word in words if not word.isascii())
    if len(words) < MIN_WORDS and other_script_letters < MIN_OTHER_SCRIPT_LETTERS:
        return None
    [best, *_] = _detector().compute_language_confidence_values(text)
    code = best.language.iso_code_639_1.name.lower()
    if code != "en" and best.value >= MIN_CONFIDENCE:
        return code
    return script_language(words) if other_script_letters >= MIN_OTHER_SCRIPT_LETTERS else None


def script_language(words) -> Optional[str]:
    """The language that the script of most of the letters says, when it is no Latin script."""
    scripts = Counter(unicodedata.name(letter, "").split(" ")[0] for word in words for letter in word)
    letters = sum(scripts.values())
    if scripts["HIRAGANA"] + scripts["KATAKANA"] > 0:
        scripts["HIRAGANA"] += scripts.pop("CJK", 0) + scripts.pop("KATAKANA", 0)
    script, count = max(((name, n) for name, n in scripts.items() if name in SCRIPT_LANGUAGES),
                        key=lambda pair: pair[1], default=("", 0))
    return SCRIPT_LANGUAGES[script] if letters and count >= MIN_SCRIPT_SHARE * letters else None
