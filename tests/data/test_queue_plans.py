"""Every offered queue sort, and claiming, are served by an index in order (no sort step).

The page statements are the ones the repository really sends (captured from the engine), so
losing the partial-index predicate match or an index shows up here, on both engines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from factories import Factory
from sqlalchemy import event

from reviewer_app.data import lease_repository, queue_repository
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import AppealStatus, Role, SlaState, SortKey
from reviewer_app.domain.models import PageCursor, QueueFilter, QueueSort, User

NOW = datetime(2026, 1, 10, tzinfo=UTC)


def _captured(db: Database, run: Any) -> tuple[str, Any]:
    seen: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        if stmt.lstrip().upper().startswith("SELECT"):
            seen.append((stmt, params))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    return seen[-1]


def _plan(db: Database, stmt: str, params: Any) -> str:
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if db.dialect == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + stmt, params)
            return "\n".join(str(r[3]) for r in cur.fetchall())
        # Tiny test tables make sequential scans cheapest; forbid them so the plan shows
        # whether an index can deliver the order at all.
        cur.execute("SET enable_seqscan = off")
        cur.execute("SET enable_sort = off")
        cur.execute("EXPLAIN " + stmt, params)
        return "\n".join(str(r[0]) for r in cur.fetchall())
    finally:
        raw.rollback()
        raw.close()


def _assert_ordered_by_index(db: Database, plan: str, index: str) -> None:
    if db.dialect == "sqlite":
        assert "TEMP B-TREE" not in plan, plan
        assert index in plan, plan
    else:
        assert "Sort Key" not in plan, plan
        assert index in plan, plan


CASES = [
    (QueueFilter(), SortKey.SLA_DUE, "ix_appeals_open_sla"),
    (QueueFilter(), SortKey.PRIORITY, "ix_appeals_open_priority"),
    (QueueFilter(), SortKey.RECEIVED, "ix_appeals_open_received"),
    (QueueFilter(sla_state=SlaState.BREACHED), SortKey.SLA_DUE, "ix_appeals_open_sla"),
    (QueueFilter(market="DE"), SortKey.SLA_DUE, "ix_appeals_open_market_sla"),
    (QueueFilter(policy_code="P"), SortKey.SLA_DUE, "ix_appeals_open_policy_code_sla"),
    (QueueFilter(language="de"), SortKey.SLA_DUE, "ix_appeals_open_language_sla"),
    (QueueFilter(round=2), SortKey.SLA_DUE, "ix_appeals_open_round_sla"),
    (QueueFilter(market="DE", open_only=False), SortKey.SLA_DUE, "ix_appeals_market_sla"),
    (QueueFilter(market="DE", language="de"), SortKey.PRIORITY, "ix_appeals_open_priority"),
    (QueueFilter(policy_code="P", round=1), SortKey.RECEIVED, "ix_appeals_open_received"),
    (QueueFilter(open_only=False), SortKey.SLA_DUE, "ix_appeals_sla"),
    (QueueFilter(open_only=False), SortKey.PRIORITY, "ix_appeals_priority"),
    (QueueFilter(open_only=False), SortKey.RECEIVED, "ix_appeals_received"),
    (QueueFilter(status=AppealStatus.NEW), SortKey.SLA_DUE, "ix_appeals_status_sla"),
    (QueueFilter(status=AppealStatus.DECIDED), SortKey.PRIORITY, "ix_appeals_status_priority"),
]


def test_queue_pages_use_index_order(database: Database) -> None:
    """Every case x direction x (first page | keyset page), in one database per engine."""
    Factory(database).appeals(3)
    failures = []
    for flt, key, index in CASES:
        for descending in (False, True):
            for with_cursor in (False, True):
                value = NOW if key is not SortKey.PRIORITY else 50
                cursor = PageCursor(value, 2) if with_cursor else None

                def run(flt: QueueFilter = flt, key: SortKey = key, desc: bool = descending,
                        cursor: PageCursor | None = cursor) -> None:
                    with database.read() as s:
                        queue_repository.fetch_page(s, flt, QueueSort(key, desc), cursor, 200,
                                                    now=NOW, at_risk_until=NOW)

                plan = _plan(database, *_captured(database, run))
                try:
                    _assert_ordered_by_index(database, plan, index)
                except AssertionError:
                    failures.append((flt, key, descending, with_cursor, plan))
    assert not failures, failures


def test_claim_query_forces_claim_index_on_sqlite(sqlite_url: str) -> None:
    """SQLite has no statistics unless ANALYZE ran, so the claim query names its index.

    (PostgreSQL chooses by statistics; on 1M rows it picks ix_appeals_claim too.)
    """
    database = Database(create_db_engine(sqlite_url))
    Factory(database).appeals(3)
    user = User(id=1, login="x", display_name="x", role=Role.REVIEWER,
                languages=frozenset({"de"}), markets=frozenset({"DE"}))

    def run() -> None:
        with database.read() as s:
            lease_repository.find_claimable(s, user)

    plan = _plan(database, *_captured(database, run))
    _assert_ordered_by_index(database, plan, "ix_appeals_claim")
    database.dispose()


DAY = (datetime(2026, 1, 9, tzinfo=UTC), datetime(2026, 1, 10, tzinfo=UTC))
# A chart click's window: the rows are found through the window's own index (and sorted),
# never by walking a whole history in SLA order (seconds on a year of data).
WINDOW_CASES = [
    (QueueFilter(market="DE", language="de", open_only=False, received_from=DAY[0],
                 received_before=DAY[1]), "ix_appeals_received"),
    (QueueFilter(open_only=False, received_from=DAY[0], received_before=DAY[1]),
     "ix_appeals_received"),
    (QueueFilter(open_only=False, queue_code="general", decided_in=DAY),
     "ix_decisions_decided_at"),
]


def test_chart_windows_are_found_through_their_index(sqlite_url: str) -> None:
    """SQLite (no statistics on a new database) reads a window through its index.

    (PostgreSQL plans by statistics; tiny test tables say nothing about a year of data.)
    """
    database = Database(create_db_engine(sqlite_url))
    Factory(database).appeals(3)
    for flt, index in WINDOW_CASES:
        def run(flt: QueueFilter = flt) -> None:
            with database.read() as s:
                queue_repository.fetch_page(s, flt, QueueSort(), None, 200, now=NOW,
                                            at_risk_until=NOW)

        plan = _plan(database, *_captured(database, run))
        assert index in plan, (flt, plan)
        assert "SCAN appeals" not in plan, (flt, plan)
    database.dispose()
