"""Export any table model (``QAbstractItemModel``) as CSV or XLSX.

Usage::

    export_csv(model, "/path/table.csv")
    export_xlsx(model, "/path/table.xlsx", title="Reviewers")

or, to keep the file write off the GUI thread, read the model on the GUI thread and write
the snapshot on a worker (``runner.submit(write_xlsx, snapshot(model), path)``): the model
itself must only be touched on its own thread.

What a model can say (all optional):
- ``EXPORT_ROLE``: the cell's value for a file, e.g. ``0.925`` where the view shows
  ``"92.5%"``. Numbers stay numbers in the XLSX; without it the ``DisplayRole`` text is used.
- ``NUMBER_FORMAT_ROLE``: an Excel number format for that value, e.g. ``"0.0%"``.

Text that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return, or their full-width forms) is written with a leading ``'``, so a
reviewer name or free text like ``=HYPERLINK(...)`` stays inert text (CSV injection).
Only the top-level rows are exported; headers come from the horizontal header. A file that
cannot be written raises ``TableExportError`` with the path and the reason; the file is
written beside the target and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.spreadsheet import neutralise
from reviewer_app.services.export_files import ExportError, write_atomically

EXPORT_ROLE = Qt.ItemDataRole.UserRole + 0x100
NUMBER_FORMAT_ROLE = Qt.ItemDataRole.UserRole + 0x101
_SHEET_NAME_BAD = str.maketrans({c: " " for c in "[]:*?/\\"})

Cell = str | int | float | bool | datetime | date | None


class TableExportError(ReviewerError):
    """The table could not be written (a folder that is missing or read-only, a full disk)."""


@dataclass(frozen=True, slots=True)
class TableSnapshot:
    """A model's headers and cells, read once, ready to write on any thread.

    Attributes:
        formats: per row, per column, the Excel number format (or None).
    """

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    formats: tuple[tuple[str | None, ...], ...]


def _cell(value: Any) -> Cell:
    """A value a CSV or XLSX cell can hold; text is neutralised."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        number = float(value) if isinstance(value, Decimal) else value
        return None if isinstance(number, float) and not math.isfinite(number) else number
    if isinstance(value, datetime):
        # Spreadsheets have no time zones: instants are written as UTC wall time.
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    return neutralise(str(value))


def snapshot(model: QAbstractItemModel, *, title: str = "Table",
             columns: Sequence[int] | None = None) -> TableSnapshot:
    """Read ``model``'s headers and top-level cells (on the model's thread).

    Args:
        title: the XLSX sheet's name (shortened and cleaned to what Excel accepts).
        columns: the model columns to export, in this order (default: all).
    """
    root = QModelIndex()
    cols = list(range(model.columnCount(root))) if columns is None else list(columns)
    headers = tuple(neutralise(str(model.headerData(c, Qt.Orientation.Horizontal,
                                                    Qt.ItemDataRole.DisplayRole) or ""))
                    for c in cols)
    rows, formats = [], []
    for r in range(model.rowCount(root)):
        values, row_formats = [], []
        for c in cols:
            index = model.index(r, c, root)
            value = model.data(index, EXPORT_ROLE)
            if value is None:
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
            values.append(_cell(value))
            fmt = model.data(index, NUMBER_FORMAT_ROLE)
            row_formats.append(str(fmt) if fmt else None)
        rows.append(tuple(values))
        formats.append(tuple(row_formats))
    return TableSnapshot(title=title, headers=headers, rows=tuple(rows),
                         formats=tuple(formats))


def rows_snapshot(title: str, headers: Sequence[str],
                  rows: Sequence[Sequence[Any]]) -> TableSnapshot:
    """A snapshot of values a widget computed itself (not read from a model); empty text
    becomes an empty cell, text is neutralised as in ``snapshot``."""
    cells = tuple(tuple(None if v == "" else _cell(v) for v in row) for row in rows)
    return TableSnapshot(title=title, headers=tuple(neutralise(h) for h in headers),
                         rows=cells, formats=tuple((None,) * len(headers) for _ in rows))


def write_table(table: TableSnapshot, path: str | os.PathLike[str]) -> None:
    """``write_xlsx`` for a path ending in ``.xlsx``, ``write_csv`` otherwise.

    Raises:
        TableExportError: the file could not be written.
    """
    if str(path).lower().endswith(".xlsx"):
        write_xlsx(table, path)
    else:
        write_csv(table, path)


def _atomic_write(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """``services.export_files.write_atomically`` (a temporary file beside ``path``, synced
    and moved into place; nothing left behind on any failure), in the workstation's words."""
    try:
        write_atomically(Path(path), lambda temp: write(str(temp)))
    except ExportError as exc:
        raise TableExportError(f"Could not write {exc.path or path}: {exc.reason or exc}"
                               ) from exc


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same number
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def write_csv(table: TableSnapshot, path: str | os.PathLike[str]) -> None:
    """Write ``table`` as CSV: UTF-8 with a byte-order mark (so Excel reads Chinese names
    right), comma-separated, quoted where needed.

    Raises:
        TableExportError: the file could not be written.
    """
    def write(temp: str) -> None:
        with open(temp, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(table.headers)
            for row in table.rows:
                writer.writerow([_csv_text(v) for v in row])

    _atomic_write(path, write)


def write_xlsx(table: TableSnapshot, path: str | os.PathLike[str]) -> None:
    """Write ``table`` as a one-sheet XLSX workbook: a bold, frozen header row, numbers
    as numbers (with the model's number formats), text never as a formula.

    Raises:
        TableExportError: the file could not be written.
    """
    # Imported on first export: openpyxl is big, and most sessions never export.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = (table.title.translate(_SHEET_NAME_BAD).strip() or "Table")[:31]
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [len(h) for h in table.headers]
    for r, (row, row_formats) in enumerate(zip(table.rows, table.formats, strict=True),
                                           start=2):
        for c, (value, fmt) in enumerate(zip(row, row_formats, strict=True), start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # already neutralised; never a formula
            if fmt is not None:
                cell.number_format = fmt
            widths[c - 1] = max(widths[c - 1], len(_csv_text(value)))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(60, width + 2)
    _atomic_write(path, book.save)


def export_csv(model: QAbstractItemModel, path: str | os.PathLike[str], *,
               columns: Sequence[int] | None = None) -> None:
    """``write_csv(snapshot(model), path)``, on the calling (the model's) thread."""
    write_csv(snapshot(model, columns=columns), path)


def export_xlsx(model: QAbstractItemModel, path: str | os.PathLike[str], *,
                title: str = "Table", columns: Sequence[int] | None = None) -> None:
    """``write_xlsx(snapshot(model, title=title), path)``, on the calling thread."""
    write_xlsx(snapshot(model, title=title, columns=columns), path)
