"""The import's bulk inserts (``data.bulk_insert``) store what SQLAlchemy's insert stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, text
from test_import_cli import appeals, events, row, write_csv

from reviewer_app.data import bulk_insert
from reviewer_app.data.bulk_insert import BulkInserter
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import EventRow
from reviewer_app.services import importer
from reviewer_app.services.workspace import open_workspace

EVENTS = EventRow.__table__
AT = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def _rows(kind: str) -> list[dict[str, Any]]:
    # No payload_json: its Python-side default ("{}") must be filled in.
    return [{"appeal_id": None, "actor_user_id": None, "type": kind, "before": None,
             "after": f"s{n}", "comment": "第二行 🙂\r\n\t\\N tail" if n % 2 else None,
             "at": AT + timedelta(microseconds=n * 250_001)} for n in range(7)]


def test_bulk_rows_equal_sqlalchemy_insert_rows(db_url: str) -> None:
    _check_bulk_equals_core(db_url)


@pytest.mark.pg
def test_staged_bulk_rows_equal_sqlalchemy_insert_rows(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's path for a role under row security: COPY into a staging table, then
    one INSERT … SELECT (forced here, the tests run as a superuser)."""
    monkeypatch.setattr(bulk_insert, "FORCE_STAGING", True)
    _check_bulk_equals_core(pg_url)


def _check_bulk_equals_core(db_url: str) -> None:
    db = Database(create_db_engine(db_url))
    try:
        with db.write_core() as c:
            c.execute(insert(EVENTS), _rows("core"))
            BulkInserter(c).insert(EVENTS, _rows("bulk"))
        with db.write_core() as c:
            stored = c.execute(select(EVENTS).order_by(EVENTS.c.id)).mappings().all()
            as_text = c.execute(text("SELECT type, CAST(at AS TEXT) FROM events ORDER BY id")
                                ).all()
    finally:
        db.dispose()
    core = [{k: v for k, v in r.items() if k not in ("id", "type")} for r in stored[:7]]
    bulk = [{k: v for k, v in r.items() if k not in ("id", "type")} for r in stored[7:]]
    assert [r["type"] for r in stored] == ["core"] * 7 + ["bulk"] * 7
    assert bulk == core  # values, defaults and order (ids follow the list)
    assert bulk[1]["at"] == AT.astimezone(UTC) + timedelta(microseconds=250_001)
    assert bulk[0]["payload_json"] == "{}"
    assert [t for _, t in as_text[7:]] == [t for _, t in as_text[:7]]  # same stored text


def test_a_naive_datetime_is_refused(db_url: str) -> None:
    db = Database(create_db_engine(db_url))
    try:
        rows = _rows("bulk")
        rows[3]["at"] = datetime(2026, 3, 2, 10, 0)  # naive: the point of the test
        with pytest.raises(ValueError, match="naive"), db.write_core() as c:
            BulkInserter(c).insert(EVENTS, rows)
    finally:
        db.dispose()


def test_staged_import_equals_direct_import(pg_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The path a role with row security takes (staging table) stores what COPY stores,
    ids in file order (second rounds link to the 1st round inserted before them)."""
    path = write_csv(tmp_path / "a.csv", [
        row(1), row(2, round="2", enforcement_id="ENF-1", appellant_id="SLR-1"), row(3),
        row(4, round="2", enforcement_id="ENF-3", appellant_id="SLR-0"),
        row(5, outcome="uphold", decided_at="2026-03-03T10:00:00Z", decided_by="lee"),
    ])
    now = datetime(2026, 3, 5, tzinfo=UTC)
    monkeypatch.setattr(bulk_insert, "FORCE_STAGING", True)
    db = open_workspace(pg_url, embedded=False)
    try:
        summary = importer.import_appeals(db, path, now=now, batch_rows=2)
    finally:
        db.dispose()
    assert summary.imported == 5
    stored = appeals(pg_url)
    assert [stored[f"AP-{n}"].id for n in range(1, 6)] == sorted(
        stored[f"AP-{n}"].id for n in range(1, 6))
    assert stored["AP-2"].previous_appeal_id == stored["AP-1"].id
    assert stored["AP-4"].previous_appeal_id == stored["AP-3"].id
    assert stored["AP-5"].status == "decided"
    assert [e.type for e in events(pg_url)] == ["created"] * 5 + ["decided"]


@pytest.mark.parametrize("name", ["a.csv", 'we "quote", 第二 🙂\\.csv', "\u2028\x01.jsonl"])
def test_created_payload_template_is_json_dumps(name: str) -> None:
    from reviewer_app.data.import_store import _created_payload, _json

    now = datetime(2026, 3, 5, 1, 2, 3, 4, tzinfo=UTC)
    payload = _created_payload(name, now)
    for line in (1, 42, 1_000_001):
        assert payload(line) == _json({"source": "import", "file": name, "row": line,
                                      "imported_at": now.isoformat()})
