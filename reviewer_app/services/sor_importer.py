"""Import enforcements from EU DSA statements of reasons (CSV, JSON, JSON Lines).

``import_statements(db, path, ...)`` reads the Transparency Database shape
(``domain.sor_import``), validates every record and writes the good ones in batches, one
transaction each, with the same ``ImportSummary`` as the appeal import. ``detect_shape``
tells the two shapes apart by their columns, for ``reviewer-app import --shape auto``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from reviewer_app.data.db import Database
from reviewer_app.data.demo_store import catalog_refs
from reviewer_app.data.sor_import_store import write_sor_batch
from reviewer_app.domain.appeal_row import FieldProblem, Problem
from reviewer_app.domain.sor_import import (
    PUID_COLUMNS,
    SOR_REQUIRED,
    ImportedEnforcement,
    parse_sor_row,
)
from reviewer_app.services.catalog import has_catalog, install_default_catalog
from reviewer_app.services.import_readers import (
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    read_rows,
)
from reviewer_app.services.importer import BATCH_ROWS, ImportSummary, Progress

SHAPES = ("auto", "appeals", "dsa-sor")
SOR_MARKERS = frozenset({"decision_ground", "category"})  # never columns of the appeal shape


def detect_shape(path: Path) -> str:
    """``dsa-sor`` when the file's columns (CSV header, or the first JSON record's keys) hold
    ``decision_ground``, ``category`` and ``puid`` or ``platform_uid``; else ``appeals``.
    A ``.json`` file is always ``dsa-sor`` (the appeal import reads no JSON arrays)."""
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "dsa-sor"
    if suffix not in JSONL_SUFFIXES and suffix not in (".csv", ".txt", ""):
        return "appeals"  # Parquet and XLSX: the appeal shape only
    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return "appeals"  # the import reports the unreadable file itself
    text = head.decode("utf-8-sig", errors="replace")
    names: set[str] = set()
    if suffix in JSONL_SUFFIXES:
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            record = json.loads(first)
        except ValueError:
            return "appeals"
        names = set(record) if isinstance(record, dict) else set()
    else:
        names = {n.strip() for n in next(csv.reader(io.StringIO(text)), [])}
    return "dsa-sor" if names >= SOR_MARKERS and names & set(PUID_COLUMNS) else "appeals"


def import_statements(
    db: Database,
    path: Path,
    *,
    now: datetime,
    dry_run: bool = False,
    encoding: str = "auto",
    progress: Progress | None = None,
    batch_rows: int | None = None,
) -> ImportSummary:
    """Validate every statement of ``path`` and import the good ones as enforcements.

    ``rejected_ids`` holds each rejected record's ``puid`` (the errors file's id column).

    Raises:
        ImportFileError: the file cannot be used (missing, unreadable, a CSV header without
            ``decision_ground``, ``category``, ``application_date``, ``appellant_id`` or a
            ``puid``/``platform_uid`` column); nothing was written.
    """
    total, rows = read_rows(path, SOR_REQUIRED, encoding=encoding)
    batch_rows = batch_rows or BATCH_ROWS
    if not has_catalog(db):
        install_default_catalog(db)
    refs = catalog_refs(db)
    known = frozenset(refs.policy_ids)
    problems: list[FieldProblem] = []
    rejected_ids: dict[int, str] = {}
    seen: set[str] = set()
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    done = 0
    batch: list[ImportedEnforcement] = []

    def flush() -> None:
        nonlocal done
        if batch:
            out = write_sor_batch(db, batch, policy_ids=refs.policy_ids, now=now,
                                  dry_run=dry_run)
            for key in counts:
                counts[key] += getattr(out, key)
            problems.extend(out.problems)
            ids = {b.row: b.puid for b in batch}
            for p in out.problems:
                rejected_ids[p.row] = ids[p.row]
            done += len(batch)
            batch.clear()
        if progress is not None:
            progress(done, total)

    for raw in rows:
        puid = next((str(raw.values[c]).strip() for c in PUID_COLUMNS
                     if isinstance(raw.values.get(c), str) and str(raw.values[c]).strip()), "")
        if raw.problem is not None:
            problems.append(FieldProblem(raw.row, "", raw.problem))
            rejected_ids[raw.row] = puid
            done += 1
            continue
        parsed = parse_sor_row(raw.row, raw.values, known)
        if isinstance(parsed, list):
            problems.extend(parsed)
            rejected_ids[raw.row] = puid
            done += 1
            continue
        if parsed.puid in seen:
            problems.append(FieldProblem(raw.row, "puid", Problem.DUPLICATE_IN_FILE))
            rejected_ids[raw.row] = parsed.puid
            done += 1
            continue
        seen.add(parsed.puid)
        batch.append(parsed)
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
