"""Runs the `rasa` command line with our changes to Rasa applied (channels/rasa_patches.py): the
action-server wait bounded to ACTION_TIMEOUT_SECONDS (default 2), and a failed form validation ending
the form rather than the turn. `rasa run` with our credentials.yml applies them too; this wrapper also
covers commands that load no channel of ours, such as `rasa shell`.

usage: python run_rasa.py <any rasa arguments>, e.g. python run_rasa.py run --port 5005
"""
import sys


def main() -> None:
    try:
        import channels.rasa_patches  # noqa: F401  applies the changes on import
    except ValueError as error:
        sys.exit(str(error))
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
