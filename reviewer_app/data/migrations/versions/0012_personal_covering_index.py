"""one person's decisions read from an index alone (personal dashboard)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:00:00

Why: the personal dashboard reads every final decision of one reviewer in a range: for the
busiest reviewer over a year that is ~27,000 rows. Through ``(user_id, decided_at)`` each row
still cost a lookup in the table for its outcome and handle time (about 100 ms on SQLite for
that year). With ``outcome`` and ``handle_seconds`` in the index the read is one index range.
The new index replaces the old one (same leading columns), so writes keep one index here.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# id last: PostgreSQL needs it in the index for an index-only scan (SQLite has it anyway).
COVERING = ["user_id", "decided_at", "outcome", "handle_seconds", "id"]


def upgrade() -> None:
    op.create_index("ix_decisions_user_decided_outcome", "decisions", COVERING)
    op.drop_index("ix_decisions_user_decided", table_name="decisions")


def downgrade() -> None:
    op.create_index("ix_decisions_user_decided", "decisions", ["user_id", "decided_at"])
    op.drop_index("ix_decisions_user_decided_outcome", table_name="decisions")
