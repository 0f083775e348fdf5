"""`reviewer-app import` of Parquet and XLSX files: same rows, same results as CSV."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from test_import_cli import HOSTILE, appeals, row, run, write_csv

from reviewer_app.domain.appeal_row import COLUMNS

CST = timezone(timedelta(hours=8))


def write_parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def write_xlsx(path: Path, rows: list[dict[str, object]],
               columns: tuple[str, ...] = COLUMNS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(columns))
    for r in rows:
        sheet.append([r.get(c) for c in columns])
    book.save(path)
    return path


def test_parquet_with_typed_columns_imports_like_csv(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = [{**row(n), "received_at": datetime(2026, 3, 2, 10, tzinfo=CST),
              "enforced_at": datetime(2026, 3, 1, 9, tzinfo=UTC), "priority": 60 + n,
              "round": 1, "automated_detection": n % 2 == 0}
             for n in range(1, 4)]
    typed[1]["appeal_text"] = HOSTILE
    path = write_parquet(tmp_path / "a.parquet", typed)
    code, counts, _ = run(capsys, str(path), "--db", db_url)
    assert code == 0
    assert counts == {"read": 3, "imported": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    stored = appeals(db_url)
    assert stored["AP-2"].statement == HOSTILE  # text round-trips exactly
    assert stored["AP-3"].priority == 63
    assert stored["AP-1"].received_at == datetime(2026, 3, 2, 2, tzinfo=UTC)
    code, counts, _ = run(capsys, str(path), "--db", db_url)  # idempotent like CSV
    assert code == 0 and counts["unchanged"] == 3


def test_parquet_naive_timestamps_are_a_row_problem(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A timestamp column without a time zone: which offset was meant is unknown.
    rows = [{**row(n), "received_at": datetime(2026, 3, 2, 10)} for n in (1, 2)]
    errors = tmp_path / "errors.csv"
    code, counts, _ = run(capsys, str(write_parquet(tmp_path / "a.parquet", rows)),
                          "--db", db_url, "--errors", str(errors))
    assert code == 1 and counts["imported"] == 0 and counts["rejected"] == 2
    assert "1,AP-1,received_at,missing_offset" in errors.read_text(encoding="utf-8")


def test_xlsx_imports_with_sheet_row_numbers(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[dict[str, object]] = [row(1), row(2, market="XX"), {}, row(3)]
    rows[0]["priority"] = 70  # a number cell, as a spreadsheet stores it
    rows[3]["appeal_text"] = "مرحبا 🙂 <b>bold</b> =SUM(A1)"
    errors = tmp_path / "errors.csv"
    code, counts, _ = run(capsys, str(write_xlsx(tmp_path / "a.xlsx", rows)), "--db", db_url,
                          "--errors", str(errors))
    assert code == 1
    assert counts == {"read": 3, "imported": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    # Header is sheet row 1, so AP-2 is on row 3; the empty row 4 is skipped.
    assert "3,AP-2,market,unknown_market" in errors.read_text(encoding="utf-8")
    stored = appeals(db_url)
    assert stored["AP-1"].priority == 70
    assert stored["AP-3"].statement == "مرحبا 🙂 <b>bold</b> =SUM(A1)"


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_a_damaged_file_imports_nothing_and_says_why(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(b"PK\x03\x04 this is not a real file")
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 2 and counts["imported"] == 0
    assert "Cannot read" in text


@pytest.mark.parametrize("writer", [write_xlsx, write_parquet])
def test_missing_required_columns_import_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: object
) -> None:
    rows = [{k: v for k, v in row(1).items() if k != "policy_code"}]
    if writer is write_xlsx:
        path = write_xlsx(tmp_path / "a.xlsx", rows,
                          columns=tuple(c for c in COLUMNS if c != "policy_code"))
    else:
        path = write_parquet(tmp_path / "a.parquet", rows)
    code, counts, text = run(capsys, str(path), "--db", db_url)
    assert code == 2 and counts["imported"] == 0
    assert "policy_code" in text


def test_csv_and_xlsx_of_the_same_rows_agree(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(n) for n in range(1, 5)]
    assert run(capsys, str(write_csv(tmp_path / "a.csv", rows)), "--db", sqlite_url)[0] == 0
    code, counts, _ = run(capsys, str(write_xlsx(tmp_path / "a.xlsx", rows)), "--db",
                          sqlite_url)
    assert code == 0 and counts["unchanged"] == 4  # the same appeals, field for field
