"""Sends a triage result to the patient. The only place triage messages are composed, so the
disclaimer and the clinics' payload cannot be forgotten on any path."""
from typing import Any, Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_settings import ClinicSettings
from actions.triage import Level, RuleBook, TriageResult

DISCLAIMER_RESPONSE = "utter_disclaimer"


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


def send_general_answer(dispatcher: CollectingDispatcher, response: str) -> None:
    """An answer to a general question: information, with the disclaimer but no triage level."""
    dispatcher.utter_message(response=response)
    dispatcher.utter_message(response=DISCLAIMER_RESPONSE)


def send_what_if_answer(dispatcher: CollectingDispatcher, result: TriageResult, rulebook: RuleBook,
                        clinic: ClinicSettings = ClinicSettings()) -> None:
    """"If it starts oozing, do I need a doctor?": the rules' advice on it, and what to do if it
    happens, as information with the disclaimer and no triage level (nothing is reported)."""
    texts = advice_texts(result, rulebook)
    if result.level >= Level.SEE_DOCTOR:
        texts.append("If that happens: " + rulebook.headlines[result.level])
    for text in texts:
        dispatcher.utter_message(text=text.format_map(clinic.placeholders()))
    dispatcher.utter_message(response=DISCLAIMER_RESPONSE)


def english_only_texts(language: str, notices: Dict[str, str], clinic: ClinicSettings) -> List[str]:
    """That the assistant reads English only, with the clinic and the emergency line: in English and,
    where we have it, in the patient's language."""
    return [notices[code].format_map(clinic.placeholders()) for code in dict.fromkeys(["en", language]) if code in notices]


def send_english_only_notice(dispatcher: CollectingDispatcher, language: str, notices: Dict[str, str],
                             clinic: ClinicSettings = ClinicSettings(), clinic_id: Optional[str] = None) -> None:
    """A message in another language that could not be read: clinics get it like the safety net,
    urgent and unassessed, with the language, so someone can call back."""
    for text in english_only_texts(language, notices, clinic):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(response=DISCLAIMER_RESPONSE)
    triage = {"level": Level.URGENT.label, "assessed": False, "symptoms": [], "rules": ["safety_net.not_english"],
              "language": language}
    dispatcher.utter_message(json_message={"triage": {**triage, **({"clinic_id": clinic_id} if clinic_id else {})}})


def send_triage_reply(dispatcher: CollectingDispatcher, result: TriageResult, rulebook: RuleBook,
                      clinic: ClinicSettings = ClinicSettings(), clinic_id: Optional[str] = None) -> None:
    for text in reply_texts(result, rulebook, clinic):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(response=DISCLAIMER_RESPONSE)
    dispatcher.utter_message(json_message=triage_payload(result, clinic_id))
