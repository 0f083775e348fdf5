"""index enforcements by original decider

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:40:00

Why: claiming excludes appeals whose enforcement the claimer decided; without this index
PostgreSQL scans every enforcement on each claim.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_enforcements_decided_by", "enforcements", ["decided_by_user_id"])


def downgrade() -> None:
    op.drop_index("ix_enforcements_decided_by", table_name="enforcements")
