"""Turns a triage result into the messages the patient is sent. The only place replies are composed,
so the disclaimer and the clinics' payload cannot be forgotten on any path. Imports nothing from Rasa:
each message is the keyword arguments of a dispatcher's utter_message ({"text": ...}, {"response":
...} or {"json_message": ...}); actions/ sends them.

A reply is short, to be read on a phone: the headline with the one thing to do, at most three lines of
advice that fit what was said, the signs to watch for, then the disclaimer. Further advice travels in
the payload's ``more_advice``, which the widget folds away."""
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from triage import Level, RuleBook, TriageResult
from triage.clinic_settings import ClinicSettings
from triage.rulebook import Watch

DISCLAIMER_RESPONSE = "utter_disclaimer"
DISCLAIMER = {"response": DISCLAIMER_RESPONSE}
ENGLISH_ONLY_NOTICES = Path(__file__).with_name("english_only.yml")
# Enough to act on; the rest is folded away in the widget.
MAX_ADVICE_LINES = 3
# The default of the functions below: one instance, as the defaults were (ClinicSettings is frozen).
DEFAULT_CLINIC = ClinicSettings()
Message = Dict[str, Any]


def triage_payload(result: TriageResult, clinic_id: Optional[str] = None,
                   more_advice: Sequence[str] = ()) -> Dict[str, Any]:
    """What clinics route on: ``{"triage": {"level", "symptoms", "rules"}}``, plus ``clinic_id``
    when the clinic's page or back end passed one in the message metadata, and the advice the reply
    left out under ``more_advice``."""
    triage = {"level": result.level.label, "symptoms": list(result.symptoms), "rules": list(result.rule_ids)}
    payload: Dict[str, Any] = {"triage": {**triage, **({"clinic_id": clinic_id} if clinic_id else {})}}
    if more_advice:
        payload["more_advice"] = list(more_advice)
    return payload


def advice_in_order(result: TriageResult, at_least: Level = Level.SELF_CARE) -> List[str]:
    """Each piece of advice once, most urgent symptom first, from rules of ``at_least`` that level."""
    return list(dict.fromkeys(rule.advice for assessment in result.assessments for rule in assessment.rules
                              if rule.level >= at_least))


def emergency_text(result: TriageResult, rulebook: RuleBook) -> str:
    """"Call ... now", then why, in one message: the advice of the emergency rules only. Advice about
    the spot would only distract from the call."""
    reasons = [rule.advice for assessment in result.assessments for rule in assessment.rules
               if rule.level == Level.EMERGENCY]
    return " ".join([rulebook.headlines[Level.EMERGENCY]] + list(dict.fromkeys(reasons)))


def joined(items: List[str]) -> str:
    """"a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def signs_to_watch(result: TriageResult, rulebook: RuleBook) -> List[Watch]:
    """The signs the reply tells the patient to watch for, above its level: the fired rules' own watch
    lines, then the level's safety net. A sign whose rules have fired is already a finding: not said."""
    fired = set(result.rule_ids)
    rules = [rule for assessment in result.assessments for rule in assessment.rules]
    candidates = [watch for rule in rules for watch in rule.watch] + list(rulebook.safety_nets.get(result.level, ()))
    return [watch for watch in dict.fromkeys(candidates) if watch.level > result.level and not fired & set(watch.rules)]


def safety_net_text(result: TriageResult, rulebook: RuleBook) -> Optional[str]:
    """One message: "Contact ... today if it does not stop with firm pressure. Contact ... today if you get a
    fever, pus or ... Call ... now if you have trouble breathing or ..."."""
    watches = signs_to_watch(result, rulebook)
    own = rulebook.rule_watches
    sentences = [f"{rulebook.watch_openers[watch.level]} {watch.text}." for watch in watches if watch in own]
    for level in sorted({watch.level for watch in watches if watch not in own}):
        signs = [watch.text for watch in watches if watch not in own and watch.level == level]
        sentences.append(f"{rulebook.safety_net_openers[level]} {joined(signs)}.")
    return " ".join(sentences) or None


def reply_texts(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings,
                change: Optional[str] = None) -> Tuple[List[str], List[str]]:
    """The texts sent, and the advice left for the fold. The level's headline comes first (for an
    emergency, with why; below it, with the clinic's numbers), then what changed in the story, the advice
    that fits, and what to watch for; settings filled in. From urgent up, reassurance about the spot is left out:
    it would blur the one thing to do."""
    if result.level == Level.EMERGENCY:
        texts, more = [emergency_text(result, rulebook), change], []
    else:
        at_least = Level.SEE_DOCTOR if result.level >= Level.URGENT else Level.SELF_CARE
        advice = advice_in_order(result, at_least)
        texts = ([rulebook.headlines.get(result.level), change] + advice[:MAX_ADVICE_LINES]
                 + [safety_net_text(result, rulebook)])
        more = advice[MAX_ADVICE_LINES:]
    placeholders = clinic.placeholders()
    return ([text.format_map(placeholders) for text in texts if text],
            [text.format_map(placeholders) for text in more])


def triage_reply(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings = DEFAULT_CLINIC,
                 clinic_id: Optional[str] = None, change: Optional[str] = None) -> List[Message]:
    """Advice, then the disclaimer, then the payload clinics route on."""
    texts, more = reply_texts(result, rulebook, clinic, change)
    return ([{"text": text} for text in texts]
            + [DISCLAIMER, {"json_message": triage_payload(result, clinic_id, more)}])


def general_answer(response: str) -> List[Message]:
    """An answer to a general question: information, with the disclaimer but no triage level."""
    return [{"response": response}, DISCLAIMER]


EMERGENCY_CHECK = ("Call {emergency_number} now if any of these is happening: trouble breathing, swelling of the lips "
                   "or throat, chest pain, a fit, severe drowsiness or confusion, blue or grey lips, a rash that "
                   "does not fade when pressed, heavy bleeding with dizziness or fainting, a high temperature with "
                   "a racing heart or spreading redness, or a feverish child who is floppy or will not drink. "
                   "Is one of these happening now?")
EMERGENCY_CHECK_BUTTONS = [{"title": "Yes, one is", "payload": "yes, one of these is happening now"},
                           {"title": "No", "payload": "no, none of these"},
                           {"title": "Not sure", "payload": "not sure"}]


def emergency_check(clinic: ClinicSettings = DEFAULT_CLINIC) -> List[Message]:
    """What the reading cannot name but the classifier heard: "call now if any of these is happening", first,
    then whether one is. No level yet: the answer gives it (yes or not sure: emergency)."""
    return [{"text": EMERGENCY_CHECK.format_map(clinic.placeholders()), "buttons": EMERGENCY_CHECK_BUTTONS}]


EMERGENCY_CHECK_REMINDER = "If one of the signs I asked about is happening, call {emergency_number} now."


def said_alone(text: str, clinic: ClinicSettings = DEFAULT_CLINIC) -> Message:
    """A sentence sent on its own, settings filled in: what changed in the story when nothing is left to assess
    ("Thank you for the correction: ... If it is, call {emergency_number} now.")."""
    return {"text": text.format_map(clinic.placeholders())}


def emergency_check_reminder(clinic: ClinicSettings = DEFAULT_CLINIC) -> List[Message]:
    """Said first when the patient went on without answering the emergency check."""
    return [said_alone(EMERGENCY_CHECK_REMINDER, clinic)]


BEFORE_TREATMENT = ("It sounds like the spot has not been frozen yet. I help with what happens after freezing; "
                    "{clinic} can answer questions about the treatment itself. Afterwards, redness, a blister and "
                    "a scab are the usual course, and you can tell me what you notice.")


def before_treatment_answer(asked: Optional[TriageResult], rulebook: RuleBook,
                            clinic: ClinicSettings = DEFAULT_CLINIC) -> List[Message]:
    """"I'm going to have a wart frozen, will it scar?": no level, since nothing has happened yet; the
    rules' advice on what the patient asked about, if anything, with the disclaimer."""
    opening = {"text": BEFORE_TREATMENT.format_map(clinic.placeholders())}
    return [opening] + (what_if_answer(asked, rulebook, clinic) if asked else [DISCLAIMER])


def what_if_answer(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings = DEFAULT_CLINIC) -> List[Message]:
    """"If it starts oozing, do I need a doctor?": the rules' advice on it, and what to do if it
    happens, as information with the disclaimer and no triage level (nothing is reported)."""
    texts = advice_in_order(result)[:MAX_ADVICE_LINES]
    if result.level >= Level.SEE_DOCTOR:
        texts.append("If that happens: " + rulebook.headlines[result.level])
    return [{"text": text.format_map(clinic.placeholders())} for text in texts] + [DISCLAIMER]


@lru_cache(maxsize=1)
def english_only_notices() -> Dict[str, str]:
    """ISO 639-1 code -> that the assistant reads English only, in that language (english_only.yml)."""
    notices = yaml.safe_load(ENGLISH_ONLY_NOTICES.read_text(encoding="utf-8"))
    return {code: " ".join(text.split()) for code, text in notices.items()}


def english_only_texts(language: str, clinic: ClinicSettings) -> List[Message]:
    """That the assistant reads English only, with the clinic and the emergency line: in English and,
    where we have it, in the patient's language."""
    notices, numbers = english_only_notices(), clinic.numbers_in_any_language()
    return [{"text": notices[code].format_map(clinic.placeholders()) + (f" {numbers}" if code != "en" and numbers else "")}
            for code in dict.fromkeys(["en", language]) if code in notices]


def english_only_notice(language: str, clinic: ClinicSettings = DEFAULT_CLINIC,
                        clinic_id: Optional[str] = None) -> List[Message]:
    """A message in another language that could not be read: clinics get it like the safety net,
    urgent and unassessed, with the language, so someone can call back."""
    triage = {"level": Level.URGENT.label, "assessed": False, "symptoms": [], "rules": ["safety_net.not_english"],
              "language": language}
    return english_only_texts(language, clinic) + [DISCLAIMER, {"json_message": {"triage": {
        **triage, **({"clinic_id": clinic_id} if clinic_id else {})}}}]
