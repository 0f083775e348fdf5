"""Queue charts maths: series from roll-up rows, aging buckets and windows, the cube, clicks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.queue_charts import (
    AGE_BUCKETS,
    ALL,
    ChartFilter,
    DailySeries,
    Element,
    OpenFigures,
    QueueCharts,
    RollupDay,
    age_bucket,
    age_window,
    aging_from_cumulative,
    cases_behind,
    cube_keys,
    daily_series,
    day_window,
    range_days,
)

NOW = datetime(2026, 5, 20, 15, 0, tzinfo=UTC)


def d(day: int) -> date:
    return date(2026, 5, day)


def test_series_sums_history_and_leaves_empty_days_at_zero() -> None:
    rows = [
        RollupDay(d(1), intake=5, backlog_delta=5, overdue_delta=1),  # before the range
        RollupDay(d(3), intake=2, decided=4, decided_within_sla=3, backlog_delta=-2,
                  overdue_delta=-1),
        RollupDay(d(5), intake=1, decided=1, decided_within_sla=0, backlog_delta=0,
                  overdue_delta=2),
    ]
    s = daily_series(rows, range_days(d(5), 3))  # 05-03, 05-04, 05-05
    assert s.days == (d(3), d(4), d(5))
    assert s.intake == (2, 0, 1)
    assert s.decided == (4, 0, 1)
    assert s.backlog == (3, 3, 3)  # 5 carried in, −2, 0, 0
    assert s.overdue == (0, 0, 2)  # 1 carried in, −1, 0, +2
    assert s.sla_compliance == (0.75, None, 0.0)  # 3/4; nothing decided; 0/1
    assert s.sla_compliance_inclusive == (0.75, None, pytest.approx(0 / 3))  # 3/(4+0); 0/(1+2)


def test_inclusive_rate_exists_without_decisions_when_something_is_overdue() -> None:
    s = daily_series([RollupDay(d(2), overdue_delta=2)], [d(2)])
    assert s.sla_compliance == (None,)
    assert s.sla_compliance_inclusive == (0.0,)


def test_range_days_and_day_window() -> None:
    assert range_days(d(10), 1) == [d(10)]
    assert range_days(d(2), 3) == [date(2026, 4, 30), d(1), d(2)]
    with pytest.raises(ValueError, match="at least one day"):
        range_days(d(2), 0)
    assert day_window(d(2)) == (datetime(2026, 5, 2, tzinfo=UTC),
                                datetime(2026, 5, 3, tzinfo=UTC))


@pytest.mark.parametrize(("age", "bucket"), [
    (timedelta(0), 0), (timedelta(hours=24), 0), (timedelta(hours=24, seconds=1), 1),
    (timedelta(hours=48), 1), (timedelta(hours=60), 2), (timedelta(hours=72), 2),
    (timedelta(days=5), 3), (timedelta(days=7), 3), (timedelta(days=7, seconds=1), 4),
    (timedelta(days=400), 4),
])
def test_age_buckets_and_their_receipt_windows_agree(age: timedelta, bucket: int) -> None:
    received = NOW - age
    assert age_bucket(received, NOW) == bucket
    start, end = age_window(bucket, NOW)
    assert start is None or start <= received
    assert end is None or received < end


def test_age_windows_tile_the_past() -> None:
    windows = [age_window(b, NOW) for b in range(AGE_BUCKETS)]
    assert windows[0] == (NOW - timedelta(hours=24), None)
    assert windows[-1] == (None, NOW - timedelta(days=7))
    for younger, older in pairwise(windows):  # each bucket's window ends where the next starts
        assert younger[0] == older[1]
    with pytest.raises(ValueError, match="no aging bucket"):
        age_window(AGE_BUCKETS, NOW)


def test_aging_from_cumulative_counts() -> None:
    # 10 open: 3 received in the last 24 h, 4 in 48 h, 4 in 72 h, 7 in 7 days.
    assert aging_from_cumulative(10, [3, 4, 4, 7]) == (3, 1, 0, 3, 3)
    with pytest.raises(ValueError, match="one count per"):
        aging_from_cumulative(1, [1])


def test_cube_keys_cover_every_combination_once() -> None:
    keys = cube_keys(7, "DE", "IP", "de")
    assert len(set(keys)) == 16
    assert (7, "DE", "IP", "de") in keys and (0, ALL, ALL, ALL) in keys
    assert (0, "DE", ALL, "de") in keys and (7, ALL, "IP", ALL) in keys


def _charts(flt: ChartFilter) -> QueueCharts:
    empty = OpenFigures(None, "", 0, 0, 0, (0,) * AGE_BUCKETS)
    series = DailySeries(days=(d(18), d(19), d(20)), intake=(0,) * 3, decided=(0,) * 3,
                         backlog=(0,) * 3, overdue=(0,) * 3, sla_compliance=(None,) * 3,
                         sla_compliance_inclusive=(None,) * 3)
    return QueueCharts(filters=flt, now=NOW, series=series, overall=empty)


def test_cases_behind_each_element() -> None:
    charts = _charts(ChartFilter(queue_code="general", market="DE"))
    day = (datetime(2026, 5, 19, tzinfo=UTC), datetime(2026, 5, 20, tzinfo=UTC))
    intake = cases_behind(charts, Element.INTAKE, 1)
    assert (intake.queue_code, intake.market, intake.open_only) == ("general", "DE", False)
    assert (intake.received_from, intake.received_before) == day
    decided = cases_behind(charts, Element.DECIDED, 1)
    assert decided.decided_in == day and not decided.open_only
    assert decided.received_from is None
    backlog = cases_behind(charts, Element.BACKLOG, 1)
    assert backlog.open_only and backlog.received_before == day[1]
    aging = cases_behind(charts, Element.AGING, 2)
    assert (aging.received_from, aging.received_before) == age_window(2, NOW)
    assert aging.open_only and aging.narrowed_by_chart
    assert cases_behind(charts, Element.AT_RISK).sla_state is SlaState.AT_RISK
    breached = cases_behind(charts, Element.BREACHED)
    assert breached.sla_state is SlaState.BREACHED and breached.market == "DE"
    assert not ChartFilter(market="DE").cases().narrowed_by_chart
