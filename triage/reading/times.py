"""Turns a duration or time a patient wrote ("3 days ago", "day 4", "a fortnight", "on Friday",
"back in March", "in the spring", "on the 14th", "before Christmas") into a number of days before
``today``. Pure Python; tests pass ``today`` to freeze the clock."""
import re
from datetime import date
from typing import Optional

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3,
    "many": 3, "some": 2,
}
DAYS_PER_UNIT = {"minute": 0, "min": 0, "hour": 0, "hr": 0, "day": 1, "week": 7, "wk": 7, "fortnight": 14,
                 "month": 30, "mth": 30, "year": 365, "yr": 365}
DAYS_OF_PHRASE = {
    "yesterday": 1, "yday": 1, "yest": 1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "last night": 1, "past night": 1, "last week": 7, "past week": 7, "last month": 30, "past month": 30,
    "last year": 365, "past year": 365,
    # long ago, without a number: at least as long as "months ago"
    "ages ago": 60, "a long time ago": 60, "long ago": 60,
}
# Days of the year a patient names: "just before Christmas", "at the start of the year" (month, day).
HOLIDAYS = {"christmas": (12, 25), "new year": (1, 1), "start of the year": (1, 1), "beginning of the year": (1, 1)}
WEEKDAYS = {name: number for number, names in enumerate([
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march",), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")], start=1) for name in names}
ORDINAL_ENDINGS = {"st", "nd", "rd", "th"}
# The middle of each season, northern hemisphere (month, day): the patient's "in the spring".
SEASON_MIDDLES = {"spring": (4, 15), "summer": (7, 15), "autumn": (10, 15), "fall": (10, 15), "winter": (1, 15)}


def _number(word: str) -> Optional[float]:
    word = word.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    try:
        return float(word)
    except ValueError:
        return None


def _days_back_to(month: int, day: int, today: date) -> int:
    """Days since the last time it was that date (this year if it has passed, else last year)."""
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return (today - date(year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))).days


def _calendar_days(words, phrase: str, today: date) -> Optional[float]:
    if "weekend" in words:  # "over the weekend": back to its Saturday
        return (today.weekday() - 5) % 7 or 7
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        back = (today.weekday() - weekday) % 7
        return back or (7 if "last" in words else 0)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is not None:
        day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
        if day is None and month == today.month:
            return today.day // 2  # "earlier this month"
        return _days_back_to(month, day or 15, today)
    holiday = next((day for name, day in HOLIDAYS.items() if name in phrase), None)
    if holiday:
        return _days_back_to(*holiday, today)
    season = next((SEASON_MIDDLES[w] for w in words if w in SEASON_MIDDLES), None)
    if season:
        return _days_back_to(*season, today)
    ordinal = next((int(w) for w, after in zip(words, words[1:]) if w.isdigit() and after in ORDINAL_ENDINGS), None)
    if ordinal and 1 <= ordinal <= 31:  # "on the 14th": this month's, or last month's if still ahead
        month = today.month if ordinal <= today.day else (today.month - 2) % 12 + 1
        return _days_back_to(month, ordinal, today)
    return None


def days_in(text: str, today: Optional[date] = None) -> Optional[float]:
    """Days that one duration expression stands for, or None if it is not one we understand."""
    today = today or date.today()
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", text.lower())
    phrase = " ".join(words)
    if phrase in DAYS_OF_PHRASE:
        return DAYS_OF_PHRASE[phrase]
    if len(words) == 2 and words[0] == "day":  # "day 4": the fourth day after treatment
        return _number(words[1])
    calendar = _calendar_days(words, phrase, today)
    if calendar is not None:
        return calendar
    counted = [w for w, after in zip(words, words[1:] + [""]) if not (w in ("a", "an") and after == "half")]
    numbers = [n for n in map(_number, counted) if n is not None]
    unit = next((DAYS_PER_UNIT[w.rstrip("s")] for w in words if w.rstrip("s") in DAYS_PER_UNIT), None)
    if unit is None:
        return None
    plural = any(w.endswith("s") and w.rstrip("s") in DAYS_PER_UNIT for w in words)
    count = numbers[-1] if numbers else 2 if plural else 1  # "months later": at least two
    if "half" in words:  # "a week and a half", "3 and a half weeks", "half a year"
        count = count + 0.5 if "and" in words else 0.5
    if unit == 0:  # hours and minutes: "48 hours ago" is two days
        return float(count // 24) if any(w.rstrip("s") in ("hour", "hr") for w in words) else 0
    return count * unit
