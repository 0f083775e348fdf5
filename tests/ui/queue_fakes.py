"""In-memory stand-ins for the queue service, for model tests that need control of timing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from reviewer_app.domain.enums import AppealStatus, SortKey
from reviewer_app.domain.models import (
    PageCursor,
    QueueCounts,
    QueueFilter,
    QueuePage,
    QueueRow,
    QueueSort,
)
from reviewer_app.services.queue import FilterOptions

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def make_rows(n: int) -> list[QueueRow]:
    """``n`` rows with distinct SLA due times, priorities and markets."""
    rows = []
    for i in range(1, n + 1):
        rows.append(
            QueueRow(
                appeal_id=i,
                ref=f"AP-{i:06d}",
                round=1 + i % 2,
                received_at=NOW - timedelta(hours=i),
                sla_due_at=NOW + timedelta(minutes=37 * i - 300),
                status=AppealStatus.NEW,
                queue_code="GENERAL",
                priority=i % 5,
                market=("DE", "FR", "PL")[i % 3],
                language="de",
                policy_code="IP_COUNTERFEIT",
                appellant_ref=f"S-{i:05d}",
                listing_id=None,
                leased_by=None,
            )
        )
    return rows


class FakeQueue:
    """Keyset paging over a list; ``gate`` can hold page calls to test stale replies."""

    def __init__(self, rows: list[QueueRow]) -> None:
        self.rows = rows
        self.calls: list[tuple[QueueFilter, QueueSort, PageCursor | None]] = []
        self.gate: threading.Event | None = None

    def _select(self, flt: QueueFilter, sort: QueueSort) -> list[QueueRow]:
        rows = [r for r in self.rows if flt.market is None or r.market == flt.market]
        if flt.search:
            rows = [r for r in rows if flt.search in r.ref]
        attr = {SortKey.SLA_DUE: "sla_due_at", SortKey.PRIORITY: "priority",
                SortKey.RECEIVED: "received_at"}[sort.key]
        return sorted(rows, key=lambda r: (getattr(r, attr), r.appeal_id),
                      reverse=sort.descending)

    def page(self, flt: QueueFilter, sort: QueueSort, cursor: PageCursor | None = None,
             limit: int = 200) -> QueuePage:
        gate = self.gate  # read before the call is recorded, so tests can swap it safely
        self.calls.append((flt, sort, cursor))
        if gate is not None:
            gate.wait(5)
        rows = self._select(flt, sort)
        start = 0
        if cursor is not None:
            start = next(i for i, r in enumerate(rows) if r.appeal_id == cursor.appeal_id) + 1
        chunk = rows[start:start + limit]
        more = start + limit < len(rows)
        nxt = PageCursor(value=None, appeal_id=chunk[-1].appeal_id) if more and chunk else None
        return QueuePage(rows=tuple(chunk), next_cursor=nxt)

    def last_page(self, flt: QueueFilter, sort: QueueSort, limit: int = 200) -> QueuePage:
        rows = self._select(flt, sort)
        return QueuePage(rows=tuple(rows[-limit:]), next_cursor=None)

    def counts(self, flt: QueueFilter) -> QueueCounts:
        rows = self._select(flt, QueueSort())
        breached = sum(1 for r in rows if r.sla_due_at <= NOW)
        return QueueCounts(total=len(rows), breached=breached, at_risk=0)

    def filter_options(self) -> FilterOptions:
        return FilterOptions(markets=("DE", "FR", "PL"), policies=("IP_COUNTERFEIT",),
                             languages=("de",))
