"""Emergency recall and near-miss restraint, through a freshly started assistant and the shared eval's own
conversation driver (questions answered "I'm not sure").

An emergency case passes when a turn's reply opens with "Call ... now" and the conversation's level is
emergency. A near miss fails when any turn's reply opens with "Call ... now"; the summary says how many of those
were the conditional emergency check ("Call ... now if any of these is happening: ... Is one happening now?")
rather than an emergency outcome, and how many were told on a first message that alone is an emergency by the
clinical reference (a case's first_message_alone: "cant breathe", then "not literally"), which is right and does
not count against restraint; of those, how many were told it again on a later message (the emergency is kept:
an emergency sign is not taken back on words of a joke).

usage: python scripts/evaluate_emergencies.py CASES.yml [CASES.yml ...] [-v]
  Cases whose expect is emergency are scored for recall, the others as near misses.
"""
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bot_messages import (kept_after_a_first_message_alone, near_miss_told_to_call_now,  # noqa: E402
                                opens_with_call_now, opens_with_emergency_check)
from tests.integration.servers import conversed_cases  # noqa: E402


def main() -> int:
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    verbose = "-v" in sys.argv
    if not paths:
        sys.exit(__doc__)
    counts = defaultdict(lambda: defaultdict(int))
    for path, case, got, transcript, _ in conversed_cases(paths):
        count, mark = counts[path], ""
        if case["expect"] == "emergency":
            good = any(opens_with_call_now(turn) for _, turn in transcript) and got == "emergency"
            count["emergencies"] += 1
            count["recalled"] += good
            mark = "call_now=" + ("yes" if good else "no ")
        else:
            called = near_miss_told_to_call_now(case, transcript)
            only_checked = called and all(opens_with_emergency_check(turn) for _, turn in transcript
                                          if opens_with_call_now(turn))
            alarm_first = not called and any(opens_with_call_now(turn) for _, turn in transcript)
            good = not called
            count["near"] += 1
            count["near_called"] += called
            count["near_only_checked"] += only_checked
            count["near_alarm_first"] += alarm_first
            count["near_kept"] += kept_after_a_first_message_alone(case, transcript)
            count["near_acceptable"] += got in {case["expect"], *case.get("accept", [])}
            mark = "call_now=" + ("check" if only_checked else "yes" if called else
                                  "first message alone" if alarm_first else "no ")
        print(f"{case['id']:8} {case.get('voice', ''):11} expect={case['expect']:10} got={got:10} "
              f"{mark}{'' if good else '  <-- MISS'}")
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
                  f"({count['near_called'] / count['near']:.1%}; {count['near_only_checked']} of them only the "
                  f"emergency check); {count['near_alarm_first']} more on a first message that alone is an "
                  f"emergency ({count['near_kept']} of them told again later); "
                  f"{count['near_acceptable']}/{count['near']} at an acceptable level")
    return 0


if __name__ == "__main__":
    sys.exit(main())
