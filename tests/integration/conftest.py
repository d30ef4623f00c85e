"""Every test here starts the real servers: marked integration, so that make unit leaves them out."""
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.resolve().parents:  # the hook is handed every test of the run
            item.add_marker(pytest.mark.integration)
