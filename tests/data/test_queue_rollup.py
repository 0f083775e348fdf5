"""The queue charts' daily roll-up follows every kind of change, on SQLite and PostgreSQL.

Triggers mark the days a write changes; the next read recomputes exactly those. Each test
starts from the week of tests/kpi_data.py, read once (so the roll-up is current), makes one
change and checks which days were marked and which figures moved (by hand, from the
states listed in tests/services/test_queue_chart_figures.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from factories import Factory, ManualClock
from kpi_data import build_week, t
from sqlalchemy import delete, insert, select, update

from reviewer_app.data import queue_rollup_store as store
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, QueueDefRow, UserRow
from reviewer_app.data.rollup_orm import QueueRollupDirtyRow, QueueRollupRow
from reviewer_app.domain.enums import AppealStatus, Outcome
from reviewer_app.domain.queue_charts import ChartFilter, DailySeries
from reviewer_app.services.team_dashboard import TeamDashboardService

NOW = t(3, 9, 12)
TODAY = NOW.date()
BEFORE = {  # the week's series over 03-01 … 03-09, before any change
    "intake": (1, 2, 1, 1, 1, 0, 0, 1, 1),
    "decided": (0, 1, 1, 1, 2, 0, 0, 0, 1),
    "backlog": (1, 2, 2, 2, 1, 2, 2, 3, 3),
    "overdue": (0, 0, 2, 1, 1, 2, 2, 2, 2),
}


@pytest.fixture
def week(database: Database) -> dict[str, int]:
    return build_week(database).appeals


@pytest.fixture
def service(database: Database, week: dict[str, int]) -> TeamDashboardService:
    service = TeamDashboardService(database, clock=ManualClock(NOW))
    assert _series(service) == BEFORE  # reading also brings the roll-up up to date
    return service


def _series(service: TeamDashboardService, flt: ChartFilter | None = None
            ) -> dict[str, tuple[int, ...]]:
    s: DailySeries = service.queue_charts(flt or ChartFilter(), 9).series
    return {"intake": s.intake, "decided": s.decided, "backlog": s.backlog,
            "overdue": s.overdue}


def _pending(database: Database) -> list[date]:
    with database.read() as session:
        return store.pending_days(session, TODAY)


def test_the_week_marks_its_days_and_a_read_takes_them(database: Database,
                                                       week: dict[str, int]) -> None:
    pending = _pending(database)
    # Receipts, due days and decision/reopen days from 02-20 (A9) on; later days wait.
    assert pending[0] == date(2026, 2, 20) and pending[-1] == TODAY
    assert date(2026, 3, 6) in pending  # A10's reopening, nothing else that day
    service = TeamDashboardService(database, clock=ManualClock(NOW))
    assert service.refresh() == len(pending)
    assert _pending(database) == []
    with database.read() as session:  # A5's due day (03-10) and A6's (03-11) are ahead
        later = set(session.scalars(select(QueueRollupDirtyRow.day)))
    assert {date(2026, 3, 10), date(2026, 3, 11)} <= later
    assert service.refresh() == 0


def test_a_decision_today_changes_today(database: Database, week: dict[str, int],
                                        service: TeamDashboardService) -> None:
    f = Factory(database, now=NOW)
    ana = f.user("ana2")
    f.decision(week["A6"], ana, Outcome.UPHOLD, decided_at=t(3, 9, 11))
    _set_status(database, week["A6"], AppealStatus.DECIDED)
    assert _pending(database) == [TODAY]  # and A6's due day 03-11, not yet due
    after = _series(service)
    assert after["decided"] == (0, 1, 1, 1, 2, 0, 0, 0, 2)
    assert after["backlog"] == (1, 2, 2, 2, 1, 2, 2, 3, 2)
    assert after["intake"] == BEFORE["intake"] and after["overdue"] == BEFORE["overdue"]


def test_a_back_dated_decision_changes_its_own_day_and_what_follows(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    # Imported today: A4 (open since 03-01, due 03-03) was upheld on 03-04 10:00, late.
    f = Factory(database, now=NOW)
    f.decision(week["A4"], f.user("ana2"), Outcome.UPHOLD, decided_at=t(3, 4, 10))
    _set_status(database, week["A4"], AppealStatus.DECIDED)
    assert _pending(database) == [date(2026, 3, 4)]  # its due day (03-03) is earlier
    after = _series(service)
    assert after["decided"] == (0, 1, 1, 2, 2, 0, 0, 0, 1)
    assert after["backlog"] == (1, 2, 2, 1, 0, 1, 1, 2, 2)  # one less from 03-04 on
    assert after["overdue"] == (0, 0, 2, 0, 0, 1, 1, 1, 1)
    charts = service.queue_charts(ChartFilter(), 9)
    assert charts.series.sla_compliance[3] == 0.0  # A2 and A4, both late


def test_a_reopening_changes_its_day_and_what_follows(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    with database.write() as s:  # A1 (decided 03-02, due 03-04) reopened on 03-07
        s.add(EventRow(appeal_id=week["A1"], at=t(3, 7, 10), type="reopened",
                       before="decided", after="reopened"))
    _set_status(database, week["A1"], AppealStatus.REOPENED)
    assert _pending(database) == [date(2026, 3, 7)]
    after = _series(service)
    assert after["decided"] == BEFORE["decided"]  # A1 still counts on 03-02
    assert after["backlog"] == (1, 2, 2, 2, 1, 2, 3, 4, 4)
    assert after["overdue"] == (0, 0, 2, 1, 1, 2, 3, 3, 3)  # open and past its due day


def test_a_decision_before_a_reopening_redoes_the_reopening_day(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    # A10: uphold 02-28, reopened 03-06. A decision of 03-05 imported now changes nothing
    # on 03-05 (A10 was decided already) but is what the reopening of 03-06 undoes.
    f = Factory(database, now=NOW)
    f.decision(week["A10"], f.user("ana2"), Outcome.OVERTURN, decided_at=t(3, 5, 8))
    assert _pending(database) == [date(2026, 3, 5), date(2026, 3, 6)]
    after = _series(service)
    assert after["decided"] == (0, 1, 1, 1, 3, 0, 0, 0, 1)  # A10 decided (again) on 03-05
    assert after["backlog"] == BEFORE["backlog"] and after["overdue"] == BEFORE["overdue"]


def test_moving_an_appeal_to_another_queue_moves_its_figures(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    de, fr = ChartFilter(queue_code="de-queue"), ChartFilter(queue_code="fr-queue")
    fr_before = _series(service, fr)
    with database.write() as s:  # A8 (received 03-04, due 03-08) escalated to fr-queue
        fr_id = s.scalar(select(QueueDefRow.id).where(QueueDefRow.code == "fr-queue"))
        s.execute(update(AppealRow).where(AppealRow.id == week["A8"]).values(queue_id=fr_id))
    # Its receipt, due, decision and reopening days: 03-04, 03-05 and 03-08.
    assert _pending(database) == [date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 8)]
    fr_after = _series(service, fr)
    assert fr_after["intake"] == (1, 0, 1, 1, 1, 0, 0, 0, 0)
    assert fr_after["decided"] == (0, 0, 1, 0, 2, 0, 0, 0, 0)
    assert fr_after["backlog"] == (1, 1, 1, 2, 1, 1, 1, 1, 1)
    assert fr_after != fr_before
    assert _series(service, de)["backlog"] == (0, 1, 1, 0, 0, 1, 1, 2, 2)  # A8 gone
    assert _series(service) == BEFORE  # the sum over queues is unchanged


def test_refreshing_day_by_day_equals_building_from_scratch(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    f = Factory(database, now=NOW)
    ana = f.user("ana2")
    f.decision(week["A4"], ana, Outcome.UPHOLD, decided_at=t(3, 4, 10))
    f.decision(week["A6"], ana, Outcome.PARTIAL, decided_at=t(3, 9, 9))
    with database.read() as s:  # another appeal of A3's seller and enforcement
        enforcement = s.scalar(select(AppealRow.enforcement_id)
                               .where(AppealRow.id == week["A3"]))
    extra = f.appeal(enforcement_id=enforcement, received_at=t(3, 7, 3), sla_hours=30)
    with database.write() as s:
        s.add(EventRow(appeal_id=week["A3"], at=t(3, 8), type="reopened"))
    f.decision(extra, ana, Outcome.OVERTURN, decided_at=t(3, 8, 23))
    service.refresh()
    incremental = _rollup(database)
    with database.write() as s:  # forget everything; mark every day from 02-01 on
        s.execute(delete(QueueRollupRow))
        s.execute(delete(QueueRollupDirtyRow))
        s.execute(insert(QueueRollupDirtyRow), [
            {"day": date(2026, 2, 1) + timedelta(days=i), "tx": 0} for i in range(50)])
    service.refresh()
    assert _rollup(database) == incremental
    assert len(incremental) > 100  # every combination of queue/market/policy/language


def _rollup(database: Database) -> list[tuple[object, ...]]:
    with database.read() as s:
        return [tuple(r) for r in s.execute(
            select(QueueRollupRow.__table__).where(QueueRollupRow.day <= TODAY)
            .order_by(*QueueRollupRow.__table__.primary_key.columns))]


def _set_status(database: Database, appeal_id: int, status: AppealStatus) -> None:
    with database.write() as s:
        s.execute(update(AppealRow).where(AppealRow.id == appeal_id)
                  .values(status=status.value))


def test_a_read_without_refresh_says_it_is_stale(database: Database, week: dict[str, int],
                                                 service: TeamDashboardService) -> None:
    assert not service.queue_charts(ChartFilter(), 9, refresh=False).stale
    Factory(database, now=NOW).decision(week["A6"], _user(database), Outcome.UPHOLD,
                                        decided_at=t(3, 9, 11))
    stale = service.queue_charts(ChartFilter(), 9, refresh=False)
    assert stale.stale and stale.series.decided[-1] == 1  # drawn from the roll-up as it was
    fresh = service.queue_charts(ChartFilter(), 9)
    assert not fresh.stale and fresh.series.decided[-1] == 2


@pytest.mark.pg
def test_a_writer_still_open_during_a_refresh_keeps_its_mark(
        pg_url: str, week_pg: tuple[Database, dict[str, int]]) -> None:
    """PostgreSQL: marks carry the writer's transaction id, so a refresh neither waits for
    an open writer nor takes a mark whose change it could not see."""
    database, week = week_pg
    service = TeamDashboardService(database, clock=ManualClock(NOW))
    service.refresh()
    writer = Database(create_db_engine(pg_url))
    try:
        with writer.write() as s:  # a decision of today, not committed during the refresh
            s.add(DecisionRow(appeal_id=week["A6"], user_id=_user(database),
                              outcome="uphold", decided_at=t(3, 9, 11)))
            s.flush()
            with database.write() as other:  # meanwhile A5 is reopened (committed)
                other.add(EventRow(appeal_id=week["A5"], at=t(3, 9, 10), type="reopened"))
            assert service.refresh() == 1  # today, without waiting for the open writer
            charts = service.queue_charts(ChartFilter(), 9)
            assert charts.series.decided[-1] == 0  # A5 reopened; A6's decision unseen
            assert charts.series.backlog[-1] == 4
        assert _pending(database) == [TODAY]  # committed now: its mark is still there
        after = service.queue_charts(ChartFilter(), 9).series
        assert (after.decided[-1], after.backlog[-1]) == (1, 3)
    finally:
        writer.dispose()


@pytest.fixture
def week_pg(pg_url: str) -> Iterator[tuple[Database, dict[str, int]]]:
    database = Database(create_db_engine(pg_url))
    try:
        yield database, build_week(database).appeals
    finally:
        database.dispose()


def _user(database: Database) -> int:
    with database.read() as s:
        return int(s.scalar(select(UserRow.id).where(UserRow.login == "ana")))
