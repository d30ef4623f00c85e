"""Turns a triage result into the messages the patient is sent. The only place replies are composed,
so the disclaimer and the clinics' payload cannot be forgotten on any path. Imports nothing from Rasa:
each message is the keyword arguments of a dispatcher's utter_message ({"text": ...}, {"response":
...} or {"json_message": ...}); actions/ sends them."""
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from triage import Level, RuleBook, TriageResult
from triage.clinic_settings import ClinicSettings

DISCLAIMER_RESPONSE = "utter_disclaimer"
DISCLAIMER = {"response": DISCLAIMER_RESPONSE}
ENGLISH_ONLY_NOTICES = Path(__file__).with_name("english_only.yml")
Message = Dict[str, Any]


def triage_payload(result: TriageResult, clinic_id: Optional[str] = None) -> Dict[str, Any]:
    """What clinics route on: ``{"triage": {"level", "symptoms", "rules"}}``, plus ``clinic_id``
    when the clinic's page or back end passed one in the message metadata."""
    triage = {"level": result.level.label, "symptoms": list(result.symptoms), "rules": list(result.rule_ids)}
    return {"triage": {**triage, **({"clinic_id": clinic_id} if clinic_id else {})}}


def advice_texts(result: TriageResult, rulebook: RuleBook, at_least: Level = Level.SELF_CARE) -> List[str]:
    """One message per symptom, most urgent first, from rules of ``at_least`` that level; advice
    already given is not repeated."""
    given, texts = set(), []
    for assessment in result.assessments:
        advice = [rule.advice for rule in assessment.rules if rule.level >= at_least and rule.advice not in given]
        given.update(advice)
        if advice:
            texts.append(f"About {rulebook.symptoms[assessment.symptom]}: " + " ".join(advice))
    return texts


def emergency_text(result: TriageResult, rulebook: RuleBook) -> str:
    """"Call ... now", then why, in one message: the advice of the emergency rules only. Advice about
    the spot would only distract from the call."""
    reasons = [rule.advice for assessment in result.assessments for rule in assessment.rules
               if rule.level == Level.EMERGENCY]
    return " ".join([rulebook.headlines[Level.EMERGENCY]] + list(dict.fromkeys(reasons)))


def reply_texts(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings) -> List[str]:
    """The level's headline, the advice that fits, how to reach the clinic, then what to watch for;
    settings filled in. From urgent up, reassurance about the spot is left out: it would blur the
    one thing to do."""
    if result.level == Level.EMERGENCY:
        texts = [emergency_text(result, rulebook)]
    else:
        at_least = Level.SEE_DOCTOR if result.level >= Level.URGENT else Level.SELF_CARE
        optional = [rulebook.headlines.get(result.level)] + advice_texts(result, rulebook, at_least) + [
            clinic.contact_line(result.level), rulebook.safety_nets.get(result.level)]
        texts = [text for text in optional if text]
    return [text.format_map(clinic.placeholders()) for text in texts]


def general_answer(response: str) -> List[Message]:
    """An answer to a general question: information, with the disclaimer but no triage level."""
    return [{"response": response}, DISCLAIMER]


BEFORE_TREATMENT = ("It sounds like the spot has not been frozen yet. I help with what happens after freezing; "
                    "{clinic} can answer questions about the treatment itself. Afterwards, redness, a blister and "
                    "a scab are the usual course, and you can tell me what you notice.")


def before_treatment_answer(asked: Optional[TriageResult], rulebook: RuleBook,
                            clinic: ClinicSettings = ClinicSettings()) -> List[Message]:
    """"I'm going to have a wart frozen, will it scar?": no level, since nothing has happened yet; the
    rules' advice on what the patient asked about, if anything, with the disclaimer."""
    opening = {"text": BEFORE_TREATMENT.format_map(clinic.placeholders())}
    return [opening] + (what_if_answer(asked, rulebook, clinic) if asked else [DISCLAIMER])


def what_if_answer(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings = ClinicSettings()) -> List[Message]:
    """"If it starts oozing, do I need a doctor?": the rules' advice on it, and what to do if it
    happens, as information with the disclaimer and no triage level (nothing is reported)."""
    texts = advice_texts(result, rulebook)
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
    notices = english_only_notices()
    return [{"text": notices[code].format_map(clinic.placeholders())}
            for code in dict.fromkeys(["en", language]) if code in notices]


def english_only_notice(language: str, clinic: ClinicSettings = ClinicSettings(),
                        clinic_id: Optional[str] = None) -> List[Message]:
    """A message in another language that could not be read: clinics get it like the safety net,
    urgent and unassessed, with the language, so someone can call back."""
    triage = {"level": Level.URGENT.label, "assessed": False, "symptoms": [], "rules": ["safety_net.not_english"],
              "language": language}
    return english_only_texts(language, clinic) + [DISCLAIMER, {"json_message": {"triage": {
        **triage, **({"clinic_id": clinic_id} if clinic_id else {})}}}]


def triage_reply(result: TriageResult, rulebook: RuleBook, clinic: ClinicSettings = ClinicSettings(),
                 clinic_id: Optional[str] = None) -> List[Message]:
    """Advice, then the disclaimer, then the payload clinics route on."""
    return ([{"text": text} for text in reply_texts(result, rulebook, clinic)]
            + [DISCLAIMER, {"json_message": triage_payload(result, clinic_id)}])
