"""Runs a set of triage cases (the shared eval's format) through a freshly started assistant: real
Rasa and action servers on free loopback ports, then ../shared/eval/run_eval.py against them.

usage: python scripts/evaluate_corpus.py CASES.yml [-v]
  make evaluate-corpus   the corpus's development part (make test also gates on it)
  make evaluate-heldout  the held-out part: the honest figure, run once at the end of a change
"""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.integration.servers import HOST, RunningAssistant  # noqa: E402

RUN_EVAL = REPO.parent / "shared" / "eval" / "run_eval.py"


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    assistant = RunningAssistant(action_timeout_seconds=10)
    try:
        url = f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook"
        return subprocess.call([sys.executable, str(RUN_EVAL), "--url", url, "--domain", str(REPO / "domain.yml"),
                                "--cases", sys.argv[1], *sys.argv[2:]])
    finally:
        assistant.stop()


if __name__ == "__main__":
    sys.exit(main())
