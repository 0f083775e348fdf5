"""link each enforcement to its original DSA statement of reasons

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:00:00

Why: statements of reasons cannot be updated once sent to the EU DSA Transparency Database,
so an appeal outcome that changes a restriction needs the ``puid`` of the statement sent at
enforcement time. ``enforcements.sor_puid`` holds it (filled by the statement-of-reasons
import, or by the appeal import's optional ``sor_puid`` column). It is unique through a
unique index (several NULLs are allowed on both engines) rather than a table constraint, so
SQLite needs no table rebuild either way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("enforcements", sa.Column("sor_puid", sa.String(500), nullable=True))
    op.create_index("uq_enforcements_sor_puid", "enforcements", ["sor_puid"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_enforcements_sor_puid", table_name="enforcements")
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch table rebuild: appeals
    # refer to enforcements, and SQLite refuses to drop the referenced table they point at.
    op.drop_column("enforcements", "sor_puid")
