"""The CSV reader streams its records and still knows their number before the first."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

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


def test_a_utf8_file_streamed_from_disk_reads_as_the_in_memory_path(tmp_path: Path) -> None:
    """UTF-8 is read from disk as it goes; GB18030 (not UTF-8) is decoded in memory: the
    same text gives the same records either way, odd line ends included."""
    text = "\r\n".join([
        HEADER,
        _line(1, "第一"),
        _line(2, '"两行\r\n引号, 内"'),
        _line(3, "lone\rcarriage"),  # a CR inside an unquoted field: malformed
        "",
        _line(4, "尾\u2028部") + ",extra",
        _line(5, "末"),
    ]) + "\n"
    streamed, in_memory = tmp_path / "u.csv", tmp_path / "g.csv"
    streamed.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # with a BOM
    in_memory.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):  # so it takes the in-memory path
        in_memory.read_bytes().decode("utf-8")
    got = []
    for path in (streamed, in_memory):
        total, rows = read_rows(path)
        found = [(r.row, r.problem, r.values) for r in rows]
        assert total == len(found)
        got.append(found)
    assert got[0] == got[1]
    assert [(n, p) for n, p, _ in got[0]] == [(2, None), (3, None), (5, "invalid_value"),
                                               (7, "extra_fields"), (8, None)]
    assert got[0][1][2]["appeal_text"] == "两行\r\n引号, 内"


def test_the_streamed_file_is_closed_even_when_not_read_to_the_end(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("\n".join([HEADER, _line(1), _line(2)]) + "\n", encoding="utf-8")
    total, rows = read_rows(path)
    assert total == 2
    assert next(rows).row == 2
    stream = rows.gi_frame.f_locals["stream"]  # type: ignore[attr-defined]
    rows.close()  # what dropping the iterator (a cancelled import) does
    assert stream.closed
