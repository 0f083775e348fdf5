"""Import appeals (CSV, JSON Lines, Parquet, XLSX): read, validate every row, write in batches.

``import_appeals(db, path, ...)`` returns an ``ImportSummary``; a file that cannot be used at
all raises ``ImportFileError`` before anything is written. Each batch of valid rows commits
on its own (whole batches only); the progress callback runs after each batch and may raise
(e.g. ``Cancelled``) to stop before the next one. On PostgreSQL a full batch is
written on a second thread while the next rows are validated (the server and the
validation overlap; issue 6); the next batch waits for it, and for its progress report,
before it is written.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from reviewer_app.data.db import Database
from reviewer_app.data.demo_store import CatalogRefs, catalog_refs
from reviewer_app.data.import_rows import PlannedAppeal
from reviewer_app.data.import_store import BatchOutcome, write_batch
from reviewer_app.domain.appeal_row import (
    FieldProblem,
    ImportedAppeal,
    Problem,
    parse_appeal_row,
)
from reviewer_app.services.catalog import (
    has_catalog,
    install_default_catalog,
    policy_queue,
    sla_hours,
)
from reviewer_app.services.import_readers import ImportFileError, read_rows

Progress = Callable[[int, int], None]
BATCH_ROWS = 5000
ERRORS_HEADER = ("row", "appeal_id", "column", "reason")


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


def plan(appeal: ImportedAppeal, refs: CatalogRefs,
         hours_by: dict[tuple[str, str], float] | None = None) -> PlannedAppeal:
    """Queue from the policy; SLA due from the file or else from the SLA policies.

    ``hours_by`` remembers the SLA hours of each (policy, market) across calls.
    """
    queue = policy_queue(appeal.policy_code)
    due = appeal.sla_due_at
    if due is None:
        key = (appeal.policy_code, appeal.market)
        hours = None if hours_by is None else hours_by.get(key)
        if hours is None:
            hours = sla_hours(refs.slas, queue_code=queue, policy_code=appeal.policy_code,
                              market=appeal.market)
            if hours_by is not None:
                hours_by[key] = hours
        due = appeal.received_at + timedelta(hours=hours)
    return PlannedAppeal(appeal, queue, due)


def import_appeals(
    db: Database,
    path: Path,
    *,
    now: datetime,
    dry_run: bool = False,
    encoding: str = "auto",
    admin_login: str | None = None,
    progress: Progress | None = None,
    batch_rows: int | None = None,
) -> ImportSummary:
    """Validate every row of ``path`` and import the good ones in batches.

    Args:
        db: a migrated database; the default catalog is installed if it has none.
        path: a CSV (UTF-8, UTF-8 with BOM or GB18030) or ``.jsonl`` file.
        now: when the import happens (event payloads, a new admin's creation time).
        dry_run: validate and compare, but roll every batch back (a database without a
            catalog still gets the default one: rows are checked against its policies).
        encoding: "auto" (UTF-8 or GB18030, detected), "utf-8" or "gb18030" (CSV, JSONL).
        admin_login: when the database has no users, this login becomes an admin.
        progress: ``progress(rows done, rows total)`` after each batch; it may raise to stop.
        batch_rows: valid rows per transaction (default ``BATCH_ROWS``, read at call time).

    Raises:
        ImportFileError: the file cannot be used; nothing was written.
    """
    total, rows = read_rows(path, encoding=encoding)
    batch_rows = batch_rows or BATCH_ROWS
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
    hours_by: dict[tuple[str, str], float] = {}
    # The batch being written (on the write lane) while the next one is validated here.
    pending: tuple[Future[BatchOutcome], list[PlannedAppeal], int] | None = None
    # PostgreSQL works in its own process, so validating meanwhile gains its time. SQLite
    # works in ours, and sqlite3 takes the GIL back after every row: beside a validating
    # thread each row would wait for a GIL switch, so there each batch is written at once.
    overlap = db.dialect == "postgresql"

    def write(planned: list[PlannedAppeal]) -> BatchOutcome:
        return write_batch(db, planned, policy_ids=refs.policy_ids, queue_ids=refs.queue_ids,
                           now=now, source_name=path.name, admin_login=admin_login,
                           dry_run=dry_run)

    def count(planned: list[PlannedAppeal], out: BatchOutcome) -> None:
        for key in counts:
            counts[key] += getattr(out, key)
        problems.extend(out.problems)
        ids = {b.appeal.row: b.appeal.appeal_id for b in planned}
        for p in out.problems:
            rejected_ids[p.row] = ids[p.row]

    def settle() -> None:
        """Wait for the batch in flight, count it and report it (the report may raise)."""
        nonlocal pending
        if pending is None:
            return
        future, planned, reached = pending
        pending = None
        count(planned, future.result())
        if progress is not None:
            progress(reached, total)

    # The one thread a service starts itself (DESIGN.md routes threads through workers/):
    # a pipeline inside this synchronous call, so batch k is written while batch k+1 is
    # validated. It never touches Qt, it is joined before the call returns, and with one
    # batch in flight at most a cancel or a failure still leaves whole batches only.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-write") as lane:
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
            batch.append(plan(parsed, refs, hours_by))
            if len(batch) >= batch_rows:
                # Only after the previous batch committed and its report did not stop the
                # import does the next one start: whole batches only, one at a time.
                settle()
                done += len(batch)
                pending = (lane.submit(write, list(batch)), list(batch), done)
                batch.clear()
                if not overlap:
                    settle()
        settle()
    if batch:
        count(batch, write(batch))
        done += len(batch)
    if progress is not None:
        progress(done, total)
    rejected_rows = {p.row for p in problems}
    return ImportSummary(
        read=total, imported=counts["imported"], updated=counts["updated"],
        unchanged=counts["unchanged"], rejected=len(rejected_rows),
        problems=tuple(sorted(problems, key=lambda p: (p.row, p.column))),
        rejected_ids={r: i for r, i in rejected_ids.items() if r in rejected_rows},
    )


def write_errors(path: Path, summary: ImportSummary, id_column: str = "appeal_id") -> None:
    """The rejected rows as CSV: row, appeal_id (or ``id_column``), column, reason (one line
    per problem)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(("row", id_column, "column", "reason"))
        for p in summary.problems:
            out.writerow((p.row, summary.rejected_ids.get(p.row, ""), p.column, p.reason))


__all__ = [
    "ImportFileError",
    "ImportSummary",
    "import_appeals",
    "read_rows",
    "write_errors",
]
