"""Every action of the main window with its shortcut; the F1 sheet is generated from here."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True, slots=True)
class ExtraShortcut:
    """A key handled by a panel rather than a window action, listed on the shortcut sheet."""

    group: str
    text: str
    keys: str


class AppActions(QObject):
    """Creates the window's actions; the main window connects their ``triggered``.

    Outcome keys Alt+1..Alt+6 belong to the decision panel (mnemonics on its radio
    buttons); they are listed on the sheet through ``extra_shortcuts``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: dict[QAction, str] = {}
        work, nav, view = self.tr("Work"), self.tr("Navigate"), self.tr("Application")
        self.claim_next = self._make("claimNext", self.tr("Claim next appeal"), "Ctrl+N", work)
        self.submit = self._make(
            "submitAndNext", self.tr("Submit decision and claim next"), "Ctrl+Return", work,
            extra=("Ctrl+Enter",),
        )
        self.release = self._make(
            "releaseCase", self.tr("Release / skip case…"), "Ctrl+Shift+R", work
        )
        self.open_selected = self._make(
            "openSelected", self.tr("Claim the selected appeal"), "Ctrl+O", work
        )
        self.hold = self._make(
            "holdForHelp", self.tr("Hold for help / resume…"), "Ctrl+Shift+H", work
        )
        self.hand_off = self._make(
            "handOff", self.tr("Hand off to a colleague…"), "Ctrl+Shift+O", work
        )
        self.held_cases = self._make(
            "heldCases", self.tr("Cases held by me…"), "Ctrl+Shift+M", work
        )
        self.keep_working = self._make(
            "keepWorking", self.tr("Keep working (renew the lease now)"), "Ctrl+Shift+K", work
        )
        self.unsent_decisions = self._make(
            "outboxConflictsAction", self.tr("Decisions not sent…"), "Ctrl+Shift+U", work
        )
        self.focus_queue = self._make("focusQueue", self.tr("Focus the queue"), "Ctrl+1", nav)
        self.focus_case = self._make("focusCase", self.tr("Focus the case"), "Ctrl+2", nav)
        self.focus_sop = self._make("focusSop", self.tr("Focus the SOP"), "Ctrl+3", nav)
        self.focus_decision = self._make(
            "focusDecision", self.tr("Focus the decision form"), "Ctrl+4", nav
        )
        self.queue_search = self._make(
            "queueSearch", self.tr("Search the queue"), "Ctrl+F", nav
        )
        self.sop_search = self._make("sopSearch", self.tr("Search the SOPs"), "Ctrl+K", nav)
        self.refresh = self._make("refresh", self.tr("Refresh the queue"), "F5", nav)
        self.jump_last = self._make(
            "jumpLast", self.tr("Jump to the last page of the queue"), "Ctrl+End", nav
        )
        self.shortcuts = self._make(
            "shortcutSheet", self.tr("Keyboard shortcuts"), "F1", view
        )
        self.connect_database = self._make(
            "connectDatabase", self.tr("Connect to team database…"), "Ctrl+Shift+D", view
        )
        self.dashboard = self._make(
            "myDashboard", self.tr("My dashboard…"), "Ctrl+Shift+G", view
        )
        self.import_appeals = self._make(
            "importAppeals", self.tr("Import appeals…"), "Ctrl+Shift+I", work
        )
        self.team_dashboard = self._make(
            "teamDashboard", self.tr("Team dashboard…"), "Ctrl+Shift+L", view
        )
        self.quality = self._make(
            "qualityAssurance", self.tr("Quality assurance…"), "Ctrl+Shift+Q", view
        )
        self.quit = self._make("quit", self.tr("Quit"), "Ctrl+Q", view)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

    def _make(
        self, name: str, text: str, key: str, group: str, *, extra: tuple[str, ...] = ()
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(key), *(QKeySequence(k) for k in extra)])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # A held key must not claim, submit or release again and again: every action here
        # changes work or moves the view once per press.
        action.setAutoRepeat(False)
        native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({native})")
        self.groups[action] = group
        return action

    def all(self) -> list[QAction]:
        """Every action, in menu order."""
        return list(self.groups)

    def extra_shortcuts(self) -> list[ExtraShortcut]:
        """Keys owned by panels, shown on the shortcut sheet beside the actions."""
        decide = self.tr("Decide")
        return [
            ExtraShortcut(decide, self.tr("Choose an outcome (1 to 6)"), "Alt+1 … Alt+6"),
            ExtraShortcut(decide, self.tr("Next field / previous field"), "Tab / Shift+Tab"),
            ExtraShortcut(self.tr("Navigate"), self.tr("Claim the highlighted appeal"), "Enter"),
        ]
