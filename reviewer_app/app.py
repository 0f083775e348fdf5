"""Composition root: config → database → services → runner → main window (no globals)."""

from __future__ import annotations

import getpass
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from reviewer_app import config
from reviewer_app.config import Config, load_config
from reviewer_app.data.db import Database
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.domain.models import User
from reviewer_app.log import setup_logging
from reviewer_app.services.guidance import GuidanceService
from reviewer_app.services.handoff import HandOffService
from reviewer_app.services.importer import (
    ImportFileError,
    ImportSummary,
    import_appeals,
    write_errors,
)
from reviewer_app.services.queue import QueueService
from reviewer_app.services.review import ReviewService
from reviewer_app.services.users import UserService
from reviewer_app.services.workspace import open_workspace, safe_url, workspace_state
from reviewer_app.ui.activity import ActivityMonitor
from reviewer_app.ui.dialogs.errors import show_bug, show_known_error
from reviewer_app.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog
from reviewer_app.ui.gc_guard import GuiThreadCollector
from reviewer_app.ui.i18n import install_translators
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.theme import apply_theme
from reviewer_app.workers.ops import Services
from reviewer_app.workers.progress import Cancelled, ProgressRelay
from reviewer_app.workers.runner import Runner

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DATABASE = 2
TEAM_URL_KEY = "database/team_url"
LAST_USER_KEY = "session/last_user_id"
DEMO_APPEALS = 2000
DEMO_SEED = 7


def build_services(db: Database, cfg: Config) -> Services:
    """The use cases, all on one database."""
    return Services(
        queue=QueueService(db, lease_minutes=cfg.lease_minutes, at_risk_hours=cfg.at_risk_hours),
        review=ReviewService(db),
        guidance=GuidanceService(db),
        users=UserService(db),
        handoff=HandOffService(db, lease_minutes=cfg.lease_minutes, hold_hours=cfg.hold_hours),
    )


def build_main_window(
    runner: Runner, services: Services, user: User, cfg: Config, app: QApplication
) -> MainWindow:
    """The main window for ``user``, with the active-time meter fed by app events."""
    meter = HandleTimeMeter(cfg.idle_seconds)
    window = MainWindow(
        runner, services, user, database_label=safe_url(cfg.db_url), meter=meter,
        at_risk_hours=cfg.at_risk_hours,
    )
    window.activity = ActivityMonitor(meter, app)  # type: ignore[attr-defined]
    return window


class Workstation(QObject):
    """Opens the database off the GUI thread and walks through first run, sign-in, window.

    ``finished(int)`` asks the caller to end the event loop with that exit code; a known
    database failure ends with ``EXIT_DATABASE`` after a clear message, no file altered.
    """

    finished = Signal(int)
    window_shown = Signal(object)

    def __init__(self, app: QApplication, cfg: Config, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.cfg = cfg
        self.runner = Runner(self)
        self.db: Database | None = None
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self.runner.bug_found.connect(self._on_runner_bug_found)

    def begin(self) -> None:
        """Open the configured database (asynchronously)."""
        self._open(self.cfg.db_url)

    def close(self) -> None:
        """Wait for running work and close the database."""
        self.runner.shutdown()
        if self.db is not None:
            self.db.dispose()
            self.db = None

    # -- steps ---------------------------------------------------------------------------

    def _open(self, url: str) -> None:
        self.cfg = load_config(url) if url != self.cfg.db_url else self.cfg
        embedded = url.startswith("sqlite")
        log.info("opening %s (embedded=%s)", safe_url(url), embedded)
        self.runner.submit(
            _open_and_inspect, url, embedded,
            on_done=self._on_opened, on_error=self._on_open_failed,
        )

    def _on_open_failed(self, exc: ReviewerError) -> None:
        show_known_error(None, exc, self.tr("Cannot open the database"))
        self.finished.emit(EXIT_DATABASE)

    def _on_opened(self, result: tuple[Database, bool]) -> None:
        db, empty = result
        if self.db is not None:
            self.db.dispose()
        self.db = db
        self.services = build_services(db, self.cfg)
        if empty:
            self._first_run()
        else:
            self.runner.submit(self.services.users.list_users, on_done=self._on_users,
                               on_error=self._on_open_failed)

    def _first_run(self) -> None:
        dialog = FirstRunDialog(safe_url(self.cfg.db_url))
        dialog.exec()
        if dialog.choice is FirstRunChoice.CONNECT:
            QSettings().setValue(TEAM_URL_KEY, dialog.team_url())
            self._open(dialog.team_url())
        elif dialog.choice is FirstRunChoice.DEMO:
            self._make_demo()
        elif dialog.choice is FirstRunChoice.IMPORT:
            self._import(Path(dialog.import_path))
        else:
            self.finished.emit(EXIT_OK)

    def _make_demo(self) -> None:
        relay = ProgressRelay(self)
        progress = QProgressDialog(
            self.tr("Generating the demo database…"), self.tr("Cancel"), 0, DEMO_APPEALS
        )
        progress.setWindowTitle(self.tr("Demo"))
        progress.setMinimumDuration(0)
        progress.canceled.connect(lambda: setattr(relay, "cancelled", True))
        relay.progressed.connect(lambda done, total: (progress.setMaximum(total),
                                                      progress.setValue(done)))
        url = config.demo_db_url()

        def done(_result: object) -> None:
            progress.reset()
            progress.deleteLater()
            self._open(url)

        def failed(exc: ReviewerError) -> None:
            progress.reset()
            progress.deleteLater()
            show_known_error(None, exc, self.tr("Demo"))
            self._first_run()

        progress.show()
        self.runner.submit(_make_demo_database, url, relay.report, write=True,
                           on_done=done, on_error=failed)

    def _import(self, source: Path) -> None:
        """Import ``source`` into the open (empty) database, then sign in as after the demo."""
        assert self.db is not None
        relay = ProgressRelay(self)
        progress = QProgressDialog(self.tr("Importing appeals…"), self.tr("Cancel"), 0, 0)
        progress.setWindowTitle(self.tr("Import appeals"))
        progress.setMinimumDuration(0)
        progress.canceled.connect(lambda: setattr(relay, "cancelled", True))
        relay.progressed.connect(lambda done, total: (progress.setMaximum(total),
                                                      progress.setValue(done)))
        errors = source.with_name(f"{source.stem}-errors.csv")

        def close_progress() -> None:
            progress.reset()
            progress.deleteLater()

        def done(result: tuple[ImportSummary, Path | None]) -> None:
            close_progress()
            summary, written = result
            self._show_import_summary(summary, written)
            if summary.imported or summary.updated or summary.unchanged:
                self._open(self.cfg.db_url)
            else:
                self._first_run()

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
            self._open(self.cfg.db_url)  # empty again -> first run; partly imported -> sign in

        progress.show()
        self.runner.submit(_import_file, self.db, source, errors, relay.report, write=True,
                           on_done=done, on_error=failed)

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

    def _on_users(self, users: tuple[User, ...]) -> None:
        if not users:
            QMessageBox.warning(None, self.tr("No users"), self.tr(
                "This database has appeals but no users to sign in as. Ask an administrator "
                "to add your account."))
            self.finished.emit(EXIT_DATABASE)
            return
        settings = QSettings()
        last = settings.value(LAST_USER_KEY)
        chooser = UserChooserDialog(users, int(last) if last is not None else None)
        if chooser.exec() != UserChooserDialog.DialogCode.Accepted or not chooser.chosen_user():
            self.finished.emit(EXIT_OK)
            return
        user = chooser.chosen_user()
        assert user is not None
        settings.setValue(LAST_USER_KEY, user.id)
        self.show_window(user)

    def show_window(self, user: User) -> MainWindow:
        """Build and show the main window for ``user`` (the database must be open)."""
        assert self.services is not None
        self.window = build_main_window(self.runner, self.services, user, self.cfg, self.app)
        self.window.show()
        # Dialogs before the window must not end the app; from now on closing it does.
        self.app.setQuitOnLastWindowClosed(True)
        self.window.start()
        self.window_shown.emit(self.window)
        return self.window

    def _on_runner_bug_found(self, exc: BaseException) -> None:
        if self.window is None:  # the window shows its own bugs once it exists
            show_bug(None, exc)


def _open_and_inspect(url: str, embedded: bool) -> tuple[Database, bool]:
    """Worker side: open (and on SQLite migrate) the database and check if it is empty."""
    db = open_workspace(url, embedded=embedded)
    try:
        empty = workspace_state(db).is_empty
    except BaseException:
        db.dispose()
        raise
    return db, empty


def _make_demo_database(url: str, progress: Callable[[int, int], None]) -> object:
    """Worker side: fill the separate demo database."""
    from reviewer_app.services.demo import ensure_demo_database

    return ensure_demo_database(
        url, appeals=DEMO_APPEALS, seed=DEMO_SEED, now=datetime.now(UTC), progress=progress
    )


def _import_file(
    db: Database, source: Path, errors: Path, progress: Callable[[int, int], None]
) -> tuple[ImportSummary, Path | None]:
    """Worker side: import ``source``; rejected rows go to ``errors`` (else the data folder).

    When the database has no users, the OS login becomes its admin so it can be signed in to.
    """
    summary = import_appeals(db, source, now=datetime.now(UTC), admin_login=_os_login(),
                             progress=progress)
    if not summary.problems:
        return summary, None
    try:
        write_errors(errors, summary)
    except OSError:  # e.g. a read-only folder: keep the list in our own data folder
        errors = config.data_dir() / errors.name
        errors.parent.mkdir(parents=True, exist_ok=True)
        write_errors(errors, summary)
    return summary, errors


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return "admin"


def _resolve_url(db_url: str | None, demo: bool) -> str:
    if demo:
        return db_url or config.demo_db_url()
    if db_url and db_url != config.default_db_url():
        return db_url
    # The team database chosen on the first-run screen is reopened on the next start.
    team = QSettings().value(TEAM_URL_KEY)
    return str(team) if team else (db_url or load_config(None).db_url)


def _install_excepthook(app: QApplication) -> None:
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("Unhandled exception", exc_info=(kind, exc, tb))
        if isinstance(exc, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        parent = app.activeWindow()
        show_bug(parent if isinstance(parent, QWidget) else None, exc)

    sys.excepthook = hook


def prepare_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, translations and fonts (reuses an existing one)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(config.ORG_NAME)
    app.setApplicationName(config.APP_NAME)
    app.setApplicationDisplayName(QApplication.translate("app", "Reviewer Workstation"))
    install_translators(app)
    apply_theme(app)
    return app


def run_gui(db_url: str | None, *, demo: bool = False) -> int:
    """Start the workstation on ``db_url`` (or the saved/default one); returns the exit code."""
    app = prepare_application()
    setup_logging(config.data_dir())
    _install_excepthook(app)
    cfg = load_config(_resolve_url(db_url, demo))
    app.setQuitOnLastWindowClosed(False)  # start-up dialogs come and go before the window
    collector = GuiThreadCollector(app)
    station = Workstation(app, cfg)
    code: dict[str, Any] = {}

    def finish(exit_code: int) -> None:
        code["value"] = exit_code
        app.exit(exit_code)

    station.finished.connect(finish)
    QTimer.singleShot(0, station.begin)
    result = app.exec()
    station.close()
    collector.stop()
    return int(code.get("value", result))
