"""The deploying clinic's details, read from the environment when the action server starts,
so another clinic deploys with no code change. Advice texts use them as {clinic} and
{emergency_number}; referrals add the clinic's phone numbers when they are set."""
import os
from dataclasses import dataclass
from typing import Dict, Mapping, Optional

from triage import Level

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
        return {"clinic": self.name, "emergency_number": self.emergency_number}

    def contact_line(self, level: Level) -> Optional[str]:
        """How to reach the clinic, for replies that refer the patient; None if no number is set."""
        if level < Level.SEE_DOCTOR or level == Level.EMERGENCY or not self.phone:
            return None
        line = f"You can reach {self.name} on {self.phone}"
        if self.out_of_hours_phone:
            line += f", or out of hours on {self.out_of_hours_phone}"
        return line + "."
