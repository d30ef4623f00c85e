"""The gate on the development parts of the corpus of real patients' words and of the written probes,
through the real servers and the shared eval's own conversation driver. The held-out parts are never
run here: `make evaluate-heldout` runs the corpus's, and only a closing note reports them."""
import pytest

from tests.integration.servers import LEVELS, REPO, conversed_cases, load_run_eval

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
    return [(case, got, transcript, run_eval.has_disclaimer(replies, disclaimers))
            for _, case, got, transcript, replies in conversed_cases(DEVELOPMENT)]


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
