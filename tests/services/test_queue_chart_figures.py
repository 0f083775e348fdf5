"""Known answers for the queue charts on SQLite and PostgreSQL (the week of tests/kpi_data.py).

Every expected value is worked out by hand from DOMAIN.md ("Precise rules for reports",
each day a period P = [00:00, next 00:00) UTC); the comments show the reasoning. The charts
are read at 03-09 12:00 over the 9 days 03-01 … 03-09.

The appeals' states at each day's end (decided = has a final decision not reopened since):
  A1 DE recv 03-02 00:00 due 03-04: uphold 03-02 10:00            → decided from 03-02
  A2 DE recv 03-02 12:00 due 03-03 12:00: escalate 03-03, overturn 03-04 12:00 (late)
  A3 FR recv 03-03 due 03-05: partial 03-03 06:00                  → decided from 03-03
  A4 FR recv 03-01 due 03-03: request_info only                    → open throughout
  A5 DE recv 03-08 20:00 due 03-10 20:00: uphold 03-09 00:00       → open at end of 03-08
  A6 DE recv 03-09 00:00 due 03-11: nothing                        → open from 03-09
  A7 FR recv 03-05 due 03-06: reject 03-05 01:30                   → decided from 03-05
  A8 DE recv 03-04 due 03-08: uphold 03-04 02:00 reopened 05:00, overturn 03-05 04:00
  A9 DE recv 02-20 due 02-22: uphold 02-25 (before the range)
  A10 DE recv 02-27 due 03-01: uphold 02-28, reopened 03-06       → open again from 03-06
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import ManualClock
from kpi_data import build_week, t

from reviewer_app.data.db import Database
from reviewer_app.data.kpi_store import kpi_counts
from reviewer_app.domain.kpis import Period, compute_kpis
from reviewer_app.domain.models import QueueSort
from reviewer_app.domain.queue_charts import ChartFilter, Element, cases_behind
from reviewer_app.services.queue import QueueService
from reviewer_app.services.team_dashboard import TeamDashboardService

NOW = t(3, 9, 12)
DAYS = tuple(date(2026, 3, 1) + timedelta(days=i) for i in range(9))  # 03-01 … 03-09
AT_RISK_HOURS = 48.0  # A6 (due 03-11 00:00) is then at risk at 03-09 12:00


@pytest.fixture
def week(database: Database) -> dict[str, int]:
    return build_week(database).appeals


@pytest.fixture
def service(database: Database) -> TeamDashboardService:
    return TeamDashboardService(database, clock=ManualClock(NOW), at_risk_hours=AT_RISK_HOURS)


def test_every_series_day_by_day(week: dict[str, int], service: TeamDashboardService) -> None:
    s = service.queue_charts(ChartFilter(), 9).series
    assert s.days == DAYS
    #               03-01 02 03 04 05 06 07 08 09
    assert s.intake == (1, 2, 1, 1, 1, 0, 0, 1, 1)  # A4; A1 A2; A3; A8; A7; A5; A6
    # Final as of the day's end and made that day: 03-02 A1; 03-03 A3 (A2's escalation is
    # a handling step); 03-04 A2 (A8's uphold was reopened the same day); 03-05 A7, A8;
    # 03-09 A5 (decided at 00:00 exactly: that day, not 03-08).
    assert s.decided == (0, 1, 1, 1, 2, 0, 0, 0, 1)
    # Open at each day's end: 03-01 A4; 03-02 A4 A2; 03-03 A4 A2; 03-04 A4 A8;
    # 03-05 A4; 03-06 A4 A10; 03-07 same; 03-08 + A5; 03-09 A4 A10 A6.
    assert s.backlog == (1, 2, 2, 2, 1, 2, 2, 3, 3)
    # Open at the day's end and due before it: A4 from 03-03 (due 03-03 00:00); A2 on 03-03
    # (due 12:00, decided 03-04); A10 from 03-06 (reopened, due 03-01).
    assert s.overdue == (0, 0, 2, 1, 1, 2, 2, 2, 2)
    # Within SLA ÷ decided: A1 ✓; A3 ✓; A2 late; A7 ✓ A8 ✓; A5 ✓. No decisions: None.
    assert s.sla_compliance == (None, 1.0, 1.0, 0.0, 1.0, None, None, None, 1.0)
    # Inclusive: ÷ (decided + overdue at the day's end); 03-06 … 03-08 have 0 ÷ 2 = 0.
    assert s.sla_compliance_inclusive == pytest.approx(
        (None, 1.0, 1 / 3, 0.0, 2 / 3, 0.0, 0.0, 0.0, 1 / 3))


def test_backlog_before_the_range_carries_in(week: dict[str, int],
                                             service: TeamDashboardService) -> None:
    s = service.queue_charts(ChartFilter(), 3).series  # 03-07 … 03-09
    assert s.days == DAYS[-3:]
    assert s.backlog == (2, 3, 3)  # sums of every earlier day's change, A9's and A10's too
    assert s.overdue == (2, 2, 2)


def test_filters_split_the_series(week: dict[str, int], service: TeamDashboardService) -> None:
    fr = service.queue_charts(ChartFilter(market="FR"), 9).series  # A3, A4, A7
    assert fr.intake == (1, 0, 1, 0, 1, 0, 0, 0, 0)
    assert fr.decided == (0, 0, 1, 0, 1, 0, 0, 0, 0)
    assert fr.backlog == (1,) * 9  # A4 alone; A3 and A7 are decided the day they come
    assert fr.overdue == (0, 0, 1, 1, 1, 1, 1, 1, 1)
    de = service.queue_charts(ChartFilter(queue_code="de-queue", language="de"), 9).series
    assert de.backlog == (0, 1, 1, 1, 0, 1, 1, 2, 2)  # A2; A2; A8; —; A10; A10; +A5; A10 A6
    assert de.decided == (0, 1, 0, 1, 1, 0, 0, 0, 1)
    both = service.queue_charts(ChartFilter(queue_code="fr-queue", market="DE"), 9).series
    assert both.intake == (0,) * 9 and both.backlog == (0,) * 9
    unknown = service.queue_charts(ChartFilter(queue_code="no-such-queue"), 9).series
    assert unknown.intake == (0,) * 9 and unknown.backlog == (0,) * 9


def test_open_figures_now(week: dict[str, int], service: TeamDashboardService) -> None:
    charts = service.queue_charts(ChartFilter(), 7)
    o = charts.overall
    # Open now: A4 (8 d 12 h old, due 03-03), A6 (12 h, due 03-11: within 48 h → at risk),
    # A10 (10 d 12 h, due 03-01). Buckets (0,24h] (24,48] (48,72] (72h,7d] (7d,∞).
    assert (o.backlog, o.at_risk, o.breached) == (3, 1, 2)
    assert o.aging == (1, 0, 0, 0, 2)
    assert o.oldest_appeal_id == week["A10"]
    assert charts.oldest_age() == timedelta(days=10, hours=12)
    by_queue = {q.queue_code: q for q in charts.queues}
    assert set(by_queue) == {"de-queue", "fr-queue"}
    de, fr = by_queue["de-queue"], by_queue["fr-queue"]
    assert (de.backlog, de.at_risk, de.breached, de.aging) == (2, 1, 1, (1, 0, 0, 0, 1))
    assert de.oldest_appeal_id == week["A10"]
    assert (fr.backlog, fr.at_risk, fr.breached, fr.aging) == (1, 0, 1, (0, 0, 0, 0, 1))
    assert fr.oldest_appeal_id == week["A4"]
    only_fr = service.queue_charts(ChartFilter(language="fr"), 7)
    assert [q.queue_code for q in only_fr.queues] == ["fr-queue"]
    assert only_fr.overall.oldest_appeal_id == week["A4"]


@pytest.mark.parametrize(("element", "day", "expected"), [
    (Element.INTAKE, 1, {"A1", "A2"}),  # received 03-02, whatever their status now
    (Element.DECIDED, 3, {"A2"}),  # 03-04: A8's uphold was reopened that day
    (Element.DECIDED, 4, {"A7", "A8"}),
    (Element.BACKLOG, 7, {"A4", "A10"}),  # received by 03-08's end and still open (A5 is not)
    (Element.AGING, 4, {"A4", "A10"}),  # older than 7 days
    (Element.AGING, 0, {"A6"}),
    (Element.AT_RISK, 0, {"A6"}),
    (Element.BREACHED, 0, {"A4", "A10"}),
])
def test_a_clicked_element_lists_exactly_its_cases(
        database: Database, week: dict[str, int], service: TeamDashboardService,
        element: Element, day: int, expected: set[str]) -> None:
    charts = service.queue_charts(ChartFilter(), 9)
    flt = cases_behind(charts, element, day)
    queue = QueueService(database, clock=ManualClock(NOW), at_risk_hours=AT_RISK_HOURS)
    rows = queue.page(flt, QueueSort()).rows
    names = {v: k for k, v in week.items()}
    assert {names[r.appeal_id] for r in rows} == expected
    assert queue.counts(flt).total == len(expected)


def test_a_click_keeps_the_charts_filters(database: Database, week: dict[str, int],
                                          service: TeamDashboardService) -> None:
    charts = service.queue_charts(ChartFilter(market="DE", queue_code="de-queue"), 9)
    flt = cases_behind(charts, Element.INTAKE, 1)
    assert (flt.market, flt.queue_code) == ("DE", "de-queue")
    rows = QueueService(database, clock=ManualClock(NOW)).page(flt, QueueSort()).rows
    assert {r.appeal_id for r in rows} == {week["A1"], week["A2"]}
    fr = cases_behind(service.queue_charts(ChartFilter(queue_code="fr-queue"), 9),
                      Element.INTAKE, 1)
    assert QueueService(database, clock=ManualClock(NOW)).page(fr, QueueSort()).rows == ()


def test_each_day_agrees_with_the_kpi_report_of_that_day(
        database: Database, week: dict[str, int], service: TeamDashboardService) -> None:
    """The roll-up and ``report kpis --from X --to X`` count the same appeals every day."""
    s = service.queue_charts(ChartFilter(), 9).series
    with database.read() as session:
        for i, day in enumerate(DAYS):
            counts = kpi_counts(session, Period(day, day))[None]
            assert (s.intake[i], s.decided[i], s.backlog[i], s.overdue[i]) == (
                counts.intake, counts.decided, counts.backlog_end, counts.open_past_sla_end)
            kpis = compute_kpis(counts)
            assert s.sla_compliance[i] == kpis.sla_compliance
            assert s.sla_compliance_inclusive[i] == pytest.approx(kpis.sla_compliance_inclusive)
