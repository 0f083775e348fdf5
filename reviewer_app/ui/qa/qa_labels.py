"""Translated names of the QA vocabulary (statuses, error types, plan kinds, answers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reviewer_app.domain.qa_models import (
    DisputeResolution,
    ErrorType,
    EvaluationResolution,
    EvaluationStatus,
    PlanKind,
    QaEventType,
)

# Spelled out literally (not through an alias) so pyside6-lupdate finds every string.


def evaluation_status(value: EvaluationStatus) -> str:
    """Translated evaluation status."""
    return {
        EvaluationStatus.DRAFT: QCoreApplication.translate("qa_labels", "Draft"),
        EvaluationStatus.PUBLISHED: QCoreApplication.translate("qa_labels", "Published"),
        EvaluationStatus.DISPUTED: QCoreApplication.translate("qa_labels", "Disputed"),
        EvaluationStatus.RESOLVED: QCoreApplication.translate("qa_labels", "Resolved"),
    }[value]


def error_type(value: ErrorType | None) -> str:
    """Translated error type ("No error" for None)."""
    if value is None:
        return QCoreApplication.translate("qa_labels", "No error")
    return {
        ErrorType.WRONG_UPHOLD: QCoreApplication.translate("qa_labels", "Wrong uphold"),
        ErrorType.WRONG_OVERTURN: QCoreApplication.translate("qa_labels", "Wrong overturn"),
        ErrorType.WRONG_REASON: QCoreApplication.translate("qa_labels", "Wrong reason code"),
        ErrorType.PROCEDURAL: QCoreApplication.translate("qa_labels", "Procedural error"),
    }[value]


def plan_kind(value: PlanKind) -> str:
    """Translated sampling plan kind."""
    return {
        PlanKind.RANDOM: QCoreApplication.translate("qa_labels", "Simple random"),
        PlanKind.STRATIFIED: QCoreApplication.translate("qa_labels", "Stratified"),
        PlanKind.RISK: QCoreApplication.translate("qa_labels", "Risk-based"),
        PlanKind.MINIMUM: QCoreApplication.translate("qa_labels", "Minimum per reviewer a week"),
    }[value]


def dispute_resolution(value: DisputeResolution | None) -> str:
    """Translated answer to a disputed criterion ("Open" while unanswered)."""
    if value is None:
        return QCoreApplication.translate("qa_labels", "Open")
    return {
        DisputeResolution.ACCEPTED: QCoreApplication.translate("qa_labels", "Accepted"),
        DisputeResolution.REJECTED: QCoreApplication.translate("qa_labels", "Rejected"),
    }[value]


def evaluation_resolution(value: EvaluationResolution | None) -> str:
    """Translated outcome of a resolved dispute ("—" before)."""
    if value is None:
        return "—"
    return {
        EvaluationResolution.ACCEPTED: QCoreApplication.translate("qa_labels", "Accepted"),
        EvaluationResolution.PARTIALLY_ACCEPTED: QCoreApplication.translate(
            "qa_labels", "Partially accepted"),
        EvaluationResolution.REJECTED: QCoreApplication.translate("qa_labels", "Rejected"),
    }[value]


def score_level(value: float) -> str:
    """How a criterion was met: fully, partly, not."""
    if value >= 1:
        return QCoreApplication.translate("qa_labels", "Met")
    if value <= 0:
        return QCoreApplication.translate("qa_labels", "Not met")
    return QCoreApplication.translate("qa_labels", "Partly met")


def qa_event(value: str) -> str:
    """Translated step of an evaluation's history (the raw value if unknown)."""
    names = {
        QaEventType.DRAFTED: QCoreApplication.translate("qa_labels", "blind decision recorded"),
        QaEventType.SCORED: QCoreApplication.translate("qa_labels", "scored"),
        QaEventType.PUBLISHED: QCoreApplication.translate("qa_labels", "published"),
        QaEventType.DISPUTED: QCoreApplication.translate("qa_labels", "disputed"),
        QaEventType.RESOLVED: QCoreApplication.translate("qa_labels", "resolved"),
    }
    try:
        return names[QaEventType(value)]
    except ValueError:
        return value
