"""The one place that turns enums, codes and durations into translated, user-visible text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from reviewer_app.domain.enums import (
    AccountType,
    AppealStatus,
    AppellantType,
    AutomatedDecision,
    EnforcementAction,
    EventType,
    Outcome,
    Role,
    SlaState,
)

# Every call below spells out QCoreApplication.translate("labels", "...") literally so that
# pyside6-lupdate finds the source strings; an alias would hide them from the extractor.


def appeal_status(value: AppealStatus) -> str:
    """Translated name of an appeal status."""
    return {
        AppealStatus.NEW: QCoreApplication.translate("labels", "New"),
        AppealStatus.IN_REVIEW: QCoreApplication.translate("labels", "In review"),
        AppealStatus.ESCALATED: QCoreApplication.translate("labels", "Escalated"),
        AppealStatus.AWAITING_INFO: QCoreApplication.translate("labels", "Awaiting information"),
        AppealStatus.DECIDED: QCoreApplication.translate("labels", "Decided"),
        AppealStatus.REOPENED: QCoreApplication.translate("labels", "Reopened"),
    }[value]


def outcome(value: Outcome) -> str:
    """Translated name of a decision outcome."""
    return {
        Outcome.UPHOLD: QCoreApplication.translate("labels", "Uphold"),
        Outcome.OVERTURN: QCoreApplication.translate("labels", "Overturn"),
        Outcome.PARTIAL: QCoreApplication.translate("labels", "Partial"),
        Outcome.ESCALATE: QCoreApplication.translate("labels", "Escalate"),
        Outcome.REQUEST_INFO: QCoreApplication.translate("labels", "Request information"),
        Outcome.REJECT_INADMISSIBLE: QCoreApplication.translate(
            "labels", "Reject as inadmissible"
        ),
    }[value]


def sla_state(value: SlaState) -> str:
    """Translated name of an SLA state."""
    return {
        SlaState.BREACHED: QCoreApplication.translate("labels", "Breached"),
        SlaState.AT_RISK: QCoreApplication.translate("labels", "At risk"),
        SlaState.OK: QCoreApplication.translate("labels", "OK"),
    }[value]


def role(value: Role) -> str:
    """Translated name of a user role."""
    return {
        Role.REVIEWER: QCoreApplication.translate("labels", "Reviewer"),
        Role.QA: QCoreApplication.translate("labels", "QA auditor"),
        Role.LEAD: QCoreApplication.translate("labels", "Team lead"),
        Role.ADMIN: QCoreApplication.translate("labels", "Administrator"),
    }[value]


def enforcement_action(value: EnforcementAction) -> str:
    """Translated name of an enforcement measure."""
    return {
        EnforcementAction.LISTING_REMOVAL: QCoreApplication.translate("labels", "Listing removed"),
        EnforcementAction.LISTING_DEMOTION: QCoreApplication.translate(
            "labels", "Listing demoted"
        ),
        EnforcementAction.PAYMENT_HOLD: QCoreApplication.translate("labels", "Payments held"),
        EnforcementAction.SELLING_RESTRICTION: QCoreApplication.translate(
            "labels", "Selling restricted"
        ),
        EnforcementAction.ACCOUNT_SUSPENSION: QCoreApplication.translate(
            "labels", "Account suspended"
        ),
        EnforcementAction.ACCOUNT_TERMINATION: QCoreApplication.translate(
            "labels", "Account terminated"
        ),
    }[value]


def automated_decision(value: AutomatedDecision) -> str:
    """Translated degree of automation of the original decision."""
    return {
        AutomatedDecision.FULLY: QCoreApplication.translate("labels", "Fully automated"),
        AutomatedDecision.PARTIALLY: QCoreApplication.translate("labels", "Partially automated"),
        AutomatedDecision.NOT: QCoreApplication.translate("labels", "Not automated"),
    }[value]


def automated_detection(value: bool) -> str:
    """Translated yes/no for automated detection."""
    if value:
        return QCoreApplication.translate("labels", "Automated detection")
    return QCoreApplication.translate("labels", "Detected by a person")


def account_type(value: AccountType) -> str:
    """Translated DSA account type."""
    return {
        AccountType.BUSINESS: QCoreApplication.translate("labels", "Business"),
        AccountType.PRIVATE: QCoreApplication.translate("labels", "Private"),
    }[value]


def appellant_type(value: AppellantType) -> str:
    """Translated kind of appellant."""
    return {
        AppellantType.SELLER: QCoreApplication.translate("labels", "Seller"),
        AppellantType.CREATOR: QCoreApplication.translate("labels", "Creator"),
    }[value]


def event_type(value: EventType) -> str:
    """Translated name of an event-log row type."""
    return {
        EventType.CREATED: QCoreApplication.translate("labels", "Created"),
        EventType.CLAIMED: QCoreApplication.translate("labels", "Claimed"),
        EventType.RELEASED: QCoreApplication.translate("labels", "Released"),
        EventType.LEASE_RENEWED: QCoreApplication.translate("labels", "Lease renewed"),
        EventType.LEASE_EXPIRED: QCoreApplication.translate("labels", "Lease expired"),
        EventType.DECIDED: QCoreApplication.translate("labels", "Decided"),
        EventType.ESCALATED: QCoreApplication.translate("labels", "Escalated"),
        EventType.INFO_REQUESTED: QCoreApplication.translate("labels", "Information requested"),
        EventType.INFO_RECEIVED: QCoreApplication.translate("labels", "Information received"),
        EventType.REOPENED: QCoreApplication.translate("labels", "Reopened"),
        EventType.UPDATED: QCoreApplication.translate("labels", "Updated by import"),
        EventType.HELD: QCoreApplication.translate("labels", "Held for help"),
        EventType.RESUMED: QCoreApplication.translate("labels", "Resumed"),
        EventType.HANDED_OFF: QCoreApplication.translate("labels", "Handed off"),
    }[value]


def field_error(code: str) -> str:
    """Translated message for a ``FieldError.code``; unknown codes are shown as they are."""
    messages = {
        "required": QCoreApplication.translate("labels", "This field is required."),
        "not_allowed": QCoreApplication.translate(
            "labels", "This reason code is not allowed for this outcome and policy."
        ),
        "missing_redress": QCoreApplication.translate(
            "labels", "The response must include the redress text."
        ),
        "unfilled_placeholder": QCoreApplication.translate(
            "labels", "Replace the {details} placeholder in the response with the case details."
        ),
    }
    return messages.get(code, code)


def claim_ineligibility(code: str) -> str:
    """Translated reason from ``rules.claim_ineligibility`` why a user may not claim an appeal."""
    reasons = {
        "not_claimable": QCoreApplication.translate(
            "labels", "This appeal cannot be claimed in its current status."
        ),
        "original_decider": QCoreApplication.translate(
            "labels", "You made the original enforcement decision on this appeal."
        ),
        "first_round_reviewer": QCoreApplication.translate(
            "labels", "You reviewed the first round of this appeal."
        ),
        "missing_skill": QCoreApplication.translate(
            "labels", "This appeal needs a language, market or policy skill you do not have."
        ),
    }
    return reasons.get(code, code)


def relation(code: str) -> str:
    """Translated relation of a related appeal ("same_seller" / "same_listing")."""
    relations = {
        "same_seller": QCoreApplication.translate("labels", "Same seller"),
        "same_listing": QCoreApplication.translate("labels", "Same listing"),
    }
    return relations.get(code, code)


def appeal_round(value: int) -> str:
    """"1st round" / "2nd round" (other numbers are shown plainly)."""
    if value == 1:
        return QCoreApplication.translate("labels", "1st round")
    if value == 2:
        return QCoreApplication.translate("labels", "2nd round")
    return QCoreApplication.translate("labels", "Round %n", "", value)


def requested_document(code: str) -> str:
    """Translated name of a commonly requested document; free text is shown as it is."""
    documents = {
        "supplier_invoice": QCoreApplication.translate("labels", "Supplier invoice"),
        "brand_authorization": QCoreApplication.translate(
            "labels", "Brand authorisation letter"
        ),
        "business_registration": QCoreApplication.translate(
            "labels", "Business registration certificate"
        ),
        "identity_document": QCoreApplication.translate("labels", "Identity document"),
        "safety_certificate": QCoreApplication.translate(
            "labels", "Safety certificate or test report"
        ),
        "product_photos": QCoreApplication.translate("labels", "Photos of the product"),
        "proof_of_address": QCoreApplication.translate("labels", "Proof of address"),
    }
    return documents.get(code, code)


# Codes offered as checkboxes on the "request information" form, in display order.
REQUESTED_DOCUMENT_CODES: tuple[str, ...] = (
    "supplier_invoice",
    "brand_authorization",
    "business_registration",
    "identity_document",
    "safety_certificate",
    "product_photos",
    "proof_of_address",
)


def _hours_minutes(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("labels", "%1d %2h").replace(
            "%1", str(days)).replace("%2", f"{hours:02d}")
    if hours:
        return QCoreApplication.translate("labels", "%1h %2m").replace(
            "%1", str(hours)).replace("%2", f"{minutes:02d}")
    return QCoreApplication.translate("labels", "%1m %2s").replace(
        "%1", str(minutes)).replace("%2", f"{secs:02d}")


def sla_countdown(due: datetime, now: datetime) -> str:
    """Time left until ``due`` ("2h 13m", "4m 05s"), or "overdue 1h 05m" once past it."""
    remaining = int((due - now).total_seconds())
    if remaining >= 0:
        return _hours_minutes(remaining)
    return QCoreApplication.translate("labels", "overdue %1").replace(
        "%1", _hours_minutes(-remaining))


def date_time(value: datetime) -> str:
    """A timestamp in the reviewer's local time, "2026-11-22 14:05"."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def date_only(value: datetime) -> str:
    """A date in the reviewer's local time, "2026-11-22"."""
    return value.astimezone().strftime("%Y-%m-%d")


def clock_time(value: datetime) -> str:
    """A time of day in the reviewer's local time, "14:05"."""
    return value.astimezone().strftime("%H:%M")


def file_size(size_bytes: int) -> str:
    """A human file size ("512 B", "1.4 MB")."""
    size = float(size_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size_bytes} B"
