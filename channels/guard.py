"""What the public channels check before Rasa sees a message (issue 10): one message of 100 kB once
drove the Rasa server out of memory, a lone surrogate or a text starting with "/" got no reply at all,
and "/restart" from a patient restarted their conversation.

- A message longer than MAX_MESSAGE_CHARS (default 2,000, as the widget) is cut to its start and its
  end for Rasa's classifier; the triage reads it whole up to MAX_WHOLE_CHARS, and past that its start and
  end, and then the patient is told why.
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
# The triage reads the message whole up to this many characters (its start and end beyond): about 900
# words, two pages. Bounded by the reading's time: the densest text measured ("a! a! ...", a token every
# 1.5 characters) takes 0.37 s per 2,000 characters, so 5,000 take under 1 s of the action's 2 s
# (docs/performance.md). Emoji runs are cut and sentences bounded first (triage/reading/characters.py,
# sentence_bound.py): before that, 20,000 emoji took 13.4 s.
MAX_WHOLE_CHARS = 5_000
WHOLE_MESSAGE_KEY = "whole_message"

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
    text: str  # what Rasa's classifier gets: at most the channel's limit
    was_cut: bool
    whole: str = ""  # what the triage reads: at most MAX_WHOLE_CHARS
    whole_was_cut: bool = False

    @property
    def has_words(self) -> bool:
        return any(character.isalnum() for character in self.text)

    def metadata(self, given: Optional[dict] = None) -> dict:
        """The message's metadata for Rasa: what the client gave, but never its own WHOLE_MESSAGE_KEY, and
        the whole message when the classifier's text is a cut."""
        metadata = {key: value for key, value in (given or {}).items() if key != WHOLE_MESSAGE_KEY}
        return {**metadata, WHOLE_MESSAGE_KEY: self.whole} if self.was_cut else metadata


def without_surrogates(text: str) -> str:
    """Lone surrogates ("\ud83d" from a broken emoji) break encoding further on: replaced."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def start_and_end(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = (limit - len(CUT_MARK)) // 2
    return text[:half] + CUT_MARK + text[-half:]


def patient_text(raw: str, limit: int) -> PatientText:
    """The message as Rasa may read it: surrogates replaced, no format characters or joiners between words,
    no leading slash; for the classifier at most ``limit`` characters, for the triage at most
    MAX_WHOLE_CHARS (each time its first and last halves)."""
    text = readable(without_surrogates(raw)).strip()
    text = text.lstrip("/").lstrip()
    whole_limit = max(limit, MAX_WHOLE_CHARS)
    return PatientText(start_and_end(text, limit), was_cut=len(text) > limit,
                       whole=start_and_end(text, whole_limit), whole_was_cut=len(text) > whole_limit)


def too_long_notice(limit: int) -> str:
    return TOO_LONG.format(limit=f"{limit:,}")


def safe_reply(clinic: Optional[ClinicSettings] = None) -> str:
    clinic = clinic or ClinicSettings.from_environment()
    return SAFE_REPLY.format_map(clinic.placeholders())


def replies_or_safe_reply(replies: List[dict], recipient_id: str) -> List[dict]:
    """Rasa's replies, or the safe reply when it sent none: a patient never gets silence."""
    return replies or [{"recipient_id": recipient_id, "text": safe_reply()}]
