"""Questions: whether a text asks, and whether it asks in general, about no one in particular ("can freezing
cause chest pain?") rather than reporting ("is it normal that I can't breathe?")."""
import re

QUESTION_OPENERS = {
    "am", "are", "can", "could", "did", "do", "does", "how", "is", "should", "what", "when", "where",
    "which", "who", "why", "will", "would",
}


# "did the glass test": a test the patient did, told with no "I" (round 15, eu-071).
TOLD_A_TEST_DONE = re.compile(r"^did\s+(the|a)\s+(glass|tumbler)\b", re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    text = text.strip()
    if text.endswith("?"):
        return True
    words = text.lower().split()
    return bool(words and words[0] in QUESTION_OPENERS) and not TOLD_A_TEST_DONE.match(text)


# Words that make a question about someone in particular: "can freezing cause chest pain?" is asked
# in general; "is it normal that I can't breathe?" reports a sign.
PERSONAL_WORDS = re.compile(
    r"\b(i|i'm|im|i've|ive|me|my|mine|we|our|us|he|he's|hes|she|she's|shes|him|her|his|they|their|them|"
    r"son|daughter|child|kid|baby|husband|wife|partner|mum|mom|dad|friend)\b", re.IGNORECASE)


# Where a question came from is no report: "I saw on a forum", "my mate reckons", "someone said".
HEARSAY = re.compile(
    r"\b(i|we) (saw|read|heard|seen|have (read|seen|heard)|'ve (read|seen|heard))\b"
    r"|\b(my|a|our) (mate|friend|sister|brother|mum|mom|dad|colleague|neighbou?r|cousin|aunt|uncle)('s)? "
    r"(said|says|reckons|told me|thinks|thought|mentioned|asked|was asking)\b|\bsomeone (said|says|told me|wrote|posted)\b",
    re.IGNORECASE)


SENTENCE_ENDS = re.compile(r"(?<=[.?!])\s+")


def asks_in_general(text: str) -> bool:
    """Opens with a question word and names no one: "can cryotherapy cause chest pain? I saw on a forum
    someone said so". Not "can't breathe after cryo, is this an allergic reaction?", which reports before
    it asks, nor "is lip swelling ok? Tongue feels big too", which reports after it."""
    words = text.strip().lower().split()
    if not words or words[0] not in QUESTION_OPENERS or PERSONAL_WORDS.search(HEARSAY.sub(" ", text)) \
            or TOLD_A_TEST_DONE.match(text.strip()):
        return False
    return not any(tells_something(sentence) for sentence in SENTENCE_ENDS.split(text.strip())[1:])


# A word of now beside hearsay tells something all the same: "my mum was asking, it's happening now".
NOW_WORDS = re.compile(r"\b(now|happening|currently|right now|today|tonight|rn)\b", re.IGNORECASE)


def tells_something(sentence: str) -> bool:
    """A statement of a few words that is no question and no hearsay: "Tongue feels a bit big too"."""
    if len(sentence.split()) < 3 or looks_like_question(sentence):
        return False
    return not HEARSAY.search(sentence) or bool(NOW_WORDS.search(HEARSAY.sub(" ", sentence)))

