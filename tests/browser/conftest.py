"""Every test here drives Chromium or the widget's web server: marked browser, so that make unit leaves
them out."""
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.resolve().parents:  # the hook is handed every test of the run
            item.add_marker(pytest.mark.browser)
