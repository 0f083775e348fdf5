"""WorkforceService on both engines: history from the database, projection, staffing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import NOW, Factory, ManualClock

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import AppealStatus, Outcome
from reviewer_app.domain.errors import InvalidInputError, NotFoundError
from reviewer_app.domain.forecast import FallbackReason, ForecastMethod, project_backlog
from reviewer_app.domain.staffing import BackOfficeInputs
from reviewer_app.services.workforce import (
    PlanningAssumptions,
    WorkforceService,
    backoffice_baseline,
    plan_what_if,
)

# NOW is 2026-01-10 12:00 UTC, so the last complete day is the 9th.
RECEIVED = {  # day of January → appeals received in "general"
    5: 2, 7: 1, 9: 1, 10: 3,  # the 10th is today: partial, left out of the history
}


def _fill(f: Factory) -> int:
    ana = f.user("ana")
    for day, count in RECEIVED.items():
        f.appeals(count, queue_code="general",
                  received_at=datetime(2026, 1, day, 9, tzinfo=UTC))
    done = f.appeal(queue_code="general", status=AppealStatus.DECIDED,
                    received_at=datetime(2025, 6, 1, 9, tzinfo=UTC))  # before the window
    f.decision(done, ana, Outcome.UPHOLD, decided_at=NOW - timedelta(days=2),
               handle_seconds=1500)
    return ana


def _service(database: Database) -> WorkforceService:
    return WorkforceService(database, clock=ManualClock(NOW))


def test_forecast_uses_complete_days_with_quiet_days_as_zero(database: Database) -> None:
    f = Factory(database)
    _fill(f)
    f.queue("quiet")
    result = {q.queue_code: q for q in _service(database).forecast()}
    general = result["general"]
    # 5th..9th = 2, 0, 1, 0, 1 (five days: the history starts at the first appeal in the
    # 182-day window; the decided one is older): fewer than a week, so the mean 4 ÷ 5 = 0.8.
    assert general.forecast.history_days == 5
    assert general.forecast.last_day == date(2026, 1, 9)
    assert general.forecast.method is ForecastMethod.MEAN
    assert general.forecast.fallback is FallbackReason.SHORT_HISTORY
    assert [d.intake for d in general.forecast.days] == pytest.approx([0.8] * 14)
    assert general.forecast.days[0].day == date(2026, 1, 10)
    # The history the forecast was made from is handed back for the chart.
    assert [(d.day.day, d.intake) for d in general.history] == [
        (5, 2), (6, 0), (7, 1), (8, 0), (9, 1)]
    # The quiet queue has 182 days of nothing and a forecast of nothing.
    assert [d.intake for d in result["quiet"].forecast.days] == [0.0] * 14
    assert result["quiet"].projection is None  # no decisions: AHT unknown


def test_projection_from_measured_staffing(database: Database) -> None:
    _fill(Factory(database))
    (general,) = _service(database).forecast("general")
    # Open: 4 in the window + 3 today = 7; AHT 1500 s from ana's one decision, 1 reviewer:
    # capacity 1 × 5.5 × 3600 ÷ 1500 = 13.2 a day, far above 0.8 a day of intake.
    assert general.workload.backlog == 7
    assert general.aht_seconds == 1500
    assert general.reviewers == 1
    assert general.capacity_per_day == pytest.approx(13.2)
    assert general.projection is not None
    assert general.projection.days[0].backlog == 0
    assert general.projection.breach_day is None


def test_projection_with_what_if_staffing_breaches(database: Database) -> None:
    _fill(Factory(database))
    # 0.1 reviewers × 5.5 h × 3600 ÷ 1500 s = 1.32 decisions a day; SLA 48 h = 2 days.
    # Today's 3 arrivals are in the backlog of 7 and exceed today's forecast of 0.8, so
    # nothing more arrives today: 7 + 0 − 1.32 = 5.68 → 4.3 days of work: a breach.
    (general,) = _service(database).forecast("general", PlanningAssumptions(reviewers=0.1))
    assert general.projection is not None
    assert general.projection.breached_now is True
    assert general.received_today == 3
    assert general.projection.days[0].intake == 0
    assert general.projection.days[0].backlog == pytest.approx(5.68)
    assert general.projection.days[1].intake == pytest.approx(0.8)
    assert general.projection.days[1].backlog == pytest.approx(5.68 + 0.8 - 1.32)
    assert general.projection.breach_day == date(2026, 1, 10)


def test_todays_arrivals_are_not_counted_twice(database: Database) -> None:
    f = Factory(database)
    ana = f.user("ana")
    for day in range(5, 10):  # ten a day on the 5th..9th: fewer than a week, mean 10
        f.appeals(10, queue_code="steady", received_at=datetime(2026, 1, day, 9, tzinfo=UTC))
    f.appeals(4, queue_code="steady", received_at=datetime(2026, 1, 10, 8, tzinfo=UTC))
    done = f.appeal(queue_code="steady", status=AppealStatus.DECIDED,
                    received_at=datetime(2025, 6, 1, 9, tzinfo=UTC))
    f.decision(done, ana, Outcome.UPHOLD, decided_at=NOW - timedelta(days=2),
               handle_seconds=3600)
    (steady,) = _service(database).forecast("steady")
    # 54 open (4 of them today); capacity 1 × 5.5 × 3600 ÷ 3600 = 5.5 a day. Today brings
    # the 6 of the forecast 10 not yet received: 54 + 6 − 5.5 = 54.5; tomorrow + 10 − 5.5.
    assert steady.workload.backlog == 54 and steady.received_today == 4
    assert steady.projection is not None
    assert [d.intake for d in steady.projection.days[:2]] == pytest.approx([6, 10])
    assert [d.backlog for d in steady.projection.days[:2]] == pytest.approx([54.5, 59])


def test_staffing_for_a_queue_with_what_if(database: Database) -> None:
    _fill(Factory(database))
    result = _service(database).staffing(
        "general", PlanningAssumptions(days_to_clear=1, shrinkage=0.5),
        aht_seconds=3000, shrinkage=0.2)
    # Base: (7 ÷ 1 + 0.8) ÷ 13.2 = 0.59 → 1; ÷ (1 − 0.5) → 2.
    assert result.baseline.reviewers_before_shrinkage == 1
    assert result.baseline.reviewers == 2
    # What-if: 6.6 a reviewer a day at 3000 s: 7.8 ÷ 6.6 = 1.18 → 2; ÷ 0.8 = 2.5 → 3.
    assert result.scenario.reviewers_before_shrinkage == 2
    assert result.scenario.reviewers == 3


def test_unknown_queue_and_unknown_aht_are_known_errors(database: Database) -> None:
    f = Factory(database)
    f.queue("quiet")
    service = _service(database)
    with pytest.raises(NotFoundError, match="nope"):
        service.forecast("nope")
    with pytest.raises(InvalidInputError, match="AHT"):
        service.staffing("quiet")


def test_backoffice_baseline_and_what_if_plan(database: Database) -> None:
    _fill(Factory(database))
    (general,) = _service(database).forecast("general")
    base = backoffice_baseline(general, PlanningAssumptions(days_to_clear=7))
    assert base == BackOfficeInputs(backlog=7, days_to_clear=7, daily_intake=pytest.approx(0.8),
                                    aht_seconds=1500, productive_hours=5.5, shrinkage=0.0)
    # What-if: the backlog 20, twice the forecast intake, AHT 3000 s, half a reviewer:
    # 0.5 × 5.5 × 3600 ÷ 3000 = 3.3 decisions a day against 1.6 a day arriving.
    plan = plan_what_if(BackOfficeInputs(backlog=20, days_to_clear=5, daily_intake=1.6,
                                         aht_seconds=3000, productive_hours=5.5), 0.5, general)
    assert plan.staffing.reviewers == 1  # (20 ÷ 5 + 1.6) ÷ 6.6 = 0.85 → 1
    assert plan.capacity_per_day == pytest.approx(3.3)
    assert plan.projection is not None
    # Today's 3 arrivals are already in the what-if backlog: today adds max(0, 1.6 − 3) = 0.
    days = general.forecast.days
    expected = project_backlog(20, [replace(days[0], intake=0.0)]
                               + [replace(d, intake=1.6) for d in days[1:]],
                               capacity_per_day=3.3, sla_days=2)
    assert [d.backlog for d in plan.projection.days] == pytest.approx(
        [d.backlog for d in expected.days])
    assert plan.projection.breach_day == expected.breach_day == date(2026, 1, 10)
    assert plan_what_if(base, 1).projection is None  # no queue: the formula alone


def test_baseline_needs_an_aht(database: Database) -> None:
    Factory(database).queue("quiet")
    (quiet,) = _service(database).forecast("quiet")
    with pytest.raises(InvalidInputError, match="no final decisions"):
        backoffice_baseline(quiet)
