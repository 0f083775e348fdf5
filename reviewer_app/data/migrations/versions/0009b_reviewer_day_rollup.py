"""per reviewer per day roll-up of decisions and audits, and the overturned decisions,
kept by triggers

Revision ID: 0009b
Revises: 0008
Create Date: 2026-12-05 09:00:00

Why: the team dashboard's reviewer table sums a year of decisions per reviewer (about three
million rows for a 300-person team, with ~100,000 audits and ~100,000 2nd-round appeals).
Grouping that many rows, or probing that many audits and 2nd rounds, takes seconds on
SQLite. So what adds up is kept per UTC day and reviewer in ``reviewer_day_stats`` (a year
is ~110,000 small rows), and the few decisions later overturned are listed in
``reviewer_overturns``:

- ``reviewer_day_stats`` (day, user): final decisions and their active handle seconds,
  handling rows and escalation rows (by the decision's day), published QA audits and the
  correct ones (by the audited decision's day and the reviewed person).
- ``reviewer_repeat_handles``: "handled" and "escalated" count *distinct appeals*
  (DOMAIN.md), which a per-day sum cannot give when one reviewer touched the same appeal
  twice (asked for information, then decided it). For every decision row that has an
  earlier row by the same reviewer on the same appeal, this keeps when that previous row
  was (``prev_at``); and likewise along the chain of escalation rows (``escalation``).
  A window ``[start, end)`` then counts an appeal once by taking off its rows whose
  previous row is in the window too: ``prev_at >= start``, one index range, no DISTINCT.
  The chain of each touched (reviewer, appeal) pair is recomputed on insert and delete,
  so rows arriving out of time order keep it right.
- ``reviewer_overturns``: the final decisions later overturned, exactly as
  ``dashboard_store.my_decisions`` flags them: a 2nd-round appeal of the decision's appeal
  has an overturn or partial decision, or a published QA audit of it scored 0. The flag
  depends on later events, so every event that can change it re-checks the decisions it
  touches: a decision inserted or deleted, an audit inserted, updated or deleted, an
  appeal's ``previous_appeal_id`` changed.

The triggers run inside the writing transaction, so the roll-up is never behind. On
PostgreSQL the decision triggers are statement-level with transition tables (one aggregate
per COPY or multi-row INSERT) and every trigger function is ``SECURITY DEFINER``, owned by
the table owner: reviewers may only INSERT decisions (0006) and QA may only write
evaluations, and nobody but the owner can write these tables. Decisions are insert-only for
every app role; a DELETE by the owner is rolled back out too; an UPDATE of a decision is
not supported (no role may do it).

On SQLite a later migration that rebuilds ``decisions``, ``qa_evaluations`` or ``appeals``
in batch mode (copy and rename) drops their triggers: it must create them again
(``SQLITE_TRIGGERS`` here). tests/data/test_reviewer_rollup.py checks they exist at head.

Existing rows are rolled up once here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reviewer_app.data.types

revision = "0009b"
down_revision = "0008"
branch_labels = None
depends_on = None

EVERYONE = ", ".join(f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
FINAL = "('uphold', 'overturn', 'partial', 'reject_inadmissible')"
CHANGED = "('overturn', 'partial')"
PUBLISHED = "('published', 'disputed', 'resolved')"

SQLITE_DAY = "date({col})"  # decided_at is stored as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC text
PG_DAY = "({col} AT TIME ZONE 'UTC')::date"
STATS = ("reviewer_day_stats (day, user_id, decisions, handle_seconds, handled, escalations,"
         " audited, audited_correct)")


def _flagged(d: str) -> str:
    """SQL: the decision row ``d`` was later overturned (mirrors ``my_decisions``)."""
    return (f"(EXISTS (SELECT 1 FROM appeals AS a2 JOIN decisions AS l ON l.appeal_id = a2.id"
            f" WHERE a2.previous_appeal_id = {d}.appeal_id AND l.outcome IN {CHANGED})"
            f" OR EXISTS (SELECT 1 FROM qa_evaluations AS e WHERE e.decision_id = {d}.id"
            f" AND e.kind = 'audit' AND e.status IN {PUBLISHED} AND e.score = 0))")


def _recheck(where: str) -> list[str]:
    """SQL: list or unlist the final decisions ``d`` matching ``where`` as overturned."""
    return [
        "INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)"
        " SELECT d.id, d.user_id, d.decided_at FROM decisions AS d"
        f" WHERE ({where}) AND d.outcome IN {FINAL} AND {_flagged('d')}"
        " ON CONFLICT (decision_id) DO NOTHING",
        "DELETE FROM reviewer_overturns WHERE decision_id IN (SELECT d.id FROM decisions AS d"
        f" WHERE ({where}) AND NOT {_flagged('d')})",
    ]


def _chains(pairs: str) -> list[str]:
    """SQL: recompute the repeat rows of the (user, appeal) pairs listed by ``pairs`` (a
    SELECT of appeal_id, user_id): each row's previous row in the pair, and each
    escalation's previous escalation, by (decided_at, id).

    ``+d.user_id``: a unary plus keeps SQLite from probing by the user index (a user has
    thousands of rows, an appeal a handful), which it may otherwise pick before ANALYZE.
    """
    def chain(escalation: bool) -> str:
        only = "AND d.outcome = 'escalate'" if escalation else ""
        flag = "TRUE" if escalation else "FALSE"
        return (
            "INSERT INTO reviewer_repeat_handles"
            " (decision_id, escalation, user_id, appeal_id, decided_at, prev_at)"
            f" SELECT q.id, {flag}, q.user_id, q.appeal_id, q.decided_at, q.prev_at FROM ("
            " SELECT d.id, d.user_id, d.appeal_id, d.decided_at, LAG(d.decided_at) OVER ("
            "PARTITION BY d.appeal_id, d.user_id ORDER BY d.decided_at, d.id) AS prev_at"
            f" FROM decisions AS d JOIN ({pairs}) AS p"
            f" ON p.appeal_id = d.appeal_id AND p.user_id = +d.user_id WHERE TRUE {only}) AS q"
            " WHERE q.prev_at IS NOT NULL")
    return [
        f"DELETE FROM reviewer_repeat_handles WHERE EXISTS (SELECT 1 FROM ({pairs}) AS p"
        " WHERE p.appeal_id = reviewer_repeat_handles.appeal_id"
        " AND p.user_id = reviewer_repeat_handles.user_id)",
        chain(False),
        chain(True),
    ]


def _audit_delta(row: str, sign: str, day: str) -> str:
    """SQL: add (sign "") or take off (sign "-") the evaluation ``row`` if it is a published
    audit, on its decision's day and the reviewed person."""
    return (
        f"INSERT INTO {STATS}"
        f" SELECT {day.format(col='d.decided_at')}, {row}.reviewer_user_id, 0, 0, 0, 0,"
        f" {sign}1, {sign}(CASE WHEN COALESCE({row}.score, 0) > 0 THEN 1 ELSE 0 END)"
        f" FROM decisions AS d WHERE d.id = {row}.decision_id AND {row}.kind = 'audit'"
        f" AND {row}.status IN {PUBLISHED}"
        " ON CONFLICT (user_id, day) DO UPDATE SET"
        " audited = reviewer_day_stats.audited + excluded.audited,"
        " audited_correct = reviewer_day_stats.audited_correct + excluded.audited_correct")


def _backfill(day: str) -> list[str]:
    d = day.format(col="d.decided_at")
    return [
        f"""INSERT INTO {STATS}
            SELECT {d}, d.user_id,
                   SUM(CASE WHEN d.outcome IN {FINAL} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.outcome IN {FINAL} THEN COALESCE(d.handle_seconds, 0)
                       ELSE 0 END),
                   COUNT(*),
                   SUM(CASE WHEN d.outcome = 'escalate' THEN 1 ELSE 0 END), 0, 0
            FROM decisions AS d GROUP BY {d}, d.user_id""",
        f"""INSERT INTO {STATS}
            SELECT {d}, e.reviewer_user_id, 0, 0, 0, 0, COUNT(*),
                   SUM(CASE WHEN COALESCE(e.score, 0) > 0 THEN 1 ELSE 0 END)
            FROM qa_evaluations AS e JOIN decisions AS d ON d.id = e.decision_id
            WHERE e.kind = 'audit' AND e.status IN {PUBLISHED}
            GROUP BY {d}, e.reviewer_user_id
            ON CONFLICT (user_id, day) DO UPDATE SET
                audited = excluded.audited, audited_correct = excluded.audited_correct""",
        *_chains("SELECT appeal_id, user_id FROM decisions GROUP BY appeal_id, user_id"
                 " HAVING COUNT(*) > 1")[1:],
        # From the small sides: 1st-round appeals whose 2nd round changed the outcome, and
        # failed published audits.
        f"""INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)
            SELECT d.id, d.user_id, d.decided_at FROM decisions AS d
            WHERE d.outcome IN {FINAL} AND d.appeal_id IN (
                SELECT a2.previous_appeal_id FROM appeals AS a2
                JOIN decisions AS l ON l.appeal_id = a2.id
                WHERE a2.previous_appeal_id IS NOT NULL AND l.outcome IN {CHANGED})
            UNION
            SELECT d.id, d.user_id, d.decided_at FROM qa_evaluations AS e
            JOIN decisions AS d ON d.id = e.decision_id
            WHERE d.outcome IN {FINAL} AND e.kind = 'audit' AND e.status IN {PUBLISHED}
              AND e.score = 0""",
    ]


def _sqlite_trigger(name: str, event: str, statements: list[str]) -> str:
    body = ";\n    ".join(statements)
    return f"CREATE TRIGGER {name} {event} BEGIN\n    {body};\nEND"


SQLITE_TRIGGERS = (
    _sqlite_trigger("decisions_roll_up_insert", "AFTER INSERT ON decisions", [
        f"""INSERT INTO {STATS}
        VALUES ({SQLITE_DAY.format(col="NEW.decided_at")}, NEW.user_id,
                NEW.outcome IN {FINAL},
                CASE WHEN NEW.outcome IN {FINAL} THEN COALESCE(NEW.handle_seconds, 0)
                     ELSE 0 END,
                1, NEW.outcome = 'escalate', 0, 0)
        ON CONFLICT (user_id, day) DO UPDATE SET
            decisions = decisions + excluded.decisions,
            handle_seconds = handle_seconds + excluded.handle_seconds,
            handled = handled + 1,
            escalations = escalations + excluded.escalations""",
        *_chains("SELECT NEW.appeal_id AS appeal_id, NEW.user_id AS user_id"),
        # A decision can only become overturned here: its own appeal's 2nd round is
        # already decided (history loaded out of order), or it decides a 2nd round.
        f"""INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)
        SELECT NEW.id, NEW.user_id, NEW.decided_at
        WHERE NEW.outcome IN {FINAL} AND {_flagged('NEW')}
        ON CONFLICT (decision_id) DO NOTHING""",
        f"""INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)
        SELECT d.id, d.user_id, d.decided_at
        FROM appeals AS a JOIN decisions AS d ON d.appeal_id = a.previous_appeal_id
        WHERE a.id = NEW.appeal_id AND NEW.outcome IN {CHANGED} AND d.outcome IN {FINAL}
        ON CONFLICT (decision_id) DO NOTHING""",
    ]),
    _sqlite_trigger("decisions_roll_up_delete", "AFTER DELETE ON decisions", [
        f"""UPDATE reviewer_day_stats SET
            decisions = decisions - (OLD.outcome IN {FINAL}),
            handle_seconds = handle_seconds - CASE WHEN OLD.outcome IN {FINAL}
                THEN COALESCE(OLD.handle_seconds, 0) ELSE 0 END,
            handled = handled - 1,
            escalations = escalations - (OLD.outcome = 'escalate')
        WHERE day = {SQLITE_DAY.format(col="OLD.decided_at")} AND user_id = OLD.user_id""",
        *_chains("SELECT OLD.appeal_id AS appeal_id, OLD.user_id AS user_id"),
        "DELETE FROM reviewer_overturns WHERE decision_id = OLD.id",
        *_recheck("d.appeal_id = (SELECT previous_appeal_id FROM appeals"
                  f" WHERE id = OLD.appeal_id) AND OLD.outcome IN {CHANGED}"),
    ]),
    _sqlite_trigger("qa_evaluations_roll_up_insert", "AFTER INSERT ON qa_evaluations", [
        _audit_delta("NEW", "", SQLITE_DAY),
        *_recheck("d.id = NEW.decision_id"),
    ]),
    _sqlite_trigger(
        "qa_evaluations_roll_up_update",
        "AFTER UPDATE OF status, score, kind, decision_id, reviewer_user_id"
        " ON qa_evaluations", [
            _audit_delta("OLD", "-", SQLITE_DAY),
            _audit_delta("NEW", "", SQLITE_DAY),
            *_recheck("d.id IN (OLD.decision_id, NEW.decision_id)"),
        ]),
    _sqlite_trigger("qa_evaluations_roll_up_delete", "AFTER DELETE ON qa_evaluations", [
        _audit_delta("OLD", "-", SQLITE_DAY),
        *_recheck("d.id = OLD.decision_id"),
    ]),
    _sqlite_trigger("appeals_roll_up_previous",
                    "AFTER UPDATE OF previous_appeal_id ON appeals", [
                        *_recheck("d.appeal_id IN (OLD.previous_appeal_id,"
                                  " NEW.previous_appeal_id)"),
                    ]),
)
SQLITE_TRIGGER_NAMES = ("decisions_roll_up_insert", "decisions_roll_up_delete",
                        "qa_evaluations_roll_up_insert", "qa_evaluations_roll_up_update",
                        "qa_evaluations_roll_up_delete", "appeals_roll_up_previous")


def _pg_function(name: str, body: list[str], args: str = "") -> str:
    statements = ";\n    ".join(body)
    returns = "void" if args else "trigger"
    end = "" if args else "\n    RETURN NULL;"
    return f"""
CREATE FUNCTION {name}({args}) RETURNS {returns}
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = {{schema}}, pg_temp
AS $$
BEGIN
    {statements};{end}
END $$;
REVOKE ALL ON FUNCTION {name}({args}) FROM PUBLIC;
"""


PG_FUNCTIONS = [
    _pg_function("reviewer_app_recheck_overturns", _recheck("d.id = ANY(ids)"),
                 "ids integer[]"),
    _pg_function("reviewer_app_roll_up_decisions", [
        f"""INSERT INTO {STATS}
        SELECT {PG_DAY.format(col="n.decided_at")}, n.user_id,
               COUNT(*) FILTER (WHERE n.outcome IN {FINAL}),
               COALESCE(SUM(n.handle_seconds) FILTER (WHERE n.outcome IN {FINAL}), 0),
               COUNT(*), COUNT(*) FILTER (WHERE n.outcome = 'escalate'), 0, 0
        FROM new_decisions AS n GROUP BY 1, 2
        ON CONFLICT (user_id, day) DO UPDATE SET
            decisions = reviewer_day_stats.decisions + EXCLUDED.decisions,
            handle_seconds = reviewer_day_stats.handle_seconds + EXCLUDED.handle_seconds,
            handled = reviewer_day_stats.handled + EXCLUDED.handled,
            escalations = reviewer_day_stats.escalations + EXCLUDED.escalations""",
        *_chains("SELECT DISTINCT appeal_id, user_id FROM new_decisions"),
        f"""INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)
        SELECT n.id, n.user_id, n.decided_at FROM new_decisions AS n
        WHERE n.outcome IN {FINAL} AND {_flagged('n')}
        ON CONFLICT (decision_id) DO NOTHING""",
        f"""INSERT INTO reviewer_overturns (decision_id, user_id, decided_at)
        SELECT d.id, d.user_id, d.decided_at FROM new_decisions AS n
        JOIN appeals AS a ON a.id = n.appeal_id
        JOIN decisions AS d ON d.appeal_id = a.previous_appeal_id
        WHERE n.outcome IN {CHANGED} AND d.outcome IN {FINAL}
        ON CONFLICT (decision_id) DO NOTHING""",
    ]),
    _pg_function("reviewer_app_roll_up_deleted_decisions", [
        f"""UPDATE reviewer_day_stats AS s SET
            decisions = s.decisions - g.decisions,
            handle_seconds = s.handle_seconds - g.handle_seconds,
            handled = s.handled - g.handled,
            escalations = s.escalations - g.escalations
        FROM (SELECT {PG_DAY.format(col="o.decided_at")} AS day, o.user_id,
                     COUNT(*) FILTER (WHERE o.outcome IN {FINAL}) AS decisions,
                     COALESCE(SUM(o.handle_seconds) FILTER (WHERE o.outcome IN {FINAL}), 0)
                         AS handle_seconds,
                     COUNT(*) AS handled,
                     COUNT(*) FILTER (WHERE o.outcome = 'escalate') AS escalations
              FROM old_decisions AS o GROUP BY 1, 2) AS g
        WHERE s.day = g.day AND s.user_id = g.user_id""",
        *_chains("SELECT DISTINCT appeal_id, user_id FROM old_decisions"),
        """DELETE FROM reviewer_overturns AS r USING old_decisions AS o
            WHERE r.decision_id = o.id""",
        f"""PERFORM reviewer_app_recheck_overturns(ARRAY(
            SELECT d.id FROM old_decisions AS o JOIN appeals AS a ON a.id = o.appeal_id
            JOIN decisions AS d ON d.appeal_id = a.previous_appeal_id
            WHERE o.outcome IN {CHANGED}))""",
    ]),
    _pg_function("reviewer_app_roll_up_audits", [
        f"""IF TG_OP <> 'INSERT' THEN
        {_audit_delta("OLD", "-", PG_DAY)};
        PERFORM reviewer_app_recheck_overturns(ARRAY[OLD.decision_id]);
    END IF""",
        f"""IF TG_OP <> 'DELETE' THEN
        {_audit_delta("NEW", "", PG_DAY)};
        PERFORM reviewer_app_recheck_overturns(ARRAY[NEW.decision_id]);
    END IF""",
    ]),
    _pg_function("reviewer_app_roll_up_previous_appeal", [
        """PERFORM reviewer_app_recheck_overturns(ARRAY(
            SELECT d.id FROM decisions AS d
            WHERE d.appeal_id IN (OLD.previous_appeal_id, NEW.previous_appeal_id)))""",
    ]),
]

PG_TRIGGERS = """
CREATE TRIGGER decisions_roll_up_insert AFTER INSERT ON decisions
    REFERENCING NEW TABLE AS new_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_decisions();
CREATE TRIGGER decisions_roll_up_delete AFTER DELETE ON decisions
    REFERENCING OLD TABLE AS old_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_roll_up_deleted_decisions();
CREATE TRIGGER qa_evaluations_roll_up AFTER INSERT OR DELETE
    OR UPDATE OF status, score, kind, decision_id, reviewer_user_id ON qa_evaluations
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_roll_up_audits();
CREATE TRIGGER appeals_roll_up_previous AFTER UPDATE OF previous_appeal_id ON appeals
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_roll_up_previous_appeal();
"""
PG_DROP = """
DROP TRIGGER appeals_roll_up_previous ON appeals;
DROP TRIGGER qa_evaluations_roll_up ON qa_evaluations;
DROP TRIGGER decisions_roll_up_delete ON decisions;
DROP TRIGGER decisions_roll_up_insert ON decisions;
DROP FUNCTION reviewer_app_roll_up_previous_appeal();
DROP FUNCTION reviewer_app_roll_up_audits();
DROP FUNCTION reviewer_app_roll_up_deleted_decisions();
DROP FUNCTION reviewer_app_roll_up_decisions();
DROP FUNCTION reviewer_app_recheck_overturns(integer[]);
"""
TABLES = ("reviewer_day_stats", "reviewer_repeat_handles", "reviewer_overturns")


def _create_tables() -> None:
    utc = reviewer_app.data.types.UtcDateTime(timezone=True)

    def count(name: str) -> sa.Column[int]:
        return sa.Column(name, sa.Integer(), nullable=False, server_default="0")

    op.create_table(
        "reviewer_day_stats",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        count("decisions"),
        sa.Column("handle_seconds", sa.Float(), nullable=False, server_default="0"),
        count("handled"),
        count("escalations"),
        count("audited"),
        count("audited_correct"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_reviewer_day_stats_user_id_users")),
        # By person, then day: the table is grouped by person already (no sort for GROUP BY),
        # and on SQLite it is that b-tree itself (no lookup per row); with ANALYZE's
        # statistics SQLite skip-scans it for a short range of days.
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_reviewer_day_stats")),
        sqlite_with_rowid=False,
    )
    # Derived tables without foreign keys: on PostgreSQL a key check would run before the
    # statement-level DELETE trigger that removes their rows.
    op.create_table(
        "reviewer_repeat_handles",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("escalation", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", utc, nullable=False),
        sa.Column("prev_at", utc, nullable=False),
        sa.PrimaryKeyConstraint("decision_id", "escalation",
                                name=op.f("pk_reviewer_repeat_handles")),
    )
    # The window read (per person, prev_at >= start: no sort for GROUP BY, and a skip-scan
    # on SQLite) and the chain refresh (by pair).
    op.create_index("ix_reviewer_repeat_handles_window", "reviewer_repeat_handles",
                    ["user_id", "prev_at", "decided_at", "escalation"])
    op.create_index("ix_reviewer_repeat_handles_pair", "reviewer_repeat_handles",
                    ["appeal_id", "user_id"])
    op.create_table(
        "reviewer_overturns",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", utc, nullable=False),
        sa.PrimaryKeyConstraint("decision_id", name=op.f("pk_reviewer_overturns")),
    )
    op.create_index("ix_reviewer_overturns_window", "reviewer_overturns",
                    ["user_id", "decided_at"])


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        for statement in _backfill(PG_DAY):
            op.execute(statement)
        for function in PG_FUNCTIONS:
            op.execute(function.format(schema=schema))
        op.execute(PG_TRIGGERS)
        op.execute(f"GRANT SELECT ON {', '.join(TABLES)} TO {EVERYONE}")
    else:
        for statement in _backfill(SQLITE_DAY):
            op.execute(statement)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DROP)
    else:
        for name in reversed(SQLITE_TRIGGER_NAMES):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_reviewer_overturns_window", table_name="reviewer_overturns")
    op.drop_table("reviewer_overturns")
    op.drop_index("ix_reviewer_repeat_handles_pair", table_name="reviewer_repeat_handles")
    op.drop_index("ix_reviewer_repeat_handles_window", table_name="reviewer_repeat_handles")
    op.drop_table("reviewer_repeat_handles")
    op.drop_table("reviewer_day_stats")
