"""Characters that hide words from the reading and the classifier: format characters (zero-width spaces and
joiners, direction marks, soft hyphens: Unicode's category Cf) are dropped, and "+", "_" and the like
between two words are read as a space ("pus+fever", "pus_and_fever"). A long run of symbols or emoji is
cut to its first few: each is a token of its own, and 8,000 emoji took 5.5 s to read, past the action timeout. Used by the channels before Rasa
reads a message (channels/guard.py) and by the reading itself (triage/reading/message.py)."""
import re
import unicodedata

JOINERS = re.compile(r"(?<=[^\W_])[+_|~*=]+(?=[^\W_])")
SYMBOLS_KEPT = 6
SYMBOL_RUN = re.compile(r"(?:[^\w\s]\s?){%d,}" % (2 * SYMBOLS_KEPT + 1))


def without_format_characters(text: str) -> str:
    return "".join(character for character in text if unicodedata.category(character) != "Cf")


def without_long_symbol_runs(text: str) -> str:
    """"😭😭😭 …" (thousands) -> "😭😭😭😭😭😭 ": what a run says, its first few say."""
    return SYMBOL_RUN.sub(lambda run: "".join(run.group()[:2 * SYMBOLS_KEPT].split())[:SYMBOLS_KEPT] + " ", text)


def readable(text: str) -> str:
    return without_long_symbol_runs(JOINERS.sub(" ", without_format_characters(text)))
