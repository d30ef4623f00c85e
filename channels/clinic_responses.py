"""The domain's responses with the clinic's details filled in, in the Rasa server itself: the disclaimer
and the safety-net replies sent while the action server is down name the clinic's emergency number, the
clinic and its phone (EMERGENCY_NUMBER, CLINIC_NAME, CLINIC_PHONE) like every other reply. A response
writes them as {emergency_number}, {clinic} and {clinic_to_call} (triage/clinic_settings.py).

The disclaimer keeps the domain's words exactly (the evaluations find it by them) and the clinic's emergency
number follows them (ClinicSettings.disclaimer_details).

Rasa's own way to plug in a response generator: endpoints.yml, `nlg: type: channels.clinic_responses.ClinicResponses`.
"""
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator

from triage.clinic_settings import ClinicSettings

DISCLAIMER = "utter_disclaimer"  # triage/replies.py


class ClinicResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None,
                 clinic: Optional[ClinicSettings] = None) -> None:
        super().__init__(domain.responses if domain is not None else {})
        self.clinic = clinic or ClinicSettings.from_environment()

    def generate_from_slots(self, utter_action: Text, filled_slots: Dict[Text, Any], output_channel: Text,
                            **kwargs: Any) -> Optional[Dict[Text, Any]]:
        generated = super().generate_from_slots(utter_action, filled_slots, output_channel,
                                                **{**self.clinic.placeholders(), **kwargs})
        details = self.clinic.disclaimer_details()
        if utter_action == DISCLAIMER and generated and generated.get("text") and details:
            generated = {**generated, "text": f"{generated['text']} {details}"}
        return generated
