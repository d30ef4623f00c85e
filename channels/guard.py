"""What the public channels check before Rasa sees a message (issue 10): one message of 100 kB once
drove the Rasa server out of memory, a lone surrogate or a text starting with "/" got no reply at all,
and "/restart" from a patient restarted their conversation.

- A message longer than MAX_MESSAGE_CHARS (default 2,000, as the widget) is cut to its start and its
  end, which are still triaged, and the patient is told why.
- Lone surrogates are replaced, and leading slashes dropped: Rasa reads "/intent" as a command.
- Format characters (zero-width spaces, direction marks) are dropped and "pus+fever" or "pus_and_fever"
  read as words (triage/reading/characters.py), so that the classifier sees the words too.
- A failure, or no reply at all, becomes a safe reply, never silence.

No patient text goes into a log line from here.
"""
import os
from dataclasses import dataclass
from typing import List, Optional

from triage.clinic_settings import ClinicSettings
from triage.reading.characters import readable

MAX_MESSAGE_CHARS_ENV = "MAX_MESSAGE_CHARS"
DEFAULT_MAX_MESSAGE_CHARS = 2000
CUT_MARK = " … "

TOO_LONG = ("Your message was longer than {limit} characters, so I read only its start and its end. "
            "If something is missing, please send it in a short message of its own.")
NO_WORDS = "I did not get any words. Please tell me in a sentence what you notice on the treated spot."
SAFE_REPLY = ("Sorry, I cannot answer properly just now. If you are worried about the treated spot, "
              "contact {clinic}. Contact them today if you see pus, red streaks, bleeding that will not stop, "
              "or you have a fever. Call {emergency_number} now if you have trouble breathing, swelling of "
              "the lips or throat, chest pain, or feel very unwell.")


def max_message_chars(env=None) -> int:
    value = (env if env is not None else os.environ).get(MAX_MESSAGE_CHARS_ENV, "")
    try:
        return max(100, int(value)) if value.strip() else DEFAULT_MAX_MESSAGE_CHARS
    except ValueError:
        return DEFAULT_MAX_MESSAGE_CHARS


@dataclass(frozen=True)
class PatientText:
    text: str  # what Rasa gets
    was_cut: bool

    @property
    def has_words(self) -> bool:
        return any(character.isalnum() for character in self.text)


def without_surrogates(text: str) -> str:
    """Lone surrogates ("\ud83d" from a broken emoji) break encoding further on: replaced."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def patient_text(raw: str, limit: int) -> PatientText:
    """The message as Rasa may read it: surrogates replaced, no format characters or joiners between words,
    no leading slash, at most ``limit``
    characters (its first and last halves)."""
    text = readable(without_surrogates(raw)).strip()
    text = text.lstrip("/").lstrip()
    if len(text) <= limit:
        return PatientText(text, was_cut=False)
    half = (limit - len(CUT_MARK)) // 2
    return PatientText(text[:half] + CUT_MARK + text[-half:], was_cut=True)


def too_long_notice(limit: int) -> str:
    return TOO_LONG.format(limit=f"{limit:,}")


def safe_reply(clinic: Optional[ClinicSettings] = None) -> str:
    clinic = clinic or ClinicSettings.from_environment()
    return SAFE_REPLY.format_map(clinic.placeholders())


def replies_or_safe_reply(replies: List[dict], recipient_id: str) -> List[dict]:
    """Rasa's replies, or the safe reply when it sent none: a patient never gets silence."""
    return replies or [{"recipient_id": recipient_id, "text": safe_reply()}]
