"""Characters that hide words from the reading and the classifier: format characters (zero-width spaces and
joiners, direction marks, soft hyphens: Unicode's category Cf) are dropped, and "+", "_" and the like
between two words are read as a space ("pus+fever", "pus_and_fever"). Used by the channels before Rasa
reads a message (channels/guard.py) and by the reading itself (triage/reading/message.py)."""
import re
import unicodedata

JOINERS = re.compile(r"(?<=[^\W_])[+_|~*=]+(?=[^\W_])")


def without_format_characters(text: str) -> str:
    return "".join(character for character in text if unicodedata.category(character) != "Cf")


def readable(text: str) -> str:
    return JOINERS.sub(" ", without_format_characters(text))
