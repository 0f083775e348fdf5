"""Calibration sessions: items with their gold answers, participants and blind ratings.

On PostgreSQL a participant may not SELECT the gold columns of ``calibration_items``, so
every query a participant runs names its columns (never the whole row).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.data.orm import AppealRow, EnforcementRow
from reviewer_app.data.qa_orm import (
    CalibrationItemRow,
    CalibrationParticipantRow,
    CalibrationRatingRow,
    CalibrationSessionRow,
)
from reviewer_app.data.types import Link
from reviewer_app.domain.calibration import BlindItem, CalibrationSession, GoldAnswer, Rating
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import ConflictError, NotFoundError

S, It, P, R = (CalibrationSessionRow, CalibrationItemRow, CalibrationParticipantRow,
              CalibrationRatingRow)


def create_session(session: Session, *, name: str, created_by: int, now: datetime,
                   items: Sequence[GoldAnswer], participants: Sequence[int]) -> int:
    """Store the session, its items in the given order and its participants."""
    row = S(name=name, created_by=created_by, created_at=now)
    session.add(row)
    session.flush()
    session.execute(insert(It), [
        {"session_id": row.id, "appeal_id": item.appeal_id, "position": position,
         "gold_outcome": item.outcome.value, "gold_reason_code": item.reason_code}
        for position, item in enumerate(items)])
    session.execute(insert(P), [{"session_id": row.id, "user_id": user}
                                for user in participants])
    return row.id


def sessions(session: Session, user_id: int, *, session_id: int | None = None,
             participant_only: bool = True, open_only: bool = True
             ) -> tuple[CalibrationSession, ...]:
    """Sessions (newest first) with item counts and how many of them ``user_id`` rated."""
    items = (select(func.count()).where(It.session_id == S.id)
             .correlate(S).scalar_subquery())
    rated = (select(func.count()).where(R.session_id == S.id, R.user_id == user_id)
             .correlate(S).scalar_subquery())
    stmt = (select(S.id, S.name, S.created_by, S.created_at, S.closed_at, items, rated)
            .order_by(S.created_at.desc(), S.id.desc()))
    if participant_only:
        stmt = stmt.join(P, and_(P.session_id == S.id, P.user_id == user_id))
    if open_only:
        stmt = stmt.where(S.closed_at.is_(None))
    if session_id is not None:
        stmt = stmt.where(S.id == session_id)
    return tuple(CalibrationSession(*row) for row in session.execute(stmt))


def session_info(session: Session, session_id: int, user_id: int) -> CalibrationSession:
    """One session the caller may see; ``NotFoundError`` otherwise."""
    found = sessions(session, user_id, session_id=session_id, participant_only=False,
                     open_only=False)
    if not found:
        raise NotFoundError(f"No calibration session {session_id}")
    return found[0]


def participants(session: Session, session_id: int) -> tuple[int, ...]:
    """The participants' user ids, in id order."""
    return tuple(session.scalars(select(P.user_id).where(P.session_id == session_id)
                                 .order_by(P.user_id)))


def is_participant(session: Link, session_id: int, user_id: int) -> bool:
    """Whether ``user_id`` takes part in the session."""
    return session.scalar(select(P.user_id).where(P.session_id == session_id,
                                                  P.user_id == user_id)) is not None


def blind_item(session: Session, session_id: int, appeal_id: int, user_id: int) -> BlindItem:
    """The case without its gold answer and without anyone's rating."""
    a, en = AppealRow, EnforcementRow
    has_rated = (select(R.id).where(R.session_id == session_id, R.appeal_id == appeal_id,
                                    R.user_id == user_id).exists())
    row = session.execute(
        select(It.session_id, It.position, a.id, a.ref, a.policy_code, a.language, a.statement,
               en.action, en.facts, has_rated)
        .join(a, a.id == It.appeal_id).join(en, en.id == a.enforcement_id)
        .where(It.session_id == session_id, It.appeal_id == appeal_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"Appeal {appeal_id} is not part of calibration session "
                            f"{session_id}")
    return BlindItem(*row)


def item_appeals(session: Session, session_id: int) -> tuple[int, ...]:
    """The session's appeal ids in order (no gold: participants may call it)."""
    return tuple(session.scalars(select(It.appeal_id).where(It.session_id == session_id)
                                 .order_by(It.position)))


def add_rating(session: Session, *, session_id: int, appeal_id: int, user_id: int,
               outcome: Outcome, reason_code: str | None, now: datetime) -> None:
    """Store a rating; ``ConflictError`` if this person already rated this case.

    The unique constraint decides (two windows of the same person may race); the caller's
    transaction rolls back with the error, so no savepoint is needed.
    """
    try:
        session.execute(insert(R).values(session_id=session_id, appeal_id=appeal_id,
                                         user_id=user_id, outcome=outcome.value,
                                         reason_code=reason_code, rated_at=now))
    except IntegrityError as exc:
        raise ConflictError("You have rated this case already; a rating cannot be "
                            "changed") from exc


def has_rated(session: Session, session_id: int, appeal_id: int, user_id: int) -> bool:
    """Whether the person rated the case in this session."""
    return session.scalar(select(R.id).where(R.session_id == session_id,
                                             R.appeal_id == appeal_id,
                                             R.user_id == user_id)) is not None


def gold_answers(session: Session, session_id: int) -> tuple[GoldAnswer, ...]:
    """The items' gold answers in order (QA, leads and admins only on PostgreSQL)."""
    rows = session.execute(select(It.appeal_id, It.gold_outcome, It.gold_reason_code)
                           .where(It.session_id == session_id).order_by(It.position))
    return tuple(GoldAnswer(a, Outcome(o), r) for a, o, r in rows)


def ratings(session: Session, session_id: int) -> tuple[Rating, ...]:
    """Every rating of the session the caller may see."""
    rows = session.execute(select(R.appeal_id, R.user_id, R.outcome, R.reason_code)
                           .where(R.session_id == session_id).order_by(R.id))
    return tuple(Rating(a, u, Outcome(o), r) for a, u, o, r in rows)


def close(session: Session, session_id: int, now: datetime) -> bool:
    """Close an open session; False if it was closed already."""
    result = session.execute(update(S).where(S.id == session_id, S.closed_at.is_(None))
                             .values(closed_at=now))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
