"""join the dashboard roll-up branches

Revision ID: 0010
Revises: 0009a, 0009b
Create Date: 2026-12-02 11:45:00

Why: the reviewer roll-ups (0009b) and the day roll-ups (0009c, then the queue roll-up 0009a)
were built side by side on 0008; this revision makes them one line again so ``upgrade head`` has a
single target. It changes nothing itself.
"""

from __future__ import annotations

revision = "0010"
down_revision = ("0009a", "0009b")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
