"""The CSV reader streams its records and still knows their number before the first."""

from __future__ import annotations

import inspect
from pathlib import Path

from reviewer_app.domain.appeal_row import COLUMNS
from reviewer_app.services.import_readers import read_rows

HEADER = ",".join(COLUMNS[:20])


def _line(n: int, text: str = "ok") -> str:
    return ",".join([f"AP-{n}", *["x"] * 13, text, *["1"] * 5])


def test_total_matches_the_records_of_an_awkward_file(tmp_path: Path) -> None:
    body = "\r\n".join([
        HEADER,
        _line(1),
        "",  # blank: skipped
        "   ",  # whitespace only: skipped
        _line(2, '"two\r\nlines, quoted"'),
        _line(3) + ",extra",
        _line(4),
    ]).encode("utf-8") + b"\r\n" + _line(5, "caf\xe9").encode("latin-1") + b"\r\n"
    path = tmp_path / "a.csv"
    path.write_bytes(body)
    total, rows = read_rows(path)
    assert inspect.isgenerator(rows)  # streamed, not a list built up front
    found = [(r.row, r.problem, r.values.get("appeal_text")) for r in rows]
    assert total == len(found) == 5
    assert found == [
        (2, None, "ok"), (5, None, "two\r\nlines, quoted"), (7, "extra_fields", "ok"),
        (8, None, "ok"), (9, "invalid_encoding", "caf\ufffd"),
    ]


def test_a_header_only_file_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "\n\n", encoding="utf-8")
    total, rows = read_rows(path)
    assert (total, list(rows)) == (0, [])
