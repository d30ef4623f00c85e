"""Sizes a patient writes ("3cm", "about 4 cm across", "30 mm", "an inch"), in centimetres. Pure Python.
The clinical reference calls a blister of about 3 cm or more large; a size below a threshold ("less
than 3cm", "<1cm") is not one."""
import re
from typing import List

from triage.reading.thresholds import below_before

LARGE_CM = 3.0
CM_PER_UNIT = {"cm": 1.0, "mm": 0.1, "inch": 2.54, '"': 2.54}
SIZE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?|an?|one|two|half an?)\s*(cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|"
                  r"inch(?:es)?|\")(?![a-z])", re.IGNORECASE)
WORD_NUMBERS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "half a": 0.5, "half an": 0.5}
# "less than 3cm", "<1cm": a threshold not reached (patterns/thresholds.yml).
BELOW_BEFORE = below_before("size")


def unit_of(word: str) -> str:
    word = word.lower()
    return "cm" if word.startswith("c") else "mm" if word.startswith("m") else "inch" if word.startswith("i") else '"'


def sizes_in(text: str) -> List[float]:
    """Every size the text gives, in cm, in the order written; sizes below a threshold are left out."""
    found = []
    for match in SIZE.finditer(text or ""):
        number, unit = match.group(1).lower(), unit_of(match.group(2))
        if BELOW_BEFORE.search(text[:match.start()]) or (unit == '"' and number in WORD_NUMBERS):
            continue
        value = WORD_NUMBERS.get(number) or float(number.replace(",", "."))
        found.append(round(value * CM_PER_UNIT[unit], 2))
    return found
