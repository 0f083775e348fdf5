"""Composition root: config → database → services → runner → main window (no globals)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reviewer_app import config
from reviewer_app.config import Config, load_config
from reviewer_app.data.db import Database
from reviewer_app.data.outbox_store import FILE_NAME as OUTBOX_FILE
from reviewer_app.data.outbox_store import OutboxStore
from reviewer_app.domain.connection import ConnectionProfile, hide_password, profile_from_url
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.handle_time import HandleTimeMeter
from reviewer_app.domain.models import User
from reviewer_app.first_run_tasks import FirstRunTasks
from reviewer_app.log import setup_logging
from reviewer_app.services.calibration import CalibrationService
from reviewer_app.services.credentials import CredentialStore
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
from reviewer_app.services.workspace import open_workspace, safe_url, workspace_state
from reviewer_app.ui.activity import ActivityMonitor
from reviewer_app.ui.connection_settings import load_profile, save_profile
from reviewer_app.ui.dialogs.errors import show_bug, show_known_error
from reviewer_app.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog
from reviewer_app.ui.dialogs.user_chooser import UserChooserDialog
from reviewer_app.ui.gc_guard import GuiThreadCollector
from reviewer_app.ui.i18n import install_translators
from reviewer_app.ui.live_sync import LiveSync
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.team_connector import TeamConnector
from reviewer_app.ui.theme import apply_theme
from reviewer_app.workers.change_watcher import ChangeWatcher
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DATABASE = 2
TEAM_URL_KEY = "database/team_url"
LAST_USER_KEY = "session/last_user_id"


def build_services(db: Database, cfg: Config) -> Services:
    """The use cases, all on one database; decisions go through the local outbox file."""
    queue = QueueService(db, lease_minutes=cfg.lease_minutes, at_risk_hours=cfg.at_risk_hours)
    review = ReviewService(db)
    return Services(
        queue=queue,
        review=review,
        guidance=GuidanceService(db),
        users=UserService(db),
        handoff=HandOffService(db, lease_minutes=cfg.lease_minutes, hold_hours=cfg.hold_hours),
        presence=PresenceService(db),
        change_feed=lambda: ChangeFeedReader(db),
        outbox=OutboxService(OutboxStore(config.data_dir() / OUTBOX_FILE), db, review, queue),
        qa=QaService(db),
        calibration=CalibrationService(db),
        golden=GoldenService(db),
        dashboards=DashboardService(db),
        workforce=WorkforceService(db),
        imports=ImportService(db, fallback_dir=config.data_dir()),
        reports=ReportService(db),
        team_reviewers=TeamReviewersService(db),
        team_dashboard=TeamDashboardService(db, at_risk_hours=cfg.at_risk_hours),
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
    if services.change_feed is not None:
        live = LiveSync(
            runner, services, ChangeWatcher(services.change_feed()), user=user,
            flow=window.flow, queue_panel=window.queue_panel, case_panel=window.case_panel,
            window=window, banner=window.banner,
        )
        live.start()  # before the queue loads, so a change made meanwhile is not missed
        window.live_sync = live  # type: ignore[attr-defined]
    return window


class Workstation(QObject):
    """Opens the database off the GUI thread and walks through first run, sign-in, window.

    ``finished(int)`` asks the caller to end the event loop with that exit code; a known
    database failure ends with ``EXIT_DATABASE`` after a clear message, no file altered.
    """

    finished = Signal(int)
    window_shown = Signal(object)

    def __init__(
        self,
        app: QApplication,
        cfg: Config,
        parent: QObject | None = None,
        *,
        profile: ConnectionProfile | None = None,
        password: str = "",
        credentials: CredentialStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.cfg = cfg
        self.profile = profile  # the saved team database, opened with the keyring password
        self._password = password  # only from an old saved address; moved to the keyring
        self.runner = Runner(self)
        self.team = TeamConnector(
            self.runner, self._open, credentials=credentials, window=lambda: self.window,
            forget_typed_url=lambda: QSettings().remove(TEAM_URL_KEY), parent=self,
        )
        self.first_run_tasks = FirstRunTasks(self.runner, open_database=self._open,
                                             back=self._first_run, parent=self)
        self.db: Database | None = None
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self._retired: list[MainWindow] = []
        self.runner.bug_found.connect(self._on_runner_bug_found)

    def begin(self) -> None:
        """Open the configured database, or the saved team profile (asynchronously)."""
        if self.profile is not None:
            self.team.connect(self.profile, ask=False, password=self._password,
                              on_cancel=self._quit)
        else:
            self._open(self.cfg.db_url)

    def close(self) -> None:
        """Stop live updates, wait for running work and close the database."""
        live = getattr(self.window, "live_sync", None)
        if live is not None:
            live.stop()
        self.runner.shutdown()
        if self.db is not None:
            self.db.dispose()
            self.db = None

    # -- steps ---------------------------------------------------------------------------

    def _open(self, url: str, on_error: Callable[[ReviewerError], None] | None = None) -> None:
        self.cfg = load_config(url) if url != self.cfg.db_url else self.cfg
        embedded = url.startswith("sqlite")
        log.info("opening %s (embedded=%s)", safe_url(url), embedded)
        self.runner.submit(
            _open_and_inspect, url, embedded,
            on_done=self._on_opened, on_error=on_error or self._on_open_failed,
        )

    def _on_open_failed(self, exc: ReviewerError) -> None:
        show_known_error(self.window, exc, self.tr("Cannot open the database"))
        if self.window is None:  # a failed switch keeps the workstation on the old database
            self.finished.emit(EXIT_DATABASE)

    def _quit(self) -> None:
        self.finished.emit(EXIT_OK)

    def _on_opened(self, result: tuple[Database, bool]) -> None:
        db, empty = result
        self._retire_window()
        if self.db is not None:
            # On the write lane: after writes still queued for the old database (such as
            # releasing the case the old window had open).
            self.runner.submit(self.db.dispose, write=True)
        self.db = db
        self.services = build_services(db, self.cfg)
        if empty:
            self._first_run()
        else:
            self.runner.submit(self.services.users.signed_in_user, on_done=self._on_signed_in,
                               on_error=self._on_open_failed)

    def _on_signed_in(self, user: User | None) -> None:
        """Open the window of the signed-in database user, or offer the user chooser.

        A PostgreSQL login that is an app user is that user (row security would refuse
        anyone else's work anyway). On SQLite, or for a role without a users row such as
        ``postgres``, the person chooses who they are.
        """
        if user is not None:
            self.show_window(user)
            return
        assert self.services is not None
        self.runner.submit(self.services.users.list_users, on_done=self._on_users,
                           on_error=self._on_open_failed)

    def _first_run(self) -> None:
        dialog = FirstRunDialog(safe_url(self.cfg.db_url))
        dialog.exec()
        if dialog.choice is FirstRunChoice.CONNECT:
            self._first_run_connect(dialog.team_url())
        elif dialog.choice is FirstRunChoice.DEMO:
            self.first_run_tasks.make_demo()
        elif dialog.choice is FirstRunChoice.IMPORT:
            assert self.db is not None
            self.first_run_tasks.import_file(self.db, self.cfg.db_url, Path(dialog.import_path),
                                             dialog.import_encoding)
        else:
            self.finished.emit(EXIT_OK)

    def _first_run_connect(self, typed: str) -> None:
        parsed = profile_from_url(typed) if typed else None
        if typed and parsed is None:  # e.g. an SQLite file: open it as it is
            if hide_password(typed) == typed:  # a URL with a password is never stored
                QSettings().setValue(TEAM_URL_KEY, typed)
            self._open(typed)
            return
        profile, password = parsed if parsed else (None, "")
        self.team.connect(profile, ask=True, password=password, on_cancel=self._first_run)

    def _on_window_connect_requested(self) -> None:
        self.team.connect(self.team.profile or load_profile(), ask=True)

    def _retire_window(self) -> None:
        """Close the window of the previous database; the next sign-in makes a new one."""
        old, self.window = self.window, None
        if old is None:
            return
        self.app.setQuitOnLastWindowClosed(False)  # closing it must not end the app
        live = getattr(old, "live_sync", None)  # the change-feed watcher of the old database
        if live is not None:
            live.stop()
        old.close()  # saves the layout and gives back the open case (on the old database)
        for timer in old.findChildren(QTimer):
            timer.stop()  # no more renewals or refreshes against the old database
        activity = getattr(old, "activity", None)
        if activity is not None:
            self.app.removeEventFilter(activity)
        self.runner.known_error.disconnect(old._on_runner_known_error)
        self.runner.bug_found.disconnect(old._on_runner_bug_found)
        # Kept alive until the end: answers to its last requests may still arrive.
        self._retired.append(old)

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
        self.window.connect_requested.connect(self._on_window_connect_requested)
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


def _saved_profile(db_url: str | None, demo: bool) -> tuple[ConnectionProfile, str] | None:
    """The team profile to open at start-up (and a password to move to the keyring).

    None when a database was named explicitly or no team database was chosen before.
    """
    if demo or (db_url and db_url != config.default_db_url()):
        return None
    profile = load_profile()
    if profile is not None:
        return profile, ""
    # Before the connection form, the address typed on the first-run screen was saved as
    # it was, password included: turn it into a profile, move the password to the keyring
    # (see TeamConnector.connect) and remove the address from the settings.
    settings = QSettings()
    team = settings.value(TEAM_URL_KEY)
    parsed = profile_from_url(str(team)) if team else None
    if parsed is None:
        return None
    save_profile(parsed[0], remember=True)
    settings.remove(TEAM_URL_KEY)
    return parsed


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
    saved = _saved_profile(db_url, demo)
    profile, password = saved if saved else (None, "")
    cfg = load_config(profile.url() if profile else _resolve_url(db_url, demo))
    app.setQuitOnLastWindowClosed(False)  # start-up dialogs come and go before the window
    collector = GuiThreadCollector(app)
    station = Workstation(app, cfg, profile=profile, password=password)
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
