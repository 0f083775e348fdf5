"""calibration sessions and golden cases

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:00:00

Why: calibration asks several people to rate the same cases blind and compares them with a
gold answer; golden cases are known-answer appeals mixed into the live queue of chosen
reviewers and scored automatically. Golden scores are ordinary ``qa_evaluations`` rows
(``kind = 'golden'``), so accuracy reports and disputes need nothing new; a partial unique
index allows one golden evaluation per appeal, which makes concurrent scoring runs safe.

PostgreSQL rules (on top of 0006/0007):
- gold answers are QA/lead/admin only: ``calibration_items`` grants reviewers every column
  but the gold ones, and ``golden_cases``/``golden_targets`` are not granted to reviewers
  at all, so nobody can learn by SQL which live cases are golden;
- a participant reads their sessions and items and inserts only their own ratings, while
  the session is open; ratings are append-only (no UPDATE/DELETE grant, and a trigger
  refuses changes even by the owner);
- the claim query must still skip golden appeals of other reviewers, though reviewers may
  not read ``golden_cases``: ``reviewer_app_golden_claimable(appeal, uid)`` answers that one
  question as its owner. For a caller who may not read golden cases it ignores ``uid`` and
  uses the signed-in person, so probing it with another id reveals nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reviewer_app.data.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

REVIEWER, QA, LEAD, ADMIN = (f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
EVERYONE = f"{REVIEWER}, {QA}, {LEAD}, {ADMIN}"
AUDITORS = f"{QA}, {LEAD}, {ADMIN}"
ME = "(SELECT reviewer_app_user_id())"
IS_AUDITOR = (f"(pg_has_role(session_user, '{QA}', 'MEMBER') OR "
              f"pg_has_role(session_user, '{LEAD}', 'MEMBER') OR "
              f"pg_has_role(session_user, '{ADMIN}', 'MEMBER'))")


def _participant(session_column: str) -> str:
    """The signed-in person takes part in the session named by ``session_column``."""
    return ("EXISTS (SELECT 1 FROM calibration_participants AS p "
            f"WHERE p.session_id = {session_column} AND p.user_id = {ME})")


EVALUATION_KINDS = ("audit", "golden")

CALIBRATION_TABLES = ("calibration_sessions", "calibration_items", "calibration_participants",
                      "calibration_ratings")
GOLDEN_TABLES = ("golden_cases", "golden_targets")
# Columns a participant may read: everything but the gold answer.
ITEM_PUBLIC_COLUMNS = "id, session_id, appeal_id, position"

POLICIES: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("calibration_sessions", "calibration_sessions_auditors", "ALL", AUDITORS, "true", "true"),
    ("calibration_sessions", "calibration_sessions_participant", "SELECT", REVIEWER,
     _participant("calibration_sessions.id"), None),
    ("calibration_participants", "calibration_participants_auditors", "ALL", AUDITORS,
     "true", "true"),
    ("calibration_participants", "calibration_participants_own", "SELECT", REVIEWER,
     f"user_id = {ME}", None),
    ("calibration_items", "calibration_items_auditors", "ALL", AUDITORS, "true", "true"),
    ("calibration_items", "calibration_items_participant", "SELECT", REVIEWER,
     _participant("calibration_items.session_id"), None),
    ("calibration_ratings", "calibration_ratings_auditors", "SELECT", AUDITORS, "true", None),
    ("calibration_ratings", "calibration_ratings_own", "SELECT", REVIEWER,
     f"user_id = {ME}", None),
    # Only in one's own name, as a participant, on an item of the session, while it is open.
    ("calibration_ratings", "calibration_ratings_insert_own", "INSERT", EVERYONE, None,
     f"user_id = {ME} AND {_participant('calibration_ratings.session_id')} "
     "AND EXISTS (SELECT 1 FROM calibration_items AS i WHERE i.session_id = "
     "calibration_ratings.session_id AND i.appeal_id = calibration_ratings.appeal_id) "
     "AND EXISTS (SELECT 1 FROM calibration_sessions AS s WHERE s.id = "
     "calibration_ratings.session_id AND s.closed_at IS NULL)"),
    # Golden scores are recorded in the name of the golden case's author (who may be a
    # lead, or a QA colleague other than the one running the scoring).
    ("qa_evaluations", "qa_evaluations_insert_golden", "INSERT", AUDITORS, None,
     "kind = 'golden' AND EXISTS (SELECT 1 FROM golden_cases AS g WHERE g.appeal_id = "
     "qa_evaluations.appeal_id AND g.created_by = qa_evaluations.auditor_user_id)"),
)

GOLDEN_CLAIMABLE = f"""
CREATE FUNCTION reviewer_app_golden_claimable(appeal integer, uid integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = {{schema}}, pg_temp
AS $$
    SELECT NOT EXISTS (
        SELECT 1 FROM golden_cases AS g
        WHERE g.appeal_id = appeal AND NOT EXISTS (
            SELECT 1 FROM golden_targets AS t
            WHERE t.golden_id = g.id AND t.user_id = CASE WHEN {IS_AUDITOR}
                OR NOT pg_has_role(session_user, '{REVIEWER}', 'MEMBER')
                THEN uid ELSE reviewer_app_user_id() END))
$$;
COMMENT ON FUNCTION reviewer_app_golden_claimable(integer, integer) IS
    'false when the appeal is a golden case not meant for the caller (reviewers: the '
    'signed-in person, whatever uid says)';
REVOKE ALL ON FUNCTION reviewer_app_golden_claimable(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reviewer_app_golden_claimable(integer, integer) TO {EVERYONE};
"""

PG_APPEND_ONLY = """
CREATE TRIGGER calibration_ratings_append_only BEFORE UPDATE OR DELETE ON calibration_ratings
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_refuse_event_change();
CREATE TRIGGER calibration_ratings_no_truncate BEFORE TRUNCATE ON calibration_ratings
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_refuse_event_change();
"""
SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER calibration_ratings_no_update BEFORE UPDATE ON calibration_ratings "
    "BEGIN SELECT RAISE(ABORT, 'a submitted calibration rating is final: UPDATE refused'); END",
    "CREATE TRIGGER calibration_ratings_no_delete BEFORE DELETE ON calibration_ratings "
    "BEGIN SELECT RAISE(ABORT, 'a submitted calibration rating is final: DELETE refused'); END",
)


def _fk(column: str, table: str, owner: str, target: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.{target}"],
                                   name=op.f(f"fk_{owner}_{column}_{table}"))


def _create_tables() -> None:
    utc = reviewer_app.data.types.UtcDateTime(timezone=True)
    op.create_table(
        "calibration_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("closed_at", utc, nullable=True),
        _fk("created_by", "users", "calibration_sessions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_sessions")),
    )
    op.create_table(
        "calibration_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("gold_outcome", sa.String(32), nullable=False),
        sa.Column("gold_reason_code", sa.String(64), nullable=True),
        _fk("session_id", "calibration_sessions", "calibration_items"),
        _fk("appeal_id", "appeals", "calibration_items"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_items")),
        sa.UniqueConstraint("session_id", "appeal_id",
                            name=op.f("uq_calibration_items_session_id")),
    )
    op.create_table(
        "calibration_participants",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("session_id", "calibration_sessions", "calibration_participants"),
        _fk("user_id", "users", "calibration_participants"),
        sa.PrimaryKeyConstraint("session_id", "user_id",
                                name=op.f("pk_calibration_participants")),
    )
    op.create_index(op.f("ix_calibration_participants_user_id"), "calibration_participants",
                    ["user_id"])
    op.create_table(
        "calibration_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("reason_code", sa.String(64), nullable=True),
        sa.Column("rated_at", utc, nullable=False),
        _fk("session_id", "calibration_sessions", "calibration_ratings"),
        _fk("appeal_id", "appeals", "calibration_ratings"),
        _fk("user_id", "users", "calibration_ratings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_ratings")),
        sa.UniqueConstraint("session_id", "appeal_id", "user_id",
                            name=op.f("uq_calibration_ratings_session_id")),
    )
    op.create_table(
        "golden_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("gold_outcome", sa.String(32), nullable=False),
        sa.Column("gold_reason_code", sa.String(64), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        _fk("appeal_id", "appeals", "golden_cases"),
        _fk("created_by", "users", "golden_cases"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_golden_cases")),
    )
    # Unique, and the index the claim query probes once per candidate row.
    op.create_index(op.f("ix_golden_cases_appeal_id"), "golden_cases", ["appeal_id"],
                    unique=True)
    op.create_table(
        "golden_targets",
        sa.Column("golden_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("golden_id", "golden_cases", "golden_targets"),
        _fk("user_id", "users", "golden_targets"),
        sa.PrimaryKeyConstraint("golden_id", "user_id", name=op.f("pk_golden_targets")),
    )
    with op.batch_alter_table("qa_evaluations") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False,
                                   server_default="audit"))
        batch.create_check_constraint(
            "kind_known", "kind IN (" + ", ".join(f"'{k}'" for k in EVALUATION_KINDS) + ")")
    op.create_index("uq_qa_evaluations_golden_appeal", "qa_evaluations", ["appeal_id"],
                    unique=True, sqlite_where=sa.text("kind = 'golden'"),
                    postgresql_where=sa.text("kind = 'golden'"))


def _policy_sql(table: str, name: str, command: str, roles: str, using: str | None,
                check: str | None) -> str:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {command} TO {roles}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    return sql


def _pg_rules() -> None:
    schema = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    op.execute(PG_APPEND_ONLY)
    op.execute(GOLDEN_CLAIMABLE.format(schema=schema))
    op.execute(f"GRANT SELECT ON calibration_sessions, calibration_participants, "
               f"calibration_ratings TO {EVERYONE}")
    op.execute(f"GRANT SELECT ({ITEM_PUBLIC_COLUMNS}) ON calibration_items TO {REVIEWER}")
    op.execute(f"GRANT SELECT ON calibration_items, golden_cases, golden_targets TO {AUDITORS}")
    op.execute(f"GRANT INSERT, UPDATE ON calibration_sessions TO {AUDITORS}")
    op.execute(f"GRANT INSERT ON calibration_items, calibration_participants, golden_cases, "
               f"golden_targets, qa_evaluations TO {AUDITORS}")
    op.execute(f"GRANT INSERT ON calibration_ratings TO {EVERYONE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {EVERYONE}")
    for table in CALIBRATION_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        op.execute(_policy_sql(*policy))


def upgrade() -> None:
    _create_tables()
    if op.get_bind().dialect.name == "postgresql":
        _pg_rules()
    else:
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, name, *_rest in reversed(POLICIES):
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(f"REVOKE INSERT ON qa_evaluations FROM {LEAD}, {ADMIN}")
        op.execute("DROP FUNCTION reviewer_app_golden_claimable(integer, integer)")
    op.drop_index("uq_qa_evaluations_golden_appeal", table_name="qa_evaluations")
    with op.batch_alter_table("qa_evaluations") as batch:
        batch.drop_constraint("kind_known", type_="check")
        batch.drop_column("kind")
    op.drop_table("golden_targets")
    op.drop_index(op.f("ix_golden_cases_appeal_id"), table_name="golden_cases")
    op.drop_table("golden_cases")
    op.drop_table("calibration_ratings")
    op.drop_index(op.f("ix_calibration_participants_user_id"),
                  table_name="calibration_participants")
    for table in ("calibration_participants", "calibration_items", "calibration_sessions"):
        op.drop_table(table)
