"""Reading what the bot sent, whether from rasa_sdk's CollectingDispatcher or Rasa's REST channel:
both put a custom payload under "custom"."""
import re

from triage.replies import DISCLAIMER_RESPONSE

LEVELS = {"self_care", "see_doctor", "urgent", "emergency"}


def triage_payloads(messages):
    """Every ``{"triage": ...}`` payload's inner dict, in order."""
    return [m["custom"]["triage"] for m in messages if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]


def texts(messages):
    return " ".join(m["text"] for m in messages if m.get("text"))


def assert_is_triage_reply(messages):
    """Advice, then the disclaimer, then exactly one well-formed payload."""
    [payload] = triage_payloads(messages)
    assert set(payload) == {"level", "symptoms", "rules"}
    assert payload["level"] in LEVELS
    assert payload["symptoms"] and all(isinstance(s, str) for s in payload["symptoms"])
    assert payload["rules"] and all(isinstance(r, str) for r in payload["rules"])
    assert texts(messages), "advice text is missing"
    assert [m["response"] for m in messages if m.get("response")] == [DISCLAIMER_RESPONSE]
    return payload


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
EMERGENCY_CHECK_OPENING = re.compile(r"^\s*Call\b[^.!?]{0,80}?\bnow if any of these is happening\b", re.IGNORECASE)


def opens_with_call_now(replies) -> bool:
    """The first text of a turn's replies tells the patient to call the emergency number now."""
    first = next((m["text"] for m in replies if m.get("text")), "")
    return bool(CALL_NOW.match(first))


def near_miss_told_to_call_now(case, transcript) -> bool:
    """A near miss told "Call ... now" on any message. Not a case whose first message alone is an emergency by the
    clinical reference ("cant breathe", then "lol from laughing"): calling there is right, and the assistant keeps
    the emergency on the messages after it, since an emergency sign is not taken back on words of a joke or a
    slip (round 12's safety reviews found over 300 hazards in three ways of doing so; docs/testing.md)."""
    if case.get("first_message_alone") == "emergency":
        return False
    return any(opens_with_call_now(replies) for _, replies in transcript)


def kept_after_a_first_message_alone(case, transcript) -> bool:
    """A case whose first message alone is an emergency, told "Call ... now" again after it: reported, not gated."""
    return case.get("first_message_alone") == "emergency" and any(opens_with_call_now(replies)
                                                                   for _, replies in transcript[1:])


def opens_with_emergency_check(replies) -> bool:
    """The first text of a turn's replies is the conditional emergency check (triage/replies.py), not an outcome."""
    first = next((m["text"] for m in replies if m.get("text")), "")
    return bool(EMERGENCY_CHECK_OPENING.match(first))


def disclaimer_text(environment) -> str:
    """The disclaimer as the Rasa server sends it, with the clinic's settings of ``environment`` filled in
    (channels/clinic_responses.py)."""
    from pathlib import Path

    import yaml

    from triage.clinic_settings import ClinicSettings

    domain = Path(__file__).resolve().parents[1] / "domain.yml"
    text = yaml.safe_load(domain.read_text())["responses"][DISCLAIMER_RESPONSE][0]["text"].strip()
    clinic = ClinicSettings.from_environment(environment)
    return f"{text.format_map(clinic.placeholders())} {clinic.disclaimer_details()}".strip()
