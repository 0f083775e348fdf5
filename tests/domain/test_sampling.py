"""Sampling plans: reproducible draws, stratum quotas and sizes, risk rules, minimums."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.qa_models import Candidate, PlanKind, PlanSpec, RiskReason
from reviewer_app.domain.sampling import draw, validate_spec

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


def cand(i: int, *, policy: str = "IP", reviewer: int = 1, handle: float = 300.0,
         outcome: str = "uphold", automated: str = "not", severity: str = "medium",
         first: datetime = T0 - timedelta(days=200), at: datetime = T0) -> Candidate:
    return Candidate(decision_id=i, appeal_id=100 + i, reviewer_user_id=reviewer,
                     queue="general", policy=policy, language="de", market="DE",
                     outcome=outcome, decided_at=at, handle_seconds=handle,
                     policy_severity=severity, automated_decision=automated,
                     reviewer_first_decision_at=first)


def test_the_same_seed_draws_the_same_decisions_whatever_the_input_order() -> None:
    pool = [cand(i) for i in range(100)]
    spec = PlanSpec(kind=PlanKind.RANDOM, size=10)
    first = [p.candidate.decision_id for p in draw(spec, pool, 5).picks]
    again = [p.candidate.decision_id for p in draw(spec, list(reversed(pool)), 5).picks]
    other = [p.candidate.decision_id for p in draw(spec, pool, 6).picks]
    assert first == again and len(first) == 10 and first != other


def test_stratified_rate_rounds_up_per_stratum_and_records_stratum_sizes() -> None:
    pool = [cand(i, policy="IP") for i in range(90)] + [cand(90 + i, policy="SCAM")
                                                        for i in range(10)]
    result = draw(PlanSpec(kind=PlanKind.STRATIFIED, strata=("policy",), rate=0.05), pool, 1)
    by = {}
    for p in result.picks:
        by[p.stratum] = by.get(p.stratum, 0) + 1
    assert by == {"policy=IP": 5, "policy=SCAM": 1}  # ceil(4.5), ceil(0.5): none skipped
    assert result.strata_population == {"policy=IP": 90, "policy=SCAM": 10}


def test_a_fixed_size_is_split_in_proportion_by_largest_remainder() -> None:
    pool = ([cand(i, policy="A") for i in range(50)] + [cand(50 + i, policy="B")
            for i in range(30)] + [cand(80 + i, policy="C") for i in range(20)])
    result = draw(PlanSpec(kind=PlanKind.STRATIFIED, strata=("policy",), size=7), pool, 2)
    counts = {s: sum(p.stratum == s for p in result.picks) for s in result.strata_population}
    assert counts == {"policy=A": 4, "policy=B": 2, "policy=C": 1}  # 3.5, 2.1, 1.4


def test_already_sampled_decisions_are_left_out_but_still_counted() -> None:
    pool = [cand(i) for i in range(10)]
    result = draw(PlanSpec(kind=PlanKind.RANDOM, rate=1.0), pool, 3,
                  already_sampled=frozenset({0, 1, 2}))
    assert sorted(p.candidate.decision_id for p in result.picks) == list(range(3, 10))
    assert result.strata_population == {"all": 10}


def test_risk_rules_tag_each_pick_with_the_first_rule_it_matches() -> None:
    pool = [
        cand(1, first=T0 - timedelta(days=3)),                  # new reviewer
        cand(2, handle=10.0),                                   # far faster than median
        cand(3, outcome="overturn", automated="fully"),         # overturned automation
        cand(4, severity="high"),                               # high-severity policy
        cand(5), cand(6), cand(7),                              # nothing risky
    ]
    picks = {p.candidate.decision_id: p.risk_reason for p in draw(
        PlanSpec(kind=PlanKind.RISK), pool, 0).picks}
    assert picks == {1: RiskReason.NEW_REVIEWER, 2: RiskReason.FAST_DECISION,
                     3: RiskReason.AUTOMATION_OVERTURNED, 4: RiskReason.HIGH_SEVERITY}


def test_minimum_per_reviewer_per_iso_week() -> None:
    pool = ([cand(i, reviewer=1) for i in range(6)]
            + [cand(10 + i, reviewer=1, at=T0 + timedelta(days=7)) for i in range(2)]
            + [cand(20, reviewer=2)])
    result = draw(PlanSpec(kind=PlanKind.MINIMUM, per_reviewer=3), pool, 4)
    counts = {s: sum(p.stratum == s for p in result.picks) for s in result.strata_population}
    assert counts == {"reviewer=1|week=2026-W10": 3, "reviewer=1|week=2026-W11": 2,
                      "reviewer=2|week=2026-W10": 1}


@pytest.mark.parametrize(("spec", "message"), [
    (PlanSpec(kind=PlanKind.RANDOM), "either a sampling rate or a sample size"),
    (PlanSpec(kind=PlanKind.RANDOM, rate=0.1, size=5), "either a sampling rate"),
    (PlanSpec(kind=PlanKind.RANDOM, rate=1.5), "rate must be above 0"),
    (PlanSpec(kind=PlanKind.STRATIFIED, rate=0.1), "at least one stratum"),
    (PlanSpec(kind=PlanKind.STRATIFIED, strata=("colour",), rate=0.1), "Unknown stratum"),
    (PlanSpec(kind=PlanKind.MINIMUM, per_reviewer=0), "at least 1"),
])
def test_plans_that_cannot_work_are_refused_with_a_reason(spec: PlanSpec, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_spec(spec)


@given(st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=60),
       st.integers(min_value=1, max_value=80), st.integers(min_value=0, max_value=2**31))
def test_a_fixed_size_draw_never_exceeds_the_pool_or_repeats(policies: list[str], size: int,
                                                             seed: int) -> None:
    pool = [cand(i, policy=p) for i, p in enumerate(policies)]
    picks = draw(PlanSpec(kind=PlanKind.STRATIFIED, strata=("policy",), size=size),
                 pool, seed).picks
    ids = [p.candidate.decision_id for p in picks]
    assert len(ids) == len(set(ids)) == min(size, len(pool))
