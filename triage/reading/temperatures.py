"""Body temperatures a patient writes as numbers ("39.8", "temp of 101F", "38.5 degrees"), in °C.
Pure Python. A number counts when it carries a unit, or when a word nearby says temperature or
fever; an age or a measure ("I'm 38", "38 weeks", "40 mm") never does."""
import re
from typing import List

from triage.reading.thresholds import below_before

FEVER_CELSIUS = 38.0  # clinical reference: 38 °C (100.4 °F) or more counts as fever

NUMBER = re.compile(
    r"(?<![\d.,:])(\d{2,3}(?:[.,]\d{1,2})?)(?![\d:])\s*(°|º|degrees?|deg)?\s*([cf](?![a-z]))?", re.IGNORECASE)
# "she's 39.4", "he has 102", "had 39 all night": a temperature, though no word says so.
TEMPERATURE_VERBS_BEFORE = re.compile(r"\b(has|had|got|running|spiking|hit|hitting|reached|at|of|is|was|'s|'m|am|t)\s*$",
                                      re.IGNORECASE)
# "temp below 38", "not above 100.4", "<38": a threshold not reached (patterns/thresholds.yml).
BELOW_BEFORE = below_before("temperature")
# "it's 40 degrees outside", "a hot bath at 40 degrees": the weather or the water.
NOT_THE_BODY = re.compile(r"\b(outside|outdoors|weather|out there|here today|bath|shower|water|oven|room|sauna|"
                          r"forecast|sun)\b", re.IGNORECASE)
# Words that make a bare number a temperature, within the same stretch of text.
TEMPERATURE_CONTEXT = re.compile(
    r"\b(temp|temps|temperature|fever|feverish|thermometer|degrees|hot|boiling|burning up|roasting|"
    r"shivery|shivering|chills|sweating|sweats)\b", re.IGNORECASE)
CONTEXT_CHARS = 40
# "I'm 38", "she's 6": ages are whole numbers; "she's 38.9" is a temperature.
AGE_BEFORE = re.compile(r"\b(i'?m|i am|aged?|age of|she'?s|he'?s)\s*$", re.IGNORECASE)
MEASURE_AFTER = re.compile(
    r"^\s*(years?|yrs?|yo|y/o|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|months?|mm|cm|kg|lbs?|mg|ml|%|x\b|"
    r"warts?|spots?|moles?|tags?|lesions?|times?|sessions?|treatments?|pounds?|kilos?|stone|miles?|km|mph|percent)",
    re.IGNORECASE)


# Dictated numbers: "thirty eight point eight", "a hundred and one".
TENS = {"thirty": 30, "forty": 40}
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
DIGITS = {"zero": 0, "oh": 0, "nought": 0, **UNITS}
SPOKEN = re.compile(r"\b(thirty|forty)[ -]?(one|two|three|four|five|six|seven|eight|nine)?"
                    r"(?: point (zero|oh|nought|one|two|three|four|five|six|seven|eight|nine))?\b"
                    r"|\b(?:a |one )?hundred and (one|two|three|four|five)\b", re.IGNORECASE)


def spoken_as_digits(text: str) -> str:
    """"thirty eight point eight" as "38.8", "a hundred and one" as "101"."""
    def digits(match) -> str:
        if match.group(4):
            return str(100 + UNITS[match.group(4).lower()])
        whole = TENS[match.group(1).lower()] + UNITS.get((match.group(2) or "").lower(), 0)
        return f"{whole}.{DIGITS[match.group(3).lower()]}" if match.group(3) else str(whole)
    return SPOKEN.sub(digits, text)


def celsius(value: float, unit: str) -> float:
    return (value - 32) * 5 / 9 if unit == "f" else value


def temperatures_in(text: str) -> List[float]:
    """Every body temperature the text gives, in °C, in the order written."""
    found = []
    text = spoken_as_digits(text or "")
    for match in NUMBER.finditer(text):
        value = float(match.group(1).replace(",", "."))
        degree, unit = match.group(2), (match.group(3) or "").lower()
        before, after = text[:match.start()], text[match.end(1):]
        whole = not re.search(r"[.,]", match.group(1))
        nearby = text[max(0, match.start() - CONTEXT_CHARS): match.end() + CONTEXT_CHARS]
        if (whole and AGE_BEFORE.search(before)) or MEASURE_AFTER.match(after) or BELOW_BEFORE.search(before) \
                or NOT_THE_BODY.search(nearby):
            continue
        said_alone = not whole and not text.replace(match.group(0), "", 1).strip(" .!?")  # "38.9", told to the story
        if not (degree or unit or said_alone or TEMPERATURE_CONTEXT.search(nearby)
                or TEMPERATURE_VERBS_BEFORE.search(before)):
            continue
        unit = unit or ("c" if 34 <= value <= 44 else "f" if 93 <= value <= 112 else "")
        if unit and 34 <= celsius(value, unit) <= 44:
            found.append(round(celsius(value, unit), 1))
    return found
