"""User service on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from factories import Factory

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.services.users import UserService


def test_list_and_get_with_skills(database: Database) -> None:
    f = Factory(database)
    zoe = f.user("zoe", languages={"de", "en"}, markets={"DE"}, policies={"IP_COUNTERFEIT"})
    f.user("adam", role=Role.ADMIN)
    f.user("bea", role=Role.QA)
    f.user("amy")
    f.user("gone", active=False)
    svc = UserService(database)
    assert [u.login for u in svc.list_users()] == ["amy", "zoe", "bea", "adam"]
    assert "gone" in [u.login for u in svc.list_users(active_only=False)]
    user = svc.get(zoe)
    assert (user.login, user.role, user.languages, user.markets, user.policies) == (
        "zoe", Role.REVIEWER, {"de", "en"}, {"DE"}, {"IP_COUNTERFEIT"})
    assert svc.get(f.user("plain")).languages == frozenset()
    with pytest.raises(NotFoundError):
        svc.get(424242)
