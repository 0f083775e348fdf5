"""Import appeals from CSV or JSON Lines: read, validate every row, write in batches.

``import_appeals(db, path, ...)`` returns an ``ImportSummary``; a file that cannot be used at
all raises ``ImportFileError`` before anything is written. Each batch of valid rows commits
on its own (whole batches only); the progress callback runs after each batch and may raise
(e.g. ``Cancelled``) to stop before the next one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from reviewer_app.data.db import Database
from reviewer_app.data.demo_store import CatalogRefs, catalog_refs
from reviewer_app.data.import_store import PlannedAppeal, write_batch
from reviewer_app.domain.appeal_row import (
    REQUIRED,
    FieldProblem,
    ImportedAppeal,
    Problem,
    parse_appeal_row,
)
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.catalog import (
    has_catalog,
    install_default_catalog,
    policy_queue,
    sla_hours,
)

Progress = Callable[[int, int], None]
BATCH_ROWS = 500
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ERRORS_HEADER = ("row", "appeal_id", "column", "reason")


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
class ImportSummary:
    """Counts of an import plus every rejected row's problems."""

    read: int
    imported: int
    updated: int
    unchanged: int
    rejected: int
    problems: tuple[FieldProblem, ...] = ()
    rejected_ids: dict[int, str] = field(default_factory=dict)  # row -> appeal_id, if any

    def counts(self) -> dict[str, int]:
        """The JSON summary the command line prints last."""
        return {"read": self.read, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read: the line it starts on, its values, or a read-level problem."""

    row: int
    values: dict[str, object]
    problem: str | None = None


def _decode(data: bytes) -> tuple[list[str], set[int]]:
    """Lines of text (ends kept) and the 1-based numbers of lines no encoding could read."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines(keepends=True), set()
        except UnicodeDecodeError:
            continue
    # Mixed or damaged file: decide line by line so one bad line rejects only its record.
    lines: list[str] = []
    bad: set[int] = set()
    raw_lines = data.splitlines(keepends=True)
    if raw_lines and raw_lines[0].startswith(b"\xef\xbb\xbf"):
        raw_lines[0] = raw_lines[0][3:]
    for number, raw in enumerate(raw_lines, start=1):
        for encoding in ("utf-8", "gb18030"):
            try:
                lines.append(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            lines.append(raw.decode("utf-8", errors="replace"))
            bad.add(number)
    return lines, bad


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ImportFileError("missing", f"No such file: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError("unreadable", f"Cannot read {path}: {exc.strerror}") from exc


def read_rows(path: Path) -> tuple[int, Iterator[RawRow]]:
    """Open ``path`` (CSV, or JSON Lines by suffix) and check its header.

    Returns:
        (number of records, an iterator over them).

    Raises:
        ImportFileError: missing or unreadable file, or a CSV header without every
            required column.
    """
    lines, bad = _decode(_read_bytes(path))
    if path.suffix.lower() in JSONL_SUFFIXES:
        records = list(_jsonl(lines, bad))
    else:
        records = list(_csv(lines, bad))
    return len(records), iter(records)


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


def _csv(lines: list[str], bad: set[int]) -> Iterator[RawRow]:
    reader = csv.reader(io.StringIO("".join(lines)), strict=False)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ImportFileError("empty", "The file has no header row") from exc
    names = [h.strip() for h in header]
    duplicates = tuple(sorted({n for n in names if n and names.count(n) > 1}))
    if duplicates:
        raise ImportFileError("duplicate_columns", "Duplicate columns: " + ", ".join(duplicates),
                              duplicates)
    missing = tuple(c for c in REQUIRED if c not in names)
    if missing:
        raise ImportFileError("missing_columns", "Missing required columns: " + ", ".join(missing),
                              missing)
    end = reader.line_num
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            end = reader.line_num
            yield RawRow(start, {}, Problem.INVALID_VALUE)
            continue
        end = reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        values: dict[str, object] = dict(zip(names, fields, strict=False))
        if any(n in bad for n in range(start, end + 1)):
            yield RawRow(start, values, Problem.INVALID_ENCODING)
        elif len(fields) > len(names):
            yield RawRow(start, values, Problem.EXTRA_FIELDS)
        else:
            yield RawRow(start, values)


def plan(appeal: ImportedAppeal, refs: CatalogRefs) -> PlannedAppeal:
    """Queue from the policy; SLA due from the file or else from the SLA policies."""
    queue = policy_queue(appeal.policy_code)
    due = appeal.sla_due_at
    if due is None:
        hours = sla_hours(refs.slas, queue_code=queue, policy_code=appeal.policy_code,
                          market=appeal.market)
        due = appeal.received_at + timedelta(hours=hours)
    return PlannedAppeal(appeal, queue, due)


def import_appeals(
    db: Database,
    path: Path,
    *,
    now: datetime,
    dry_run: bool = False,
    admin_login: str | None = None,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ImportSummary:
    """Validate every row of ``path`` and import the good ones in batches.

    Args:
        db: a migrated database; the default catalog is installed if it has none.
        path: a CSV (UTF-8, UTF-8 with BOM or GB18030) or ``.jsonl`` file.
        now: when the import happens (event payloads, a new admin's creation time).
        dry_run: validate and compare, but roll every batch back (a database without a
            catalog still gets the default one: rows are checked against its policies).
        admin_login: when the database has no users, this login becomes an admin.
        progress: ``progress(rows done, rows total)`` after each batch; it may raise to stop.
        batch_rows: valid rows per transaction.

    Raises:
        ImportFileError: the file cannot be used; nothing was written.
    """
    total, rows = read_rows(path)
    if not has_catalog(db):  # a prerequisite like the schema, so a dry run installs it too
        install_default_catalog(db)
    refs = catalog_refs(db)
    known = frozenset(refs.policy_ids)
    problems: list[FieldProblem] = []
    rejected_ids: dict[int, str] = {}
    seen: set[str] = set()
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    done = 0
    batch: list[PlannedAppeal] = []

    def flush() -> None:
        nonlocal done
        if batch:
            out = write_batch(db, batch, policy_ids=refs.policy_ids, queue_ids=refs.queue_ids,
                              now=now, source_name=path.name, admin_login=admin_login,
                              dry_run=dry_run)
            for key in counts:
                counts[key] += getattr(out, key)
            problems.extend(out.problems)
            ids = {b.appeal.row: b.appeal.appeal_id for b in batch}
            for p in out.problems:
                rejected_ids[p.row] = ids[p.row]
            done += len(batch)
            batch.clear()
        if progress is not None:
            progress(done, total)

    for raw in rows:
        appeal_id = raw.values.get("appeal_id")
        if isinstance(appeal_id, str) and appeal_id.strip():
            rejected_ids[raw.row] = appeal_id.strip()
        if raw.problem is not None:
            problems.append(FieldProblem(raw.row, "", raw.problem))
            done += 1
            continue
        parsed = parse_appeal_row(raw.row, raw.values, known)
        if isinstance(parsed, list):
            problems.extend(parsed)
            done += 1
            continue
        rejected_ids.pop(raw.row, None)
        if parsed.appeal_id in seen:
            problems.append(FieldProblem(raw.row, "appeal_id", Problem.DUPLICATE_IN_FILE))
            rejected_ids[raw.row] = parsed.appeal_id
            done += 1
            continue
        seen.add(parsed.appeal_id)
        batch.append(plan(parsed, refs))
        if len(batch) >= batch_rows:
            flush()
    flush()
    rejected_rows = {p.row for p in problems}
    return ImportSummary(
        read=total, imported=counts["imported"], updated=counts["updated"],
        unchanged=counts["unchanged"], rejected=len(rejected_rows),
        problems=tuple(sorted(problems, key=lambda p: (p.row, p.column))),
        rejected_ids={r: i for r, i in rejected_ids.items() if r in rejected_rows},
    )


def write_errors(path: Path, summary: ImportSummary) -> None:
    """The rejected rows as CSV: row, appeal_id, column, reason (one line per problem)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(ERRORS_HEADER)
        for p in summary.problems:
            out.writerow((p.row, summary.rejected_ids.get(p.row, ""), p.column, p.reason))


__all__ = [
    "ImportFileError",
    "ImportSummary",
    "import_appeals",
    "read_rows",
    "write_errors",
]
