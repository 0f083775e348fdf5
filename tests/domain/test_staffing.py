"""Staffing maths against DOMAIN.md's known answers, hand arithmetic and properties."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.domain.errors import InvalidInputError
from reviewer_app.domain.staffing import (
    BackOfficeInputs,
    backoffice_staffing,
    decisions_per_day,
    erlang_b,
    erlang_c,
    required_agents,
    staffing_what_if,
)

DOMAIN_BACKOFFICE = BackOfficeInputs(backlog=200, days_to_clear=5, daily_intake=80,
                                     aht_seconds=25 * 60, productive_hours=5.5)


def test_erlang_c_known_answer_from_domain_md() -> None:
    result = erlang_c(traffic=10, agents=14, target_seconds=20, aht_seconds=180)
    assert round(result.p_wait, 4) == 0.1741
    assert round(result.service_level, 4) == 0.8884
    # ASA = P(wait)·AHT ÷ (N − A) = 0.174132 × 180 ÷ 4 = 7.836 s
    assert result.asa_seconds == pytest.approx(result.p_wait * 180 / 4)
    assert round(result.asa_seconds, 2) == 7.84
    assert result.occupancy == pytest.approx(10 / 14)


def test_erlang_b_small_case_by_hand() -> None:
    # A = 2, N = 2: B = (A²/2!) ÷ (1 + A + A²/2!) = 2 ÷ 5
    assert erlang_b(2, 2) == pytest.approx(0.4)


def test_erlang_c_is_stable_for_large_traffic() -> None:
    # 2000 Erlangs: A^N/N! overflows a float; the recurrence does not. Checked against
    # Erlang B summed in log space: B = exp(log term_N − logsumexp(log term_0..N)).
    traffic, agents = 2000.0, 2100
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents + 1)]
    top = max(logs)
    log_sum = top + math.log(sum(math.exp(x - top) for x in logs))
    assert erlang_b(traffic, agents) == pytest.approx(math.exp(logs[-1] - log_sum), rel=1e-9)
    result = erlang_c(traffic=traffic, agents=agents, target_seconds=20, aht_seconds=180)
    assert 0 < result.p_wait < 0.05
    assert 0.999 < result.service_level <= 1
    assert math.isfinite(result.asa_seconds)


def test_overloaded_queue_everyone_waits() -> None:
    result = erlang_c(traffic=10, agents=10, target_seconds=20, aht_seconds=180)
    assert result.p_wait == 1.0
    assert result.service_level == 0.0
    assert math.isinf(result.asa_seconds)


def test_required_agents_for_the_domain_queue() -> None:
    # 80% in 20 s: 13 agents give 0.7956 (short), 14 agents give 0.8884.
    result = required_agents(traffic=10, target_service_level=0.8, target_seconds=20,
                             aht_seconds=180)
    assert result.agents == 14
    assert result.service_level >= 0.8
    assert erlang_c(10, result.agents - 1, 20, 180).service_level < 0.8


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"traffic": -1, "agents": 3, "target_seconds": 20, "aht_seconds": 180}, "traffic"),
        ({"traffic": 1, "agents": 0, "target_seconds": 20, "aht_seconds": 180}, "agents"),
        ({"traffic": 1, "agents": 3, "target_seconds": -5, "aht_seconds": 180}, "target"),
        ({"traffic": 1, "agents": 3, "target_seconds": 20, "aht_seconds": 0}, "handle time"),
        ({"traffic": math.nan, "agents": 3, "target_seconds": 20, "aht_seconds": 180},
         "traffic"),
    ],
)
def test_erlang_c_refuses_bad_input(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        erlang_c(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("target", [0, 1, 1.5, -0.2])
def test_required_agents_refuses_an_unreachable_target(target: float) -> None:
    with pytest.raises(InvalidInputError, match="service level"):
        required_agents(10, target, 20, 180)


@settings(max_examples=60, deadline=None)
@given(traffic=st.floats(0.1, 300), extra=st.integers(1, 60),
       target=st.floats(0, 120), aht=st.floats(10, 1200))
def test_service_level_rises_with_agents(traffic: float, extra: int, target: float,
                                         aht: float) -> None:
    agents = math.floor(traffic) + extra
    fewer = erlang_c(traffic, agents, target, aht)
    more = erlang_c(traffic, agents + 1, target, aht)
    assert more.service_level >= fewer.service_level
    assert more.p_wait <= fewer.p_wait


@settings(max_examples=60, deadline=None)
@given(traffic=st.floats(0.1, 500), goal=st.floats(0.05, 0.99),
       target=st.floats(0, 120), aht=st.floats(10, 1200))
def test_required_agents_is_the_fewest_that_meet_the_target(traffic: float, goal: float,
                                                            target: float,
                                                            aht: float) -> None:
    result = required_agents(traffic, goal, target, aht)
    assert result.service_level >= goal
    assert result.agents > traffic
    one_fewer = result.agents - 1
    if one_fewer >= 1:
        assert erlang_c(traffic, one_fewer, target, aht).service_level < goal


def test_backoffice_known_answer_from_domain_md() -> None:
    result = backoffice_staffing(DOMAIN_BACKOFFICE)
    # workload = 200 ÷ 5 + 80 = 120 a day; a reviewer decides 5.5 × 3600 ÷ 1500 = 13.2 a day
    assert result.workload_per_day == pytest.approx(120)
    assert result.decisions_per_reviewer_day == pytest.approx(13.2)
    # 120 ÷ 13.2 = 9.09 → 10
    assert result.reviewers_before_shrinkage == 10
    assert result.reviewers == 10  # no shrinkage


def test_backoffice_with_shrinkage() -> None:
    result = backoffice_staffing(BackOfficeInputs(200, 5, 80, 1500, 5.5, shrinkage=0.3))
    # ceil(10 ÷ (1 − 0.3)) = ceil(14.29) = 15
    assert result.reviewers_before_shrinkage == 10
    assert result.reviewers == 15


def test_backoffice_exact_quotients_are_not_rounded_up_by_float_error() -> None:
    # 7 ÷ 0.7 is 10.000000000000002 in floating point; the answer is 10 people, not 11.
    # workload 92.4 ÷ 13.2 = 7 exactly.
    result = backoffice_staffing(BackOfficeInputs(0, 1, 92.4, 1500, 5.5, shrinkage=0.3))
    assert result.reviewers_before_shrinkage == 7
    assert result.reviewers == 10


def test_what_if_changes_only_what_is_asked() -> None:
    what_if = staffing_what_if(DOMAIN_BACKOFFICE, aht_seconds=20 * 60, shrinkage=0.2)
    assert what_if.baseline.reviewers == 10
    # 13200 s per reviewer ÷ 1200 s = 16.5 a day; 120 ÷ 16.5 = 7.27 → 8; 8 ÷ 0.8 = 10
    assert what_if.scenario.reviewers_before_shrinkage == 8
    assert what_if.scenario.reviewers == 10
    assert what_if.scenario.inputs.days_to_clear == 5
    assert what_if.reviewers_change == 0

    longer = staffing_what_if(DOMAIN_BACKOFFICE, days_to_clear=10)
    # 200 ÷ 10 + 80 = 100; 100 ÷ 13.2 = 7.58 → 8
    assert longer.scenario.reviewers == 8
    assert longer.reviewers_change == -2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"backlog": -1}, "backlog"),
        ({"days_to_clear": 0}, "days to clear"),
        ({"daily_intake": -3}, "intake"),
        ({"aht_seconds": 0}, "handle time"),
        ({"productive_hours": 0}, "productive hours"),
        ({"productive_hours": 25}, "productive hours"),
        ({"shrinkage": 1}, "shrinkage"),
        ({"shrinkage": -0.1}, "shrinkage"),
    ],
)
def test_backoffice_refuses_bad_input(change: dict[str, float], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        backoffice_staffing(replace(DOMAIN_BACKOFFICE, **change))


def test_what_if_validates_the_scenario() -> None:
    with pytest.raises(InvalidInputError, match="shrinkage"):
        staffing_what_if(DOMAIN_BACKOFFICE, shrinkage=1.2)


def test_daily_capacity() -> None:
    # 10 reviewers × 5.5 h × 3600 ÷ 1500 s = 132 decisions a day
    assert decisions_per_day(10, 5.5, 1500) == pytest.approx(132)
