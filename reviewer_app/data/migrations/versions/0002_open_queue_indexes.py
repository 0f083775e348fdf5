"""partial indexes for the open queue and for claiming

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:30:00

Why: ``status != 'decided'`` (the default "open only" view) and ``status IN (claimable)``
cannot walk a plain (sla_due_at, id) index in order on SQLite without scanning decided rows
first; partial indexes restricted by the same predicate the queries repeat verbatim can.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN = "status <> 'decided'"
CLAIMABLE = "status IN ('new', 'escalated', 'reopened')"


def _partial(name: str, columns: list, where: str) -> None:
    op.create_index(
        name,
        "appeals",
        columns,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def upgrade() -> None:
    _partial("ix_appeals_open_sla", ["sla_due_at", "id"], OPEN)
    _partial("ix_appeals_open_priority", ["priority", "id"], OPEN)
    _partial("ix_appeals_open_received", ["received_at", "id"], OPEN)
    _partial(
        "ix_appeals_claim",
        [sa.text("sla_due_at"), sa.text("priority DESC"), sa.text("id")],
        CLAIMABLE,
    )
    op.create_index("ix_appeals_previous", "appeals", ["previous_appeal_id"])


def downgrade() -> None:
    op.drop_index("ix_appeals_previous", table_name="appeals")
    for name in ("ix_appeals_claim", "ix_appeals_open_received", "ix_appeals_open_priority",
                 "ix_appeals_open_sla"):
        op.drop_index(name, table_name="appeals")
