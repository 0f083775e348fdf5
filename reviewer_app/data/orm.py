"""SQLAlchemy 2 ORM tables; Alembic migrations create them (never ``create_all``)."""

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


# The roll-up and QA tables live in their own modules; importing them here registers every
# table with ``Base.metadata`` whenever the ORM is used (Alembic compares against it).
from reviewer_app.data import qa_orm, rollup_orm  # noqa: E402, F401 (registration only)
