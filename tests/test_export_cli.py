"""`reviewer-app export decisions`: formats, round trips, formula neutralisation, no half files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_import_cli import HOSTILE, run, write_csv
from test_import_history_cli import decided

from reviewer_app.cli import main
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.services.exports import export_decisions

FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")"


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["export", "decisions", *args])
    captured = capsys.readouterr()
    return code, captured.err + captured.out  # the JSON summary is the last line


def history(tmp_path: Path) -> Path:
    rows = [decided(1, appeal_text=HOSTILE + " line\u2028separator \x85next"),
            decided(2, appeal_text=FORMULA),
            decided(3, appeal_text="-5 stars\x01 ctrl", decided_at="2026-03-05T08:00:00Z",
                    outcome="uphold", reason_code="")]
    return write_csv(tmp_path / "history.csv", rows)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_exported_decisions_import_elsewhere_unchanged(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", db_url)[0] == 0
    first = tmp_path / f"first.{fmt}"
    code, text = export(capsys, str(first), "--db", db_url)
    assert code == 0 and json.loads(text.strip().splitlines()[-1])["decisions"] == 3
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, counts, _ = run(capsys, str(first), "--db", other)
    assert code == 0 and counts["imported"] == 3
    again_here = tmp_path / "here.jsonl"
    again_there = tmp_path / "there.jsonl"
    assert export(capsys, str(again_here), "--db", db_url)[0] == 0
    assert export(capsys, str(again_there), "--db", other)[0] == 0
    here = [json.loads(line) for line in again_here.read_text(encoding="utf-8").splitlines()]
    there = [json.loads(line) for line in again_there.read_text(encoding="utf-8").splitlines()]
    assert here == there  # every column, hostile text and timestamps included
    assert [r["appeal_text"] for r in here] == [
        HOSTILE + " line\u2028separator \x85next", FORMULA, "-5 stars\x01 ctrl"]
    assert here[0]["decided_at"] == "2026-03-03T10:00:00+00:00"


def test_csv_neutralises_formulas_but_not_numbers(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", sqlite_url)[0] == 0
    out = tmp_path / "decisions.csv"
    assert export(capsys, str(out), "--db", sqlite_url)[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the UTF-8 text right
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert [r["appeal_text"] for r in rows] == [
        HOSTILE + " line\u2028separator \x85next", "'" + FORMULA, "'-5 stars\x01 ctrl"]
    assert rows[0]["priority"] == "60" and rows[0]["handle_seconds"] == "300.0"
    assert rows[0]["decided_by"] == "legacy.anna" and rows[0]["outcome"] == "overturn"


def test_xlsx_neutralises_and_escapes_control_characters(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", sqlite_url)[0] == 0
    out = tmp_path / "decisions.xlsx"
    assert export(capsys, str(out), "--db", sqlite_url)[0] == 0
    sheet = load_workbook(out, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    texts = [r[header.index("appeal_text")] for r in rows[1:]]
    assert texts[1] == "'" + FORMULA
    assert texts[2] == "'-5 stars_x0001_ ctrl"
    assert rows[1][header.index("priority")] == 60  # a number cell, not text
    assert rows[1][header.index("decided_at")] == "2026-03-03T10:00:00+00:00"


def test_the_period_picks_decisions_by_day(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", sqlite_url)[0] == 0
    out = tmp_path / "march5.jsonl"
    assert export(capsys, str(out), "--from", "2026-03-05", "--to", "2026-03-05",
                  "--db", sqlite_url)[0] == 0
    assert [json.loads(x)["appeal_id"] for x in out.read_text().splitlines()] == ["AP-3"]
    code, text = export(capsys, str(out), "--from", "2026-03-05", "--db", sqlite_url)
    assert code == 2 and "both --from and --to" in text


def test_unwritable_path_and_unknown_format_leave_nothing(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", sqlite_url)[0] == 0
    code, text = export(capsys, str(tmp_path / "missing" / "x.csv"), "--db", sqlite_url)
    assert code == 2 and "cannot write" in text
    code, text = export(capsys, str(tmp_path / "x.ods"), "--db", sqlite_url)
    assert code == 2 and "Unknown export format" in text
    assert not (tmp_path / "x.ods").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "jsonl"])
def test_a_cancelled_export_leaves_no_file(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert run(capsys, str(history(tmp_path)), "--db", sqlite_url)[0] == 0
    out = tmp_path / f"x.{fmt}"
    out.write_text("the previous export")  # kept when the new one does not finish

    def cancel(done: int, total: int) -> None:
        if done == total:  # the last moment: every row was already written
            raise KeyboardInterrupt

    db = Database(create_db_engine(sqlite_url))
    try:
        with pytest.raises(KeyboardInterrupt):
            export_decisions(db, out, progress=cancel)
    finally:
        db.dispose()
    assert out.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
