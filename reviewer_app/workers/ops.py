"""Composite operations the UI submits to the runner (one user event each, off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.models import (
    CaseDetail,
    Lease,
    QueueCounts,
    QueueFilter,
    QueuePage,
    QueueRow,
    ReasonCode,
    ResponseTemplate,
    SopDocument,
)
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.dashboard import DashboardService
from reviewer_app.services.golden import GoldenService
from reviewer_app.services.guidance import GuidanceService
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.imports import ImportService
from reviewer_app.services.outbox import OutboxService
from reviewer_app.services.presence import PresenceService
from reviewer_app.services.qa import QaService
from reviewer_app.services.queue import QueueService
from reviewer_app.services.reports import ReportService
from reviewer_app.services.review import ReviewService
from reviewer_app.services.sync import ChangeFeedReader
from reviewer_app.services.team_dashboard import TeamDashboardService
from reviewer_app.services.team_reviewers import TeamReviewersService
from reviewer_app.services.users import UserService
from reviewer_app.services.workforce import WorkforceService


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
    qa: QaService | None = None  # the QA workstation (None: its menu entry is hidden)
    calibration: CalibrationService | None = None
    dashboards: DashboardService | None = None
    golden: GoldenService | None = None
    workforce: WorkforceService | None = None  # forecast and staffing (team dashboard)
    imports: ImportService | None = None  # File import from the workstation (leads, admins)
    reports: ReportService | None = None  # KPI and DSA reports (team dashboard's Reports tab)
    team_reviewers: TeamReviewersService | None = None  # reviewer table (team dashboard)
    team_dashboard: TeamDashboardService | None = None  # queue charts (team dashboard)


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


@dataclass(frozen=True, slots=True)
class RowRefresh:
    """What changed appeals look like now in one queue view.

    Attributes:
        found: Loaded appeals -> their current row, or ``None`` if they left the view.
        new_rows: Appeals not loaded that now match the view (released or returned
            elsewhere, or new); the model places them if their position is loaded.
        counts: The view's counts after the changes.
    """

    found: dict[int, QueueRow | None]
    new_rows: tuple[QueueRow, ...]
    counts: QueueCounts


def refresh_rows(
    services: Services, flt: QueueFilter, loaded: frozenset[int], others: frozenset[int]
) -> RowRefresh:
    """Current rows for changed appeals in the view ``flt`` and its new counts.

    One query by primary key with the view's own WHERE, so "matches" means exactly what
    the page query would say.

    Args:
        loaded: Changed appeals the view shows (refreshed in place or removed).
        others: Changed appeals the view does not show (inserted if they now match).
    """
    rows = services.queue.rows_matching(flt, loaded | others)
    return RowRefresh(
        found={appeal_id: rows.get(appeal_id) for appeal_id in loaded},
        new_rows=tuple(row for appeal_id, row in rows.items() if appeal_id in others),
        counts=services.queue.counts(flt),
    )


@dataclass(frozen=True, slots=True)
class HandedToMe:
    """A case a colleague handed to this user, for the "handed to you" notice."""

    appeal_id: int
    ref: str
    note: str | None
    from_name: str | None  # display name of the colleague; None if unknown


def handed_to_me(
    services: Services, user_id: int, handoffs: dict[int, int | None]
) -> tuple[HandedToMe, ...]:
    """Which of these hand-offs went to ``user_id`` (the user now holds the lease).

    The change feed says who handed a case, not to whom: the user's own leases answer
    that, and a case handed on again or already taken back is left out.

    Args:
        handoffs: appeal id -> id of the user who handed it.
    """
    candidates = {a: giver for a, giver in handoffs.items() if giver != user_id}
    if not candidates:
        return ()
    mine = {held.lease.appeal_id: held for held in services.handoff.held_by(user_id)}
    found = []
    for appeal_id, giver in candidates.items():
        held = mine.get(appeal_id)
        if held is None:
            continue
        name: str | None = None
        if giver is not None:
            try:
                name = services.users.get(giver).display_name
            except NotFoundError:
                name = None
        found.append(HandedToMe(appeal_id=appeal_id, ref=held.ref, note=held.lease.note,
                                from_name=name))
    return tuple(found)
