"""File → Import appeals… in the workstation: choose a file, watch it import, see the result.

The import runs on the write lane with a progress dialog whose Cancel stops it between
batches (batches already written stay; importing the file again completes it). The outcome
goes to the message banner, so nothing modal interrupts the work that continues meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.imports import ImportResult, ImportService
from reviewer_app.ui.dialogs.import_file_chooser import choose_import_file
from reviewer_app.ui.widgets.banner import MessageBanner
from reviewer_app.workers.progress import Cancelled, ProgressRelay
from reviewer_app.workers.runner import Runner


class ImportController(QObject):
    """Runs one import at a time from the main window.

    Signals:
        imported: the import wrote something (the queue should reload).
    """

    imported = Signal()

    def __init__(self, runner: Runner, imports: ImportService, banner: MessageBanner,
                 window: QWidget) -> None:
        super().__init__(window)
        self._runner, self._imports, self._banner, self._window = runner, imports, banner, window
        self.progress: QProgressDialog | None = None

    def choose_and_import(self) -> None:
        """Ask for a file (its type may name the encoding), then import it."""
        if self.progress is not None:
            return  # one import at a time
        chosen = choose_import_file(self._window, self.tr("Import appeals"))
        if chosen is not None:
            self.import_file(*chosen)

    def import_file(self, source: Path, encoding: str = "auto") -> None:
        """Import ``source`` with a progress dialog; the result goes to the banner."""
        relay = ProgressRelay(self)
        progress = QProgressDialog(self.tr("Importing {name}…").format(name=source.name),
                                   self.tr("Cancel"), 0, 0, self._window)
        progress.setWindowTitle(self.tr("Import appeals"))
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(lambda: setattr(relay, "cancelled", True))
        relay.progressed.connect(lambda done, total: (progress.setMaximum(total),
                                                      progress.setValue(done)))
        self.progress = progress
        progress.show()
        self._runner.submit(self._imports.import_file, source, relay.report, encoding,
                            write=True,
                            on_done=lambda result: self._on_done(source, result),
                            on_error=self._on_error, on_finally=self._close_progress)

    def _close_progress(self) -> None:
        if self.progress is not None:
            # reset() hides the dialog only with autoClose, which is off so that the
            # bar stays up between batches; close it now rather than at deletion.
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, source: Path, result: ImportResult) -> None:
        counts = result.summary.counts()
        text = self.tr("{name}: read {read} rows — {imported} imported, {updated} updated, "
                       "{unchanged} unchanged, {rejected} rejected.").format(
            name=source.name, **counts)
        if result.errors_file is not None:
            text += " " + self.tr("The rejected rows and why: {path}").format(
                path=result.errors_file)
        self._banner.show_message(text, "warning" if result.errors_file else "info")
        if counts["imported"] or counts["updated"]:
            self.imported.emit()

    def _on_error(self, exc: ReviewerError) -> None:
        if isinstance(exc, Cancelled):
            self._banner.show_message(self.tr(
                "The import was cancelled. Batches finished before cancelling were kept; "
                "import the file again to complete it."), "warning")
            self.imported.emit()
            return
        self._banner.show_message(
            self.tr("This file cannot be imported; nothing was written: {reason}").format(
                reason=exc), "warning")
