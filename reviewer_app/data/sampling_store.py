"""Sampling plans, the decisions a plan may sample, and recorded samples with their items."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import AppealRow, DecisionRow, EnforcementRow, PolicyRow, QueueDefRow
from reviewer_app.data.qa_orm import QaSampleItemRow, QaSampleRow, SamplingPlanRow
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.qa_models import (
    Candidate,
    Draw,
    PlanKind,
    PlanSpec,
    SampleItem,
    SamplingPlan,
)

FINAL_OUTCOMES = ("uphold", "overturn", "partial", "reject_inadmissible")


def _spec_from_json(kind: str, params: str) -> PlanSpec:
    raw = json.loads(params)
    for key in ("strata", "severities"):
        if key in raw:
            raw[key] = tuple(raw[key])
    return PlanSpec(kind=PlanKind(kind), **raw)


def _spec_to_json(spec: PlanSpec) -> str:
    raw = asdict(spec)
    raw.pop("kind")
    return json.dumps(raw, sort_keys=True)


def save_plan(session: Session, *, name: str, spec: PlanSpec, user_id: int | None,
              now: datetime) -> int:
    """Store a new plan; returns its id (the name is unique)."""
    row = SamplingPlanRow(name=name, kind=spec.kind.value, params_json=_spec_to_json(spec),
                          active=True, created_by=user_id, created_at=now)
    session.add(row)
    session.flush()
    return row.id


def plan_named(session: Session, name: str) -> bool:
    """True if a plan (active or not) has this name."""
    return session.scalar(select(SamplingPlanRow.id).where(SamplingPlanRow.name == name)) \
        is not None


def plans(session: Session) -> tuple[SamplingPlan, ...]:
    """Active plans by name."""
    rows = session.scalars(select(SamplingPlanRow).where(SamplingPlanRow.active.is_(True))
                           .order_by(SamplingPlanRow.name))
    return tuple(SamplingPlan(r.id, r.name, _spec_from_json(r.kind, r.params_json), r.active)
                 for r in rows)


def plan(session: Session, plan_id: int) -> SamplingPlan:
    """One plan; ``NotFoundError`` if absent."""
    row = session.get(SamplingPlanRow, plan_id)
    if row is None:
        raise NotFoundError(f"No sampling plan {plan_id}")
    return SamplingPlan(row.id, row.name, _spec_from_json(row.kind, row.params_json), row.active)


def candidates(session: Session, start: datetime, end: datetime) -> list[Candidate]:
    """Final decisions made in ``[start, end)``, with what strata and risk rules need."""
    d, a = DecisionRow, AppealRow
    first = (select(DecisionRow.user_id, func.min(DecisionRow.decided_at).label("first_at"))
             .group_by(DecisionRow.user_id).subquery("first_decision"))
    stmt = (
        select(d.id, d.appeal_id, d.user_id, QueueDefRow.code, a.policy_code, a.language,
               a.market, d.outcome, d.decided_at, d.handle_seconds, PolicyRow.severity,
               EnforcementRow.automated_decision, first.c.first_at)
        .join(a, a.id == d.appeal_id)
        .join(QueueDefRow, QueueDefRow.id == a.queue_id)
        .join(EnforcementRow, EnforcementRow.id == a.enforcement_id)
        .outerjoin(PolicyRow, PolicyRow.code == a.policy_code)
        .join(first, first.c.user_id == d.user_id)
        .where(d.decided_at >= start, d.decided_at < end, d.outcome.in_(FINAL_OUTCOMES))
        .order_by(d.id)
    )
    return [Candidate(
        decision_id=r[0], appeal_id=r[1], reviewer_user_id=r[2], queue=r[3], policy=r[4],
        language=r[5], market=r[6], outcome=r[7], decided_at=r[8],
        handle_seconds=r[9] or 0.0, policy_severity=r[10] or "medium",
        automated_decision=r[11], reviewer_first_decision_at=_aware(r[12]),
    ) for r in session.execute(stmt)]


def _aware(value: datetime | str) -> datetime:
    # min() over a UtcDateTime column comes back untyped on SQLite: naive UTC text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def sampled_decision_ids(session: Session) -> frozenset[int]:
    """Every decision already in some sample (audited once only)."""
    return frozenset(session.scalars(select(QaSampleItemRow.decision_id)))


def record_sample(session: Session, *, plan_id: int, seed: int, start: datetime,
                  end: datetime, population: int, result: Draw, user_id: int | None,
                  now: datetime) -> int:
    """Store the draw and its items (pending audit); returns the sample id."""
    sample = QaSampleRow(plan_id=plan_id, seed=seed, period_start=start, period_end=end,
                         drawn_by=user_id, drawn_at=now, population=population,
                         strata_json=json.dumps(result.strata_population, sort_keys=True))
    session.add(sample)
    session.flush()
    if result.picks:
        session.execute(insert(QaSampleItemRow), [{
            "sample_id": sample.id, "decision_id": p.candidate.decision_id,
            "appeal_id": p.candidate.appeal_id,
            "reviewer_user_id": p.candidate.reviewer_user_id, "stratum": p.stratum,
            "risk_reason": None if p.risk_reason is None else p.risk_reason.value,
            "status": "pending",
        } for p in result.picks])
    return sample.id


def strata_population(session: Session, sample_id: int) -> dict[str, int]:
    """N_h per stratum of a sample, as recorded when it was drawn."""
    raw = session.scalar(select(QaSampleRow.strata_json).where(QaSampleRow.id == sample_id))
    if raw is None:
        raise NotFoundError(f"No sample {sample_id}")
    return {str(k): int(v) for k, v in json.loads(raw).items()}


def sample_items(session: Session, *, status: str | None = "pending",
                 limit: int = 500) -> tuple[SampleItem, ...]:
    """Sampled decisions for the QA queue, oldest decision first."""
    i, a, d = QaSampleItemRow, AppealRow, DecisionRow
    stmt = (select(i.id, i.sample_id, i.appeal_id, a.ref, i.decision_id, i.stratum,
                   i.risk_reason, i.status, a.policy_code, a.language, a.market, d.decided_at)
            .join(a, a.id == i.appeal_id).join(d, d.id == i.decision_id)
            .order_by(d.decided_at, i.id).limit(limit))
    if status is not None:
        stmt = stmt.where(i.status == status)
    return tuple(SampleItem(*row) for row in session.execute(stmt))


def samples(session: Session, limit: int = 50) -> list[tuple[int, str, datetime, datetime, int]]:
    """Recent samples, newest first: (id, plan name, period start, period end, picked)."""
    picked = (select(func.count()).where(QaSampleItemRow.sample_id == QaSampleRow.id)
              .correlate(QaSampleRow).scalar_subquery())
    stmt = (select(QaSampleRow.id, SamplingPlanRow.name, QaSampleRow.period_start,
                   QaSampleRow.period_end, picked)
            .join(SamplingPlanRow, SamplingPlanRow.id == QaSampleRow.plan_id)
            .order_by(QaSampleRow.id.desc()).limit(limit))
    return [(r[0], r[1], r[2], r[3], int(r[4])) for r in session.execute(stmt)]
