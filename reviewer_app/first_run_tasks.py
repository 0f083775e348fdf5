"""First-run tasks: generate the demo database, or import appeals into the empty one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from reviewer_app import config
from reviewer_app.data.db import Database
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.demo_arrivals import DEMO_APPEALS, DEMO_SEED
from reviewer_app.services.importer import ImportFileError, ImportSummary
from reviewer_app.services.imports import ImportResult, ImportService
from reviewer_app.ui.dialogs.errors import show_known_error
from reviewer_app.workers.progress import Cancelled, ProgressRelay
from reviewer_app.workers.runner import Runner


class FirstRunTasks(QObject):
    """The long tasks the first-run screen offers, run on the write lane with progress.

    Each ends by calling ``open_database`` with the database to open next, or ``back`` to
    show the first-run screen again.
    """

    def __init__(
        self,
        runner: Runner,
        *,
        open_database: Callable[[str], None],
        back: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._open = open_database
        self._back = back

    def make_demo(self) -> None:
        """Generate the separate demo database, then open it."""
        relay, progress = self._progress(
            self.tr("Generating the demo database…"), self.tr("Demo"), DEMO_APPEALS)
        url = config.demo_db_url()

        def done(_result: object) -> None:
            progress.reset()
            progress.deleteLater()
            self._open(url)

        def failed(exc: ReviewerError) -> None:
            progress.reset()
            progress.deleteLater()
            show_known_error(None, exc, self.tr("Demo"))
            self._back()

        progress.show()
        self.runner.submit(_make_demo_database, url, relay.report, write=True,
                           on_done=done, on_error=failed)

    def import_file(self, db: Database, url: str, source: Path, encoding: str = "auto") -> None:
        """Import ``source`` (read as ``encoding``, "auto" to detect it) into the open (empty)
        database ``db`` at ``url``, then reopen it.

        Reopening signs in as after the demo; with nothing imported, back to the first run.
        """
        relay, progress = self._progress(
            self.tr("Importing appeals…"), self.tr("Import appeals"), 0)

        def close_progress() -> None:
            progress.reset()
            progress.deleteLater()

        def done(result: ImportResult) -> None:
            close_progress()
            summary = result.summary
            self._show_import_summary(summary, result.errors_file)
            if summary.imported or summary.updated or summary.unchanged:
                self._open(url)
            else:
                self._back()

        def failed(exc: ReviewerError) -> None:
            close_progress()
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import appeals"), "")
            if isinstance(exc, Cancelled):
                box.setText(self.tr("The import was cancelled. Batches finished before "
                                    "cancelling were kept."))
            elif isinstance(exc, ImportFileError):
                box.setText(self.tr("This file cannot be imported; nothing was written."))
                box.setInformativeText(str(exc))
            else:
                box.setText(self.tr("The import failed."))
                box.setInformativeText(str(exc))
            box.exec()
            self._open(url)  # empty again -> first run; partly imported -> sign in

        progress.show()
        self.runner.submit(_import_file, db, source, relay.report, encoding, write=True,
                           on_done=done, on_error=failed)

    def _progress(self, label: str, title: str, maximum: int
                  ) -> tuple[ProgressRelay, QProgressDialog]:
        """A progress dialog fed by a new relay, whose Cancel asks the task to stop."""
        relay = ProgressRelay(self)
        progress = QProgressDialog(label, self.tr("Cancel"), 0, maximum)
        progress.setWindowTitle(title)
        progress.setMinimumDuration(0)
        progress.canceled.connect(lambda: setattr(relay, "cancelled", True))
        relay.progressed.connect(lambda done, total: (progress.setMaximum(total),
                                                      progress.setValue(done)))
        return relay, progress

    def _show_import_summary(self, summary: ImportSummary, errors: Path | None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import appeals"), self.tr(
            "Read {read} rows: {imported} imported, {updated} updated, {unchanged} unchanged, "
            "{rejected} rejected."
        ).format(**summary.counts()))
        if errors is not None:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setInformativeText(
                self.tr("The rejected rows and the reasons are in {path}").format(path=errors)
            )
        box.exec()


def _make_demo_database(url: str, progress: Callable[[int, int], None]) -> object:
    """Worker side: fill the separate demo database."""
    from reviewer_app.services.demo import ensure_demo_database

    return ensure_demo_database(
        url, appeals=DEMO_APPEALS, seed=DEMO_SEED, now=datetime.now(UTC), progress=progress
    )


def _import_file(
    db: Database, source: Path, progress: Callable[[int, int], None], encoding: str
) -> ImportResult:
    """Worker side: import ``source``; rejected rows go beside it (else the data folder)."""
    return ImportService(db, fallback_dir=config.data_dir()).import_file(source, progress,
                                                                        encoding)
