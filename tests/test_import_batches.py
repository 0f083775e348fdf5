"""Import batches: whole batches only (cancel, failure), links and updates across batches."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from test_import_cli import appeals, events, row, write_csv

from reviewer_app.data import import_store
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppellantRow, EnforcementRow
from reviewer_app.services import importer
from reviewer_app.services.workspace import open_workspace
from reviewer_app.workers.progress import Cancelled

NOW = datetime(2026, 3, 5, tzinfo=UTC)


def _import(url: str, path: Path, **options: Any) -> importer.ImportSummary:
    db = open_workspace(url, embedded=False)
    try:
        return importer.import_appeals(db, path, now=NOW, **options)
    finally:
        db.dispose()


def _count(url: str, table: type[Any]) -> int:
    db = Database(create_db_engine(url))
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(table)) or 0)
    finally:
        db.dispose()


def test_default_batch_is_5000_rows() -> None:
    assert importer.BATCH_ROWS == 5000


def test_cancel_after_batch_k_keeps_k_batches_and_a_rerun_completes(
    db_url: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 12)])
    seen: list[int] = []

    def cancel_after_second(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        _import(db_url, path, batch_rows=3, progress=cancel_after_second)
    assert seen == [3, 6]
    assert set(appeals(db_url)) == {f"AP-{n}" for n in range(1, 7)}
    assert len(events(db_url)) == 6  # one created event per written appeal, no more
    assert _count(db_url, EnforcementRow) == 6

    again = _import(db_url, path, batch_rows=3)
    assert (again.imported, again.unchanged, again.rejected) == (5, 6, 0)
    assert set(appeals(db_url)) == {f"AP-{n}" for n in range(1, 12)}
    assert len(events(db_url)) == 11


def test_a_failing_batch_rolls_back_that_batch_only(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "a.csv", [row(n, appellant_id=f"SLR-{n}")
                                          for n in range(1, 8)])
    calls = []
    real = import_store.publish

    def publish_then_fail_in_batch_two(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        real(*args, **kwargs)
        if len(calls) == 2:  # the batch's last statement: everything before it is undone
            raise RuntimeError("disk full")

    monkeypatch.setattr(import_store, "publish", publish_then_fail_in_batch_two)
    with pytest.raises(RuntimeError, match="disk full"):
        _import(db_url, path, batch_rows=3)
    assert set(appeals(db_url)) == {"AP-1", "AP-2", "AP-3"}
    assert len(events(db_url)) == 3
    assert (_count(db_url, AppellantRow), _count(db_url, EnforcementRow)) == (3, 3)

    monkeypatch.setattr(import_store, "publish", real)
    again = _import(db_url, path, batch_rows=3)
    assert (again.imported, again.unchanged) == (4, 3)
    assert _count(db_url, AppellantRow) == 7


def test_second_rounds_link_across_and_within_batches(db_url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        row(1),
        row(2, round="2", enforcement_id="ENF-3", appellant_id="SLR-0"),  # before its 1st
        row(3),
        row(4, round="2", enforcement_id="ENF-1", appellant_id="SLR-1"),  # 1st: batch one
        row(5, round="2", enforcement_id="ENF-3", appellant_id="SLR-0"),  # 1st: this batch
    ])
    assert _import(db_url, path, batch_rows=3).imported == 5
    stored = appeals(db_url)
    assert stored["AP-2"].previous_appeal_id is None
    assert stored["AP-4"].previous_appeal_id == stored["AP-1"].id
    assert stored["AP-5"].previous_appeal_id == stored["AP-3"].id


def test_an_update_moves_the_version_and_names_the_changed_fields(
    db_url: str, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "a.csv", [row(1), row(2), row(4)])
    assert _import(db_url, first).imported == 3
    second = write_csv(tmp_path / "b.csv", [
        row(1, priority="7"), row(2), row(4, decision_facts="New notice"),
    ])
    result = _import(db_url, second)
    assert (result.imported, result.updated, result.unchanged) == (0, 2, 1)
    stored = appeals(db_url)
    assert (stored["AP-1"].priority, stored["AP-1"].version) == (7, 2)
    assert stored["AP-2"].version == 1
    assert stored["AP-4"].version == 1  # only its enforcement changed
    updated = [e.payload_json for e in events(db_url) if e.type == "updated"]
    assert len(updated) == 2
    assert '"changed": ["priority"]' in updated[0]
    assert '"changed": ["enforcement.facts"]' in updated[1]
