"""shared team database: change feed, presence, lease notes, append-only events

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 06:40:00

Why: several clients work one database. ``change_feed`` is the ordered list of what
changed (every client polls it after a NOTIFY, or on a timer on SQLite); ``presence``
records who has which case open; a lease can be held for help or handed off with a note
and has its own version; and the event log refuses UPDATE and DELETE for everyone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import reviewer_app.data.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHANNEL = "reviewer_app_changes"

PG_NOTIFY = f"""
CREATE FUNCTION reviewer_app_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One payload-free NOTIFY per statement: PostgreSQL folds identical notifications of
    -- one transaction into one, delivered at commit; listeners then read the feed.
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END $$;
CREATE TRIGGER change_feed_notify AFTER INSERT ON change_feed
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_notify_change();
"""

PG_APPEND_ONLY = """
CREATE FUNCTION reviewer_app_refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION reviewer_app_refuse_event_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_app_refuse_event_change();
"""

SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
    "BEGIN SELECT RAISE(ABORT, 'the event log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
    "BEGIN SELECT RAISE(ABORT, 'the event log is append-only: DELETE refused'); END",
)


def upgrade() -> None:
    op.create_table(
        "change_feed",
        # BIGINT on PostgreSQL; on SQLite only "INTEGER PRIMARY KEY" is the rowid alias.
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  primary_key=True, autoincrement=True),
        sa.Column("at", reviewer_app.data.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_feed")),
    )
    op.create_index(op.f("ix_change_feed_at"), "change_feed", ["at"])

    op.create_table(
        "presence",
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", reviewer_app.data.types.UtcDateTime(timezone=True),
                  nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"],
                                name=op.f("fk_presence_appeal_id_appeals")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_presence_user_id_users")),
        sa.PrimaryKeyConstraint("appeal_id", "user_id", name=op.f("pk_presence")),
    )
    op.create_index(op.f("ix_presence_seen_at"), "presence", ["seen_at"])

    with op.batch_alter_table("leases") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("held", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                   server_default="1"))

    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_NOTIFY)
        op.execute(PG_APPEND_ONLY)
    else:
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_no_truncate ON events")
        op.execute("DROP TRIGGER events_append_only ON events")
        op.execute("DROP FUNCTION reviewer_app_refuse_event_change()")
        op.execute("DROP TRIGGER change_feed_notify ON change_feed")
        op.execute("DROP FUNCTION reviewer_app_notify_change()")
    else:
        op.execute("DROP TRIGGER events_no_delete")
        op.execute("DROP TRIGGER events_no_update")
    with op.batch_alter_table("leases") as batch:
        batch.drop_column("version")
        batch.drop_column("held")
        batch.drop_column("note")
    op.drop_index(op.f("ix_presence_seen_at"), table_name="presence")
    op.drop_table("presence")
    op.drop_index(op.f("ix_change_feed_at"), table_name="change_feed")
    op.drop_table("change_feed")
