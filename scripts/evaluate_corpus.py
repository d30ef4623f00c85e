"""Runs sets of triage cases (the shared eval's format) through a freshly started assistant: real
Rasa and action servers on free loopback ports, then ../shared/eval/run_eval.py against them, and
after its summary, how long the replies are: the words of the reply that carried the first triage
outcome of each case (a patient's first report), disclaimer included.

usage: python scripts/evaluate_corpus.py CASES.yml [CASES.yml ...] [-v]
  make evaluate-corpus   the corpus's development part (make test also gates on it)
  make evaluate-heldout  the held-out part: the honest figure, run once at the end of a change
"""
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.bot_messages import first_outcome_words  # noqa: E402
from tests.integration.servers import HOST, RUN_EVAL, RunningAssistant, load_run_eval  # noqa: E402


def evaluate(run_eval, url: str, cases_path: str, options) -> None:
    """run_eval's own scoring and summary; its conversations are kept to measure the replies."""
    transcripts = []
    run_case = run_eval.run_case

    def recording_run_case(*args, **kwargs):
        transcript, replies = run_case(*args, **kwargs)
        transcripts.append(transcript)
        return transcript, replies

    run_eval.run_case = recording_run_case
    sys.argv = [str(RUN_EVAL), "--url", url, "--domain", str(REPO / "domain.yml"), "--cases", cases_path, *options]
    try:
        run_eval.main()
    finally:
        run_eval.run_case = run_case
    lengths = [words for words in map(first_outcome_words, transcripts) if words is not None]
    if lengths:
        print(f"first outcome reply words: median={statistics.median(lengths):g} "
              f"max={max(lengths)} over {len(lengths)} cases with an outcome")


def main() -> int:
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    options = [arg for arg in sys.argv[1:] if arg.startswith("-")]
    if not paths:
        sys.exit(__doc__)
    run_eval = load_run_eval()
    assistant = RunningAssistant(action_timeout_seconds=10)
    try:
        url = f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook"
        for path in paths:
            print(f"== {path}")
            evaluate(run_eval, url, path, options)
        return 0
    finally:
        assistant.stop()


if __name__ == "__main__":
    sys.exit(main())
