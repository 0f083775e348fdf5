"""Export decisions to CSV, XLSX, Parquet or JSON Lines, written whole or not at all.

The file is written next to its destination under a temporary name and moved into place
at the end, so a failure or a cancel (the progress callback may raise) never leaves half a
file where the user expects one. CSV and XLSX cells that a spreadsheet would run as a
formula are neutralised (``domain.spreadsheet``); JSON Lines and Parquet keep text exactly.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from reviewer_app.data.db import Database
from reviewer_app.data.export_store import (
    CHUNK,
    DECISION_COLUMNS,
    TEXT_COLUMNS,
    count_decisions,
    decision_rows,
)
from reviewer_app.domain.spreadsheet import neutralise
from reviewer_app.services import export_files
from reviewer_app.services.export_files import ExportError

Progress = Callable[[int, int], None]
FORMATS = ("csv", "xlsx", "parquet", "jsonl")
XLSX_MAX_CHARS = 32_767  # Excel's limit for one cell


def format_of(path: Path, fmt: str | None) -> str:
    """``fmt``, else the format the file name's suffix names."""
    chosen = fmt or path.suffix.lower().lstrip(".")
    if chosen == "ndjson":
        chosen = "jsonl"
    if chosen not in FORMATS:
        raise ExportError(f"Unknown export format {chosen!r}: use one of {', '.join(FORMATS)}")
    return chosen


def export_decisions(db: Database, path: Path, *, fmt: str | None = None,
                     start: datetime | None = None, end: datetime | None = None,
                     progress: Progress | None = None) -> int:
    """Write the decisions made in ``[start, end)`` (all when None) to ``path``.

    Returns:
        The number of decisions written.

    Raises:
        ExportError: unknown format or the file cannot be written (nothing is left).
        DatabaseUnavailableError: the database went away.
    """
    chosen = format_of(path, fmt)
    with db.read() as session:
        total = count_decisions(session, start, end)
        rows = _counted(decision_rows(session, start, end), total, progress)
        return write_atomically(path, lambda tmp: WRITERS[chosen](tmp, rows))


def _counted(rows: Iterator[dict[str, Any]], total: int,
             progress: Progress | None) -> Iterator[dict[str, Any]]:
    if progress is not None:
        progress(0, total)
    for done, row in enumerate(rows, start=1):
        yield row
        if progress is not None and (done % CHUNK == 0 or done == total):
            progress(done, total)


def write_atomically(path: Path, write: Callable[[Path], int]) -> int:
    """``export_files.write_atomically`` for a writer that returns how many rows it wrote."""
    written: list[int] = []
    export_files.write_atomically(path, lambda tmp: written.append(write(tmp)))
    return written[0]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    # A BOM so Excel reads UTF-8 (Chinese, Arabic, emoji) correctly; our import skips it.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(DECISION_COLUMNS)
        for row in rows:
            out.writerow([neutralise(_text(row[c])) if c in TEXT_COLUMNS else _text(row[c])
                          for c in DECISION_COLUMNS])
            count += 1
    return count


# Valid raw in JSON strings, but line breaks to str.splitlines and many JSON Lines readers.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(record: dict[str, Any]) -> str:
    """One JSON Lines record (text as is, apart from the line breaks escaped), with ``\\n``."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            record = {c: v.isoformat() if isinstance(v, datetime) else v for c, v in row.items()}
            fh.write(json_line(record))
            count += 1
    return count


def _write_xlsx(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(column: str, value: Any) -> Any:
        if column not in TEXT_COLUMNS:
            # Excel has no time zones: timestamps as ISO text keep their offset exactly.
            return value.isoformat() if isinstance(value, datetime) else value
        if value is None:
            return None
        # Control characters XML cannot hold are written as Excel's own _xHHHH_ escape.
        text = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", str(value))
        if len(text) > XLSX_MAX_CHARS:
            text = text[: XLSX_MAX_CHARS - 1] + "…"
        return neutralise(text)

    book = Workbook(write_only=True)
    sheet = book.create_sheet("decisions")
    sheet.append(list(DECISION_COLUMNS))
    count = 0
    try:
        for row in rows:
            sheet.append([cell(c, row[c]) for c in DECISION_COLUMNS])
            count += 1
    except BaseException:
        sheet.close()  # else its row writer fails later, when garbage-collected
        raise
    book.save(path)
    return count


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {c: pa.string() for c in DECISION_COLUMNS}
    types.update({c: pa.timestamp("us", tz="UTC") for c in
                  ("received_at", "enforced_at", "sla_due_at", "decided_at")})
    types.update(automated_detection=pa.bool_(), round=pa.int16(), priority=pa.int16(),
                 handle_seconds=pa.float64())
    schema = pa.schema([(c, types[c]) for c in DECISION_COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk.clear()
        if chunk or not count:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


WRITERS: dict[str, Callable[[Path, Iterable[dict[str, Any]]], int]] = {
    "csv": _write_csv, "jsonl": _write_jsonl, "xlsx": _write_xlsx, "parquet": _write_parquet,
}
