"""`reviewer-app report kpis|dsa` through ``cli.main``: JSON shapes, table, errors, Ctrl+C."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kpi_data import FROM, TO, build_week

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.kpis import KPI_KEYS

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def week_url(db_url: str) -> str:
    """A database (SQLite and PostgreSQL) holding tests/kpi_data.py's week."""
    db = Database(create_db_engine(db_url))
    try:
        build_week(db)
    finally:
        db.dispose()
    return db_url


def run_json(capsys: Capsys, *args: str) -> Any:
    argv = list(args) if args[0] == "--db" else ["report", *args]  # --db before "report"
    assert main([*argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1, out
    return json.loads(out)


def run_error(capsys: Capsys, *args: str) -> str:
    assert main(["report", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("reviewer-app: error: ")
    return lines[0]


def test_kpis_json_has_exactly_the_keys(week_url: str, capsys: Capsys) -> None:
    data = run_json(capsys, "kpis", "--from", FROM, "--to", TO, "--db", week_url)
    assert list(data) == list(KPI_KEYS)
    # A few of tests/services/test_reports.py's hand-worked values, through JSON.
    assert (data["intake"], data["decisions"], data["backlog_end"]) == (6, 5, 3)
    assert data["p90_ttd_hours"] == 48.0
    assert data["qa_accuracy_ci"] == [pytest.approx(0.2077, abs=1e-4),
                                      pytest.approx(0.9385, abs=1e-4)]


def test_kpis_by_market_json_shape(week_url: str, capsys: Capsys) -> None:
    data = run_json(capsys, "--db", week_url, "report", "kpis", "--from", FROM, "--to", TO,
                    "--by", "market")
    assert list(data) == ["overall", "groups"]
    assert list(data["overall"]) == list(KPI_KEYS)
    assert list(data["groups"]) == ["DE", "FR"]
    assert all(list(g) == list(KPI_KEYS) for g in data["groups"].values())
    assert data["groups"]["FR"]["median_ttd_hours"] == 1.5


def test_kpis_empty_period_prints_nulls(sqlite_url: str, capsys: Capsys) -> None:
    data = run_json(capsys, "kpis", "--from", "2026-01-01", "--to", "2026-01-01",
                    "--db", sqlite_url)
    assert data["intake"] == 0 and data["sla_compliance"] is None
    assert data["qa_accuracy_ci"] == [None, None]


def test_kpis_table_and_progress(week_url: str, capsys: Capsys) -> None:
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--by", "reviewer",
                 "--db", week_url]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["kpi", "overall", "ana", "ben"]
    assert [line.split()[0] for line in lines[1:]] == list(KPI_KEYS)
    assert lines[1].split() == ["intake", "6", "—", "—"]  # no reviewer for intake
    # Progress counts the queries: 6 overall + 4 per reviewer.
    assert "Computing KPIs: 10/10 queries" in captured.err


def test_dsa_json_shape(week_url: str, capsys: Capsys) -> None:
    data = run_json(capsys, "dsa", "--from", FROM, "--to", TO, "--db", week_url)
    assert list(data) == ["period", "markets", "total"]
    assert data["period"] == {"from": FROM, "to": TO}
    assert list(data["markets"]) == ["DE", "FR"]
    assert data["total"] == {
        "complaints_received": 6,
        "decisions_by_outcome": {"uphold": 1, "overturn": 2, "partial": 1,
                                 "reject_inadmissible": 1},
        "median_ttd_hours": 10.0, "reversed": 3,
    }


def test_dsa_table(week_url: str, capsys: Capsys) -> None:
    assert main(["report", "dsa", "--from", FROM, "--to", TO, "--db", week_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"EU DSA transparency figures, {FROM} to {TO} (UTC)"
    assert lines[1].split() == ["figure", "DE", "FR", "total"]
    assert lines[2].split() == ["complaints_received", "4", "2", "6"]
    assert lines[-1].split() == ["reversed", "2", "1", "3"]


@pytest.mark.parametrize(("args", "message"), [
    (["kpis", "--from", "2026-02-30", "--to", TO], "--from: '2026-02-30' is not a date"),
    (["dsa", "--from", FROM, "--to", "next week"], "--to: 'next week' is not a date"),
    (["kpis", "--from", TO, "--to", FROM], f"--to {FROM} is before --from {TO}"),
    (["kpis", "--from", FROM, "--to", TO, "--by", "country"], "unknown cut 'country'"),
])
def test_bad_input_is_one_error_line(sqlite_url: str, capsys: Capsys, args: list[str],
                                     message: str) -> None:
    assert message in run_error(capsys, *args, "--db", sqlite_url)


def test_missing_database_file_is_a_known_error(tmp_path: Path, capsys: Capsys) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    run_error(capsys, "kpis", "--from", FROM, "--to", TO, "--db", f"sqlite:///{missing}")
    assert not missing.exists()  # a report never creates a database


def test_ctrl_c_stops_with_130(sqlite_url: str, capsys: Capsys,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer_app.services import reports

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reports, "kpi_report", interrupted)
    assert main(["report", "kpis", "--from", FROM, "--to", TO, "--db", sqlite_url]) == 130
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "reviewer-app: report cancelled" in captured.err
