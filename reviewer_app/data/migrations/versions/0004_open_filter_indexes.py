"""partial indexes for filtered views of the open queue

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:45:00

Why: decided appeals pile up with old SLA due times, so walking the full
(market, sla_due_at, id) index for "open only, market = X" wades through all of that
market's history first. These indexes hold open appeals only; queries repeat the predicate.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN = "status <> 'decided'"
COLUMNS = ("market", "policy_code", "language", "round")


def upgrade() -> None:
    for column in COLUMNS:
        op.create_index(
            f"ix_appeals_open_{column}_sla",
            "appeals",
            [column, "sla_due_at", "id"],
            sqlite_where=sa.text(OPEN),
            postgresql_where=sa.text(OPEN),
        )


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_appeals_open_{column}_sla", table_name="appeals")
