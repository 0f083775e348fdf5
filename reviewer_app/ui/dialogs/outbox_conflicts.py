"""Decisions the database refused on replay: copy the text, discard, or claim and try again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import Changes
from reviewer_app.domain.outbox import OutboxEntry
from reviewer_app.services.outbox import OutboxService
from reviewer_app.ui import labels
from reviewer_app.ui.dialogs.errors import describe_error
from reviewer_app.workers.runner import Runner


class OutboxConflictsDialog(QDialog):
    """Lists one user's conflicting outbox entries; each can be discarded or tried again.

    Signals:
        queue_changed(Changes): a retry changed these appeals (the queue refreshes them).
        resolved(): an entry was discarded or applied (the status bar recounts).
    """

    queue_changed = Signal(object)
    resolved = Signal()

    def __init__(self, runner: Runner, outbox: OutboxService, user_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxConflictsDialog")
        self.setWindowTitle(self.tr("Decisions not sent"))
        self._runner = runner
        self._outbox = outbox
        self._user_id = user_id
        self._entries: list[OutboxEntry] = []

        intro = QLabel(self.tr(
            "The database refused these decisions when they were sent from this computer. "
            "Copy the text, discard the decision, or claim the appeal again and resubmit it."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("conflictText")
        self.text_view.setReadOnly(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("conflictStatus")
        self.status_label.setWordWrap(True)

        self.copy_button = QPushButton(self.tr("&Copy text"))
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.retry_button = QPushButton(self.tr("&Try again"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.copy_button, self.discard_button, self.retry_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        detail = QVBoxLayout()
        detail.addWidget(self.problem_label)
        detail.addWidget(self.text_view, 1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(detail, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.resize(760, 420)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.discard_button.clicked.connect(self._on_discard_clicked)
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self._show_entry(None)

    def reload(self) -> None:
        """Read the conflicts again (off the GUI thread)."""
        self._runner.submit(self._outbox.conflicts, self._user_id, on_done=self.set_entries)

    def set_entries(self, entries: tuple[OutboxEntry, ...]) -> None:
        """Show ``entries`` (keeps the selection on the same entry when it is still there)."""
        current = self.current_entry()
        self._entries = list(entries)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(self.tr("{ref} · {outcome}").format(
                ref=entry.appeal_ref or f"#{entry.appeal_id}",
                outcome=labels.outcome(entry.draft.outcome) if entry.draft.outcome else "—"))
            self.list.addItem(item)
        ids = [e.id for e in entries]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        if entries:
            self.list.setCurrentRow(row)
            self.list.setFocus()
        else:
            self._show_entry(None)

    def current_entry(self) -> OutboxEntry | None:
        """The selected entry, if any."""
        row = self.list.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def problem_text(self, entry: OutboxEntry) -> str:
        """Why the database refused ``entry``, in words."""
        texts = {
            "LeaseLostError": self.tr(
                "Your lease ran out, or another reviewer took the appeal, before the "
                "decision reached the database."),
            "ConflictError": self.tr(
                "The appeal changed in the meantime (someone else decided or claimed it)."),
            "PermissionDeniedError": self.tr("You may no longer decide this appeal."),
            "IncompleteDecisionError": self.tr(
                "The database found the decision incomplete (a reason code may have been "
                "retired). Claim the appeal and decide it again."),
        }
        return texts.get(entry.problem, self.tr("The database refused the decision: {detail}")
                         .format(detail=entry.detail or entry.problem))

    def decision_text(self, entry: OutboxEntry) -> str:
        """The decision as plain text, for copying into a new decision."""
        draft = entry.draft
        lines = [
            self.tr("Appeal: {ref}").format(ref=entry.appeal_ref or entry.appeal_id),
            self.tr("Outcome: {outcome}").format(
                outcome=labels.outcome(draft.outcome) if draft.outcome else "—"),
        ]
        if draft.reason_code:
            lines.append(self.tr("Reason code: {code}").format(code=draft.reason_code))
        for title, value in ((self.tr("Rationale"), draft.rationale),
                             (self.tr("What changes"), draft.what_changes),
                             (self.tr("Escalation reason"), draft.escalation_reason),
                             (self.tr("Requested documents"),
                              "\n".join(draft.requested_documents)),
                             (self.tr("Response"), draft.response_text)):
            if value.strip():
                lines += ["", f"{title}:", value]
        return "\n".join(lines)

    # -- handlers ----------------------------------------------------------------------

    def _show_entry(self, entry: OutboxEntry | None) -> None:
        for button in (self.copy_button, self.discard_button, self.retry_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.problem_label.setText(self.tr("No decisions are waiting for you."))
            self.text_view.clear()
            return
        self.problem_label.setText(self.problem_text(entry))
        self.text_view.setPlainText(self.decision_text(entry))

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show_entry(self.current_entry())

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text_view.toPlainText())
        self.status_label.setText(self.tr("The decision text is on the clipboard."))

    def _on_discard_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self._runner.submit(self._outbox.discard, entry.id, write=True,
                            on_done=lambda _r: self._after_change(
                                self.tr("Discarded the decision on {ref}.").format(
                                    ref=entry.appeal_ref or entry.appeal_id)),
                            on_error=self._on_action_failed)

    def _on_retry_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self.status_label.setText(self.tr("Claiming {ref} again and resubmitting…").format(
            ref=entry.appeal_ref or entry.appeal_id))

        def done(changes: Changes) -> None:
            self.queue_changed.emit(changes)
            self._after_change(self.tr("The decision on {ref} is now in the database.")
                               .format(ref=entry.appeal_ref or entry.appeal_id))

        self._runner.submit(self._outbox.retry, entry.id, write=True, on_done=done,
                            on_error=self._on_action_failed)

    def _on_action_failed(self, exc: ReviewerError) -> None:
        self.status_label.setText(describe_error(exc))
        self.reload()

    def _after_change(self, text: str) -> None:
        self.status_label.setText(text)
        self.resolved.emit()
        self.reload()
