"""Architecture checks: the import-linter layer contracts of pyproject.toml, and ruff."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import importlinter.api  # noqa: F401 - configures import-linter's adapters before use
import pytest
from importlinter.application import use_cases
from importlinter.application.user_options import UserOptions

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = REPO / "pyproject.toml"


def _broken_contracts(options: UserOptions) -> list[str]:
    """Names and details of every contract that is broken or could not be checked."""
    # lint_imports() does this registration itself; create_report() expects it done (the
    # built-in "layers"/"forbidden" types are only known after it). The private helper was
    # renamed in import-linter 2.17 and no longer takes the options.
    register = getattr(use_cases, "_register_built_in_contract_types", None)
    if register is not None:
        register()
    else:
        use_cases._register_contract_types(options)
    report = use_cases.create_report(options, cache_dir=None)
    problems = [
        f"{name}: invalid options {exc}" for name, exc in report.invalid_contract_options.items()
    ]
    for contract, check in report.get_contracts_and_checks():
        if not check.kept:
            problems.append(f"{contract.name}: {check.metadata}")
    return problems


def _project_options() -> UserOptions:
    return use_cases.read_user_options(str(PYPROJECT))


def test_import_contracts_are_kept() -> None:
    """Every layer/forbidden contract in pyproject.toml holds for reviewer_app."""
    options = _project_options()
    assert options.contracts_options, "pyproject.toml declares no import-linter contracts"
    problems = _broken_contracts(options)
    assert not problems, "broken import contracts:\n" + "\n".join(problems)


def _renamed(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_renamed(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, old, new) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("domain/__init__.py", "import sqlalchemy\n", "Domain is pure"),
        ("ui/__init__.py", "import fakeapp.data\n", "UI never touches the database directly"),
        ("services/__init__.py", "import PySide6\n", "Data and services never touch Qt"),
        ("data/__init__.py", "import fakeapp.services\n", "Layers point down only"),
        ("config.py", "import fakeapp.domain\n", "config and log are leaves"),
    ],
)
def test_contracts_catch_a_violation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str, broken: str
) -> None:
    """The same contracts, applied to a copy of the layout with one bad import, report it.

    Guards against contracts that pass vacuously (a renamed package, a typo in a module name).
    """
    pkg = tmp_path / "fakeapp"
    for sub in ("ui", "workers", "services", "data", "domain"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    for name in ("__init__", "__main__", "app", "first_run_tasks", "cli", "config", "log"):
        (pkg / f"{name}.py").write_text("")
    # The real __main__ imports cli (pyproject ignores that import; the ignore must match).
    (pkg / "__main__.py").write_text("import fakeapp.cli\n")
    (pkg / module).write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    project = _project_options()
    options = UserOptions(
        session_options=_renamed(project.session_options, "reviewer_app", "fakeapp"),
        contracts_options=_renamed(project.contracts_options, "reviewer_app", "fakeapp"),
    )
    problems = _broken_contracts(options)
    assert len(problems) >= 1
    assert any(p.startswith(broken) for p in problems), problems


def _qt_modules_imported(source: str) -> set[str]:
    """Every ``PySide6...`` module a piece of source imports (``import`` and ``from``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "PySide6")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "PySide6":
                found.update(f"PySide6.{a.name}" for a in node.names)
            elif node.module.startswith("PySide6."):
                found.add(node.module)
    return found


def test_qt_import_scan_sees_widgets() -> None:
    """The scan below would notice a widget import in any of its spellings."""
    src = (
        "import PySide6.QtGui\n"
        "from PySide6 import QtWidgets\n"
        "from PySide6.QtCore import QObject\n"
    )
    assert _qt_modules_imported(src) == {"PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtCore"}


def test_workers_use_only_qtcore() -> None:
    """workers/ is the thread bridge: PySide6.QtCore only, never widgets or QtGui."""
    bad = {
        f"{path.relative_to(REPO)}: {mod}"
        for path in (REPO / "reviewer_app" / "workers").rglob("*.py")
        for mod in _qt_modules_imported(path.read_text(encoding="utf-8"))
        # The bare package (e.g. for ``PySide6.__version__``) loads no Qt module.
        if mod not in ("PySide6", "PySide6.QtCore")
    }
    assert not bad, sorted(bad)


def test_ruff_passes() -> None:
    """``ruff check reviewer_app tests`` reports nothing."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed (it is a dev dependency: pip install -e '.[dev]')"
    result = subprocess.run(
        [ruff, "check", "--no-cache", "reviewer_app", "tests"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
