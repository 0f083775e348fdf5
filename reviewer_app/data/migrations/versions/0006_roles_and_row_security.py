"""database roles, grants and row-level security; qa_evaluations

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 06:40:00

Why: on the shared PostgreSQL database each person signs in as their own role, a member of
one of four NOLOGIN group roles. The rules must hold even for someone who opens ``psql``
with those credentials, so they live in the database: table grants say who may write what,
and row-level security says which rows. ``reviewer_app_user_id()`` maps the signed-in role
(``session_user``) to ``users.id``. The table owner (whoever runs ``db upgrade``) is not
subject to row security (it is enabled, not forced), so maintenance and imports are not.

Roles are cluster-wide while this migration runs once per database: they are created only
if missing (tolerating a concurrent creator) and never dropped on downgrade, because other
databases on the cluster may use them. On SQLite only ``qa_evaluations`` is created.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reviewer_app.data.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REVIEWER, QA, LEAD, ADMIN = (f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
GROUPS = (REVIEWER, QA, LEAD, ADMIN)
EVERYONE = ", ".join(GROUPS)
WORKERS = f"{REVIEWER}, {QA}"  # rows limited to their own work
STAFF = f"{LEAD}, {ADMIN}"  # manage the catalog and other people's cases

USERS = ("users", "user_skills")
CATALOG = ("queues", "policies", "sla_policies", "sop_documents", "reason_codes",
           "response_templates")
CASE_DATA = ("appellants", "enforcements", "attachments")  # written by imports
ALL_TABLES = (*USERS, *CATALOG, *CASE_DATA, "appeals", "leases", "decisions", "events",
              "change_feed", "presence", "qa_evaluations", "alembic_version")
RLS_TABLES = ("appeals", "leases", "decisions", "events", "presence", "qa_evaluations")

QA_STATUSES = ("draft", "published", "disputed", "resolved")
QA_VISIBLE_TO_REVIEWED = "('published', 'disputed', 'resolved')"

# A role that already exists is fine; so is one created by a concurrent migration of
# another database between our check and our CREATE (unique_violation on pg_authid).
CREATE_GROUP = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
        BEGIN
            CREATE ROLE {name} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END $$;
"""

# The function runs as its owner so it can read users whatever the caller may see; the
# search_path is pinned so a caller cannot substitute another "users" table.
USER_ID_FUNCTION = """
CREATE FUNCTION reviewer_app_user_id() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = {schema}, pg_temp
AS $$ SELECT id FROM users WHERE login = session_user::text AND active $$;
COMMENT ON FUNCTION reviewer_app_user_id() IS
    'users.id of the signed-in PostgreSQL role (users.login = session_user), NULL if none';
"""

# Row locks need the UPDATE policy to see expired leases of others (so any client can
# return them to the queue), but an actual change of such a lease would be a takeover:
# for reviewers and QA only the holder may change a lease. (Superusers are members of
# every role, so they, like leads and admins, pass.)
LEASE_HOLDER_ONLY = f"""
CREATE FUNCTION reviewer_app_lease_holder_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (pg_has_role(session_user, '{LEAD}', 'MEMBER')
            OR pg_has_role(session_user, '{ADMIN}', 'MEMBER'))
       AND (pg_has_role(session_user, '{REVIEWER}', 'MEMBER')
            OR pg_has_role(session_user, '{QA}', 'MEMBER'))
       AND OLD.user_id IS DISTINCT FROM reviewer_app_user_id() THEN
        RAISE EXCEPTION 'only the holder may change the lease on appeal %', OLD.appeal_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER leases_holder_only BEFORE UPDATE ON leases
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_lease_holder_only();
"""

ME = "(SELECT reviewer_app_user_id())"  # an InitPlan: evaluated once per statement
HOLDS = (
    "EXISTS (SELECT 1 FROM leases AS l WHERE l.appeal_id = {table}.appeal_id "
    f"AND l.user_id = {ME} AND l.expires_at >= now())"
)
HELD_BY_OTHER = (
    "EXISTS (SELECT 1 FROM leases AS l WHERE l.appeal_id = appeals.id "
    f"AND l.user_id IS DISTINCT FROM {ME} AND l.expires_at >= now())"
)

# (table, name, command, roles, USING, WITH CHECK); permissive policies OR together.
POLICIES: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("appeals", "appeals_read", "SELECT", EVERYONE, "true", None),
    ("appeals", "appeals_staff", "ALL", STAFF, "true", "true"),
    # Row locks (FOR UPDATE) apply the UPDATE policy's USING, so it stays open and the
    # holder rule is checked on the new row: an update of a held case is an error.
    ("appeals", "appeals_update_unless_held", "UPDATE", WORKERS, "true",
     f"NOT {HELD_BY_OTHER}"),
    ("leases", "leases_read", "SELECT", EVERYONE, "true", None),
    ("leases", "leases_staff", "ALL", STAFF, "true", "true"),
    ("leases", "leases_insert_own", "INSERT", WORKERS, None, f"user_id = {ME}"),
    # Expired leases of others stay lockable and deletable so any client can return
    # them to the queue (LEASE_HOLDER_ONLY refuses changing them); the new row (hand-off)
    # must name an active colleague.
    ("leases", "leases_update_own", "UPDATE", WORKERS,
     f"user_id = {ME} OR expires_at < now()",
     "EXISTS (SELECT 1 FROM users AS u WHERE u.id = user_id AND u.active)"),
    ("leases", "leases_delete_own_or_expired", "DELETE", WORKERS,
     f"user_id = {ME} OR expires_at < now()", None),
    ("decisions", "decisions_read", "SELECT", EVERYONE, "true", None),
    ("decisions", "decisions_insert_held", "INSERT", EVERYONE, None,
     f"user_id = {ME} AND {HOLDS.format(table='decisions')}"),
    ("events", "events_read", "SELECT", EVERYONE, "true", None),
    ("events", "events_insert_own", "INSERT", EVERYONE, None,
     f"actor_user_id IS NULL OR actor_user_id = {ME}"),
    ("presence", "presence_read", "SELECT", EVERYONE, "true", None),
    ("presence", "presence_own", "ALL", EVERYONE, f"user_id = {ME}", f"user_id = {ME}"),
    ("qa_evaluations", "qa_evaluations_own_published", "SELECT", EVERYONE,
     f"reviewer_user_id = {ME} AND status IN {QA_VISIBLE_TO_REVIEWED}", None),
    ("qa_evaluations", "qa_evaluations_read_all", "SELECT", f"{QA}, {LEAD}, {ADMIN}",
     "true", None),
    ("qa_evaluations", "qa_evaluations_insert", "INSERT", QA, None,
     f"auditor_user_id = {ME}"),
    ("qa_evaluations", "qa_evaluations_update", "UPDATE", QA, "true", "true"),
)

# Column-level: a reviewer's UPDATE of an appeal can only move it through the workflow.
WORKFLOW_COLUMNS = "status, version, decided_at, queue_id"


def _grants(schema: str) -> list[str]:
    tables = ", ".join(ALL_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {EVERYONE}",
        f"GRANT SELECT ON {tables} TO {EVERYONE}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {EVERYONE}",
        f"GRANT EXECUTE ON FUNCTION reviewer_app_user_id() TO {EVERYONE}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(USERS)} TO {ADMIN}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(CATALOG + CASE_DATA)} TO {STAFF}",
        f"GRANT INSERT, UPDATE ON appeals TO {STAFF}",
        f"GRANT UPDATE ({WORKFLOW_COLUMNS}) ON appeals TO {WORKERS}",
        f"GRANT INSERT, UPDATE, DELETE ON leases, presence TO {EVERYONE}",
        # decisions, events and change_feed are insert-only for everyone; the event log
        # also refuses UPDATE/DELETE by trigger (0005), even for its owner.
        f"GRANT INSERT ON decisions, events, change_feed TO {EVERYONE}",
        f"GRANT INSERT, UPDATE ON qa_evaluations TO {QA}",
    ]


def _policy_sql(table: str, name: str, command: str, roles: str, using: str | None,
                check: str | None) -> str:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {command} TO {roles}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    return sql


def _create_qa_evaluations() -> None:
    utc = reviewer_app.data.types.UtcDateTime(timezone=True)
    statuses = ", ".join(f"'{s}'" for s in QA_STATUSES)
    op.create_table(
        "qa_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_user_id", sa.Integer(), nullable=False),
        sa.Column("auditor_user_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("published_at", utc, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(f"status IN ({statuses})",
                           name=op.f("ck_qa_evaluations_status_known")),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"],
                                name=op.f("fk_qa_evaluations_appeal_id_appeals")),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"],
                                name=op.f("fk_qa_evaluations_decision_id_decisions")),
        sa.ForeignKeyConstraint(["reviewer_user_id"], ["users.id"],
                                name=op.f("fk_qa_evaluations_reviewer_user_id_users")),
        sa.ForeignKeyConstraint(["auditor_user_id"], ["users.id"],
                                name=op.f("fk_qa_evaluations_auditor_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_evaluations")),
    )
    for column in ("appeal_id", "decision_id", "reviewer_user_id"):
        op.create_index(op.f(f"ix_qa_evaluations_{column}"), "qa_evaluations", [column])


def upgrade() -> None:
    _create_qa_evaluations()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    for name in GROUPS:
        op.execute(CREATE_GROUP.format(name=name))
    op.execute(USER_ID_FUNCTION.format(schema=schema))
    for statement in _grants(schema):
        op.execute(statement)
    op.execute(LEASE_HOLDER_ONLY)
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        op.execute(_policy_sql(*policy))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        for table, name, *_rest in reversed(POLICIES):
            op.execute(f"DROP POLICY {name} ON {table}")
        for table in RLS_TABLES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        # Only this database's grants go; the roles stay (other databases may use them).
        tables = ", ".join(t for t in ALL_TABLES if t != "qa_evaluations")
        op.execute(f"REVOKE ALL ON {tables} FROM {EVERYONE}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {EVERYONE}")
        op.execute(f"REVOKE ALL ON SCHEMA {schema} FROM {EVERYONE}")
        op.execute("DROP TRIGGER leases_holder_only ON leases")
        op.execute("DROP FUNCTION reviewer_app_lease_holder_only()")
        op.execute("DROP FUNCTION reviewer_app_user_id()")
    for column in ("reviewer_user_id", "decision_id", "appeal_id"):
        op.drop_index(op.f(f"ix_qa_evaluations_{column}"), table_name="qa_evaluations")
    op.drop_table("qa_evaluations")
