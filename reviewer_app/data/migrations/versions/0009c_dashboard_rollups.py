"""per queue and day roll-ups of intake and decisions, kept by triggers; dashboard indexes

Revision ID: 0009c
Revises: 0008
Create Date: 2026-12-06 09:00:00

Why: on a year of a 300-person team (about three million decisions, benchmarks/dashboards.py)
the forecast read 182 days of intake (1.5 million appeals grouped by queue and day) and four
weeks of decisions joined to their appeals, and the personal dashboard's team median AHT
grouped a year of decisions by reviewer: seconds each, on both engines. What only adds up
is now kept per UTC day:

- ``queue_day_intake``: appeals received per day in each queue;
- ``queue_day_decisions``: per day, queue and person, the final decisions and their active
  handle seconds, and every decision row (handling steps too) and its handle seconds.

Both follow the appeal's *current* queue, exactly as the queries they replace joined it: an
appeal that moves (an escalation, a re-import) moves its intake and its decisions along.
Readers take whole days from the roll-ups and the partial day at a window's edge from the
base tables through their time indexes (at most a day of rows each side).

The triggers run inside the writing transaction, so the roll-ups are never behind. On
PostgreSQL, INSERT and DELETE triggers are statement-level with transition tables (one
aggregate per COPY or multi-row INSERT) and the queue-move trigger is a row trigger whose
WHEN clause only lets real moves through (every claim and decision updates ``appeals``);
all are ``SECURITY DEFINER``, owned by the table owner: reviewers may write decisions and
move appeals (0006) but not the roll-ups, and must not see fewer rows than the totals need.
Rows are upserted in key order, so two bulk writers cannot deadlock on them.

Indexes: ``decisions (user_id, decided_at)`` replaces ``(user_id)``: a person's decisions in
a range (the personal dashboard) were read through the whole team's ``decided_at`` range on
SQLite. ``events (appeal_id, at) WHERE type = 'reopened'``: the KPI report asks "reopened
after this decision?" once per decision and appeal; the rare reopen events are found
without reading each appeal's whole event history.

Existing rows are rolled up once here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009c"
down_revision = "0008"
branch_labels = None
depends_on = None

EVERYONE = ", ".join(f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
FINAL = "('uphold', 'overturn', 'partial', 'reject_inadmissible')"
SQLITE_DAY = "date({col})"  # instants are stored as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC text
PG_DAY = "({col} AT TIME ZONE 'UTC')::date"
REOPENED = "type = 'reopened'"

# (column, what one decision row adds) for queue_day_decisions, alias d.
DECISION_SUMS = (
    ("final_decisions", f"CASE WHEN d.outcome IN {FINAL} THEN 1 ELSE 0 END"),
    ("final_handle_seconds",
     f"CASE WHEN d.outcome IN {FINAL} THEN COALESCE(d.handle_seconds, 0) ELSE 0 END"),
    ("all_rows", "1"),
    ("all_handle_seconds", "COALESCE(d.handle_seconds, 0)"),
)
D_COLS = ", ".join(c for c, _ in DECISION_SUMS)


def _decision_select(day: str, source: str, where: str = "", sign: str = "") -> str:
    """Per (day, queue, user): the sums of ``source`` rows (alias d) joined to appeals."""
    sums = ", ".join(f"{sign}SUM({expr})" for _, expr in DECISION_SUMS)
    return (f"SELECT {day.format(col='d.decided_at')}, a.queue_id, d.user_id, {sums} "
            f"FROM {source} AS d JOIN appeals AS a ON a.id = d.appeal_id {where} "
            f"GROUP BY 1, 2, 3")


def _upsert_decisions(select: str, table: str = "queue_day_decisions") -> str:
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c, _ in DECISION_SUMS)
    return (f"INSERT INTO {table} (day, queue_id, user_id, {D_COLS}) {select} ORDER BY 1, 2, 3 "
            f"ON CONFLICT (day, queue_id, user_id) DO UPDATE SET {adds}")


def _upsert_intake(select: str) -> str:
    return (f"INSERT INTO queue_day_intake (day, queue_id, appeals) {select} ORDER BY 1, 2 "
            "ON CONFLICT (day, queue_id) DO UPDATE "
            "SET appeals = queue_day_intake.appeals + excluded.appeals")


def _intake_select(day: str, source: str, sign: str = "") -> str:
    return (f"SELECT {day.format(col='a.received_at')}, a.queue_id, {sign}COUNT(*) "
            f"FROM {source} AS a GROUP BY 1, 2")


def _backfill(day: str) -> list[str]:
    return [_upsert_intake(_intake_select(day, "appeals")),
            _upsert_decisions(_decision_select(day, "decisions"))]


# SQLite: row triggers. An appeal that changes queue takes its decisions' sums along; one
# whose received day or queue changes moves its intake. ``WHERE true`` before ON CONFLICT is
# SQLite's rule for INSERT ... SELECT ... ON CONFLICT.
_SQLITE_ONE_DECISION = (
    f"SELECT {SQLITE_DAY.format(col='NEW.decided_at')}, a.queue_id, NEW.user_id, "
    f"NEW.outcome IN {FINAL}, "
    f"CASE WHEN NEW.outcome IN {FINAL} THEN COALESCE(NEW.handle_seconds, 0) ELSE 0 END, "
    "1, COALESCE(NEW.handle_seconds, 0) FROM appeals AS a WHERE a.id = NEW.appeal_id")


def _sqlite_move(queue: str, sign: str) -> str:
    """Add (sign '') or take off (sign '-') appeal NEW/OLD's decisions under ``queue``."""
    sums = ", ".join(f"{sign}SUM({expr})" for _, expr in DECISION_SUMS)
    select = (f"SELECT {SQLITE_DAY.format(col='d.decided_at')}, {queue}, d.user_id, {sums} "
              "FROM decisions AS d WHERE d.appeal_id = NEW.id GROUP BY 1, 3")
    adds = ", ".join(f"{c} = queue_day_decisions.{c} + excluded.{c}" for c, _ in DECISION_SUMS)
    return (f"INSERT INTO queue_day_decisions (day, queue_id, user_id, {D_COLS}) {select} "
            f"ON CONFLICT (day, queue_id, user_id) DO UPDATE SET {adds}")


SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER appeals_intake_insert AFTER INSERT ON appeals BEGIN
        INSERT INTO queue_day_intake (day, queue_id, appeals)
        VALUES ({SQLITE_DAY.format(col='NEW.received_at')}, NEW.queue_id, 1)
        ON CONFLICT (day, queue_id) DO UPDATE SET appeals = appeals + 1;
    END""",
    f"""CREATE TRIGGER appeals_intake_delete AFTER DELETE ON appeals BEGIN
        UPDATE queue_day_intake SET appeals = appeals - 1
        WHERE day = {SQLITE_DAY.format(col='OLD.received_at')} AND queue_id = OLD.queue_id;
    END""",
    f"""CREATE TRIGGER appeals_intake_move AFTER UPDATE OF received_at, queue_id ON appeals
        WHEN OLD.received_at IS NOT NEW.received_at OR OLD.queue_id IS NOT NEW.queue_id
    BEGIN
        UPDATE queue_day_intake SET appeals = appeals - 1
        WHERE day = {SQLITE_DAY.format(col='OLD.received_at')} AND queue_id = OLD.queue_id;
        INSERT INTO queue_day_intake (day, queue_id, appeals)
        VALUES ({SQLITE_DAY.format(col='NEW.received_at')}, NEW.queue_id, 1)
        ON CONFLICT (day, queue_id) DO UPDATE SET appeals = appeals + 1;
    END""",
    f"""CREATE TRIGGER appeals_decisions_move AFTER UPDATE OF queue_id ON appeals
        WHEN OLD.queue_id IS NOT NEW.queue_id
    BEGIN
        {_sqlite_move('OLD.queue_id', '-')};
        {_sqlite_move('NEW.queue_id', '')};
    END""",
    f"""CREATE TRIGGER decisions_queue_day_insert AFTER INSERT ON decisions BEGIN
        INSERT INTO queue_day_decisions (day, queue_id, user_id, {D_COLS})
        {_SQLITE_ONE_DECISION}
        ON CONFLICT (day, queue_id, user_id) DO UPDATE SET
            {", ".join(f"{c} = {c} + excluded.{c}" for c, _ in DECISION_SUMS)};
    END""",
    f"""CREATE TRIGGER decisions_queue_day_delete AFTER DELETE ON decisions BEGIN
        UPDATE queue_day_decisions SET
            final_decisions = final_decisions - (OLD.outcome IN {FINAL}),
            final_handle_seconds = final_handle_seconds - CASE WHEN OLD.outcome IN {FINAL}
                THEN COALESCE(OLD.handle_seconds, 0) ELSE 0 END,
            all_rows = all_rows - 1,
            all_handle_seconds = all_handle_seconds - COALESCE(OLD.handle_seconds, 0)
        WHERE day = {SQLITE_DAY.format(col='OLD.decided_at')} AND user_id = OLD.user_id
          AND queue_id = (SELECT queue_id FROM appeals WHERE id = OLD.appeal_id);
    END""",
)
SQLITE_TRIGGER_NAMES = ("appeals_intake_insert", "appeals_intake_delete", "appeals_intake_move",
                        "appeals_decisions_move", "decisions_queue_day_insert",
                        "decisions_queue_day_delete")


def _pg_function(name: str, body: str) -> str:
    # {schema} is filled in at upgrade time (the search_path is pinned for SECURITY DEFINER).
    return f"""
CREATE FUNCTION {name}() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = {{schema}}, pg_temp
AS $$
BEGIN
{body}
END $$;
REVOKE ALL ON FUNCTION {name}() FROM PUBLIC;
"""


def _pg_move_decisions() -> str:
    """Row trigger body: appeal OLD → NEW changed queue or received day; move its sums."""
    sums = ", ".join(f"SUM({expr})" for _, expr in DECISION_SUMS)
    negs = ", ".join(f"-SUM({expr})" for _, expr in DECISION_SUMS)
    day = PG_DAY.format(col="d.decided_at")
    rows = "FROM decisions AS d WHERE d.appeal_id = NEW.id GROUP BY 1, 3"
    take_off = _upsert_decisions(f"SELECT {day}, OLD.queue_id, d.user_id, {negs} {rows}")
    put_on = _upsert_decisions(f"SELECT {day}, NEW.queue_id, d.user_id, {sums} {rows}")
    old_day, new_day = PG_DAY.format(col="OLD.received_at"), PG_DAY.format(col="NEW.received_at")
    return f"""    IF OLD.queue_id IS DISTINCT FROM NEW.queue_id THEN
        {take_off};
        {put_on};
    END IF;
    IF OLD.queue_id IS DISTINCT FROM NEW.queue_id
       OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
        {_upsert_intake(f"SELECT {old_day}, OLD.queue_id, -1")};
        {_upsert_intake(f"SELECT {new_day}, NEW.queue_id, 1")};
    END IF;
    RETURN NULL;"""


PG_OBJECTS = "".join((
    _pg_function("reviewer_app_roll_up_new_appeals",
                 f"    {_upsert_intake(_intake_select(PG_DAY, 'new_appeals'))};\n"
                 "    RETURN NULL;"),
    _pg_function("reviewer_app_roll_up_deleted_appeals",
                 f"    {_upsert_intake(_intake_select(PG_DAY, 'old_appeals', '-'))};\n"
                 "    RETURN NULL;"),
    _pg_function("reviewer_app_roll_up_moved_appeal", _pg_move_decisions()),
    _pg_function("reviewer_app_roll_up_queue_decisions",
                 f"    {_upsert_decisions(_decision_select(PG_DAY, 'new_decisions'))};\n"
                 "    RETURN NULL;"),
    _pg_function("reviewer_app_roll_up_deleted_queue_decisions",
                 f"    {_upsert_decisions(_decision_select(PG_DAY, 'old_decisions', '', '-'))};\n"
                 "    RETURN NULL;"),
    """
CREATE TRIGGER appeals_intake_insert AFTER INSERT ON appeals
    REFERENCING NEW TABLE AS new_appeals
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_new_appeals();
CREATE TRIGGER appeals_intake_delete AFTER DELETE ON appeals
    REFERENCING OLD TABLE AS old_appeals
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_deleted_appeals();
CREATE TRIGGER appeals_roll_up_move AFTER UPDATE OF received_at, queue_id ON appeals
    FOR EACH ROW
    WHEN (OLD.queue_id IS DISTINCT FROM NEW.queue_id
          OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION reviewer_app_roll_up_moved_appeal();
CREATE TRIGGER decisions_queue_day_insert AFTER INSERT ON decisions
    REFERENCING NEW TABLE AS new_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_queue_decisions();
CREATE TRIGGER decisions_queue_day_delete AFTER DELETE ON decisions
    REFERENCING OLD TABLE AS old_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_deleted_queue_decisions();
""",
))
PG_TRIGGERS = (("appeals_intake_insert", "appeals"), ("appeals_intake_delete", "appeals"),
               ("appeals_roll_up_move", "appeals"), ("decisions_queue_day_insert", "decisions"),
               ("decisions_queue_day_delete", "decisions"))
PG_FUNCTIONS = ("reviewer_app_roll_up_new_appeals", "reviewer_app_roll_up_deleted_appeals",
                "reviewer_app_roll_up_moved_appeal", "reviewer_app_roll_up_queue_decisions",
                "reviewer_app_roll_up_deleted_queue_decisions")


def _create_tables() -> None:
    op.create_table(
        "queue_day_intake",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("appeals", sa.Integer(), nullable=False),
        # No foreign key: derived rows, written by triggers only.
        sa.PrimaryKeyConstraint("day", "queue_id", name=op.f("pk_queue_day_intake")),
        sqlite_with_rowid=False,  # read in key order: the key's b-tree is the table
    )
    op.create_table(
        "queue_day_decisions",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("final_decisions", sa.Integer(), nullable=False),
        sa.Column("final_handle_seconds", sa.Float(), nullable=False),
        sa.Column("all_rows", sa.Integer(), nullable=False),
        sa.Column("all_handle_seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("day", "queue_id", "user_id",
                                name=op.f("pk_queue_day_decisions")),
        sqlite_with_rowid=False,
    )


def _indexes() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_index("ix_decisions_user_id")
        batch.create_index("ix_decisions_user_decided", ["user_id", "decided_at"])
    op.create_index("ix_events_reopened", "events", ["appeal_id", "at"],
                    sqlite_where=sa.text(REOPENED), postgresql_where=sa.text(REOPENED))


def upgrade() -> None:
    _create_tables()
    _indexes()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        for statement in _backfill(PG_DAY):
            op.execute(statement)
        op.execute(PG_OBJECTS.replace("{schema}", schema))
        op.execute(f"GRANT SELECT ON queue_day_intake, queue_day_decisions TO {EVERYONE}")
    else:
        for statement in _backfill(SQLITE_DAY):
            op.execute(statement)
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER {name} ON {table}")
        for function in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION {function}()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_events_reopened", table_name="events")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_index("ix_decisions_user_decided")
        batch.create_index("ix_decisions_user_id", ["user_id"])
    op.drop_table("queue_day_decisions")
    op.drop_table("queue_day_intake")
