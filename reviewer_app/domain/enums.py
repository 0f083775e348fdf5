"""Enumerations shared by every layer; values are the codes stored in the database."""

from __future__ import annotations

from enum import StrEnum


class AppealStatus(StrEnum):
    """Where an appeal is in its lifecycle (see DOMAIN.md)."""

    NEW = "new"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    AWAITING_INFO = "awaiting_info"
    DECIDED = "decided"
    REOPENED = "reopened"

    @property
    def is_open(self) -> bool:
        """True while the appeal still needs a final decision."""
        return self is not AppealStatus.DECIDED

    @property
    def is_claimable(self) -> bool:
        """True when a reviewer may take the appeal from the queue."""
        return self in CLAIMABLE_STATUSES


CLAIMABLE_STATUSES = frozenset({AppealStatus.NEW, AppealStatus.ESCALATED, AppealStatus.REOPENED})


class Outcome(StrEnum):
    """What a reviewer can do with an appeal."""

    UPHOLD = "uphold"
    OVERTURN = "overturn"
    PARTIAL = "partial"
    ESCALATE = "escalate"
    REQUEST_INFO = "request_info"
    REJECT_INADMISSIBLE = "reject_inadmissible"

    @property
    def is_final(self) -> bool:
        """Final outcomes decide the appeal; escalate and request-info are handling steps."""
        return self not in (Outcome.ESCALATE, Outcome.REQUEST_INFO)


class Role(StrEnum):
    """What a user may do in the workstation."""

    REVIEWER = "reviewer"
    QA = "qa"
    LEAD = "lead"
    ADMIN = "admin"


class AppellantType(StrEnum):
    """Who appeals."""

    SELLER = "seller"
    CREATOR = "creator"


class AccountType(StrEnum):
    """DSA account type of the appellant."""

    BUSINESS = "business"
    PRIVATE = "private"


class EnforcementAction(StrEnum):
    """The measure that was taken and is now appealed."""

    LISTING_REMOVAL = "listing_removal"
    LISTING_DEMOTION = "listing_demotion"
    PAYMENT_HOLD = "payment_hold"
    SELLING_RESTRICTION = "selling_restriction"
    ACCOUNT_SUSPENSION = "account_suspension"
    ACCOUNT_TERMINATION = "account_termination"


class AutomatedDecision(StrEnum):
    """How far the original enforcement decision was automated."""

    FULLY = "fully"
    PARTIALLY = "partially"
    NOT = "not"


class SlaState(StrEnum):
    """How an open appeal stands against its SLA due time."""

    BREACHED = "breached"
    AT_RISK = "at_risk"
    OK = "ok"


class EventType(StrEnum):
    """Kinds of rows in the append-only event log."""

    CREATED = "created"
    CLAIMED = "claimed"
    RELEASED = "released"
    LEASE_RENEWED = "lease_renewed"
    LEASE_EXPIRED = "lease_expired"
    DECIDED = "decided"
    ESCALATED = "escalated"
    INFO_REQUESTED = "info_requested"
    INFO_RECEIVED = "info_received"
    REOPENED = "reopened"
    UPDATED = "updated"  # changed by a re-import of its row
    HELD = "held"  # kept with the reviewer for help, with a note
    RESUMED = "resumed"  # the reviewer took a held case up again
    HANDED_OFF = "handed_off"  # the lease went to a named colleague, with a note


class SortKey(StrEnum):
    """Sorts the queue offers; each has a matching index."""

    SLA_DUE = "sla_due_at"
    PRIORITY = "priority"
    RECEIVED = "received_at"
