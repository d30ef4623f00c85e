"""The core stays Rasa-free, and imports run one way: triage/ (text -> reading -> observation ->
engine -> reply texts) knows nothing of actions/, the rasa-sdk adapter over it."""
import ast
from pathlib import Path

import pytest

TRIAGE = Path(__file__).resolve().parents[2] / "triage"


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", sorted(TRIAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(TRIAGE)))
def test_the_triage_core_imports_nothing_from_rasa_or_the_adapter(path):
    bad = [m for m in imported_modules(path) if m.split(".")[0] in ("rasa", "rasa_sdk", "actions", "channels")]
    assert not bad, f"{path.name} imports {bad}"


def test_the_reading_does_not_reach_forward_into_the_engine_or_the_replies():
    # Only the reading's own modules: not the engine, the replies or the package root that exports them.
    for path in (TRIAGE / "reading").rglob("*.py"):
        forward = [m for m in imported_modules(path) if m.startswith("triage") and not m.startswith("triage.reading")]
        assert not forward, f"{path.name} imports {forward}"
