"""Emergency recall and near-miss restraint, through a freshly started assistant and the shared eval's own
conversation driver (questions answered "I'm not sure").

An emergency case passes when a turn's reply opens with "Call ... now" and the conversation's level is
emergency. A near miss fails when any turn's reply opens with "Call ... now".

usage: python scripts/evaluate_emergencies.py CASES.yml [CASES.yml ...] [-v]
  Cases whose expect is emergency are scored for recall, the others as near misses.
"""
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bot_messages import opens_with_call_now  # noqa: E402
from tests.integration.servers import conversed_cases  # noqa: E402


def main() -> int:
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    verbose = "-v" in sys.argv
    if not paths:
        sys.exit(__doc__)
    counts = defaultdict(lambda: defaultdict(int))
    for path, case, got, transcript, _ in conversed_cases(paths):
        called = any(opens_with_call_now(turn_replies) for _, turn_replies in transcript)
        count = counts[path]
        if case["expect"] == "emergency":
            good = called and got == "emergency"
            count["emergencies"] += 1
            count["recalled"] += good
        else:
            good = not called
            count["near"] += 1
            count["near_called"] += called
            count["near_acceptable"] += got in {case["expect"], *case.get("accept", [])}
        print(f"{case['id']:8} {case.get('voice', ''):11} expect={case['expect']:10} got={got:10} "
              f"call_now={'yes' if called else 'no '}{'' if good else '  <-- MISS'}")
        if verbose:
            for said, turn_replies in transcript:
                print(f"      > {said}")
                for reply in turn_replies:
                    print("          <", (reply.get("text") or str(reply.get("custom")))[:150])
    for path in paths:
        count = counts[path]
        print(f"== {path}")
        if count["emergencies"]:
            print(f"emergencies: {count['recalled']}/{count['emergencies']} got 'call ... now' first and level emergency")
        if count["near"]:
            print(f"near misses: {count['near_called']}/{count['near']} got 'call ... now' "
                  f"({count['near_called'] / count['near']:.1%}); {count['near_acceptable']}/{count['near']} "
                  f"at an acceptable level")
    return 0


if __name__ == "__main__":
    sys.exit(main())
