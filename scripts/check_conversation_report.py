"""Fails unless `rasa test core` evaluated at least every action step of our conversation tests.

Rasa passes with "0 / 0" when it finds no test stories (it reads only files named test_*.yml),
so a renamed file would otherwise turn the conversation tests off without a word.

usage: python scripts/check_conversation_report.py RESULTS_DIR TESTS_DIR
"""
import json
import sys
from pathlib import Path

import yaml


def action_steps(tests_dir: Path) -> int:
    count = 0
    for path in tests_dir.glob("*.yml"):
        for story in (yaml.safe_load(path.read_text()) or {}).get("stories", []):
            count += sum(1 for step in story["steps"] if "action" in step)
    return count


def evaluated_actions(results_dir: Path) -> int:
    report = json.loads((results_dir / "story_report.json").read_text())
    return int(report["weighted avg"]["support"])


def main() -> None:
    results_dir, tests_dir = Path(sys.argv[1]), Path(sys.argv[2])
    expected, evaluated = action_steps(tests_dir), evaluated_actions(results_dir)
    if expected == 0 or evaluated < expected:
        sys.exit(f"conversation tests: evaluated {evaluated} actions, expected at least {expected} "
                 f"from {tests_dir} (are the files named test_*.yml?)")
    print(f"conversation tests: {evaluated} actions evaluated ({expected} written in {tests_dir})")


if __name__ == "__main__":
    main()
