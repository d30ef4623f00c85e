"""scripts/find_python310.sh must skip a `python3.10` that does not run (a pyenv shim exits 127)."""
import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "find_python310.sh"


def run_script(path_dirs, home):
    env = {"PATH": os.pathsep.join(map(str, path_dirs)), "HOME": str(home)}
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True)


def broken_shim(directory: Path) -> Path:
    shim = directory / "python3.10"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.10: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    return shim


def test_a_shim_that_exits_127_is_skipped(tmp_path):
    shim = broken_shim(tmp_path)
    result = run_script([tmp_path, "/usr/bin", "/bin"], home=tmp_path)
    assert str(shim) not in result.stdout
    if result.returncode == 0:  # this machine has a real 3.10 elsewhere
        found = result.stdout.strip()
        version = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2])"],
                                 capture_output=True, text=True).stdout
        assert version.strip() == "(3, 10)"
    else:
        assert "pyenv install 3.10" in result.stderr


def test_it_finds_pyenvs_310_under_home(tmp_path):
    pyenv_home = Path.home()
    if not list((pyenv_home / ".pyenv" / "versions").glob("3.10.*/bin/python3.10")):
        import pytest
        pytest.skip("no pyenv 3.10 on this machine")
    broken_shim(tmp_path)
    result = run_script([tmp_path, "/usr/bin", "/bin"], home=pyenv_home)
    assert result.returncode == 0, result.stderr
    assert "/.pyenv/versions/3.10." in result.stdout


def test_with_no_python310_it_says_what_to_install(tmp_path):
    broken_shim(tmp_path)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    (empty_bin / "bash").symlink_to("/bin/bash")
    result = subprocess.run(["/bin/bash", str(SCRIPT)], env={"PATH": f"{tmp_path}:{empty_bin}", "HOME": str(tmp_path)},
                            capture_output=True, text=True)
    if Path("/usr/bin/python3.10").exists() or Path("/usr/local/bin/python3.10").exists():
        return  # the script rightly finds the system one
    assert result.returncode == 1
    assert "no working Python 3.10" in result.stderr and "pyenv install 3.10" in result.stderr
