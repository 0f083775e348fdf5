"""Composite operations the UI submits to the runner (one user event each, off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.models import (
    CaseDetail,
    Lease,
    QueueCounts,
    QueueFilter,
    QueuePage,
    QueueRow,
    QueueSort,
    ReasonCode,
    ResponseTemplate,
    SopDocument,
)
from reviewer_app.services.guidance import GuidanceService
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.outbox import OutboxService
from reviewer_app.services.presence import PresenceService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService
from reviewer_app.services.sync import ChangeFeedReader
from reviewer_app.services.users import UserService


@dataclass(frozen=True, slots=True)
class Services:
    """The use cases the workstation needs, built once by the composition root."""

    queue: QueueService
    review: ReviewService
    guidance: GuidanceService
    users: UserService
    handoff: HandOffService
    # Live updates (None: a window without them, e.g. in tests of other features).
    presence: PresenceService | None = None
    change_feed: Callable[[], ChangeFeedReader] | None = None  # one reader per window
    # Optional so tests and tools that build Services without a local outbox keep working;
    # then decisions go straight to the database (no offline safety).
    outbox: OutboxService | None = None


@dataclass(frozen=True, slots=True)
class OpenedCase:
    """A claimed case with everything the panels show beside it."""

    lease: Lease
    case: CaseDetail
    sop: SopDocument | None
    reason_codes: tuple[ReasonCode, ...]
    templates: dict[Outcome, ResponseTemplate]


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """A first page plus the counts for the same filter."""

    page: QueuePage
    counts: QueueCounts


def load_case(services: Services, lease: Lease) -> OpenedCase:
    """Open a leased case with its SOP, reason codes and response templates."""
    case = services.review.open_case(lease.appeal_id)
    policy = case.enforcement.policy_code
    try:
        sop: SopDocument | None = services.guidance.sop_for(policy)
    except NotFoundError:
        sop = None  # the case can still be decided; the panel says no SOP is in force
    codes = services.review.reason_codes(policy)
    templates: dict[Outcome, ResponseTemplate] = {}
    for outcome in Outcome:
        template = services.review.response_template(outcome, case.language)
        if template is not None:
            templates[outcome] = template
    return OpenedCase(lease=lease, case=case, sop=sop, reason_codes=codes, templates=templates)


def claim_next_case(services: Services, user_id: int) -> OpenedCase:
    """Resume the user's own lease, else lease the most urgent eligible appeal; load it."""
    return load_case(services, services.queue.claim_next(user_id, resume=True))


def claim_case(services: Services, appeal_id: int, user_id: int) -> OpenedCase:
    """Lease a chosen appeal and load it (write lane)."""
    return load_case(services, services.queue.claim(appeal_id, user_id))


def refresh_rows(
    services: Services, flt: QueueFilter, sort: QueueSort, refs: dict[int, str]
) -> tuple[dict[int, QueueRow | None], QueueCounts]:
    """Current rows for changed appeals (``None``: no longer in this view) and new counts.

    Each appeal is looked up through the queue's own search on its reference, combined with
    the user's filter, so "still matches" means exactly what the full query would say.

    Args:
        refs: appeal id -> appeal reference of the rows that changed.
    """
    found: dict[int, QueueRow | None] = {}
    for appeal_id, ref in refs.items():
        page = services.queue.page(replace(flt, search=ref), sort, None, limit=20)
        found[appeal_id] = next((r for r in page.rows if r.appeal_id == appeal_id), None)
    return found, services.queue.counts(flt)
