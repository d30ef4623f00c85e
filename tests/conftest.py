import pytest

from triage.reading.message import load_pipeline
from triage import TriageEngine, load_rulebook


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def engine(rulebook):
    return TriageEngine(rulebook)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Lets fixtures see whether the test failed (used to print server logs)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
