"""Reading what the bot sent, whether from rasa_sdk's CollectingDispatcher or Rasa's REST channel:
both put a custom payload under "custom"."""


def triage_payloads(messages):
    """Every ``{"triage": ...}`` payload's inner dict, in order."""
    return [m["custom"]["triage"] for m in messages if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]


def asks_question(messages) -> bool:
    """What the shared eval treats as a follow-up question: buttons, or text ending in "?"."""
    return any(m.get("buttons") or (m.get("text") or "").rstrip().endswith("?") for m in messages)
