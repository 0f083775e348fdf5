"""join the dashboard roll-up branches

Revision ID: 0010
Revises: 0009b, 0009c
Create Date: 2026-12-02 11:45:00

Why: the reviewer roll-ups (0009b) and the intake/decision day roll-ups (0009c) were built
side by side on 0008; this revision makes them one line again so ``upgrade head`` has a
single target. It changes nothing itself.
"""

from __future__ import annotations

revision = "0010"
down_revision = ("0009b", "0009c")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
