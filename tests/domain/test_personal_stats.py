"""Personal dashboard arithmetic: buckets, accuracy with Wilson bands, throughput, AHT."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.domain.dashboard import (
    Granularity,
    MyAudit,
    MyDecision,
    bucket_start,
    buckets,
    histogram,
    personal_stats,
)

MON = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


def test_bucket_edges_for_each_granularity() -> None:
    at = datetime(2026, 3, 4, 15, 42, tzinfo=UTC)  # a Wednesday
    assert bucket_start(at, Granularity.HOUR) == datetime(2026, 3, 4, 15, tzinfo=UTC)
    assert bucket_start(at, Granularity.DAY) == datetime(2026, 3, 4, tzinfo=UTC)
    assert bucket_start(at, Granularity.WEEK) == MON
    assert len(buckets(MON, MON + timedelta(days=3), Granularity.DAY)) == 3
    assert len(buckets(MON + timedelta(hours=5), MON + timedelta(days=14),
                       Granularity.WEEK)) == 2


def test_personal_stats_known_answers() -> None:
    decisions = [
        MyDecision(MON + timedelta(hours=9), 600, False),
        MyDecision(MON + timedelta(hours=10), 300, True),
        MyDecision(MON + timedelta(days=1, hours=9), 900, False),
    ]
    audits = [MyAudit(MON + timedelta(hours=9), True), MyAudit(MON + timedelta(hours=10),
                                                               False)]
    stats = personal_stats(decisions, audits, [500.0, 700.0, 1000.0],
                           start=MON, end=MON + timedelta(days=3),
                           granularity=Granularity.DAY, now=MON + timedelta(days=1, hours=12),
                           daily_goal=40)
    assert stats.decisions == (2, 1, 0)
    assert stats.accuracy == (0.5, None, None)
    assert stats.accuracy_low[0] == pytest.approx(0.0945, abs=1e-4)  # Wilson 1/2
    assert stats.accuracy_high[0] == pytest.approx(0.9055, abs=1e-4)
    assert stats.total_decisions == 3
    assert stats.overturned_share == pytest.approx(1 / 3)
    assert stats.aht_seconds == pytest.approx(600)  # (600 + 300 + 900) / 3
    assert stats.decisions_per_productive_hour == pytest.approx(6)  # 3 / (1800 s / 3600)
    assert stats.team_median_aht_seconds == 700
    assert stats.today == 1 and stats.daily_goal == 40
    assert stats.handle_minutes == (10, 5, 15)


def test_nothing_decided_gives_nulls_not_zeros() -> None:
    stats = personal_stats([], [], [], start=MON, end=MON + timedelta(days=1),
                           granularity=Granularity.HOUR, now=MON, daily_goal=40)
    assert stats.decisions == (0,) * 24
    assert (stats.overturned_share, stats.aht_seconds, stats.decisions_per_productive_hour,
            stats.team_median_aht_seconds) == (None, None, None, None)


def test_histogram_bins() -> None:
    edges, counts = histogram([1, 2, 2.5, 23.9], bins=12)
    assert edges[:3] == [0, 2, 4] and len(edges) == 13
    assert counts[0] == 1 and counts[1] == 2 and counts[11] == 1
    assert histogram([]) == ([0.0, 1.0], [0])


@settings(max_examples=200, deadline=None)
@given(start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1),
                          timezones=st.just(UTC)),
       span_hours=st.integers(min_value=0, max_value=24 * 60),
       offsets=st.lists(st.integers(min_value=-3 * 86_400_000_000,
                                    max_value=70 * 86_400_000_000), max_size=40),
       granularity=st.sampled_from(list(Granularity)))
def test_decisions_land_in_their_bucket_start(start: datetime, span_hours: int,
                                              offsets: list[int],
                                              granularity: Granularity) -> None:
    """The per-bucket counts (offset ÷ step) agree with ``bucket_start`` of each decision,
    and decisions outside the range's buckets are left out, as before."""
    end = start + timedelta(hours=span_hours)
    decisions = [MyDecision(start + timedelta(microseconds=o), 60.0, False) for o in offsets]
    stats = personal_stats(decisions, [], [], start=start, end=end, granularity=granularity,
                           now=end, daily_goal=1)
    edges = list(stats.bucket_starts)
    expected = [0] * len(edges)
    for d in decisions:
        edge = bucket_start(d.decided_at, granularity)
        if edge in edges:
            expected[edges.index(edge)] += 1
    assert list(stats.decisions) == expected
