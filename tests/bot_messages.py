"""Reading what the bot sent, whether from rasa_sdk's CollectingDispatcher or Rasa's REST channel:
both put a custom payload under "custom"."""
import re


def triage_payloads(messages):
    """Every ``{"triage": ...}`` payload's inner dict, in order."""
    return [m["custom"]["triage"] for m in messages if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]


def asks_question(messages) -> bool:
    """What the shared eval treats as a follow-up question: buttons, or text ending in "?"."""
    return any(m.get("buttons") or (m.get("text") or "").rstrip().endswith("?") for m in messages)


def first_outcome_words(transcript):
    """The words of the bot's texts in the turn that carried a conversation's first triage outcome, the
    disclaimer included, or None when no turn did. ``transcript``: (what the patient said, replies) pairs."""
    for _, replies in transcript:
        if triage_payloads(replies):
            return sum(len((m.get("text") or "").split()) for m in replies)
    return None


CALL_NOW = re.compile(r"^\s*Call\b[^.!?]{0,80}?\bnow\b", re.IGNORECASE)


def opens_with_call_now(replies) -> bool:
    """The first text of a turn's replies tells the patient to call the emergency number now."""
    first = next((m["text"] for m in replies if m.get("text")), "")
    return bool(CALL_NOW.match(first))
