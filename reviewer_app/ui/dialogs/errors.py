"""Messages for known errors and the dialog for bugs (with the traceback to copy)."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer_app.domain.errors import (
    ConflictError,
    DatabaseUnavailableError,
    IncompleteDecisionError,
    LeaseLostError,
    NotFoundError,
    NothingToClaimError,
    PermissionDeniedError,
    ReviewerError,
    SchemaMismatchError,
)


# Every message spells out QCoreApplication.translate("errors", ...) so lupdate finds it.
def describe_error(exc: ReviewerError) -> str:
    """A calm, translated sentence for a known error (technical detail kept separately)."""
    if isinstance(exc, NothingToClaimError):
        return QCoreApplication.translate("errors", "There is no appeal you can claim right now.")
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
