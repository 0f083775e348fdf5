"""The set-up scripts parse, and the README documents the commands they really offer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BOOTSTRAP = REPO / "packaging" / "bootstrap.sh"
CI_RUN = REPO / ".ci" / "run"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@pytest.mark.parametrize("script", [BOOTSTRAP, CI_RUN], ids=["bootstrap", "ci-run"])
def test_script_is_valid_bash(script: Path) -> None:
    """``bash -n`` finds no syntax error."""
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_unknown_command_prints_usage_and_fails() -> None:
    """Without a known command the bootstrap changes nothing, shows its usage, exits 2."""
    result = subprocess.run(["bash", str(BOOTSTRAP), "no-such-command"], capture_output=True,
                            text=True, check=False, timeout=30)
    assert result.returncode == 2
    for command in ("run", "test", "setup"):
        assert f"bootstrap.sh {command}" in result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run and the README name the same test command."""
    command = "bash packaging/bootstrap.sh test"
    assert command in CI_RUN.read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert command in readme
    assert "bash packaging/bootstrap.sh run" in readme
