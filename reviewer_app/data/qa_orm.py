"""QA tables: evaluations, scorecards, sampling, disputes, calibration and golden cases
(migrations 0006-0008); ``qa_store`` and its neighbours read and write them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from reviewer_app.data.orm import Base
from reviewer_app.data.types import UtcDateTime


class QaEvaluationRow(Base):
    """A QA audit of one decision (0006); issue 4 builds the QA workflow on it.

    On PostgreSQL row security lets the reviewed person read only their own evaluations,
    and only once published (``published``, ``disputed``, ``resolved``).
    """

    __tablename__ = "qa_evaluations"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'disputed', 'resolved')",
                        name="status_known"),
        CheckConstraint("kind IN ('audit', 'golden')", name="kind_known"),
        # One golden score per appeal: concurrent scoring runs collide here, not twice.
        Index("uq_qa_evaluations_golden_appeal", "appeal_id", unique=True,
              sqlite_where=text("kind = 'golden'"), postgresql_where=text("kind = 'golden'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    reviewer_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    auditor_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    # 0007: the blind re-review, the scorecard, the verdict and the dispute resolution.
    sample_item_id: Mapped[int | None] = mapped_column(ForeignKey("qa_sample_items.id"),
                                                       unique=True)
    scorecard_id: Mapped[int | None] = mapped_column(ForeignKey("scorecards.id"))
    blind_outcome: Mapped[str | None] = mapped_column(String(32))
    blind_reason_code: Mapped[str | None] = mapped_column(String(64))
    blind_notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    error_type: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    dispute_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution: Mapped[str | None] = mapped_column(String(24))
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # 0008: 'audit' (sampled and re-reviewed) or 'golden' (a known-answer case, scored).
    kind: Mapped[str] = mapped_column(String(16), default="audit", server_default="audit")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API


class ScorecardRow(Base):
    """A versioned QA scorecard; a change makes a new version, old evaluations keep theirs."""

    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("name", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScorecardCriterionRow(Base):
    __tablename__ = "scorecard_criteria"
    __table_args__ = (UniqueConstraint("scorecard_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    weight: Mapped[float] = mapped_column(Float)
    critical: Mapped[bool] = mapped_column(Boolean)


class SamplingPlanRow(Base):
    """How a QA lead samples decisions (``kind`` and its ``params_json``)."""

    __tablename__ = "sampling_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    params_json: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class QaSampleRow(Base):
    """One draw of a plan: seed, period and per-stratum population, so it can be redone."""

    __tablename__ = "qa_samples"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("sampling_plans.id"))
    seed: Mapped[int] = mapped_column(BigInteger)
    period_start: Mapped[datetime] = mapped_column(UtcDateTime)
    period_end: Mapped[datetime] = mapped_column(UtcDateTime)
    drawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    drawn_at: Mapped[datetime] = mapped_column(UtcDateTime)
    population: Mapped[int] = mapped_column(Integer)
    strata_json: Mapped[str] = mapped_column(Text)


class QaSampleItemRow(Base):
    __tablename__ = "qa_sample_items"
    __table_args__ = (UniqueConstraint("sample_id", "decision_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("qa_samples.id"))
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"))
    reviewer_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stratum: Mapped[str] = mapped_column(String(200))
    risk_reason: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)


class QaEvaluationScoreRow(Base):
    __tablename__ = "qa_evaluation_scores"
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("qa_evaluations.id"),
                                               primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("scorecard_criteria.id"),
                                              primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class QaDisputeRow(Base):
    """The reviewer's dispute of one criterion of a published evaluation."""

    __tablename__ = "qa_disputes"
    __table_args__ = (UniqueConstraint("evaluation_id", "criterion_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("qa_evaluations.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("scorecard_criteria.id"))
    raised_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolution_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class QaEventRow(Base):
    """Append-only history of an evaluation, visible exactly when the evaluation is."""

    __tablename__ = "qa_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("qa_evaluations.id"), index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    type: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(String(32))
    after: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    payload_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class CalibrationSessionRow(Base):
    """The same cases rated blind by several people and compared with a gold answer."""

    __tablename__ = "calibration_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CalibrationItemRow(Base):
    """A case of a session; on PostgreSQL participants may not SELECT the gold columns."""

    __tablename__ = "calibration_items"
    __table_args__ = (UniqueConstraint("session_id", "appeal_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"))
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"))
    position: Mapped[int] = mapped_column(Integer)
    gold_outcome: Mapped[str] = mapped_column(String(32))
    gold_reason_code: Mapped[str | None] = mapped_column(String(64))


class CalibrationParticipantRow(Base):
    __tablename__ = "calibration_participants"
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"),
                                            primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class CalibrationRatingRow(Base):
    """One participant's blind answer on one case; append-only (triggers, grants)."""

    __tablename__ = "calibration_ratings"
    __table_args__ = (UniqueConstraint("session_id", "appeal_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"))
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str | None] = mapped_column(String(64))
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GoldenCaseRow(Base):
    """A known-answer appeal in the live queue; QA/lead/admin only may read it."""

    __tablename__ = "golden_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), unique=True, index=True)
    gold_outcome: Mapped[str] = mapped_column(String(32))
    gold_reason_code: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GoldenTargetRow(Base):
    """A reviewer a golden case is meant for (only they can claim it)."""

    __tablename__ = "golden_targets"
    golden_id: Mapped[int] = mapped_column(ForeignKey("golden_cases.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
