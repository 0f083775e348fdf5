"""Users and their skills, as frozen domain ``User`` objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.orm import Session

from reviewer_app.data.orm import LeaseRow, UserRow, UserSkillRow
from reviewer_app.data.types import Link, UtcDateTime
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


_U = UserRow.__table__.c
_S = UserSkillRow.__table__.c
# The user and all their skills in one round trip: every claim starts with this lookup.
_USER_WITH_SKILLS = (
    select(_U.id, _U.login, _U.display_name, _U.role, _U.active, _S.kind, _S.value)
    .select_from(UserRow.__table__.outerjoin(UserSkillRow.__table__, _S.user_id == _U.id))
    .where(_U.id == bindparam("user_id"))
)


# A claim needs the claimer and whether any lease has lapsed (only then is there something
# to tidy before claiming). Asking both in one statement saves a round trip on every claim,
# where almost always nothing has lapsed. Row security lets everyone see lapsed leases.
_L = LeaseRow.__table__.c
_CLAIMER = _USER_WITH_SKILLS.add_columns(
    exists().where(_L.expires_at < bindparam("now", type_=UtcDateTime())).label("lapsed"))


def get_user(session: Link, user_id: int) -> User:
    """One user with skills; ``NotFoundError`` if absent."""
    return _user_from(session.execute(_USER_WITH_SKILLS, {"user_id": user_id}).all(), user_id)


def get_claimer(session: Link, user_id: int, now: datetime) -> tuple[User, bool]:
    """The user with skills, and whether any lease expired before ``now``.

    ``NotFoundError`` if there is no such user.
    """
    rows = session.execute(_CLAIMER, {"user_id": user_id, "now": now}).all()
    return _user_from(rows, user_id), bool(rows[0].lapsed)


def _user_from(rows: list[Any], user_id: int) -> User:
    if not rows:
        raise NotFoundError(f"No user with id {user_id}")
    skills: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.kind is not None:  # the outer join's NULL row: a user without skills
            skills[row.kind].add(row.value)
    first = rows[0]
    return User(
        id=first.id, login=first.login, display_name=first.display_name, role=Role(first.role),
        languages=frozenset(skills[LANGUAGE]), markets=frozenset(skills[MARKET]),
        policies=frozenset(skills[POLICY]), active=first.active,
    )


def list_users(session: Session, *, active_only: bool) -> tuple[User, ...]:
    """Users with skills, ordered by role (reviewer, qa, lead, admin) then display name."""
    stmt = select(UserRow)
    if active_only:
        stmt = stmt.where(UserRow.active.is_(True))
    rows = list(session.scalars(stmt))
    users = _build(rows, _skills(session, [r.id for r in rows]))
    users.sort(key=lambda u: (_ROLE_ORDER.get(u.role, 9), u.display_name.casefold(), u.id))
    return tuple(users)


def find_by_login(session: Session, login: str) -> User | None:
    """The user whose login is ``login`` (exact, case-sensitive like role names), or None."""
    row = session.scalars(select(UserRow).where(UserRow.login == login)).one_or_none()
    return None if row is None else _build([row], _skills(session, [row.id]))[0]


def save_user(session: Session, *, login: str, display_name: str | None, role: Role,
              now: datetime) -> tuple[int, bool]:
    """Create the user, or update role (and display name, if given) and reactivate it.

    Returns (user id, created).
    """
    existing = session.scalar(select(UserRow.id).where(UserRow.login == login))
    if existing is None:
        new_id = session.execute(insert(UserRow).values(
            login=login, display_name=display_name or login, role=role.value, active=True,
            created_at=now,
        ).returning(UserRow.id)).scalar_one()
        return int(new_id), True
    values: dict[str, object] = {"role": role.value, "active": True}
    if display_name:
        values["display_name"] = display_name
    session.execute(update(UserRow).where(UserRow.id == existing).values(**values))
    return int(existing), False
