"""Messages for known errors and the dialog for bugs (with the traceback to copy)."""

from __future__ import annotations

import traceback
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer_app.domain.enums import EventType, Outcome
from reviewer_app.domain.errors import (
    ConflictError,
    DatabaseUnavailableError,
    HandOffRefusedError,
    IncompleteDecisionError,
    LeaseLostError,
    NoteRequiredError,
    NotFoundError,
    NothingToClaimError,
    PermissionDeniedError,
    ReviewerError,
    SchemaMismatchError,
)
from reviewer_app.domain.models import OtherChange
from reviewer_app.ui import labels


# Every message spells out QCoreApplication.translate("errors", ...) so lupdate finds it.
def describe_error(exc: ReviewerError) -> str:
    """A calm, translated sentence for a known error (technical detail kept separately)."""
    if isinstance(exc, NothingToClaimError):
        return QCoreApplication.translate("errors", "There is no appeal you can claim right now.")
    if isinstance(exc, ConflictError | LeaseLostError) and exc.other is not None:
        return describe_other_change(exc.other) + " " + QCoreApplication.translate(
            "errors", "Your change was not saved; your text is still in the form.")
    if isinstance(exc, NoteRequiredError):
        return QCoreApplication.translate(
            "errors", "Please write a note: it tells your colleague what the case needs and "
            "is kept in the case events.")
    if isinstance(exc, HandOffRefusedError):
        return _hand_off_refusal(exc)
    if isinstance(exc, LeaseLostError):
        return QCoreApplication.translate(
            "errors",
            "You no longer hold this case (the lease expired or another reviewer took it). "
            "Nothing was saved; your text is still in the form."
        )
    if isinstance(exc, IncompleteDecisionError):
        return QCoreApplication.translate(
            "errors", "The decision is incomplete; see the messages next to the fields."
        )
    if isinstance(exc, ConflictError):
        return QCoreApplication.translate(
            "errors", "Someone else changed this case meanwhile. Reload it and try again."
        )
    if isinstance(exc, PermissionDeniedError):
        return QCoreApplication.translate("errors", "You are not allowed to do this for this case.")
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate("errors", "The item no longer exists.")
    if isinstance(exc, SchemaMismatchError):
        if exc.newer:
            return QCoreApplication.translate(
                "errors",
                "This database was made by a newer version of the app. "
                "Please update the app; the database was not changed."
            )
        return QCoreApplication.translate(
            "errors",
            "This shared database has an older schema. An administrator must run "
            "“reviewer-app db upgrade” on it; the database was not changed."
        )
    if isinstance(exc, DatabaseUnavailableError):
        return QCoreApplication.translate(
            "errors", "The database cannot be reached or opened. No file was changed."
        )
    return QCoreApplication.translate("errors", "The action could not be completed.")


def describe_other_change(other: OtherChange) -> str:
    """One sentence naming who did what and when: "Maria Chen decided … at 14:02 (overturn)."""
    who = other.actor or QCoreApplication.translate("errors", "Someone")
    when = _when(other.at)
    kind = other.kind
    if kind is EventType.DECIDED:
        text = QCoreApplication.translate("errors", "{who} decided this appeal at {when}{what}.")
        what = ""
        if other.detail:
            try:
                what = f" ({labels.outcome(Outcome(other.detail))})"
            except ValueError:
                what = f" ({other.detail})"
        return text.format(who=who, when=when, what=what)
    if kind is EventType.HANDED_OFF:
        return QCoreApplication.translate(
            "errors", "{who} handed this appeal to {to} at {when}."
        ).format(who=who, when=when, to=other.to_actor or "?")
    if kind is EventType.HELD:
        return QCoreApplication.translate(
            "errors", "{who} held this appeal for help at {when}: “{note}”."
        ).format(who=who, when=when, note=other.detail or "")
    if kind is EventType.LEASE_EXPIRED:
        return QCoreApplication.translate(
            "errors", "The lease ran out at {when} and the appeal went back to the queue."
        ).format(when=when)
    simple = {
        EventType.CLAIMED: QCoreApplication.translate(
            "errors", "{who} claimed this appeal at {when}."),
        EventType.RELEASED: QCoreApplication.translate(
            "errors", "{who} released this appeal at {when}."),
        EventType.RESUMED: QCoreApplication.translate(
            "errors", "{who} resumed work on this appeal at {when}."),
        EventType.ESCALATED: QCoreApplication.translate(
            "errors", "{who} escalated this appeal at {when}."),
        EventType.INFO_REQUESTED: QCoreApplication.translate(
            "errors", "{who} requested information on this appeal at {when}."),
    }
    if kind in simple:
        return simple[kind].format(who=who, when=when)
    return QCoreApplication.translate(
        "errors", "{who} changed this appeal at {when} ({event})."
    ).format(who=who, when=when, event=labels.event_type(kind))


def _when(at: datetime) -> str:
    # Today's changes by time of day (the usual case); older ones with their date.
    local = at.astimezone()
    if local.date() == datetime.now(local.tzinfo).date():
        return labels.clock_time(at)
    return labels.date_time(at)


def _hand_off_refusal(exc: HandOffRefusedError) -> str:
    name = exc.colleague
    reasons = {
        HandOffRefusedError.SAME_USER: QCoreApplication.translate(
            "errors", "You already hold this case; choose a colleague to hand it to."),
        HandOffRefusedError.INACTIVE: QCoreApplication.translate(
            "errors", "{name} is not an active user; choose another colleague."),
        "original_decider": QCoreApplication.translate(
            "errors", "{name} made the original enforcement decision and may not review "
            "this appeal."),
        "first_round_reviewer": QCoreApplication.translate(
            "errors", "{name} reviewed the first round of this appeal and may not review "
            "this one."),
        "missing_skill": QCoreApplication.translate(
            "errors", "{name} lacks a language, market or policy skill this appeal needs."),
    }
    text = reasons.get(exc.reason) or QCoreApplication.translate(
        "errors", "{name} cannot take this case.")
    return text.format(name=name) + " " + QCoreApplication.translate(
        "errors", "The case stays with you.")


def show_known_error(parent: QWidget | None, exc: ReviewerError, title: str = "") -> None:
    """A warning box with the translated sentence and the technical detail."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("errors", "Reviewer Workstation"))
    box.setText(describe_error(exc))
    detail = str(exc).strip()
    if detail:
        box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_bug(parent: QWidget | None, exc: BaseException) -> None:
    """The "this is a bug" dialog, with the traceback in the details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "errors",
            "Something went wrong that the app did not expect. It has been written to the "
            "log. Your work in the form is kept; please report this with the details below."
        )
    )
    box.setInformativeText(f"{type(exc).__name__}: {exc}")
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
