"""QA statistics: Wilson, Cochran, stratified accuracy and IQS; known answers, statsmodels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from reviewer_app.domain.errors import NotEnoughDataError
from reviewer_app.domain.qa_stats import (
    CriterionResult,
    Stratum,
    cochran_sample_size,
    iqs_score,
    stratified_accuracy,
    wilson_interval,
    z_value,
)


def test_cochran_known_answers() -> None:
    assert cochran_sample_size(0.05) == 385
    assert cochran_sample_size(0.05, confidence=0.95, p=0.5, population=10_000) == 370


def test_cochran_small_populations_and_extremes() -> None:
    assert cochran_sample_size(0.05, population=100) == 80
    assert cochran_sample_size(0.05, population=1) == 1
    assert cochran_sample_size(0.05, p=0.0) == 1  # never "audit nothing"
    # z²p(1−p)/e² = 100 exactly in real numbers: rounding up must not give 101.
    assert cochran_sample_size(0.1, confidence=0.9544997361036416, p=0.5) == 100


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"margin": 0}, "margin"), ({"margin": 1}, "margin"), ({"margin": float("nan")}, "margin"),
        ({"margin": 0.05, "confidence": 1}, "confidence"),
        ({"margin": 0.05, "confidence": 0}, "confidence"),
        ({"margin": 0.05, "p": 1.5}, "p must"), ({"margin": 0.05, "p": -0.1}, "p must"),
        ({"margin": 0.05, "population": 0}, "population"),
    ],
)
def test_cochran_rejects_bad_arguments(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cochran_sample_size(**kwargs)  # type: ignore[arg-type]


def test_z_value() -> None:
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)


def test_wilson_matches_statsmodels() -> None:
    rng = np.random.default_rng(3)
    for _ in range(500):
        n = int(rng.integers(1, 2000))
        successes = int(rng.integers(0, n + 1))
        confidence = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
        expected = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
        assert wilson_interval(successes, n, confidence) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("successes", "n"), [(0, 0), (-1, 5), (6, 5)])
def test_wilson_rejects_impossible_counts(successes: int, n: int) -> None:
    with pytest.raises(ValueError, match=r"trial|between"):
        wilson_interval(successes, n)


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.floats(0.5, 0.999))
def test_wilson_contains_the_share_and_stays_in_0_1(
    counts: tuple[int, int], confidence: float
) -> None:
    successes, n = counts
    low, high = wilson_interval(successes, n, confidence)
    assert 0.0 <= low <= successes / n <= high <= 1.0


def test_stratified_accuracy_weights_by_population_not_by_sample() -> None:
    big, small = Stratum(1000, 50, 45), Stratum(100, 50, 30)
    result = stratified_accuracy([big, small])
    assert result.estimate == pytest.approx(1000 / 1100 * 0.9 + 100 / 1100 * 0.6)
    assert result.estimate != pytest.approx(75 / 100)  # the unweighted pool
    # The variance uses (c + 1) / (n + 2) per stratum: 46/52 and 31/52.
    variance = ((1000 / 1100) ** 2 * (1 - 50 / 1000) * (46 / 52) * (6 / 52) / 50
                + (100 / 1100) ** 2 * (1 - 50 / 100) * (31 / 52) * (21 / 52) / 50)
    half = z_value(0.95) * variance**0.5
    assert (result.low, result.high) == pytest.approx((result.estimate - half,
                                                       result.estimate + half))
    assert (result.population, result.audited) == (1100, 100)


def test_stratified_accuracy_fully_audited_is_exact_and_interval_is_clipped() -> None:
    exact = stratified_accuracy([Stratum(40, 40, 30), Stratum(0, 0, 0)])
    assert (exact.estimate, exact.low, exact.high) == (0.75, 0.75, 0.75)
    clipped = stratified_accuracy([Stratum(10_000, 3, 3), Stratum(10_000, 3, 2)])
    assert clipped.high <= 1.0
    assert stratified_accuracy([Stratum(10_000, 2, 0), Stratum(5, 2, 1)]).low == 0.0


def test_few_all_correct_audits_still_leave_uncertainty() -> None:
    # Six strata of a 5% sample, one audit each, all correct but one: the plain p(1 − p)
    # would give a zero-width interval, as if 6 audits proved the accuracy exactly.
    strata = [Stratum(40, 1, 1)] * 5 + [Stratum(40, 1, 0)]
    result = stratified_accuracy(strata)
    assert result.estimate == pytest.approx(5 / 6)
    assert result.high - result.low > 0.3


def test_stratified_accuracy_refuses_what_it_cannot_estimate() -> None:
    with pytest.raises(NotEnoughDataError, match="no audits"):
        stratified_accuracy([Stratum(100, 10, 9), Stratum(50, 0, 0)])
    with pytest.raises(NotEnoughDataError, match="no appeals"):
        stratified_accuracy([])
    with pytest.raises(ValueError, match="correct ≤ audited ≤ population"):
        stratified_accuracy([Stratum(10, 11, 5)])


def test_iqs_score() -> None:
    criteria = [CriterionResult(3, 1.0), CriterionResult(1, 0.5), CriterionResult(1, 0.0)]
    assert iqs_score(criteria) == pytest.approx(100 * 3.5 / 5)
    assert iqs_score([*criteria, CriterionResult(2, 0.9, critical=True)]) == 0.0
    assert iqs_score([*criteria, CriterionResult(2, 1.0, critical=True)]) == pytest.approx(
        100 * 5.5 / 7)


@pytest.mark.parametrize(
    "criteria",
    [[], [CriterionResult(0, 1.0)], [CriterionResult(-1, 1.0)], [CriterionResult(1, 1.5)]],
)
def test_iqs_rejects_bad_scorecards(criteria: list[CriterionResult]) -> None:
    with pytest.raises(ValueError, match="criteri"):
        iqs_score(criteria)
