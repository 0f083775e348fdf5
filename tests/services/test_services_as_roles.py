"""The app's own services keep working when signed in as a group role under row security.

Real clock and real dates: the policies compare leases with the server's ``now()``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from factories import REDRESS, Factory
from rls_support import Person, Roles
from sqlalchemy import select

from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppealRow, DecisionRow, EventRow, LeaseRow
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome, Role
from reviewer_app.domain.errors import ConflictError, LeaseLostError
from reviewer_app.domain.models import DecisionDraft, QueueFilter, QueueSort
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService
from reviewer_app.services.users import UserService

pytestmark = pytest.mark.pg


class Desk:
    """One person's services, connected as their own database role."""

    def __init__(self, roles: Roles, person: Person) -> None:
        self.person = person
        self.id = person.user_id
        db = roles.database(person)
        self.queue = QueueService(db)
        self.review = ReviewService(db)
        self.users = UserService(db)


@pytest.fixture
def f(admin_db: Database) -> Factory:
    f = Factory(admin_db, now=datetime.now(UTC))
    f.reason_code("UPH-DOCS-INVALID", Outcome.UPHOLD, "IP_COUNTERFEIT")
    f.reason_code("ESC-LEGAL", Outcome.ESCALATE)
    f.template(Outcome.UPHOLD, "en")
    f.queue("escalations")
    f.sop()
    return f


def _uphold(appeal_id: int) -> DecisionDraft:
    return DecisionDraft(appeal_id=appeal_id, outcome=Outcome.UPHOLD,
                         reason_code="UPH-DOCS-INVALID", rationale="Invoice forged",
                         response_text=f"We keep the removal. {REDRESS}", handle_seconds=40.0,
                         response_language="en")


def _appeal(db: Database, appeal_id: int) -> tuple[str, int, bool]:
    with db.read() as s:
        status, queue_id = s.execute(select(AppealRow.status, AppealRow.queue_id)
                                     .where(AppealRow.id == appeal_id)).one()
        leased = s.get(LeaseRow, appeal_id) is not None
    return status, queue_id, leased


@pytest.mark.parametrize("role", list(Role))
def test_claim_renew_open_and_decide_as_each_role(admin_db: Database, roles: Roles, f: Factory,
                                                  role: Role) -> None:
    desk = Desk(roles, roles.person("ana", role))
    appeal = f.appeal(sla_hours=1)
    f.appeal(sla_hours=40)
    assert desk.queue.counts(QueueFilter()).total == 2
    assert desk.queue.page(QueueFilter(), QueueSort()).rows[0].appeal_id == appeal

    lease = desk.queue.claim_next(desk.id)
    assert lease.appeal_id == appeal
    assert desk.queue.renew(appeal, desk.id).expires_at >= lease.expires_at
    assert desk.review.open_case(appeal).status is AppealStatus.IN_REVIEW
    desk.review.decide(desk.id, _uphold(appeal))

    assert _appeal(admin_db, appeal)[::2] == ("decided", False)
    with admin_db.read() as s:
        assert s.scalar(select(DecisionRow.user_id).where(DecisionRow.appeal_id == appeal)) \
            == desk.id
        kinds = s.scalars(select(EventRow.type).where(EventRow.appeal_id == appeal)
                          .order_by(EventRow.id)).all()
    assert kinds == [EventType.CLAIMED.value, EventType.DECIDED.value]


def test_release_and_escalate_as_a_reviewer(admin_db: Database, roles: Roles, f: Factory
                                            ) -> None:
    desk = Desk(roles, roles.person("ana"))
    first, second = f.appeal(), f.appeal()
    desk.queue.claim(first, desk.id)
    desk.queue.release(first, desk.id, "need a colleague")
    assert _appeal(admin_db, first)[::2] == ("new", False)

    desk.queue.claim(second, desk.id)
    desk.review.decide(desk.id, DecisionDraft(
        appeal_id=second, outcome=Outcome.ESCALATE, reason_code="ESC-LEGAL",
        escalation_reason="Legal threat"))
    status, queue_id, leased = _appeal(admin_db, second)
    assert (status, queue_id, leased) == ("escalated", f.queue("escalations"), False)


def test_expired_leases_of_others_return_to_the_queue(admin_db: Database, roles: Roles,
                                                      f: Factory) -> None:
    ana, ben = Desk(roles, roles.person("ana")), Desk(roles, roles.person("ben"))
    lapsed, later = f.appeal(sla_hours=1), f.appeal(sla_hours=30)
    ben.queue.claim(lapsed, ben.id)
    ben.queue.claim(later, ben.id)
    with admin_db.write() as s:  # Ben's first lease ran out a minute ago
        s.get(LeaseRow, lapsed).expires_at = datetime.now(UTC) - timedelta(minutes=1)

    assert ana.queue.expire_leases().appeal_ids == {lapsed}
    assert _appeal(admin_db, lapsed)[::2] == ("new", False)
    assert _appeal(admin_db, later)[::2] == ("in_review", True)  # Ben's live lease stays
    with admin_db.read() as s:
        last = s.execute(select(EventRow.type, EventRow.actor_user_id)
                         .where(EventRow.appeal_id == lapsed)
                         .order_by(EventRow.id.desc()).limit(1)).one()
    assert tuple(last) == (EventType.LEASE_EXPIRED.value, None)
    assert ana.queue.claim_next(ana.id).appeal_id == lapsed


def test_someone_elses_case_is_a_clear_conflict_not_a_database_error(
        admin_db: Database, roles: Roles, f: Factory) -> None:
    ana, ben = Desk(roles, roles.person("ana")), Desk(roles, roles.person("ben"))
    appeal = f.appeal()
    ben.queue.claim(appeal, ben.id)
    with pytest.raises(ConflictError, match="already claimed"):
        ana.queue.claim(appeal, ana.id)
    with pytest.raises(LeaseLostError):
        ana.queue.renew(appeal, ana.id)
    with pytest.raises(LeaseLostError):
        ana.queue.release(appeal, ana.id, "not mine")
    with pytest.raises(LeaseLostError):
        ana.review.decide(ana.id, _uphold(appeal))
    assert _appeal(admin_db, appeal)[::2] == ("in_review", True)


def test_signed_in_user_is_the_role_owner(admin_db: Database, roles: Roles) -> None:
    lee = roles.person("lee", Role.LEAD)
    signed_in = UserService(roles.database(lee)).signed_in_user()
    assert signed_in is not None
    assert (signed_in.id, signed_in.login, signed_in.role) == (lee.user_id, lee.login, Role.LEAD)
    assert UserService(admin_db).signed_in_user() is None  # postgres has no users row


def test_an_admin_role_imports_and_a_reviewer_role_cannot(admin_db: Database, roles: Roles
                                                           ) -> None:
    from pathlib import Path

    from sqlalchemy.exc import DBAPIError

    from reviewer_app.domain.errors import ReviewerError
    from reviewer_app.services.catalog import install_default_catalog
    from reviewer_app.services.importer import import_appeals

    install_default_catalog(admin_db)

    sample = Path(__file__).parents[1] / "fixtures" / "appeals_sample.csv"
    ana = roles.database(roles.person("ana"))
    with pytest.raises((DBAPIError, ReviewerError), match="permission denied"):
        import_appeals(ana, sample, now=datetime.now(UTC))
    ada = roles.database(roles.person("ada", Role.ADMIN))
    summary = import_appeals(ada, sample, now=datetime.now(UTC))
    assert summary.imported >= 1 and summary.imported == summary.read - summary.rejected
