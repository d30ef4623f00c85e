"""Triage levels, lowest to highest. Their order is the whole point: the most urgent wins."""
from enum import IntEnum


class Level(IntEnum):
    SELF_CARE = 0
    SEE_DOCTOR = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def label(self) -> str:
        """The name clinics route on, e.g. ``see_doctor``."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> "Level":
        try:
            return cls[label.upper()]
        except KeyError:
            raise ValueError(f"unknown triage level {label!r}; expected one of {[m.label for m in cls]}") from None
