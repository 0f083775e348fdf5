"""Cheap counts that tell whether a database is empty (first-run screen, demo guard)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppealRow, UserRow
from reviewer_app.domain.connection import hide_password


def count_users_and_appeals(db: Database) -> tuple[int, int]:
    """(number of users, number of appeals)."""
    with db.read() as s:
        users = s.scalar(select(func.count()).select_from(UserRow)) or 0
        appeals = s.scalar(select(func.count()).select_from(AppealRow)) or 0
    return int(users), int(appeals)


def safe_url(url: str) -> str:
    """The URL with any password masked, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparsable: still never show what looks like a password
        return hide_password(url)
