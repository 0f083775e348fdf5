"""The command line: version, db upgrade, demo, GUI launch, and calm failures."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer_app import __version__, cli, config
from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, PolicyRow
from reviewer_app.data.schema import current_revision, head_revision

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_gui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, bool]]:
    """Replace ``reviewer_app.app`` so launching records its arguments instead of Qt."""
    calls: list[tuple[str | None, bool]] = []

    def run_gui(db_url: str | None, *, demo: bool = False) -> int:
        calls.append((db_url, demo))
        return 0

    module = types.ModuleType("reviewer_app.app")
    module.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reviewer_app.app", module)
    return calls


def _count(url: str, model: type) -> int:
    db = Database(create_db_engine(url, create_sqlite_file=False))
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        db.dispose()


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer_app", *args], capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120, check=False,
    )


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"reviewer-app {__version__}"


def test_version_as_a_module_in_a_subprocess() -> None:
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"reviewer-app {__version__}"


def test_db_upgrade_on_a_new_sqlite_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    url = f"sqlite:///{tmp_path / 'team.sqlite3'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "migrated schema from empty" in out and "installed the default catalog" in out
    assert _count(url, PolicyRow) == 6
    assert main(["--db", url, "db", "upgrade"]) == 0  # global --db works too
    assert "nothing to migrate" in capsys.readouterr().out
    assert _count(url, PolicyRow) == 6


def test_db_upgrade_uses_the_environment_then_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv("REVIEWER_APP_DB", env_url)
    assert main(["db", "upgrade"]) == 0
    assert (tmp_path / "env.sqlite3").is_file()
    monkeypatch.delenv("REVIEWER_APP_DB")
    assert main(["db", "upgrade"]) == 0
    assert (config.data_dir() / "reviewer.sqlite3").is_file()
    assert "catalog" in capsys.readouterr().out


@pytest.mark.pg
def test_db_upgrade_on_postgresql(empty_pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--db", empty_pg_url]) == 0
    out = capsys.readouterr().out
    assert "installed the default catalog" in out
    assert "postgres@" in out or "postgresql" in out
    engine = create_db_engine(empty_pg_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    assert _count(empty_pg_url, PolicyRow) == 6


def test_demo_command_fills_refuses_then_forces(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--appeals", "40", "--seed", "5", "--db", db_url]) == 0
    captured = capsys.readouterr()
    assert "added 40 appeals" in captured.out
    assert "40/40 appeals" in captured.err  # progress goes to stderr
    assert _count(db_url, AppealRow) == 40
    assert main(["demo", "--appeals", "10", "--db", db_url]) == 2
    assert "--force" in capsys.readouterr().err
    assert _count(db_url, AppealRow) == 40
    assert main(["demo", "--appeals", "10", "--db", db_url, "--force"]) == 0
    assert _count(db_url, AppealRow) == 50


def test_demo_command_defaults_to_the_demo_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--appeals", "12"]) == 0
    assert _count(config.demo_db_url(), AppealRow) == 12
    assert not (config.data_dir() / "reviewer.sqlite3").exists()  # real database untouched
    capsys.readouterr()


def test_launch_passes_the_chosen_database(
    fake_gui: list[tuple[str | None, bool]], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", "sqlite:///x.sqlite3"]) == 0
    monkeypatch.setenv("REVIEWER_APP_DB", "postgresql://team@db/appeals")
    assert main([]) == 0
    monkeypatch.delenv("REVIEWER_APP_DB")
    assert main([]) == 0
    assert fake_gui == [("sqlite:///x.sqlite3", False), ("postgresql://team@db/appeals", False),
                        (None, False)]


def test_launch_demo_builds_the_demo_database_first(
    fake_gui: list[tuple[str | None, bool]], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "DEMO_APPEALS", 1500)  # the default 9,000 take ~10 s
    assert main(["--demo"]) == 0
    assert fake_gui == [(config.demo_db_url(), True)]
    assert _count(config.demo_db_url(), AppealRow) == 1500
    assert "1,500/1,500 appeals" in capsys.readouterr().err
    assert not (config.data_dir() / "reviewer.sqlite3").exists()
    assert main(["--demo"]) == 0  # second time: reused, not regenerated
    assert _count(config.demo_db_url(), AppealRow) == 1500


def test_demo_with_db_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--db", "sqlite:///x.sqlite3"]) == 2
    assert "--demo" in capsys.readouterr().err


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://nobody@127.0.0.1:1/none",
    "not a url at all",
    "mysql://someone@localhost/db",
])
def test_wrong_url_exits_2_with_one_clear_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reviewer-app: error: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_wrong_sqlite_folder_creates_nothing_in_a_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "db.sqlite3"
    result = _run("db", "upgrade", "--db", f"sqlite:///{target}")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "reviewer-app: error:" in result.stderr and "missing" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_corrupt_file_in_a_subprocess_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    result = _run("demo", "--db", f"sqlite:///{path}")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"garbage" * 1000


def test_non_gui_commands_do_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from reviewer_app.cli import main; "
        f"rc = main(['db', 'upgrade', '--db', 'sqlite:///{tmp_path / 'q.sqlite3'}']); "
        "assert rc == 0, rc; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_help_documents_the_demo_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--force" in out and "--appeals" in out and "--seed" in out
