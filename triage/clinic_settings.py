"""The deploying clinic's details, read from the environment when the action server starts,
so another clinic deploys with no code change. Advice texts use them as {clinic} and
{emergency_number}; the referrals' headlines as {clinic_to_call}, with the phone numbers when they are set."""
import os
from dataclasses import dataclass
from typing import Dict, Mapping, Optional

# Neutral on purpose: the assistant cannot know which country the patient is in.
DEFAULT_EMERGENCY_NUMBER = "your local emergency number"
DEFAULT_CLINIC_NAME = "your clinic"


@dataclass(frozen=True)
class ClinicSettings:
    name: str = DEFAULT_CLINIC_NAME
    phone: str = ""
    out_of_hours_phone: str = ""
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> "ClinicSettings":
        env = os.environ if env is None else env
        return cls(
            name=env.get("CLINIC_NAME", "").strip() or DEFAULT_CLINIC_NAME,
            phone=env.get("CLINIC_PHONE", "").strip(),
            out_of_hours_phone=env.get("CLINIC_OUT_OF_HOURS_PHONE", "").strip(),
            emergency_number=env.get("EMERGENCY_NUMBER", "").strip() or DEFAULT_EMERGENCY_NUMBER,
        )

    def placeholders(self) -> Dict[str, str]:
        """{clinic}, {emergency_number}, and {clinic_to_call}: the clinic with its numbers, for the
        headlines that refer the patient ("Please contact Skin Clinic (01 23; out of hours 09 87) today")."""
        return {"clinic": self.name, "emergency_number": self.emergency_number, "clinic_to_call": self.to_call()}

    @property
    def sets_emergency_number(self) -> bool:
        return self.emergency_number != DEFAULT_EMERGENCY_NUMBER

    def disclaimer_details(self) -> str:
        """The emergency number the clinic set, said after the disclaimer's own words (which stay word for
        word: the evaluations find the disclaimer by them): "Here: 000." Two words, since every reply carries
        it (issue 18: a first reply within 100 words); the clinic's phone is in the referrals' headlines.
        Empty when it is not set."""
        return f"Here: {self.emergency_number}." if self.sets_emergency_number else ""

    def numbers_in_any_language(self) -> str:
        """The numbers the clinic set, in symbols any reader knows, for a text in another language whose own
        words name no number: "🚑 000 · ☎ Harbour Skin Clinic 02 9999 0000". Empty when nothing is set."""
        parts = [f"🚑 {self.emergency_number}"] if self.sets_emergency_number else []
        if self.phone:
            parts.append(f"☎ {self.name} {self.phone}")
        return " · ".join(parts)

    def to_call(self) -> str:
        if not self.phone:
            return self.name
        return f"{self.name} ({self.phone}" + (f"; out of hours {self.out_of_hours_phone})" if self.out_of_hours_phone
                                               else ")")
