"""SQLAlchemy 2 ORM tables; Alembic migrations create them (never ``create_all``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reviewer_app.data.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class UserSkillRow(Base):
    """A language, market or policy a user may work (``kind`` says which)."""

    __tablename__ = "user_skills"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)


class QueueDefRow(Base):
    __tablename__ = "queues"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class PolicyRow(Base):
    __tablename__ = "policies"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(16), default="medium")


class SlaPolicyRow(Base):
    """SLA hours for a queue/policy/market combination; NULL columns match anything."""

    __tablename__ = "sla_policies"
    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policies.id"))
    market: Mapped[str | None] = mapped_column(String(2))
    hours: Mapped[float] = mapped_column(Float)
    pause_on_request_info: Mapped[bool] = mapped_column(Boolean, default=True)


class SopDocumentRow(Base):
    __tablename__ = "sop_documents"
    __table_args__ = (UniqueConstraint("policy_id", "version", name="uq_sop_policy_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body_markdown: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[datetime] = mapped_column(UtcDateTime)


class ReasonCodeRow(Base):
    """A controlled reason code; ``policy_id`` NULL means it applies to every policy."""

    __tablename__ = "reason_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    outcome: Mapped[str] = mapped_column(String(32))
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policies.id"))
    label: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ResponseTemplateRow(Base):
    __tablename__ = "response_templates"
    __table_args__ = (UniqueConstraint("outcome", "language", name="uq_template_outcome_lang"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    outcome: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    redress_text: Mapped[str] = mapped_column(Text)


class AppellantRow(Base):
    __tablename__ = "appellants"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(300))
    account_type: Mapped[str] = mapped_column(String(16))
    market: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(16))


class EnforcementRow(Base):
    __tablename__ = "enforcements"
    # 0003: claiming excludes the original decider's enforcements.
    # 0011: the original DSA statement of reasons (unique index, several NULLs allowed).
    __table_args__ = (Index("ix_enforcements_decided_by", "decided_by_user_id"),
                      Index("uq_enforcements_sor_puid", "sor_puid", unique=True))
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    appellant_id: Mapped[int] = mapped_column(ForeignKey("appellants.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(Text, default="")
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"))
    clause: Mapped[str] = mapped_column(String(200), default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    evidence_json: Mapped[str] = mapped_column(Text, default="{}")
    automated_detection: Mapped[bool] = mapped_column(Boolean, default=False)
    automated_decision: Mapped[str] = mapped_column(String(16), default="not")
    automation_ref: Mapped[str | None] = mapped_column(String(200))
    decided_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by_label: Mapped[str] = mapped_column(String(200), default="")
    enforced_at: Mapped[datetime] = mapped_column(UtcDateTime)
    listing_id: Mapped[str | None] = mapped_column(String(64), index=True)
    is_strike: Mapped[bool] = mapped_column(Boolean, default=False)
    sor_puid: Mapped[str | None] = mapped_column(String(500))


# SQL text of the partial-index predicates (migration 0002); kept literal, never bound, so
# SQLite's planner can match the query's WHERE term against the index's.
OPEN_PREDICATE = "status <> 'decided'"
CLAIMABLE_PREDICATE = "status IN ('new', 'escalated', 'reopened')"
REOPENED_PREDICATE = "type = 'reopened'"
FINAL_PREDICATE = "outcome IN ('uphold', 'overturn', 'partial', 'reject_inadmissible')"


class AppealRow(Base):
    """An appeal. Market, language and policy are copied from the appellant and enforcement
    so the queue (the hot path) filters and sorts on one table with matching indexes."""

    __tablename__ = "appeals"
    __table_args__ = (
        CheckConstraint("round IN (1, 2)", name="round_1_or_2"),
        CheckConstraint("priority BETWEEN 0 AND 100", name="priority_range"),
        Index("ix_appeals_sla", "sla_due_at", "id"),
        Index("ix_appeals_priority", "priority", "id"),
        Index("ix_appeals_received", "received_at", "id"),
        Index("ix_appeals_status_sla", "status", "sla_due_at", "id"),
        Index("ix_appeals_status_priority", "status", "priority", "id"),
        Index("ix_appeals_status_received", "status", "received_at", "id"),
        Index("ix_appeals_market_sla", "market", "sla_due_at", "id"),
        Index("ix_appeals_policy_sla", "policy_code", "sla_due_at", "id"),
        Index("ix_appeals_language_sla", "language", "sla_due_at", "id"),
        Index("ix_appeals_round_sla", "round", "sla_due_at", "id"),
        Index("ix_appeals_appellant", "appellant_id"),
        Index("ix_appeals_listing", "listing_id"),
        Index("ix_appeals_enforcement", "enforcement_id"),
        # 0002: partial indexes; queries repeat OPEN_PREDICATE / CLAIMABLE_PREDICATE verbatim.
        Index("ix_appeals_open_sla", "sla_due_at", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
        Index("ix_appeals_open_priority", "priority", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
        Index("ix_appeals_open_received", "received_at", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
        Index("ix_appeals_claim", text("sla_due_at"), text("priority DESC"), text("id"),
              sqlite_where=text(CLAIMABLE_PREDICATE),
              postgresql_where=text(CLAIMABLE_PREDICATE)),
        Index("ix_appeals_previous", "previous_appeal_id"),
        # 0004: open-only views filtered by one column, sorted by SLA.
        *(
            Index(f"ix_appeals_open_{col}_sla", col, "sla_due_at", "id",
                  sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE))
            for col in ("market", "policy_code", "language", "round")
        ),
        # 0009a: the queue charts' figures of open appeals per queue (aging, SLA, oldest)
        # read only this index; it also finds each queue's oldest open appeal directly.
        Index("ix_appeals_open_charts", "queue_id", "received_at", "sla_due_at", "market",
              "policy_code", "language", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    appellant_id: Mapped[int] = mapped_column(ForeignKey("appellants.id"))
    appellant_ref: Mapped[str] = mapped_column(String(64), index=True)
    enforcement_id: Mapped[int] = mapped_column(ForeignKey("enforcements.id"))
    previous_appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sla_due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"))
    priority: Mapped[int] = mapped_column(Integer, default=50)
    market: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(16))
    policy_code: Mapped[str] = mapped_column(String(64))
    listing_id: Mapped[str | None] = mapped_column(String(64))
    statement: Mapped[str] = mapped_column(Text, default="")
    plan_of_action: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API


class AttachmentRow(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")


class LeaseRow(Base):
    """At most one lease per appeal (the primary key makes a double claim impossible)."""

    __tablename__ = "leases"
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    return_status: Mapped[str] = mapped_column(String(16))
    # 0005: "hold for help" keeps the case with a note; a hand-off carries a note too.
    note: Mapped[str | None] = mapped_column(Text)
    held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        # 0012: one person's decisions in a range (personal dashboard), outcome and handle
        # time included so the read needs no table lookups; replaces 0009c's (user_id,
        # decided_at), which replaced (user_id).
        Index("ix_decisions_user_decided_outcome", "user_id", "decided_at", "outcome",
              "handle_seconds", "id"),
        # 0009a: "final as of" checks (KPI report, queue charts, "decided in P" in the queue)
        # seek an appeal's final decisions by time in this index alone.
        Index("ix_decisions_final", "appeal_id", "decided_at", "id",
              sqlite_where=text(FINAL_PREDICATE), postgresql_where=text(FINAL_PREDICATE)),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(String(32))
    reason_code: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str] = mapped_column(Text, default="")
    what_changes: Mapped[str] = mapped_column(Text, default="")
    response_text: Mapped[str] = mapped_column(Text, default="")
    response_language: Mapped[str] = mapped_column(String(16), default="en")
    escalation_reason: Mapped[str] = mapped_column(Text, default="")
    requested_documents_json: Mapped[str] = mapped_column(Text, default="[]")
    sop_document_id: Mapped[int | None] = mapped_column(ForeignKey("sop_documents.id"))
    handle_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class QueueDayIntakeRow(Base):
    """Appeals received per UTC day in each (current) queue; kept by triggers (0009c)."""

    __tablename__ = "queue_day_intake"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    queue_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    appeals: Mapped[int] = mapped_column(Integer)


class QueueDayDecisionsRow(Base):
    """Per UTC day, (current) queue of the appeal and person: final decisions and their
    active handle seconds, every decision row and its handle seconds; kept by triggers
    (0009c), never written by the app."""

    __tablename__ = "queue_day_decisions"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    queue_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    final_decisions: Mapped[int] = mapped_column(Integer)
    final_handle_seconds: Mapped[float] = mapped_column(Float)
    all_rows: Mapped[int] = mapped_column(Integer)
    all_handle_seconds: Mapped[float] = mapped_column(Float)


class ReviewerDayStatsRow(Base):
    """Per UTC day and reviewer: what adds up about their decisions and audits (0009b).

    Kept by triggers (never written by the app): ``decisions`` and ``handle_seconds`` count
    final outcomes, ``handled`` and ``escalations`` count decision rows (one reviewer may
    touch an appeal twice: see ``ReviewerRepeatHandleRow``), ``audited`` and
    ``audited_correct`` count published audits by the audited decision's day.
    """

    __tablename__ = "reviewer_day_stats"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy API
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    decisions: Mapped[int] = mapped_column(Integer, server_default="0")
    handle_seconds: Mapped[float] = mapped_column(Float, server_default="0")
    handled: Mapped[int] = mapped_column(Integer, server_default="0")
    escalations: Mapped[int] = mapped_column(Integer, server_default="0")
    audited: Mapped[int] = mapped_column(Integer, server_default="0")
    audited_correct: Mapped[int] = mapped_column(Integer, server_default="0")


class ReviewerRepeatHandleRow(Base):
    """A decision row with an earlier row by the same reviewer on the same appeal, and when
    that was (``prev_at``); with ``escalation``, the same along the escalation rows only
    (0009b). A window counts an appeal once by taking off rows whose ``prev_at`` is in it.
    Kept by triggers."""

    __tablename__ = "reviewer_repeat_handles"
    __table_args__ = (
        Index("ix_reviewer_repeat_handles_window", "user_id", "prev_at", "decided_at",
              "escalation"),
        Index("ix_reviewer_repeat_handles_pair", "appeal_id", "user_id"),
    )
    decision_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    escalation: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    appeal_id: Mapped[int] = mapped_column(Integer)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    prev_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReviewerOverturnRow(Base):
    """A final decision later overturned: on a 2nd-round appeal (overturn or partial) or
    by a published QA audit that scored 0 (0009b); kept by triggers."""

    __tablename__ = "reviewer_overturns"
    __table_args__ = (Index("ix_reviewer_overturns_window", "user_id", "decided_at"),)
    decision_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EventRow(Base):
    """Append-only log: every transition with actor, time, before/after and comment."""

    __tablename__ = "events"
    __table_args__ = (
        # 0009c: "reopened after this decision?" (KPI reports, queue charts) without reading
        # whole histories; reopen events are rare, so the index is tiny.
        Index("ix_events_reopened", "appeal_id", "at", sqlite_where=text(REOPENED_PREDICATE),
              postgresql_where=text(REOPENED_PREDICATE)),
        # 0009a: reopen events by time.
        Index("ix_events_reopened_at", "at", sqlite_where=text(REOPENED_PREDICATE),
              postgresql_where=text(REOPENED_PREDICATE)),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id"), index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    type: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(String(32))
    after: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    payload_json: Mapped[str] = mapped_column(Text, default="{}")


class ChangeFeedRow(Base):
    """What changed, in commit order per client: polled after a NOTIFY or on a timer (0005).

    ``kind`` is an ``EventType`` value, or ``"presence"``, or ``"bulk"`` (many appeals at
    once, e.g. an import: clients reload their views instead of single rows).
    """

    __tablename__ = "change_feed"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    appeal_id: Mapped[int | None] = mapped_column(Integer)
    actor_user_id: Mapped[int | None] = mapped_column(Integer)


class PresenceRow(Base):
    """Who has which case open, refreshed by a heartbeat; stale rows are ignored (0005)."""

    __tablename__ = "presence"
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


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
