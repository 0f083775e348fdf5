"""Users and their skills, as frozen domain ``User`` objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import UserRow, UserSkillRow
from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.models import User

# user_skills.kind values
LANGUAGE = "language"
MARKET = "market"
POLICY = "policy"

_ROLE_ORDER = {Role.REVIEWER: 0, Role.QA: 1, Role.LEAD: 2, Role.ADMIN: 3}


def _build(rows: Iterable[UserRow], skills: dict[int, dict[str, set[str]]]) -> list[User]:
    users = []
    for row in rows:
        mine = skills.get(row.id, {})
        users.append(User(
            id=row.id, login=row.login, display_name=row.display_name, role=Role(row.role),
            languages=frozenset(mine.get(LANGUAGE, ())), markets=frozenset(mine.get(MARKET, ())),
            policies=frozenset(mine.get(POLICY, ())), active=row.active,
        ))
    return users


def _skills(session: Session, user_ids: list[int]) -> dict[int, dict[str, set[str]]]:
    found: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if user_ids:
        stmt = select(UserSkillRow).where(UserSkillRow.user_id.in_(user_ids))
        for skill in session.scalars(stmt):
            found[skill.user_id][skill.kind].add(skill.value)
    return found


def get_user(session: Session, user_id: int) -> User:
    """One user with skills; ``NotFoundError`` if absent."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFoundError(f"No user with id {user_id}")
    return _build([row], _skills(session, [row.id]))[0]


def list_users(session: Session, *, active_only: bool) -> tuple[User, ...]:
    """Users with skills, ordered by role (reviewer, qa, lead, admin) then display name."""
    stmt = select(UserRow)
    if active_only:
        stmt = stmt.where(UserRow.active.is_(True))
    rows = list(session.scalars(stmt))
    users = _build(rows, _skills(session, [r.id for r in rows]))
    users.sort(key=lambda u: (_ROLE_ORDER.get(u.role, 9), u.display_name.casefold(), u.id))
    return tuple(users)
