"""daily roll-up of the queues for the team lead's charts

Revision ID: 0009a
Revises: 0009c
Create Date: 2026-12-02 10:00:00

Why: the queue charts show a year of a big team (millions of appeals and decisions) day by
day in well under a second, and a GROUP BY over the raw rows takes seconds. ``queue_rollup``
keeps per day and per combination of queue, market, policy and language (each also as "all")
the additive figures of ``domain/queue_charts.py``; ``data/queue_rollup_store.py`` recomputes
a day when something about it changed.

What changed is marked by triggers in ``queue_rollup_dirty``, in the writer's own
transaction, so no path can forget it (the app, imports, demo data, bulk loads, SQL by
hand): a new appeal marks the days it was received and falls due; a final decision or a
``reopened`` event marks its day, the appeal's SLA due day when that is not earlier, and the
days of the appeal's later decisions and reopenings (whose before/after states it changes);
a change of an appeal's queue, market, policy, language, receipt or due time marks every day
the appeal counts on, before and after. On PostgreSQL the marks carry the transaction id, so
concurrent writers never wait for each other on a mark, and the insert triggers are per
statement (a bulk load marks each day once). Existing data is marked here, day by day from
the first appeal to the last known instant; the first refresh computes it.

Indexes serve the charts: open appeals by queue and receipt (aging, SLA state, oldest, read
from the index alone); the rare ``reopened`` events by appeal and by time; and final
decisions by appeal and time, so every "decided as of" check (here, in the KPI report and in
the queue's "decided in P" filter) is a seek in that index rather than reads of decision rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009a"
down_revision = "0009c"  # after the day roll-ups, whose reopened index it uses
branch_labels = None
depends_on = None

REVIEWER, QA, LEAD, ADMIN = (f"reviewer_app_{r}" for r in ("reviewer", "qa", "lead", "admin"))
EVERYONE = f"{REVIEWER}, {QA}, {LEAD}, {ADMIN}"
READERS = f"{QA}, {LEAD}, {ADMIN}"  # who may open the team dashboard (and so refresh it)

OPEN = "status <> 'decided'"
REOPENED = "type = 'reopened'"
FINAL = "('uphold', 'overturn', 'partial', 'reject_inadmissible')"
DIMENSIONS = ("received_at", "sla_due_at", "queue_id", "market", "policy_code", "language")

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER appeals_rollup_insert AFTER INSERT ON appeals BEGIN
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        VALUES (date(NEW.received_at), 0), (date(NEW.sla_due_at), 0);
END""",
    f"""CREATE TRIGGER appeals_rollup_update AFTER UPDATE OF {", ".join(DIMENSIONS)} ON appeals
WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in DIMENSIONS)} BEGIN
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        VALUES (date(OLD.received_at), 0), (date(OLD.sla_due_at), 0),
               (date(NEW.received_at), 0), (date(NEW.sla_due_at), 0);
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        SELECT date(decided_at), 0 FROM decisions
        WHERE appeal_id = NEW.id AND outcome IN {FINAL};
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        SELECT date(at), 0 FROM events WHERE appeal_id = NEW.id AND {REOPENED};
END""",
    *(f"""CREATE TRIGGER {table}_rollup_insert AFTER INSERT ON {table}
WHEN {when} BEGIN
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx) VALUES (date(NEW.{at}), 0);
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        SELECT date(sla_due_at), 0 FROM appeals
        WHERE id = NEW.appeal_id AND date(sla_due_at) >= date(NEW.{at});
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        SELECT date(decided_at), 0 FROM decisions
        WHERE appeal_id = NEW.appeal_id AND outcome IN {FINAL} AND decided_at > NEW.{at};
    INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
        SELECT date(at), 0 FROM events
        WHERE appeal_id = NEW.appeal_id AND {REOPENED} AND at > NEW.{at};
END""" for table, at, when in (("decisions", "decided_at", f"NEW.outcome IN {FINAL}"),
                                ("events", "at", f"NEW.{REOPENED}"))),
)
SQLITE_TRIGGER_NAMES = ("appeals_rollup_insert", "appeals_rollup_update",
                        "decisions_rollup_insert", "events_rollup_insert")


def _day(expr: str) -> str:
    return f"(({expr}) AT TIME ZONE 'UTC')::date"


PG_FUNCTIONS = f"""
CREATE FUNCTION reviewer_app_rollup_new_appeals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_rollup_dirty (day, tx)
    SELECT DISTINCT v.day, txid_current() FROM new_rows AS n,
        LATERAL (VALUES ({_day("n.received_at")}), ({_day("n.sla_due_at")})) AS v(day)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION reviewer_app_rollup_changed_appeal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_rollup_dirty (day, tx)
    SELECT DISTINCT v.day, txid_current() FROM (
        VALUES ({_day("OLD.received_at")}), ({_day("OLD.sla_due_at")}),
               ({_day("NEW.received_at")}), ({_day("NEW.sla_due_at")})
        UNION SELECT {_day("d.decided_at")} FROM decisions AS d
            WHERE d.appeal_id = NEW.id AND d.outcome IN {FINAL}
        UNION SELECT {_day("e.at")} FROM events AS e
            WHERE e.appeal_id = NEW.id AND e.{REOPENED}
    ) AS v(day)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
"""
PG_STEP_FUNCTION = """
CREATE FUNCTION reviewer_app_rollup_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_rollup_dirty (day, tx)
    SELECT DISTINCT v.day, txid_current() FROM (
        SELECT {n_day} FROM new_rows AS n WHERE {n_when}
        UNION SELECT {a_day} FROM new_rows AS n JOIN appeals AS a ON a.id = n.appeal_id
            WHERE {n_when} AND {a_day} >= {n_day}
        UNION SELECT {d_day} FROM new_rows AS n JOIN decisions AS d ON d.appeal_id = n.appeal_id
            WHERE {n_when} AND d.outcome IN {final} AND d.decided_at > n.{at}
        UNION SELECT {e_day} FROM new_rows AS n JOIN events AS e ON e.appeal_id = n.appeal_id
            WHERE {n_when} AND e.{reopened} AND e.at > n.{at}
    ) AS v(day)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
"""
PG_STEPS = (("decisions", "decided_at", f"n.outcome IN {FINAL}"),
            ("events", "at", f"n.{REOPENED}"))
PG_TRIGGERS = f"""
CREATE TRIGGER appeals_rollup_insert AFTER INSERT ON appeals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION reviewer_app_rollup_new_appeals();
CREATE TRIGGER appeals_rollup_update AFTER UPDATE OF {", ".join(DIMENSIONS)} ON appeals
    FOR EACH ROW WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in DIMENSIONS)})
    EXECUTE FUNCTION reviewer_app_rollup_changed_appeal();
CREATE TRIGGER decisions_rollup_insert AFTER INSERT ON decisions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION reviewer_app_rollup_decisions();
CREATE TRIGGER events_rollup_insert AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION reviewer_app_rollup_events();
"""
PG_FUNCTION_NAMES = ("reviewer_app_rollup_new_appeals", "reviewer_app_rollup_changed_appeal",
                     "reviewer_app_rollup_decisions", "reviewer_app_rollup_events")

# Every day from the first appeal to the last known instant (receipt, SLA due, decision,
# reopening): each of the four bounds comes from an index.
BOUNDS = {
    "first": "SELECT min(received_at) FROM appeals",
    "last": ("SELECT max(received_at) FROM appeals", "SELECT max(sla_due_at) FROM appeals",
             "SELECT max(decided_at) FROM decisions",
             f"SELECT max(at) FROM events WHERE {REOPENED}"),
}
SQLITE_MARK_ALL = f"""
INSERT OR IGNORE INTO queue_rollup_dirty (day, tx)
WITH RECURSIVE
    bounds(first, last) AS (SELECT date(({BOUNDS["first"]})), date(max(
        {", ".join(f"coalesce(({q}), '')" for q in BOUNDS["last"])}))),
    days(day) AS (SELECT first FROM bounds WHERE first IS NOT NULL
                  UNION ALL SELECT date(day, '+1 day') FROM days, bounds WHERE day < last)
SELECT day, 0 FROM days
"""
PG_MARK_ALL = f"""
INSERT INTO queue_rollup_dirty (day, tx)
SELECT g::date, 0 FROM generate_series(
    {_day(BOUNDS["first"])},
    GREATEST({", ".join(_day(q) for q in BOUNDS["last"])}),
    interval '1 day') AS g
ON CONFLICT DO NOTHING
"""


def _create_tables() -> None:
    op.create_table(
        "queue_rollup",
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("market", sa.String(16), nullable=False),
        sa.Column("policy_code", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("intake", sa.Integer(), nullable=False),
        sa.Column("decided", sa.Integer(), nullable=False),
        sa.Column("decided_within_sla", sa.Integer(), nullable=False),
        sa.Column("backlog_delta", sa.Integer(), nullable=False),
        sa.Column("overdue_delta", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("queue_id", "market", "policy_code", "language", "day",
                                name=op.f("pk_queue_rollup")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_queue_rollup_day", "queue_rollup", ["day"])
    op.create_table(
        "queue_rollup_dirty",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "tx", name=op.f("pk_queue_rollup_dirty")),
    )
    op.create_index("ix_appeals_open_charts", "appeals",
                    ["queue_id", "received_at", "sla_due_at", "market", "policy_code",
                     "language", "id"],
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    # ix_events_reopened (appeal_id, at) comes from 0009c.
    op.create_index("ix_events_reopened_at", "events", ["at"],
                    sqlite_where=sa.text(REOPENED), postgresql_where=sa.text(REOPENED))
    op.create_index("ix_decisions_final", "decisions", ["appeal_id", "decided_at", "id"],
                    sqlite_where=sa.text(f"outcome IN {FINAL}"),
                    postgresql_where=sa.text(f"outcome IN {FINAL}"))


def upgrade() -> None:
    _create_tables()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTIONS)
        for table, at, when in PG_STEPS:
            op.execute(PG_STEP_FUNCTION.format(
                table=table, at=at, n_when=when, n_day=_day(f"n.{at}"),
                a_day=_day("a.sla_due_at"), d_day=_day("d.decided_at"), e_day=_day("e.at"),
                final=FINAL, reopened=REOPENED))
        op.execute(PG_TRIGGERS)
        op.execute(f"GRANT SELECT, INSERT ON queue_rollup_dirty TO {EVERYONE}")
        op.execute(f"GRANT DELETE ON queue_rollup_dirty TO {READERS}")
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON queue_rollup TO {READERS}")
        op.execute(PG_MARK_ALL)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        op.execute(SQLITE_MARK_ALL)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("appeals", "decisions", "events"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_rollup_insert ON {table}")
        op.execute("DROP TRIGGER appeals_rollup_update ON appeals")
        for name in PG_FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION {name}()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_decisions_final", table_name="decisions")
    op.drop_index("ix_events_reopened_at", table_name="events")
    op.drop_index("ix_appeals_open_charts", table_name="appeals")
    op.drop_table("queue_rollup_dirty")
    op.drop_index("ix_queue_rollup_day", table_name="queue_rollup")
    op.drop_table("queue_rollup")
