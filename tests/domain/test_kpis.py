"""KPI maths: periods, nearest-rank percentiles, null rates (DOMAIN.md "KPIs")."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.kpis import (
    KPI_KEYS,
    MEDIAN,
    P90,
    P95,
    KpiCounts,
    Period,
    ReportInputError,
    compute_kpis,
    nearest_rank,
    parse_day,
    percentile,
    rate,
)


def test_period_covers_whole_utc_days() -> None:
    period = Period(date(2026, 3, 2), date(2026, 3, 8))
    assert period.start == datetime(2026, 3, 2, tzinfo=UTC)
    assert period.end == datetime(2026, 3, 9, tzinfo=UTC)  # exclusive: B + 1 day, 00:00
    one_day = Period(date(2026, 3, 2), date(2026, 3, 2))
    assert one_day.end == datetime(2026, 3, 3, tzinfo=UTC)


def test_period_end_before_start_is_refused() -> None:
    with pytest.raises(ReportInputError, match="before"):
        Period(date(2026, 3, 8), date(2026, 3, 7))


@pytest.mark.parametrize("text", ["2026-02-30", "yesterday", "", "2026/03/01"])
def test_bad_day_is_refused(text: str) -> None:
    with pytest.raises(ReportInputError, match="--from"):
        parse_day("--from", text)


@pytest.mark.parametrize(("q", "n", "rank"), [
    (MEDIAN, 1, 1), (MEDIAN, 4, 2), (MEDIAN, 5, 3),  # lower median for even n
    (P90, 5, 5), (P90, 10, 9), (P90, 11, 10),  # ceil(9.9) = 10
    (P95, 20, 19), (P95, 21, 20), (P95, 60, 57),  # 0.95 * 60 = 57.000...01 in floats
    (P95, 100, 95), (Fraction(1), 7, 7),
])
def test_nearest_rank_is_ceil_q_n(q: Fraction, n: int, rank: int) -> None:
    assert nearest_rank(q, n) == rank


def test_nearest_rank_needs_values_and_a_quantile() -> None:
    with pytest.raises(ValueError, match="undefined"):
        nearest_rank(MEDIAN, 0)
    with pytest.raises(ValueError, match="quantile"):
        nearest_rank(Fraction(0), 3)


def test_percentile_of_nothing_is_none() -> None:
    assert percentile([], MEDIAN) is None


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=200),
       st.sampled_from([MEDIAN, P90, P95, Fraction(1, 3), Fraction(1)]))
def test_percentile_is_the_ceil_q_n_th_smallest(values: list[float], q: Fraction) -> None:
    ordered = sorted(values)
    k = math.ceil(q * len(values))  # exact: Fraction times int
    assert percentile(values, q) == ordered[k - 1]
    # Nearest rank: at least a share q of the values are <= it, and fewer are < it.
    assert sum(v <= ordered[k - 1] for v in values) >= q * len(values)
    assert sum(v < ordered[k - 1] for v in values) < q * len(values)


def test_rate_with_zero_denominator_is_none() -> None:
    assert rate(0, 0) is None
    assert rate(0, 4) == 0.0
    assert rate(3, 4) == 0.75


def test_empty_counts_give_null_rates_and_zero_counts() -> None:
    kpis = compute_kpis(KpiCounts()).as_dict()
    assert list(kpis) == list(KPI_KEYS)
    assert kpis["intake"] == 0 and kpis["decisions"] == 0 and kpis["backlog_end"] == 0
    assert kpis["qa_accuracy_ci"] == [None, None]
    assert all(kpis[k] is None for k in KPI_KEYS
               if k not in ("intake", "decisions", "backlog_end", "qa_accuracy_ci"))


def test_inclusive_sla_adds_open_past_due_to_the_denominator() -> None:
    counts = KpiCounts(decided=4, decided_within_sla=3, open_past_sla_end=2,
                       ttd_us_at_rank={2: 1, 4: 2})
    kpis = compute_kpis(counts)
    assert kpis.sla_compliance == 0.75  # 3 / 4
    assert kpis.sla_compliance_inclusive == 0.5  # 3 / (4 + 2)
    # Open items past SLA with nothing decided: 0 / 2 is a real 0, not null.
    assert compute_kpis(KpiCounts(open_past_sla_end=2)).sla_compliance_inclusive == 0.0
