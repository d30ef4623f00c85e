"""The gate on the development parts of the corpus of real patients' words and of the written probes,
through the real servers and the shared eval's own conversation driver. The held-out parts are never
run here: `make evaluate-heldout` runs the corpus's, and only a closing note reports them."""
import pytest
import yaml

from tests.integration.servers import HOST, LEVELS, REPO, RunningAssistant, load_run_eval

CASES = REPO / "tests" / "triage_cases"
DEVELOPMENT = [CASES / "corpus" / "development.yml", CASES / "written_probes" / "development.yml",
               CASES / "written_probes" / "round2" / "chat_development.yml",
               CASES / "written_probes" / "round2" / "forum_development.yml"]
# Measured 263/286 (0.920) on the four files when the gate was last raised, a few cases' margin below it;
# a fall below is a regression to look into. Raise it as the reading improves.
MIN_ACCEPTABLE_RATE = 0.89


@pytest.fixture(scope="module")
def results():
    run_eval = load_run_eval()
    disclaimers = run_eval.disclaimer_texts(str(REPO / "domain.yml"))
    assistant = RunningAssistant(action_timeout_seconds=10)
    try:
        url = f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook"
        outcomes = []
        for case in [case for path in DEVELOPMENT for case in yaml.safe_load(path.read_text())["cases"]]:
            transcript, replies = run_eval.run_case(url, case)
            levels = [level for level in run_eval.triage_levels(replies) if level in LEVELS]
            got = max(levels, key=LEVELS.index) if levels else "none"
            outcomes.append((case, got, transcript, run_eval.has_disclaimer(replies, disclaimers)))
        return outcomes
    finally:
        assistant.stop()


def acceptable(case, got):
    return got in {case["expect"], *case.get("accept", [])}


def test_no_hazardous_under_triage(results):
    hazardous = [case["id"] for case, got, _, _ in results
                 if case["expect"] in ("urgent", "emergency") and not acceptable(case, got)
                 and (got == "none" or LEVELS.index(got) < min(LEVELS.index(x) for x in
                                                               {case["expect"], *case.get("accept", [])} if x in LEVELS))]
    assert hazardous == []


def test_every_triage_reply_carries_the_disclaimer_and_no_turn_is_silent(results):
    assert [case["id"] for case, got, _, disclaimer in results if got != "none" and not disclaimer] == []
    assert [case["id"] for case, _, transcript, _ in results if any(not replies for _, replies in transcript)] == []


def test_the_acceptable_rate_holds(results):
    rate = sum(acceptable(case, got) for case, got, _, _ in results) / len(results)
    assert rate >= MIN_ACCEPTABLE_RATE, f"acceptable {rate:.3f}"
