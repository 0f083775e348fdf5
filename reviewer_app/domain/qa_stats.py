"""QA statistics: Wilson intervals, Cochran sample sizes, stratified accuracy, IQS scores."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from reviewer_app.domain.errors import NotEnoughDataError

# Sample sizes are rounded up; a quotient that is whole in exact arithmetic can land a hair
# above the integer in floating point (100.00000000000001) and must not become 101.
_ROUNDING_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Stratum:
    """One stratum of a QA sample.

    Attributes:
        population: decided appeals in the stratum (``N_h``).
        audited: how many of them were audited (``n_h``).
        correct: how many audited decisions were correct (``c_h``).
    """

    population: int
    audited: int
    correct: int


@dataclass(frozen=True, slots=True)
class StratifiedAccuracy:
    """A stratified accuracy estimate with its confidence interval.

    Attributes:
        estimate: ``Σ (N_h / N) · p_h``.
        low: lower end of the interval (at least 0).
        high: upper end of the interval (at most 1).
        population: ``N``, the appeals the estimate speaks for.
        audited: audits it rests on.
    """

    estimate: float
    low: float
    high: float
    population: int
    audited: int


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One scorecard criterion as scored in an evaluation.

    Attributes:
        weight: the criterion's weight (``w_i ≥ 0``).
        score: how well it was met, 0 to 1 (``s_i``).
        critical: a failed critical criterion makes the whole score 0.
    """

    weight: float
    score: float
    critical: bool = False

    @property
    def failed(self) -> bool:
        """A criterion fails when it is not fully met."""
        return self.score < 1


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile, e.g. 1.95996… for 0.95.

    Raises:
        ValueError: ``confidence`` is not strictly between 0 and 1.
    """
    _check_open_unit("confidence", confidence)
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / n``.

    With ``p̂ = successes / n`` and ``z`` the normal quantile:
    centre ``(p̂ + z²/2n) / (1 + z²/n)``, half width
    ``z / (1 + z²/n) · sqrt(p̂(1 − p̂)/n + z²/4n²)``.

    Raises:
        ValueError: ``n < 1``, ``successes`` outside ``0..n``, or a bad confidence.
    """
    if n < 1:
        raise ValueError(f"a Wilson interval needs at least one trial, got n={n}")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n={n}, got {successes}")
    z = z_value(confidence)
    p = successes / n
    shrink = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / shrink
    half = z / shrink * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # At p̂ = 0 or 1 one end is exactly 0 or 1 in exact arithmetic; rounding could put it a
    # hair on the wrong side of p̂.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def cochran_sample_size(margin: float, confidence: float = 0.95, p: float = 0.5,
                        population: int | None = None) -> int:
    """How many items to audit to estimate a proportion within ``± margin``.

    Cochran: ``n0 = z² p (1 − p) / e²``. With a finite population ``N`` the correction
    ``n = n0 / (1 + (n0 − 1) / N)`` is applied to the unrounded ``n0`` (as in Cochran's
    text, and what gives 370 for N = 10,000 at ±5 %, 95 %); the result is rounded up, and
    is at least 1 (``p`` of 0 or 1 would otherwise ask for no sample at all).

    Raises:
        ValueError: ``margin`` or ``confidence`` not strictly between 0 and 1, ``p`` outside
            0..1, or ``population`` below 1.
    """
    _check_open_unit("margin", margin)
    if not 0 <= p <= 1:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    if population is not None and population < 1:
        raise ValueError(f"population must be at least 1, got {population}")
    n = z_value(confidence) ** 2 * p * (1 - p) / margin**2
    if population is not None:
        n = n / (1 + (n - 1) / population)
    return max(1, math.ceil(n - _ROUNDING_SLACK))


def stratified_accuracy(strata: Sequence[Stratum],
                        confidence: float = 0.95) -> StratifiedAccuracy:
    """Accuracy over strata sampled at different rates, weighted by population.

    Estimate ``Σ W_h p_h`` with ``W_h = N_h / N`` and ``p_h = c_h / n_h``: never the pooled
    ``Σ c_h / Σ n_h``, which over-weights the strata audited more heavily. The interval is
    the normal approximation ``estimate ± z · sqrt(V)`` with
    ``V = Σ W_h² (1 − n_h/N_h) p̃_h (1 − p̃_h) / n_h``, clipped to [0, 1]. The finite
    population correction ``1 − n_h/N_h`` makes a fully audited stratum exact. In the
    variance ``p̃_h = (c_h + 1) / (n_h + 2)`` (one success and one failure added, as in
    Laplace's rule): with the plain ``p_h``, a stratum whose few audits were all correct
    (or all wrong) would add no uncertainty at all, and a small sample would show a
    zero-width interval. Strata with no population carry no weight and are skipped.

    Raises:
        ValueError: a negative count, ``audited > population``, ``correct > audited``, or a
            bad confidence.
        NotEnoughDataError: no population at all, or a stratum with population but no
            audits (its accuracy is unknown).
    """
    z = z_value(confidence)
    for s in strata:
        if not 0 <= s.correct <= s.audited <= s.population:
            raise ValueError(f"a stratum needs 0 ≤ correct ≤ audited ≤ population, got {s}")
    used = [s for s in strata if s.population > 0]
    total = sum(s.population for s in used)
    if total == 0:
        raise NotEnoughDataError("stratified accuracy: the strata hold no appeals")
    if any(s.audited == 0 for s in used):
        raise NotEnoughDataError("stratified accuracy: a stratum with appeals has no audits, "
                                 "so its accuracy is unknown")
    estimate = variance = 0.0
    for s in used:
        weight = s.population / total
        p = s.correct / s.audited
        p_var = (s.correct + 1) / (s.audited + 2)
        estimate += weight * p
        variance += (weight**2 * (1 - s.audited / s.population) * p_var * (1 - p_var)
                     / s.audited)
    half = z * math.sqrt(variance)
    return StratifiedAccuracy(estimate=estimate, low=max(0.0, estimate - half),
                              high=min(1.0, estimate + half), population=total,
                              audited=sum(s.audited for s in used))


def iqs_score(criteria_results: Sequence[CriterionResult]) -> float:
    """Scorecard score (IQS): ``100 · Σ w_i s_i / Σ w_i``, and 0 if a critical one failed.

    Raises:
        ValueError: no criteria, a negative weight, weights summing to 0, or a score outside
            0..1.
    """
    if not criteria_results:
        raise ValueError("an IQS score needs at least one criterion")
    for c in criteria_results:
        if c.weight < 0 or not 0 <= c.score <= 1:
            raise ValueError(f"a criterion needs weight ≥ 0 and score in 0..1, got {c}")
    total = sum(c.weight for c in criteria_results)
    if total == 0:
        raise ValueError("an IQS score needs criteria whose weights add up to more than 0")
    if any(c.critical and c.failed for c in criteria_results):
        return 0.0
    return 100 * sum(c.weight * c.score for c in criteria_results) / total


def _check_open_unit(name: str, value: float) -> None:
    if not 0 < value < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value}")
