"""Words just before a number that say a threshold is not reached ("temp below 38", "less than 3cm"): the number is
no measure of the patient. One list for temperatures and sizes (triage/reading/patterns/thresholds.yml)."""
import re
from typing import Literal, Pattern

from triage.reading.pattern_schema import ThresholdWords, load_patterns


def below_before(measure: Literal["temperature", "size"]) -> Pattern:
    """Matches text that ends in a threshold word for the measure, or in "<"."""
    words = load_patterns(ThresholdWords).below_before
    alternatives = "|".join(re.escape(word) for word in words.any_measure + getattr(words, measure))
    return re.compile(r"(\b(" + alternatives + r")|<)\s*$", re.IGNORECASE)
