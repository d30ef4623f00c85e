"""Signs a patient gives as a measure from a device at home: an oxygen level from a finger oximeter, a heart
rate from a watch, a breathing rate counted. Pure Python. The thresholds are the clinical reference's signs
in numbers: struggling to breathe (oxygen 92 % or less, 25 breaths a minute or more, as NHS 111 and the
sepsis screening tools count them), and a fast heartbeat (100 a minute or more)."""
import re
from typing import List, Tuple

OXYGEN = re.compile(r"\b(oximeter|oxygen|sats|saturations?|spo2|o2|pulse ox)\b[^.\d]{0,40}?(\d{2,3})(?!\d)", re.IGNORECASE)
HEART_RATE = re.compile(r"\b(heart ?rate|pulse|hr|heartbeat)\b[^.\d]{0,25}?(\d{2,3})(?!\d)|(?<![\d.])(\d{2,3})\s*(bpm|beats)\b",
                        re.IGNORECASE)
BREATHING_RATE = re.compile(r"\b(rr|resp(iratory)? rate|breathing rate|breaths)\b[^.\d]{0,20}?(\d{2})(?!\d)"
                            # "breathing like 35 times a min", "30 breaths a minute"
                            r"|\b(breathing|breathes|breaths?)\b[^.\d]{0,12}?(\d{2})\s*(times|breaths)?\s*(a|per|/|every|in a)\s*min"
                            r"|(?<![\d.])(\d{2})\s*breaths\b", re.IGNORECASE)
LOW_OXYGEN = (50, 92)
FAST_HEART = (100, 250)
FAST_BREATHING = (25, 70)


def measured_signs(text: str) -> List[Tuple[str, str, str]]:
    """(label, id, what was said) for each measure past its threshold."""
    signs = []
    for match in OXYGEN.finditer(text or ""):
        if LOW_OXYGEN[0] <= int(match.group(2)) <= LOW_OXYGEN[1]:
            signs.append(("EMERGENCY", "breathing_difficulty", match.group(0)))
    for match in BREATHING_RATE.finditer(text or ""):
        if FAST_BREATHING[0] <= int(match.group(3) or match.group(5) or match.group(8)) <= FAST_BREATHING[1]:
            signs.append(("EMERGENCY", "breathing_difficulty", match.group(0)))
    for match in HEART_RATE.finditer(text or ""):
        rate = int(match.group(2) or match.group(3))
        if FAST_HEART[0] <= rate <= FAST_HEART[1]:
            signs.append(("SYMPTOM", "racing_heart", match.group(0)))
    return signs
