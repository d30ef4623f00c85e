"""What every clinic messaging channel (Telegram, Twilio SMS and WhatsApp, Slack, Messenger) does the
same way, so that each channel's module holds only its platform's own shape:

- a conversation is keyed by channel and platform user ("telegram:12345"), apart from every other
  channel's and from REST senders;
- a reply's text is split within the platform's limit, at a paragraph, a sentence or a word, so an
  emergency reply's first line ("Call 112 now ...") stays whole and first;
- on a channel without buttons (SMS, WhatsApp) the choices become numbered lines, and a number or a
  choice's words typed back are read as that choice;
- the triage payload is never sent to the patient: it stays in the conversation's events for the clinic.
"""
import re
from typing import Any, Callable, Dict, List, Optional

Button = Dict[str, Any]

# GSM 03.38: the basic set costs one unit, the extension set two; anything else makes the SMS UCS-2.
GSM7_BASIC = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                 "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = set("^{}\\[~]|€\f")
SMS_GSM7_UNITS = 160
SMS_UCS2_UNITS = 70
# Where a long text is cut, best first, and what rejoins its pieces within one part.
SEPARATORS = ((re.compile(r"\n\s*\n"), "\n\n"), (re.compile(r"\n"), "\n"),
              (re.compile(r"(?<=[.!?:])\s+"), " "), (re.compile(r"\s+"), " "))


def channel_sender_id(channel: str, user_id: Any) -> str:
    """The conversation's id: the channel's name and the platform's user id."""
    return f"{channel}:{user_id}"


def split_text(text: str, limit: int, size: Callable[[str], int] = len) -> List[str]:
    """``text`` in parts of at most ``limit`` (as ``size`` counts), cut at a paragraph, else a sentence,
    else a word, else anywhere; no part is empty."""
    text = text.strip()
    if not text:
        return []
    if size(text) <= limit:
        return [text]
    for separator, joiner in SEPARATORS:
        pieces = [piece for piece in separator.split(text) if piece.strip()]
        if len(pieces) > 1:
            return _pack(pieces, limit, size, joiner)
    return _cut_anywhere(text, limit, size)


def _pack(pieces: List[str], limit: int, size: Callable[[str], int], joiner: str) -> List[str]:
    parts: List[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if size(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        if size(piece) <= limit:
            current = piece
        else:  # one piece too long by itself: split it further
            *whole, current = split_text(piece, limit, size)
            parts.extend(whole)
    if current:
        parts.append(current)
    return parts


def _cut_anywhere(text: str, limit: int, size: Callable[[str], int]) -> List[str]:
    parts, current = [], ""
    for character in text:
        if current and size(current + character) > limit:
            parts.append(current)
            current = ""
        current += character
    return parts + ([current] if current else [])


def is_gsm7(text: str) -> bool:
    return all(character in GSM7_BASIC or character in GSM7_EXTENSION for character in text)


def sms_units(text: str) -> int:
    """What ``text`` costs in one SMS segment: GSM-7 septets, or UCS-2 code units."""
    if is_gsm7(text):
        return sum(2 if character in GSM7_EXTENSION else 1 for character in text)
    return len(text.encode("utf-16-le")) // 2


def sms_segment_limit(text: str) -> int:
    return SMS_GSM7_UNITS if is_gsm7(text) else SMS_UCS2_UNITS


def sms_parts(text: str) -> List[str]:
    """``text`` as SMS messages of one segment each: 160 GSM-7 characters, or 70 UCS-2 when a character
    is outside GSM-7 anywhere in the text."""
    return split_text(text, sms_segment_limit(text), sms_units)


def numbered_choices(text: str, buttons: List[Button]) -> str:
    """The question with its choices as numbered lines, for a channel without buttons."""
    lines = [f"{number}. {button.get('title', button.get('payload', ''))}"
             for number, button in enumerate(buttons, start=1)]
    numbers = ", ".join(str(n) for n in range(1, len(buttons))) + f" or {len(buttons)}" if len(buttons) > 1 else "1"
    return "\n".join([text.strip(), *lines, f"Reply {numbers}, or in your own words."])


def _plain(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def chosen_payload(text: str, buttons: List[Button]) -> Optional[str]:
    """What a patient's reply to a numbered list chooses: a number from the list ("2", "2.", "#2") or a
    choice's own words; None when it is neither (the reply is then read as typed)."""
    if not buttons:
        return None
    plain = _plain(text)
    number = re.fullmatch(r"(?:option|number|no)?\s*(\d{1,2})", plain)
    if number and 1 <= int(number.group(1)) <= len(buttons):
        return str(buttons[int(number.group(1)) - 1].get("payload", ""))
    for button in buttons:
        if plain and plain in (_plain(str(button.get("title", ""))), _plain(str(button.get("payload", "")))):
            return str(button.get("payload", ""))
    return None


async def last_offered_buttons(agent: Any, sender_id: str) -> List[Button]:
    """The buttons of the bot's messages since the patient last wrote, from the conversation's events in
    Rasa's tracker store: they outlive a restart and hold on every server of a cluster."""
    if agent is None or getattr(agent, "tracker_store", None) is None:
        return []
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return []
    buttons: List[Button] = []
    for event in reversed(tracker.events):
        if event.type_name == "user":
            break
        if event.type_name == "bot" and (event.data or {}).get("buttons"):
            buttons = list(event.data["buttons"])
            break
    return buttons


def as_choice(text: str, buttons: List[Button]) -> str:
    """The text Rasa should read for the patient's reply: the chosen button's payload, else as typed."""
    return chosen_payload(text, buttons) or text
