"""Drawing a QA sample from final decisions: random, stratified, risk-based, per-reviewer.

Pure and reproducible: the same candidates, plan and seed give the same picks. Candidates
are sorted by decision id first, so the order the database returned them in does not
matter.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from reviewer_app.domain.qa_models import (
    STRATUM_KEYS,
    Candidate,
    Draw,
    Pick,
    PlanKind,
    PlanSpec,
    RiskReason,
)

OVERTURN_OUTCOMES = frozenset({"overturn", "partial"})


def validate_spec(spec: PlanSpec) -> None:
    """Raise ``ValueError`` with a message a QA lead can act on if the plan cannot work."""
    unknown = [k for k in spec.strata if k not in STRATUM_KEYS]
    if unknown:
        raise ValueError(f"Unknown stratum {', '.join(unknown)}; use {', '.join(STRATUM_KEYS)}")
    if spec.kind in (PlanKind.RANDOM, PlanKind.STRATIFIED):
        if (spec.rate is None) == (spec.size is None):
            raise ValueError("Give either a sampling rate or a sample size, not both")
        if spec.rate is not None and not 0 < spec.rate <= 1:
            raise ValueError("The sampling rate must be above 0 and at most 1 (e.g. 0.05)")
        if spec.size is not None and spec.size < 1:
            raise ValueError("The sample size must be at least 1")
    if spec.kind is PlanKind.STRATIFIED and not spec.strata:
        raise ValueError("A stratified plan needs at least one stratum")
    if spec.kind is PlanKind.MINIMUM and spec.per_reviewer < 1:
        raise ValueError("A per-reviewer minimum must be at least 1")
    if spec.kind is PlanKind.RISK and not 0 < spec.fast_share < 1:
        raise ValueError("The fast-decision share must be between 0 and 1")


def draw(spec: PlanSpec, candidates: Iterable[Candidate], seed: int,
         already_sampled: frozenset[int] = frozenset()) -> Draw:
    """Pick decisions for audit according to ``spec``; ``already_sampled`` decision ids
    are left out (a decision is audited once)."""
    validate_spec(spec)
    everyone = sorted(candidates, key=lambda c: c.decision_id)
    pool = [c for c in everyone if c.decision_id not in already_sampled]
    rng = random.Random(seed)
    if spec.kind is PlanKind.RISK:
        return _risky(spec, pool)
    if spec.kind is PlanKind.MINIMUM:
        return _per_reviewer(spec, pool, rng)
    keys = spec.strata if spec.kind is PlanKind.STRATIFIED else ()
    # Stratum sizes (N_h, the weights of a stratified estimate, and what a rate applies
    # to) count every decision of the period; only those not sampled before can be picked.
    sizes: dict[str, int] = defaultdict(int)
    for c in everyone:
        sizes[c.stratum(keys)] += 1
    open_: dict[str, list[Candidate]] = defaultdict(list)
    for c in pool:
        open_[c.stratum(keys)].append(c)
    quotas = _quotas(spec, dict(sizes))
    picks = []
    for name in sorted(open_):
        members = open_[name]
        chosen = rng.sample(members, min(quotas[name], len(members)))
        picks.extend(Pick(c, name) for c in sorted(chosen, key=lambda c: c.decision_id))
    return Draw(tuple(picks), dict(sorted(sizes.items())))


def _quotas(spec: PlanSpec, sizes: dict[str, int]) -> dict[str, int]:
    """Per-stratum counts: ``rate`` of each (rounded up, so no stratum is skipped), or
    ``size`` split in proportion to stratum size by largest remainder."""
    if spec.rate is not None:
        return {name: min(n, math.ceil(n * spec.rate)) for name, n in sizes.items()}
    total = sum(sizes.values())
    want = min(spec.size or 0, total)
    if total == 0:
        return dict.fromkeys(sizes, 0)
    exact = {name: want * n / total for name, n in sizes.items()}
    quotas = {name: math.floor(x) for name, x in exact.items()}
    left = want - sum(quotas.values())
    for name in sorted(exact, key=lambda k: (quotas[k] - exact[k], k))[:left]:
        quotas[name] += 1
    return quotas


def _per_reviewer(spec: PlanSpec, pool: list[Candidate], rng: random.Random) -> Draw:
    """At least ``per_reviewer`` decisions of each reviewer per ISO week (all if fewer)."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in pool:
        year, week, _ = c.decided_at.isocalendar()
        groups[f"reviewer={c.reviewer_user_id}|week={year}-W{week:02d}"].append(c)
    picks = []
    for name in sorted(groups):
        members = groups[name]
        chosen = rng.sample(members, min(spec.per_reviewer, len(members)))
        picks.extend(Pick(c, name) for c in sorted(chosen, key=lambda c: c.decision_id))
    return Draw(tuple(picks), {name: len(m) for name, m in sorted(groups.items())})


def _risky(spec: PlanSpec, pool: list[Candidate]) -> Draw:
    """Every decision matching a risk rule, tagged with the first rule it matched.

    Not a probability sample: its results are reported apart from accuracy estimates.
    """
    handle = [c.handle_seconds for c in pool if c.handle_seconds > 0]
    fast_below = statistics.median(handle) * spec.fast_share if handle else 0.0
    new_window = timedelta(days=spec.new_reviewer_days)
    picks = []
    for c in pool:
        reason = None
        if c.decided_at - c.reviewer_first_decision_at < new_window:
            reason = RiskReason.NEW_REVIEWER
        elif 0 < c.handle_seconds < fast_below:
            reason = RiskReason.FAST_DECISION
        elif c.automated_decision != "not" and c.outcome in OVERTURN_OUTCOMES:
            reason = RiskReason.AUTOMATION_OVERTURNED
        elif c.policy_severity in spec.severities:
            reason = RiskReason.HIGH_SEVERITY
        if reason is not None:
            picks.append(Pick(c, f"risk={reason.value}", reason))
    counts: dict[str, int] = defaultdict(int)
    for p in picks:
        counts[p.stratum] += 1
    return Draw(tuple(picks), dict(sorted(counts.items())))
