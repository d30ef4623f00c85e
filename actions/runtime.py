"""What every action shares, loaded once when the action server starts."""
from triage.clinic_settings import ClinicSettings
from triage.reading.message import load_pipeline
from triage import TriageEngine, load_rulebook

RULEBOOK = load_rulebook()
ENGINE = TriageEngine(RULEBOOK)
CLINIC = ClinicSettings.from_environment()
load_pipeline()  # at start-up, so a missing pipeline stops the server instead of a patient's reply

# Slots (domain.yml). ANSWERED is set only when an action replied; otherwise the rules reply
# (data/rules.yml): the intent's usual response, or the safety net when triage could not run.
ANSWERED_SLOT = "triage_answered"
# Set when the patient's report raises questions: a rule then starts the follow-up form.
QUESTIONS_SLOT = "followup_needed"
# The report waiting on the answers (triage/followup.py's PendingTriage).
PENDING_SLOT = "triage_pending"
# Set when the patient was asked what they notice: a second unreadable message gets a safe answer.
SYMPTOM_ASKED_SLOT = "symptom_asked"
# Lasting facts from the patient's earlier messages in this session (triage/observation.py).
REMEMBERED_SLOT = "remembered_facts"


def send(dispatcher, messages) -> None:
    """Sends the messages triage/replies.py composed: each is the keyword arguments of utter_message."""
    for message in messages:
        dispatcher.utter_message(**message)


def clinic_id_of(message) -> "str | None":
    """The clinic id a clinic's page or back end passes in the message metadata, if any."""
    clinic_id = ((message or {}).get("metadata") or {}).get("clinic_id")
    return str(clinic_id)[:100] if clinic_id else None
