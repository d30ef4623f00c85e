"""Runs the `rasa` command line with the custom-action timeout bounded.

Rasa 3.6 waits up to 5 minutes for the action server (a constant, not a setting). A patient
should not wait that long: after ACTION_TIMEOUT_SECONDS (default 10) the action counts as
failed and the rules send the safety-net reply instead.

usage: python run_rasa.py <any rasa arguments>, e.g. python run_rasa.py run --port 5005
"""
import os
import sys

ACTION_TIMEOUT_ENV = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT_SECONDS = 10.0


def bound_action_timeout(seconds: float) -> None:
    import rasa.core.actions.action as rasa_action

    rasa_action.DEFAULT_REQUEST_TIMEOUT = seconds


def main() -> None:
    seconds = float(os.environ.get(ACTION_TIMEOUT_ENV, DEFAULT_ACTION_TIMEOUT_SECONDS))
    if not seconds > 0:
        sys.exit(f"{ACTION_TIMEOUT_ENV} must be a positive number of seconds")
    bound_action_timeout(seconds)
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
