"""Emergency recall and near-miss restraint, through a freshly started assistant and the shared eval's own
conversation driver (questions answered "I'm not sure").

An emergency case passes when a turn's reply opens with "Call ... now" and the conversation's level is
emergency. A near miss fails when any turn's reply opens with "Call ... now".

usage: python scripts/evaluate_emergencies.py CASES.yml [CASES.yml ...] [-v]
  Cases whose expect is emergency are scored for recall, the others as near misses.
"""
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bot_messages import opens_with_call_now  # noqa: E402
from tests.integration.servers import HOST, LEVELS, RunningAssistant, load_run_eval  # noqa: E402


def level_of(run_eval, replies) -> str:
    levels = [level for level in run_eval.triage_levels(replies) if level in LEVELS]
    return max(levels, key=LEVELS.index) if levels else "none"


def main() -> int:
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    verbose = "-v" in sys.argv
    if not paths:
        sys.exit(__doc__)
    run_eval = load_run_eval()
    assistant = RunningAssistant(action_timeout_seconds=10)
    try:
        url = f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook"
        for path in paths:
            cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
            recalled = emergencies = near_called = near = near_acceptable = 0
            for case in cases:
                transcript, replies = run_eval.run_case(url, case)
                called = any(opens_with_call_now(turn_replies) for _, turn_replies in transcript)
                got = level_of(run_eval, replies)
                if case["expect"] == "emergency":
                    emergencies += 1
                    good = called and got == "emergency"
                    recalled += good
                else:
                    near += 1
                    good = not called
                    near_called += called
                    near_acceptable += got in {case["expect"], *case.get("accept", [])}
                print(f"{case['id']:8} {case.get('voice', ''):11} expect={case['expect']:10} got={got:10} "
                      f"call_now={'yes' if called else 'no '}{'' if good else '  <-- MISS'}")
                if verbose:
                    for said, turn_replies in transcript:
                        print(f"      > {said}")
                        for reply in turn_replies:
                            print("          <", (reply.get("text") or str(reply.get("custom")))[:150])
            print(f"== {path}")
            if emergencies:
                print(f"emergencies: {recalled}/{emergencies} got 'call ... now' first and level emergency")
            if near:
                print(f"near misses: {near_called}/{near} got 'call ... now' ({near_called / near:.1%}); "
                      f"{near_acceptable}/{near} at an acceptable level")
        return 0
    finally:
        assistant.stop()


if __name__ == "__main__":
    sys.exit(main())
