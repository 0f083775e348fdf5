"""QA workflow vocabulary: scorecards, sampling plans, samples, blind cases, evaluations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from reviewer_app.domain.enums import Outcome

DISPUTE_WINDOW = timedelta(hours=48)  # DOMAIN.md: the default dispute window


class EvaluationStatus(StrEnum):
    """draft → published → disputed → resolved."""

    DRAFT = "draft"
    PUBLISHED = "published"
    DISPUTED = "disputed"
    RESOLVED = "resolved"


class PlanKind(StrEnum):
    """How a sampling plan picks decisions."""

    RANDOM = "random"
    STRATIFIED = "stratified"
    RISK = "risk"
    MINIMUM = "minimum"  # at least N per reviewer in the period


class RiskReason(StrEnum):
    """Why a risk-based plan picked a decision (reported apart from accuracy)."""

    NEW_REVIEWER = "new_reviewer"
    FAST_DECISION = "fast_decision"
    AUTOMATION_OVERTURNED = "automation_overturned"
    HIGH_SEVERITY = "high_severity"


class ErrorType(StrEnum):
    """The QA error taxonomy."""

    WRONG_UPHOLD = "wrong_uphold"
    WRONG_OVERTURN = "wrong_overturn"
    WRONG_REASON = "wrong_reason"
    PROCEDURAL = "procedural"


class DisputeResolution(StrEnum):
    """A lead's answer to one disputed criterion."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EvaluationResolution(StrEnum):
    """The outcome of a disputed evaluation, from its criteria's resolutions."""

    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    REJECTED = "rejected"


class QaEventType(StrEnum):
    """Rows of an evaluation's own history (``qa_events``)."""

    DRAFTED = "drafted"
    SCORED = "scored"
    PUBLISHED = "published"
    DISPUTED = "disputed"
    RESOLVED = "resolved"


STRATUM_KEYS = ("queue", "policy", "language", "market", "outcome", "reviewer")


@dataclass(frozen=True, slots=True)
class Criterion:
    """One scorecard line: weight and whether failing it zeroes the whole score."""

    id: int
    code: str
    label: str
    weight: float
    critical: bool


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A versioned scorecard with its criteria in display order."""

    id: int
    name: str
    version: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """What a sampling plan asks for (stored as ``params_json``).

    ``rate`` is the share of each stratum (or of the population) to draw, or ``size`` a
    fixed count (proportional to stratum size when stratified); ``per_reviewer`` is the
    weekly minimum for ``MINIMUM`` plans; ``fast_share`` marks decisions faster than this
    share of the median handle time as risky; ``new_reviewer_days`` marks reviewers whose
    first decision is that recent; ``severities`` the policy severities counted as high.
    """

    kind: PlanKind
    strata: tuple[str, ...] = ()
    rate: float | None = None
    size: int | None = None
    per_reviewer: int = 0
    fast_share: float = 0.25
    new_reviewer_days: int = 30
    severities: tuple[str, ...] = ("high", "critical")


@dataclass(frozen=True, slots=True)
class SamplingPlan:
    """A named, stored plan."""

    id: int
    name: str
    spec: PlanSpec
    active: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A final decision that a plan may sample, with what strata and risk rules read."""

    decision_id: int
    appeal_id: int
    reviewer_user_id: int
    queue: str
    policy: str
    language: str
    market: str
    outcome: str
    decided_at: datetime
    handle_seconds: float
    policy_severity: str
    automated_decision: str  # "fully" | "partially" | "not"
    reviewer_first_decision_at: datetime

    def stratum(self, keys: tuple[str, ...]) -> str:
        """The stratum label, e.g. ``policy=IP|language=zh-CN`` (``all`` with no keys)."""
        if not keys:
            return "all"
        values = {"queue": self.queue, "policy": self.policy, "language": self.language,
                  "market": self.market, "outcome": self.outcome,
                  "reviewer": str(self.reviewer_user_id)}
        return "|".join(f"{k}={values[k]}" for k in keys)


@dataclass(frozen=True, slots=True)
class Pick:
    """A sampled decision: its stratum and, for risk plans, why it was picked."""

    candidate: Candidate
    stratum: str
    risk_reason: RiskReason | None = None


@dataclass(frozen=True, slots=True)
class Draw:
    """A sample's picks and each stratum's population (N_h) for weighted accuracy."""

    picks: tuple[Pick, ...]
    strata_population: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SampleItem:
    """A sampled decision waiting for (or done with) its audit, as the QA queue shows it."""

    id: int
    sample_id: int
    appeal_id: int
    appeal_ref: str
    decision_id: int
    stratum: str
    risk_reason: str | None
    status: str
    policy_code: str
    language: str
    market: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class BlindCase:
    """What the auditor sees before deciding: the case, never the original outcome,
    reason, rationale, response or reviewer."""

    item_id: int
    appeal_id: int
    appeal_ref: str
    round: int
    policy_code: str
    market: str
    language: str
    statement: str
    enforcement_action: str
    enforcement_facts: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class OriginalDecision:
    """The reviewed decision, shown only after the auditor's blind decision."""

    decision_id: int
    reviewer_user_id: int
    reviewer_name: str
    outcome: Outcome
    reason_code: str | None
    rationale: str
    response_text: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's score (0–1) on an evaluation, and its dispute if any."""

    criterion: Criterion
    score: float
    note: str = ""
    dispute_reason: str | None = None
    dispute_resolution: DisputeResolution | None = None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """An evaluation as its readers see it."""

    id: int
    appeal_id: int
    appeal_ref: str
    decision_id: int
    reviewer_user_id: int
    auditor_user_id: int
    status: EvaluationStatus
    score: float | None
    blind_outcome: str | None
    blind_reason_code: str | None
    error_type: ErrorType | None
    comment: str
    created_at: datetime
    published_at: datetime | None
    dispute_until: datetime | None
    resolution: EvaluationResolution | None
    version: int
    scorecard_id: int | None = None
    scores: tuple[CriterionScore, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditedDecision:
    """One published audit for accuracy figures; ``correct`` when no critical criterion
    failed (a score above 0)."""

    reviewer_user_id: int
    reviewer: str
    queue: str
    policy: str
    market: str
    language: str
    decided_at: datetime
    correct: bool
    sample_id: int | None
    stratum: str | None
    risk_reason: str | None


@dataclass(frozen=True, slots=True)
class AccuracyRow:
    """Accuracy of one group (a reviewer, queue, policy, market or period)."""

    group: str
    audited: int
    correct: int
    accuracy: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class SampleSummary:
    """A recorded sample with its stratified accuracy estimate (None until every stratum
    has an audit)."""

    id: int
    plan: str
    period_start: datetime
    period_end: datetime
    picked: int
    audited: int
    estimate: float | None
    low: float | None
    high: float | None
