"""Reviewer table arithmetic and the alert rule, with answers worked out by hand.

Wilson 95% (z = 1.959964, z² = 3.841459): centre (p + z²/2n) / (1 + z²/n), half width
z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²). The intervals used below, by hand:
- 4 of 5:   centre 1.184146 / 1.768292 = 0.669655, half 0.294122 → 0.3755 .. 0.9638
- 4 of 10:  low 0.42775 − 0.25957 = 0.16818;   3 of 10: low 0.35551 − 0.24771 = 0.10779
- 3 of 60:  high 0.077077 + 0.059928 = 0.13701;  0 of 20: high 2 · 0.080563 = 0.16113
- 1 of 10:  low 0.21101 − 0.19314 = 0.01788
- 12 of 100: low 0.134057 − 0.064064 = 0.06999;  6 of 200: high 0.038857 + 0.025037 = 0.06389
"""

from __future__ import annotations

import pytest

from reviewer_app.domain.dashboard import aht_seconds, per_productive_hour
from reviewer_app.domain.reviewer_stats import (
    AlertKind,
    ReviewerCounts,
    rate_jump,
    reviewer_alerts,
    reviewer_figures,
)


def test_figures_of_one_reviewer() -> None:
    counts = ReviewerCounts(decisions=4, handle_seconds=1800, handled=5, escalated=1,
                            audited=5, audited_correct=4, overturned=1)
    f = reviewer_figures(counts)
    assert f.decisions == 4
    assert f.per_productive_hour == pytest.approx(8.0)  # 4 decisions in 0.5 productive hours
    assert f.aht_seconds == pytest.approx(450.0)  # 1800 s / 4
    assert f.accuracy == pytest.approx(0.8)
    assert f.accuracy_low == pytest.approx(0.3755, abs=1e-4)
    assert f.accuracy_high == pytest.approx(0.9638, abs=1e-4)
    assert f.audited == 5
    assert f.overturn_rate == pytest.approx(0.25)
    assert f.escalation_rate == pytest.approx(0.2)  # 1 escalated of 5 appeals handled


def test_a_rate_with_nothing_to_divide_by_is_none_not_zero() -> None:
    f = reviewer_figures(ReviewerCounts())
    assert (f.decisions, f.audited) == (0, 0)
    assert (f.per_productive_hour, f.aht_seconds, f.accuracy, f.accuracy_low,
            f.accuracy_high, f.overturn_rate, f.escalation_rate) == (None,) * 7
    # Escalations only (no final decision yet): the escalation rate exists, AHT does not.
    f = reviewer_figures(ReviewerCounts(handled=2, escalated=2))
    assert f.escalation_rate == 1.0 and f.aht_seconds is None
    assert f.overturn_rate is None


def test_throughput_is_the_personal_dashboards() -> None:
    assert per_productive_hour(3, 1800) == pytest.approx(6.0)
    assert per_productive_hour(3, 0) is None
    assert aht_seconds(900, 3) == pytest.approx(300)
    assert aht_seconds(0, 0) is None


def test_qa_fail_jump_needs_the_intervals_apart() -> None:
    # 4 failed of 10 (low 0.1682) against 3 of 60 before (high 0.1370): an alert.
    alert = rate_jump(AlertKind.QA_FAIL, 4, 10, 3, 60)
    assert alert is not None
    assert alert.kind is AlertKind.QA_FAIL
    assert alert.recent_rate == pytest.approx(0.4)
    assert alert.baseline_rate == pytest.approx(0.05)
    assert alert.recent_low == pytest.approx(0.1682, abs=1e-4)
    assert alert.baseline_high == pytest.approx(0.1370, abs=1e-4)
    # 3 of 10 (low 0.1078) is higher than 5 % but not well above it: no alert.
    assert rate_jump(AlertKind.QA_FAIL, 3, 10, 3, 60) is None


def test_one_failure_after_a_clean_baseline_is_no_alert() -> None:
    # Against the baseline's point rate (0) the low bound 0.0179 would be "above"; against
    # its upper bound 0.1611 it is not.
    assert rate_jump(AlertKind.QA_FAIL, 1, 10, 0, 20) is None
    alert = rate_jump(AlertKind.QA_FAIL, 4, 10, 0, 20)  # low 0.1682 > 0.1611
    assert alert is not None and alert.baseline_high == pytest.approx(0.1611, abs=1e-4)


def test_too_few_trials_never_alert() -> None:
    assert rate_jump(AlertKind.QA_FAIL, 9, 9, 0, 100) is None  # fewer than 10 recent
    assert rate_jump(AlertKind.QA_FAIL, 10, 10, 0, 19) is None  # fewer than 20 before
    assert rate_jump(AlertKind.QA_FAIL, 10, 10, 0, 20) is not None
    assert rate_jump(AlertKind.QA_FAIL, 0, 0, 0, 0) is None
    assert rate_jump(AlertKind.QA_FAIL, 5, 6, 0, 30, min_recent=5) is not None


def test_overturn_jump_and_both_alerts_of_one_person() -> None:
    recent = ReviewerCounts(decisions=100, overturned=12, audited=10, audited_correct=6)
    baseline = ReviewerCounts(decisions=200, overturned=6, audited=60, audited_correct=57)
    alerts = reviewer_alerts(recent, baseline)
    # QA: 4 of 10 failed vs 3 of 60; overturns: 12 of 100 (low 0.0700) vs 6 of 200 (high
    # 0.0639).
    assert [a.kind for a in alerts] == [AlertKind.QA_FAIL, AlertKind.OVERTURN]
    assert (alerts[1].recent_events, alerts[1].recent_n) == (12, 100)
    assert alerts[1].recent_low == pytest.approx(0.0700, abs=1e-4)
    assert alerts[1].baseline_high == pytest.approx(0.0639, abs=1e-4)
    calmer = ReviewerCounts(decisions=100, overturned=11, audited=10, audited_correct=7)
    assert reviewer_alerts(calmer, baseline) == ()  # 11 of 100: low 0.0625 < 0.0639


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="successes"):
        rate_jump(AlertKind.OVERTURN, 11, 10, 0, 20)
