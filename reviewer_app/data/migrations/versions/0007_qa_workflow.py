"""QA workflow: scorecards, sampling plans and samples, blind re-review, scores, disputes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:20:00

Why: QA auditors sample decided appeals by a recorded, seeded plan, re-review them blind,
score them on a versioned scorecard and publish the evaluation; the reviewer may dispute it
per criterion and a lead resolves the dispute. Every change of an evaluation is a row of
``qa_events`` (append-only like ``events``): the general event log is readable by every
reviewer, so QA history, which only the reviewed person and QA/leads may see, lives apart
with the evaluations' row security.

PostgreSQL rules (on top of 0006): samples and plans are QA/lead/admin only (a reviewer
must not learn which of their decisions are being audited); scores, disputes and QA events
are visible exactly when their evaluation is; a reviewer may move their own published
evaluation to disputed and add disputes on it, nothing else; leads resolve.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reviewer_app.data.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REVIEWER, QA, LEAD, ADMIN = (f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
EVERYONE = f"{REVIEWER}, {QA}, {LEAD}, {ADMIN}"
AUDITORS = f"{QA}, {LEAD}, {ADMIN}"
STAFF = f"{LEAD}, {ADMIN}"
ME = "(SELECT reviewer_app_user_id())"
# Subqueries on qa_evaluations run under the caller's row security: "the evaluation is
# visible to me" without repeating its rules.
EVALUATION_VISIBLE = "EXISTS (SELECT 1 FROM qa_evaluations AS e WHERE e.id = evaluation_id)"

PLAN_KINDS = ("random", "stratified", "risk", "minimum")
ITEM_STATUSES = ("pending", "audited")
RESOLUTIONS = ("accepted", "partially_accepted", "rejected")
DISPUTE_RESOLUTIONS = ("accepted", "rejected")
ERROR_TYPES = ("wrong_uphold", "wrong_overturn", "wrong_reason", "procedural")

NEW_TABLES = ("scorecards", "scorecard_criteria", "sampling_plans", "qa_samples",
              "qa_sample_items", "qa_evaluation_scores", "qa_disputes", "qa_events")
RLS_TABLES = ("qa_evaluation_scores", "qa_disputes", "qa_events")

POLICIES: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("qa_evaluations", "qa_evaluations_dispute_own", "UPDATE", EVERYONE,
     f"reviewer_user_id = {ME} AND status = 'published'",
     f"reviewer_user_id = {ME} AND status = 'disputed'"),
    ("qa_evaluations", "qa_evaluations_resolve", "UPDATE", STAFF, "true", "true"),
    ("qa_evaluation_scores", "qa_scores_read", "SELECT", EVERYONE, EVALUATION_VISIBLE, None),
    ("qa_evaluation_scores", "qa_scores_write", "ALL", AUDITORS, "true", "true"),
    ("qa_disputes", "qa_disputes_read", "SELECT", EVERYONE, EVALUATION_VISIBLE, None),
    ("qa_disputes", "qa_disputes_raise_own", "INSERT", EVERYONE, None,
     f"raised_by = {ME} AND EXISTS (SELECT 1 FROM qa_evaluations AS e "
     f"WHERE e.id = evaluation_id AND e.reviewer_user_id = {ME})"),
    ("qa_disputes", "qa_disputes_resolve", "UPDATE", STAFF, "true", "true"),
    ("qa_events", "qa_events_read", "SELECT", EVERYONE, EVALUATION_VISIBLE, None),
    ("qa_events", "qa_events_insert_own", "INSERT", EVERYONE, None,
     f"actor_user_id = {ME} AND {EVALUATION_VISIBLE}"),
)

PG_APPEND_ONLY = """
CREATE TRIGGER qa_events_append_only BEFORE UPDATE OR DELETE ON qa_events
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_refuse_event_change();
CREATE TRIGGER qa_events_no_truncate BEFORE TRUNCATE ON qa_events
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_refuse_event_change();
"""
SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER qa_events_no_update BEFORE UPDATE ON qa_events "
    "BEGIN SELECT RAISE(ABORT, 'the QA event log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER qa_events_no_delete BEFORE DELETE ON qa_events "
    "BEGIN SELECT RAISE(ABORT, 'the QA event log is append-only: DELETE refused'); END",
)


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _fk(column: str, table: str, owner: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"],
                                   name=op.f(f"fk_{owner}_{column}_{table}"))


def _create_tables() -> None:
    utc = reviewer_app.data.types.UtcDateTime(timezone=True)
    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", utc, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecards")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_scorecards_name")),
    )
    op.create_table(
        "scorecard_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.CheckConstraint("weight > 0", name=op.f("ck_scorecard_criteria_weight_positive")),
        _fk("scorecard_id", "scorecards", "scorecard_criteria"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_criteria")),
        sa.UniqueConstraint("scorecard_id", "code", name=op.f("uq_scorecard_criteria_scorecard_id")),
    )
    op.create_table(
        "sampling_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("params_json", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", utc, nullable=False),
        sa.CheckConstraint(f"kind IN ({_in(PLAN_KINDS)})", name=op.f("ck_sampling_plans_kind_known")),
        _fk("created_by", "users", "sampling_plans"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sampling_plans")),
        sa.UniqueConstraint("name", name=op.f("uq_sampling_plans_name")),
    )
    op.create_table(
        "qa_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("period_start", utc, nullable=False),
        sa.Column("period_end", utc, nullable=False),
        sa.Column("drawn_by", sa.Integer(), nullable=True),
        sa.Column("drawn_at", utc, nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("strata_json", sa.Text(), nullable=False),
        _fk("plan_id", "sampling_plans", "qa_samples"),
        _fk("drawn_by", "users", "qa_samples"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_samples")),
    )
    op.create_table(
        "qa_sample_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_user_id", sa.Integer(), nullable=False),
        sa.Column("stratum", sa.String(200), nullable=False),
        sa.Column("risk_reason", sa.String(32), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.CheckConstraint(f"status IN ({_in(ITEM_STATUSES)})",
                           name=op.f("ck_qa_sample_items_status_known")),
        _fk("sample_id", "qa_samples", "qa_sample_items"),
        _fk("decision_id", "decisions", "qa_sample_items"),
        _fk("appeal_id", "appeals", "qa_sample_items"),
        _fk("reviewer_user_id", "users", "qa_sample_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_sample_items")),
        sa.UniqueConstraint("sample_id", "decision_id", name=op.f("uq_qa_sample_items_sample_id")),
    )
    op.create_index(op.f("ix_qa_sample_items_status"), "qa_sample_items", ["status"])
    op.create_index(op.f("ix_qa_sample_items_decision_id"), "qa_sample_items", ["decision_id"])
    with op.batch_alter_table("qa_evaluations") as batch:
        batch.add_column(sa.Column("sample_item_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scorecard_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("blind_outcome", sa.String(32), nullable=True))
        batch.add_column(sa.Column("blind_reason_code", sa.String(64), nullable=True))
        batch.add_column(sa.Column("blind_notes", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("error_type", sa.String(32), nullable=True))
        batch.add_column(sa.Column("comment", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("dispute_until", utc, nullable=True))
        batch.add_column(sa.Column("resolution", sa.String(24), nullable=True))
        batch.add_column(sa.Column("resolved_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("resolved_at", utc, nullable=True))
        batch.create_foreign_key(op.f("fk_qa_evaluations_sample_item_id_qa_sample_items"),
                                 "qa_sample_items", ["sample_item_id"], ["id"])
        batch.create_foreign_key(op.f("fk_qa_evaluations_scorecard_id_scorecards"),
                                 "scorecards", ["scorecard_id"], ["id"])
        batch.create_foreign_key(op.f("fk_qa_evaluations_resolved_by_users"),
                                 "users", ["resolved_by"], ["id"])
        batch.create_check_constraint(
            "error_type_known", f"error_type IS NULL OR error_type IN ({_in(ERROR_TYPES)})")
        batch.create_check_constraint(
            "resolution_known", f"resolution IS NULL OR resolution IN ({_in(RESOLUTIONS)})")
        batch.create_unique_constraint(op.f("uq_qa_evaluations_sample_item_id"),
                                       ["sample_item_id"])
    op.create_table(
        "qa_evaluation_scores",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.CheckConstraint("score >= 0 AND score <= 1",
                           name=op.f("ck_qa_evaluation_scores_score_range")),
        _fk("evaluation_id", "qa_evaluations", "qa_evaluation_scores"),
        _fk("criterion_id", "scorecard_criteria", "qa_evaluation_scores"),
        sa.PrimaryKeyConstraint("evaluation_id", "criterion_id",
                                name=op.f("pk_qa_evaluation_scores")),
    )
    op.create_table(
        "qa_disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("raised_by", sa.Integer(), nullable=False),
        sa.Column("raised_at", utc, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False, server_default=""),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", utc, nullable=True),
        sa.CheckConstraint(
            f"resolution IS NULL OR resolution IN ({_in(DISPUTE_RESOLUTIONS)})",
            name=op.f("ck_qa_disputes_resolution_known")),
        _fk("evaluation_id", "qa_evaluations", "qa_disputes"),
        _fk("criterion_id", "scorecard_criteria", "qa_disputes"),
        _fk("raised_by", "users", "qa_disputes"),
        _fk("resolved_by", "users", "qa_disputes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_disputes")),
        sa.UniqueConstraint("evaluation_id", "criterion_id",
                            name=op.f("uq_qa_disputes_evaluation_id")),
    )
    op.create_table(
        "qa_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("at", utc, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("before", sa.String(32), nullable=True),
        sa.Column("after", sa.String(32), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("payload_json", sa.Text(), nullable=False, server_default="{}"),
        _fk("evaluation_id", "qa_evaluations", "qa_events"),
        _fk("actor_user_id", "users", "qa_events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_events")),
    )
    op.create_index(op.f("ix_qa_events_evaluation_id"), "qa_events", ["evaluation_id"])


def _policy_sql(table: str, name: str, command: str, roles: str, using: str | None,
                check: str | None) -> str:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {command} TO {roles}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    return sql


def _pg_rules() -> None:
    op.execute(PG_APPEND_ONLY)
    op.execute(f"GRANT SELECT ON scorecards, scorecard_criteria, qa_evaluation_scores, "
               f"qa_disputes, qa_events TO {EVERYONE}")
    op.execute(f"GRANT SELECT ON sampling_plans, qa_samples, qa_sample_items TO {AUDITORS}")
    op.execute(f"GRANT INSERT, UPDATE ON scorecards, scorecard_criteria, sampling_plans, "
               f"qa_samples, qa_sample_items, qa_evaluation_scores TO {AUDITORS}")
    op.execute(f"GRANT INSERT ON qa_disputes, qa_events TO {EVERYONE}")
    op.execute(f"GRANT UPDATE ON qa_disputes TO {STAFF}")
    # A reviewer may only move their own evaluation to disputed: these columns, and the
    # policy qa_evaluations_dispute_own says which rows and which new status.
    op.execute(f"GRANT UPDATE (status, version) ON qa_evaluations TO {REVIEWER}")
    op.execute(f"GRANT UPDATE ON qa_evaluations TO {STAFF}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "
               f"{op.get_bind().exec_driver_sql('SELECT quote_ident(current_schema())').scalar_one()}"
               f" TO {EVERYONE}")
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        op.execute(_policy_sql(*policy))


# Every database starts with this default scorecard (code, label, weight, critical); leads
# change it later as new versions (QaService.save_scorecard). A wrong outcome is critical.
DEFAULT_SCORECARD = "Appeal decision quality"
DEFAULT_CRITERIA = (
    ("outcome", "Outcome correct", 40.0, True),
    ("reason", "Reason code correct", 25.0, False),
    ("response", "Response and redress correct", 20.0, False),
    ("procedure", "Procedure followed", 15.0, False),
)


def _default_scorecard() -> None:
    bind = op.get_bind()
    scorecard_id = bind.execute(
        sa.text("INSERT INTO scorecards (name, version, active, created_at) "
                "VALUES (:name, 1, :yes, CURRENT_TIMESTAMP) RETURNING id"),
        {"name": DEFAULT_SCORECARD, "yes": True}).scalar_one()
    for position, (code, label, weight, critical) in enumerate(DEFAULT_CRITERIA):
        bind.execute(
            sa.text("INSERT INTO scorecard_criteria (scorecard_id, position, code, label, "
                    "weight, critical) VALUES (:s, :p, :c, :l, :w, :k)"),
            {"s": scorecard_id, "p": position, "c": code, "l": label, "w": weight,
             "k": critical})


def upgrade() -> None:
    _create_tables()
    _default_scorecard()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _pg_rules()
    else:
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table, name, *_rest in reversed(POLICIES):
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(f"REVOKE UPDATE ON qa_evaluations FROM {REVIEWER}, {STAFF}")
    op.drop_table("qa_events")
    op.drop_table("qa_disputes")
    op.drop_table("qa_evaluation_scores")
    with op.batch_alter_table("qa_evaluations") as batch:
        batch.drop_constraint(op.f("uq_qa_evaluations_sample_item_id"), type_="unique")
        batch.drop_constraint("error_type_known", type_="check")
        batch.drop_constraint("resolution_known", type_="check")
        batch.drop_constraint(op.f("fk_qa_evaluations_resolved_by_users"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_qa_evaluations_scorecard_id_scorecards"),
                              type_="foreignkey")
        batch.drop_constraint(op.f("fk_qa_evaluations_sample_item_id_qa_sample_items"),
                              type_="foreignkey")
        for column in ("resolved_at", "resolved_by", "resolution", "dispute_until", "comment",
                       "error_type", "blind_notes", "blind_reason_code", "blind_outcome",
                       "scorecard_id", "sample_item_id"):
            batch.drop_column(column)
    op.drop_index(op.f("ix_qa_sample_items_decision_id"), table_name="qa_sample_items")
    op.drop_index(op.f("ix_qa_sample_items_status"), table_name="qa_sample_items")
    for table in ("qa_sample_items", "qa_samples", "sampling_plans", "scorecard_criteria",
                  "scorecards"):
        op.drop_table(table)
