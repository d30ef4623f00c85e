"""What every action shares, loaded once when the action server starts."""
from actions.clinic_settings import ClinicSettings
from actions.message_reading import load_pipeline
from actions.triage import TriageEngine, load_rulebook

RULEBOOK = load_rulebook()
ENGINE = TriageEngine(RULEBOOK)
CLINIC = ClinicSettings.from_environment()
load_pipeline()  # at start-up, so a missing pipeline stops the server instead of a patient's reply

# Slots (domain.yml). ANSWERED is set only when an action replied; otherwise the rules reply
# (data/rules.yml): the intent's usual response, or the safety net when triage could not run.
ANSWERED_SLOT = "triage_answered"
# Set when the patient's report raises questions: a rule then starts the follow-up form.
QUESTIONS_SLOT = "followup_needed"
# The report waiting on the answers (actions/followup.py's PendingTriage).
PENDING_SLOT = "triage_pending"
