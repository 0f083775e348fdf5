"""Reading import files into raw records: CSV, JSON Lines, Parquet and XLSX.

Every format yields ``RawRow``s of column -> value (text, numbers, booleans or None) with
the place the record starts, so one validator (``domain.appeal_row``) checks them all. A
file that cannot be used at all raises ``ImportFileError`` before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from reviewer_app.domain.appeal_row import REQUIRED, Problem
from reviewer_app.domain.errors import ReviewerError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
PARQUET_SUFFIXES = (".parquet", ".pq")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
FILE_FILTER = "*.csv *.json *.jsonl *.ndjson *.parquet *.xlsx"  # for file choosers
# Python's csv module refuses fields over 128 KiB by default, but an appellant's statement of
# 1 MB is a real (if odd) appeal; a field past this much larger cap is a row error, too_long.
MAX_CSV_FIELD_CHARS = 32 * 1024 * 1024


class ImportFileError(ReviewerError):
    """The file cannot be imported at all; nothing was written.

    ``code`` is one of ``missing``, ``unreadable``, ``missing_columns``, ``duplicate_columns``,
    ``empty``; ``columns`` names the missing or duplicated columns.
    """

    def __init__(self, code: str, detail: str, columns: tuple[str, ...] = ()) -> None:
        super().__init__(detail)
        self.code = code
        self.columns = columns


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read: the line it starts on, its values, or a read-level problem."""

    row: int
    values: dict[str, object]
    problem: str | None = None


ENCODINGS = ("auto", "utf-8", "gb18030")  # what a user may choose for CSV and JSON Lines


def _candidates(encoding: str) -> tuple[str, ...]:
    """The encodings to try, in order: UTF-8 then GB18030 when detecting, else the one chosen."""
    if encoding not in ENCODINGS:
        raise ImportFileError("unreadable", f"Unknown encoding {encoding!r}: use one of "
                              + ", ".join(ENCODINGS))
    return ("utf-8", "gb18030") if encoding == "auto" else (encoding,)


def _decode(data: bytes, encoding: str = "auto") -> tuple[str, set[int]]:
    """The text and the 1-based numbers of lines (ended by ``\n``) no encoding could read.

    ``encoding`` "auto" tries UTF-8 (a BOM dropped) and then GB18030; a chosen one is the
    only one tried, so a line it cannot read is rejected rather than guessed.
    """
    candidates = _candidates(encoding)
    for name in ("utf-8-sig" if c == "utf-8" else c for c in candidates):
        try:
            return data.decode(name), set()
        except UnicodeDecodeError:
            continue
    # Mixed or damaged file: decide line by line so one bad line rejects only its record.
    lines: list[str] = []
    bad: set[int] = set()
    raw_lines = data.splitlines(keepends=True)
    if raw_lines and raw_lines[0].startswith(b"\xef\xbb\xbf"):
        raw_lines[0] = raw_lines[0][3:]
    for number, raw in enumerate(raw_lines, start=1):
        for name in candidates:
            try:
                lines.append(raw.decode(name))
                break
            except UnicodeDecodeError:
                continue
        else:
            lines.append(raw.decode("utf-8", errors="replace"))
            bad.add(number)
    return "".join(lines), bad


def _lines(text: str) -> list[str]:
    """Lines ended by ``\n`` (ends kept). Not ``str.splitlines``: that also breaks at
    U+2028, U+0085 and other separators, which JSON strings may hold as they are."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ImportFileError("missing", f"No such file: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError("unreadable", f"Cannot read {path}: {exc.strerror}") from exc


Required = Sequence[str | tuple[str, ...]]  # a tuple: one of these columns


def read_rows(path: Path, required: Required = REQUIRED, *, encoding: str = "auto"
              ) -> tuple[int, Iterator[RawRow]]:
    """Open ``path`` (by suffix: JSON Lines, JSON, Parquet, XLSX, else CSV), check its header.

    ``encoding`` (CSV and JSON Lines): "auto" detects UTF-8 (with or without a BOM) or
    GB18030; "utf-8" or "gb18030" reads the file as that, a line it cannot read being
    rejected with ``invalid_encoding``.

    A ``.json`` file holds one array of records, or an object whose ``statements`` key does
    (the EU DSA Transparency Database API's batch shape); ``row`` is the record number.

    Returns:
        (number of records, an iterator over them).

    Raises:
        ImportFileError: missing or unreadable file, or a header without every ``required``
            column (or with a column twice).
    """
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        records = list(_parquet(path, required))
    elif suffix in XLSX_SUFFIXES:
        records = list(_xlsx(path, required))
    elif suffix in JSON_SUFFIXES:
        records = list(_json(path))
    elif suffix in JSONL_SUFFIXES:
        text, bad = _decode(_read_bytes(path), encoding)
        records = list(_jsonl(_lines(text), bad))
    else:
        # Streamed: one row's dict at a time, not a million (memory and the garbage
        # collector's full passes over every live object grew with the file; issue 6).
        # A UTF-8 file is read from disk as it goes; any other is decoded in memory.
        stream = _utf8_file(path) if _candidates(encoding)[0] == "utf-8" else None
        if stream is not None:
            return _csv(stream, set(), required)
        text, bad = _decode(_read_bytes(path), encoding)
        return _csv(io.StringIO(text), bad, required)
    return len(records), iter(records)


def _utf8_file(path: Path) -> TextIO | None:
    """``path`` opened as UTF-8 text (a BOM dropped, lines ended by ``\n`` only, as in
    ``io.StringIO``) once a pass in 1 MiB chunks proved all of it decodes; else None."""
    if not path.is_file():
        raise ImportFileError("missing", f"No such file: {path}")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return path.open(encoding="utf-8-sig", newline="\n")
    except UnicodeDecodeError:
        return None
    except OSError as exc:
        raise ImportFileError("unreadable", f"Cannot read {path}: {exc.strerror}") from exc


def _check_header(header: Sequence[object], required: Required = REQUIRED) -> list[str]:
    """Column names of a header row; raises when one is doubled or a required one missing."""
    names = ["" if h is None else str(h).strip() for h in header]
    duplicates = tuple(sorted({n for n in names if n and names.count(n) > 1}))
    if duplicates:
        raise ImportFileError("duplicate_columns", "Duplicate columns: " + ", ".join(duplicates),
                              duplicates)
    missing = tuple(c if isinstance(c, str) else c[0] for c in required
                    if not set((c,) if isinstance(c, str) else c) & set(names))
    if missing:
        raise ImportFileError("missing_columns", "Missing required columns: " + ", ".join(missing),
                              missing)
    return names


def _cell(value: object) -> object:
    """A typed cell (Parquet, XLSX) as the text/number/bool the validator reads.

    Timestamps keep their offset when they have one; a naive one is written without, so the
    validator reports the missing offset instead of guessing a time zone. A whole float
    (spreadsheets store 70 as 70.0) becomes an int, so it passes as an integer.
    """
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bytes | bytearray):
        return None if not value else object()  # binary is not text: invalid_value
    return value


def _parquet(path: Path, required: Required) -> Iterator[RawRow]:
    """Records of a Parquet file; ``row`` is the 1-based record number."""
    import pyarrow.parquet as pq  # imported on use: only Parquet imports need it

    _exists(path)
    try:
        source = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises many kinds for a damaged file; all unusable
        raise ImportFileError("unreadable", f"Cannot read {path} as Parquet: {exc}") from exc
    names = _check_header(source.schema_arrow.names, required)
    number = 0
    try:
        for batch in source.iter_batches(batch_size=10_000):
            for record in batch.to_pylist():
                number += 1
                yield RawRow(number, {n: _cell(record.get(n)) for n in names})
    except Exception as exc:  # a damaged page part-way: nothing of the file is imported
        raise ImportFileError("unreadable", f"Cannot read {path} as Parquet: {exc}") from exc


def _xlsx(path: Path, required: Required) -> Iterator[RawRow]:
    """Rows of the workbook's first sheet under its header row; ``row`` is the sheet row."""
    from openpyxl import load_workbook  # imported on use: only XLSX imports need it

    _exists(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and format errors alike: the file is unusable
        raise ImportFileError("unreadable", f"Cannot read {path} as XLSX: {exc}") from exc
    try:
        rows: Iterable[tuple[object, ...]] = book.worksheets[0].iter_rows(values_only=True)
        iterator = iter(rows)
        header = next(iterator, None)
        if header is None:
            raise ImportFileError("empty", "The file has no header row")
        names = _check_header(header, required)
        for number, values in enumerate(iterator, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            record = {n: _cell(v) for n, v in zip(names, values, strict=False) if n}
            extra = any(v is not None for v in values[len(names):])
            yield RawRow(number, record, Problem.EXTRA_FIELDS if extra else None)
    finally:
        book.close()


def _exists(path: Path) -> None:
    if not path.is_file():
        raise ImportFileError("missing", f"No such file: {path}")


def _jsonl(lines: list[str], bad: set[int]) -> Iterator[RawRow]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if number in bad:
            yield RawRow(number, {}, Problem.INVALID_ENCODING)
            continue
        try:
            value = json.loads(line)
        except ValueError:
            yield RawRow(number, {}, Problem.INVALID_JSON)
            continue
        if not isinstance(value, dict):
            yield RawRow(number, {}, Problem.INVALID_JSON)
            continue
        yield RawRow(number, value)


def _json(path: Path) -> Iterator[RawRow]:
    """Records of a JSON array (or of ``{"statements": [...]}``); ``row`` is the number."""
    data = _read_bytes(path)
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError("unreadable", f"Cannot read {path} as JSON: {exc}") from exc
    if isinstance(value, dict) and isinstance(value.get("statements"), list):
        value = value["statements"]
    if not isinstance(value, list):
        raise ImportFileError("unreadable", f"{path}: expected a JSON array of records")
    for number, record in enumerate(value, start=1):
        if isinstance(record, dict):
            yield RawRow(number, record)
        else:
            yield RawRow(number, {}, Problem.INVALID_JSON)


def _csv(stream: TextIO, bad: set[int], required: Required) -> tuple[int, Iterator[RawRow]]:
    """The number of records and an iterator over them (which closes ``stream`` when done);
    the header is checked first."""
    if csv.field_size_limit() < MAX_CSV_FIELD_CHARS:
        csv.field_size_limit(MAX_CSV_FIELD_CHARS)
    try:
        reader = csv.reader(stream, strict=False)
        try:
            header = next(reader)
        except (StopIteration, csv.Error) as exc:
            raise ImportFileError("empty", "The file has no header row") from exc
        names = _check_header(header, required)
        total = sum(1 for _ in _records(reader))  # the C parser alone, no dicts
        stream.seek(0)  # read it again for the rows
        reader = csv.reader(stream, strict=False)
        next(reader)
    except BaseException:
        stream.close()
        raise
    return total, _csv_rows(stream, reader, names, bad)


def _records(reader: Iterator[list[str]]) -> Iterator[tuple[int, int, list[str] | str]]:
    """(first line, last line, fields or the problem of a malformed record), blank lines
    skipped."""
    end = reader.line_num  # type: ignore[attr-defined]
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num  # type: ignore[attr-defined]
            too_long = "field limit" in str(exc)
            yield start, end, Problem.TOO_LONG if too_long else Problem.INVALID_VALUE
            continue
        end = reader.line_num  # type: ignore[attr-defined]
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        yield start, end, fields


def _csv_rows(stream: TextIO, reader: Iterator[list[str]], names: list[str], bad: set[int]
              ) -> Iterator[RawRow]:
    with stream:
        for start, end, fields in _records(reader):
            if isinstance(fields, str):
                yield RawRow(start, {}, fields)
                continue
            values: dict[str, object] = dict(zip(names, fields, strict=False))
            if bad and any(n in bad for n in range(start, end + 1)):
                yield RawRow(start, values, Problem.INVALID_ENCODING)
            elif len(fields) > len(names):
                yield RawRow(start, values, Problem.EXTRA_FIELDS)
            else:
                yield RawRow(start, values)
