"""Staffing maths: Erlang C for near-real-time queues, the back-office formula for appeals.

DOMAIN.md ("Workforce"): appeals are deferrable back-office work, so headcount comes from
the back-office formula; Erlang C is for queues with SLAs in minutes (escalations).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reviewer_app.domain.errors import InvalidInputError

# A quotient within this of a whole number counts as that number before rounding up, so
# binary rounding cannot add a reviewer (7 ÷ 0.7 is 10.000000000000002 in floating point).
_CEIL_TOLERANCE = 1e-9


# --- Erlang C -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErlangC:
    """How a queue with ``agents`` agents and ``traffic`` Erlangs of work behaves.

    Attributes:
        traffic: offered load in Erlangs (arrival rate × AHT).
        agents: agents answering.
        p_wait: probability that an arrival waits at all (Erlang C).
        service_level: share answered within ``target_seconds``.
        asa_seconds: average speed of answer (mean wait over all arrivals); ``math.inf``
            when the queue is overloaded (agents ≤ traffic).
        occupancy: traffic ÷ agents, capped at 1.
    """

    traffic: float
    agents: int
    target_seconds: float
    aht_seconds: float
    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability of Erlang B, by the recurrence B(n) = A·B(n−1) ÷ (n + A·B(n−1)).

    The recurrence stays within [0, 1] at every step, so it is stable for thousands of
    agents where Aᴺ ÷ N! overflows.
    """
    _require(traffic >= 0 and math.isfinite(traffic), "traffic must be 0 Erlangs or more")
    _require(agents >= 0, "agents must be 0 or more")
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def _erlang_c_from_b(traffic: float, agents: int, blocking: float) -> float:
    if agents <= traffic:
        return 1.0  # overloaded: the queue grows without bound, everyone waits
    return agents * blocking / (agents - traffic * (1.0 - blocking))


def erlang_c(traffic: float, agents: int, target_seconds: float, aht_seconds: float) -> ErlangC:
    """Probability of waiting, service level for ``target_seconds`` and ASA.

    Service level = 1 − P(wait)·exp(−(N − A)·T ÷ AHT); ASA = P(wait)·AHT ÷ (N − A).
    """
    _check_erlang_inputs(traffic, agents, target_seconds, aht_seconds)
    return _erlang_result(traffic, agents, target_seconds, aht_seconds,
                          erlang_b(traffic, agents))


def _erlang_result(traffic: float, agents: int, target_seconds: float, aht_seconds: float,
                   blocking: float) -> ErlangC:
    p_wait = _erlang_c_from_b(traffic, agents, blocking)
    if agents <= traffic:
        service_level, asa = 0.0, math.inf
    else:
        spare = agents - traffic
        service_level = 1.0 - p_wait * math.exp(-spare * target_seconds / aht_seconds)
        asa = p_wait * aht_seconds / spare
    return ErlangC(traffic=traffic, agents=agents, target_seconds=target_seconds,
                   aht_seconds=aht_seconds, p_wait=p_wait, service_level=service_level,
                   asa_seconds=asa, occupancy=min(1.0, traffic / agents))


def _check_erlang_inputs(traffic: float, agents: int, target_seconds: float,
                         aht_seconds: float) -> None:
    _require(math.isfinite(traffic) and traffic >= 0, "traffic must be 0 Erlangs or more")
    _require(agents >= 1, "agents must be at least 1")
    _require(math.isfinite(target_seconds) and target_seconds >= 0,
             "the target answer time must be 0 seconds or more")
    _require(math.isfinite(aht_seconds) and aht_seconds > 0,
             "the average handle time must be more than 0 seconds")


def required_agents(traffic: float, target_service_level: float, target_seconds: float,
                    aht_seconds: float) -> ErlangC:
    """The fewest agents whose service level reaches ``target_service_level`` (0–1, not 1).

    Starts at the first stable headcount (more agents than Erlangs) and adds one agent at a
    time, carrying Erlang B along, so the whole search is one pass of the recurrence.
    """
    _check_erlang_inputs(traffic, 1, target_seconds, aht_seconds)
    _require(0 < target_service_level < 1,
             "the target service level must be a fraction above 0 and below 1")
    agents = max(1, math.floor(traffic) + 1)
    blocking = erlang_b(traffic, agents)
    while True:
        result = _erlang_result(traffic, agents, target_seconds, aht_seconds, blocking)
        if result.service_level >= target_service_level:
            return result
        agents += 1
        blocking = traffic * blocking / (agents + traffic * blocking)


# --- back-office --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackOfficeInputs:
    """What the back-office formula needs (DOMAIN.md "Workforce").

    Attributes:
        backlog: open appeals now.
        days_to_clear: working days in which the backlog should be gone.
        daily_intake: appeals arriving per day (forecast or assumed).
        aht_seconds: average handle time per decision.
        productive_hours: hours a reviewer spends deciding per day.
        shrinkage: share of paid time lost to leave, training, meetings (0 ≤ s < 1).
    """

    backlog: float
    days_to_clear: float
    daily_intake: float
    aht_seconds: float
    productive_hours: float
    shrinkage: float = 0.0


@dataclass(frozen=True, slots=True)
class BackOfficeStaffing:
    """The formula's answer and its intermediate figures (so a person can check it)."""

    inputs: BackOfficeInputs
    workload_per_day: float  # backlog ÷ days to clear + daily intake
    decisions_per_reviewer_day: float  # productive hours × 3600 ÷ AHT
    reviewers_before_shrinkage: int
    reviewers: int


def backoffice_staffing(inputs: BackOfficeInputs) -> BackOfficeStaffing:
    """Reviewers = ceil(ceil(workload ÷ per-reviewer capacity) ÷ (1 − shrinkage)).

    The headcount before shrinkage is rounded up first (it is a number of people), then
    grossed up for shrinkage and rounded up again, as DOMAIN.md states the formula.
    """
    _check_backoffice(inputs)
    workload = inputs.backlog / inputs.days_to_clear + inputs.daily_intake
    per_reviewer = inputs.productive_hours * 3600.0 / inputs.aht_seconds
    before = _ceil(workload / per_reviewer)
    return BackOfficeStaffing(
        inputs=inputs, workload_per_day=workload, decisions_per_reviewer_day=per_reviewer,
        reviewers_before_shrinkage=before, reviewers=_ceil(before / (1.0 - inputs.shrinkage)),
    )


@dataclass(frozen=True, slots=True)
class StaffingWhatIf:
    """The same workload under changed assumptions, next to the baseline."""

    baseline: BackOfficeStaffing
    scenario: BackOfficeStaffing

    @property
    def reviewers_change(self) -> int:
        """Reviewers the scenario needs more (positive) or fewer (negative) than the base."""
        return self.scenario.reviewers - self.baseline.reviewers


def staffing_what_if(baseline: BackOfficeInputs, *, aht_seconds: float | None = None,
                     shrinkage: float | None = None,
                     days_to_clear: float | None = None) -> StaffingWhatIf:
    """Recompute with any of AHT, shrinkage and target days changed (None keeps the base)."""
    changes: dict[str, float] = {}
    if aht_seconds is not None:
        changes["aht_seconds"] = aht_seconds
    if shrinkage is not None:
        changes["shrinkage"] = shrinkage
    if days_to_clear is not None:
        changes["days_to_clear"] = days_to_clear
    return StaffingWhatIf(baseline=backoffice_staffing(baseline),
                          scenario=backoffice_staffing(replace(baseline, **changes)))


def decisions_per_day(reviewers: float, productive_hours: float, aht_seconds: float) -> float:
    """Daily decision capacity: reviewers × productive hours × 3600 ÷ AHT."""
    _require(math.isfinite(reviewers) and reviewers >= 0, "reviewers must be 0 or more")
    _require(math.isfinite(productive_hours) and 0 < productive_hours <= 24,
             "productive hours must be more than 0 and at most 24 a day")
    _require(math.isfinite(aht_seconds) and aht_seconds > 0,
             "the average handle time must be more than 0 seconds")
    return reviewers * productive_hours * 3600.0 / aht_seconds


def _check_backoffice(inputs: BackOfficeInputs) -> None:
    _require(math.isfinite(inputs.backlog) and inputs.backlog >= 0,
             "the backlog must be 0 appeals or more")
    _require(math.isfinite(inputs.days_to_clear) and inputs.days_to_clear > 0,
             "the days to clear the backlog must be more than 0")
    _require(math.isfinite(inputs.daily_intake) and inputs.daily_intake >= 0,
             "the daily intake must be 0 appeals or more")
    _require(math.isfinite(inputs.shrinkage) and 0 <= inputs.shrinkage < 1,
             "shrinkage must be a fraction from 0 up to (not including) 1")
    decisions_per_day(1, inputs.productive_hours, inputs.aht_seconds)  # validates both


def _ceil(value: float) -> int:
    return math.ceil(value - _CEIL_TOLERANCE)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidInputError(message)
