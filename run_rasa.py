"""Runs the `rasa` command line with the custom-action timeout bounded.

Rasa 3.6 waits up to 5 minutes for the action server (a constant, not a setting). A patient
should not wait that long: after ACTION_TIMEOUT_SECONDS (default 10) the action counts as
failed and the rules send the safety-net reply instead.

Rasa also sends nothing at all when a form's validation action fails (the form's turn just ends
with no events). Here a failed validation ends the form instead, so the rule for a failed
advice after the questions sends the safety net (data/rules.yml).

usage: python run_rasa.py <any rasa arguments>, e.g. python run_rasa.py run --port 5005
"""
import os
import sys

ACTION_TIMEOUT_ENV = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT_SECONDS = 10.0


def bound_action_timeout(seconds: float) -> None:
    import rasa.core.actions.action as rasa_action

    rasa_action.DEFAULT_REQUEST_TIMEOUT = seconds


def end_form_when_its_validation_fails() -> None:
    import logging

    from rasa.core.actions.forms import FormAction
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import SlotSet

    validate_slots = FormAction.validate_slots

    async def validate_or_end(self, *args, **kwargs):
        try:
            return await validate_slots(self, *args, **kwargs)
        except ActionExecutionRejection:
            raise
        except Exception:  # unreachable, failing or timed out: the form must not end in silence
            logging.getLogger(__name__).exception("validation of form %s failed: ending the form", self.name())
            return [SlotSet(REQUESTED_SLOT, None)]

    FormAction.validate_slots = validate_or_end


def main() -> None:
    seconds = float(os.environ.get(ACTION_TIMEOUT_ENV, DEFAULT_ACTION_TIMEOUT_SECONDS))
    if not seconds > 0:
        sys.exit(f"{ACTION_TIMEOUT_ENV} must be a positive number of seconds")
    bound_action_timeout(seconds)
    end_form_when_its_validation_fails()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
