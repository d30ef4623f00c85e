"""No test module imports another test module or a conftest: pytest imports each test module itself,
so helpers shared by tests live in modules of their own (tests/bot_messages.py, tests/form_driver.py,
tests/sources.py, tests/integration/servers.py, tests/browser/widget_server.py) or in conftest fixtures."""
import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def imported_test_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if is_test_module(alias.name))
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if node.module and is_test_module(node.module):
                yield module
            else:  # from tests.unit import test_engine; from . import conftest
                prefix = module if module.endswith(".") else module + "."
                yield from (prefix + alias.name for alias in node.names if is_test_module(alias.name))


def test_no_module_under_tests_imports_a_test_module_or_a_conftest():
    modules = sorted(TESTS.rglob("*.py"))
    assert any(path.name.startswith("test_") for path in modules)
    found = {str(path.relative_to(TESTS)): imports for path in modules
             if (imports := sorted(set(imported_test_modules(path))))}
    assert not found, f"move what they share into a helper module or a conftest fixture: {found}"


def test_the_check_sees_each_form_of_import(tmp_path):
    source = tmp_path / "test_example.py"
    source.write_text("import tests.test_actions\nfrom tests.conftest import ARTICLE\n"
                      "from tests.unit import test_engine\nfrom . import conftest\nfrom .test_story import x\n"
                      "from tests.form_driver import converse\nimport pytest\n")
    assert sorted(set(imported_test_modules(source))) == sorted(
        {"tests.test_actions", "tests.conftest", "tests.unit.test_engine", ".conftest", ".test_story"})
