"""Turns a duration or time a patient wrote ("3 days ago", "day 4", "a couple of weeks",
"yesterday") into a number of days. Pure Python."""
import re
from typing import Optional

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3,
}
DAYS_PER_UNIT = {"minute": 0, "min": 0, "hour": 0, "hr": 0, "day": 1, "week": 7, "wk": 7, "month": 30, "year": 365}
DAYS_OF_PHRASE = {
    "yesterday": 1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "last night": 1, "past night": 1, "last week": 7, "past week": 7, "last month": 30, "past month": 30,
    "last year": 365, "past year": 365,
}


def _number(word: str) -> Optional[float]:
    word = word.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    try:
        return float(word)
    except ValueError:
        return None


def days_in(text: str) -> Optional[float]:
    """Days that one duration expression stands for, or None if it is not one we understand."""
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", text.lower())
    phrase = " ".join(words)
    if phrase in DAYS_OF_PHRASE:
        return DAYS_OF_PHRASE[phrase]
    if len(words) == 2 and words[0] == "day":  # "day 4": the fourth day after treatment
        return _number(words[1])
    numbers = [n for n in map(_number, words) if n is not None]
    unit = next((DAYS_PER_UNIT[w.rstrip("s")] for w in words if w.rstrip("s") in DAYS_PER_UNIT), None)
    if unit is None:
        return None
    return (numbers[-1] if numbers else 1) * unit
