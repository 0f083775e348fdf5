"""CasePanel: header with live SLA countdown and the case's sections in tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.models import CaseDetail
from reviewer_app.ui.case.appellant import AppellantSection
from reviewer_app.ui.case.enforcement import EnforcementSection
from reviewer_app.ui.case.header import CaseHeader
from reviewer_app.ui.case.history import EventLogSection, HistorySection
from reviewer_app.ui.case.viewers import ViewersLabel
from reviewer_app.ui.case.widgets import plain_label


class CasePanel(QWidget):
    """Read-only view of one appeal; a pure view fed with a ``CaseDetail``.

    Args:
        parent: Owning widget.
        clock: Source of "now" for the SLA countdown (tests inject a fake one).
        at_risk_hours: Remaining time under which the SLA counts as at risk.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        at_risk_hours: float = 4.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CasePanel")
        self._case: CaseDetail | None = None

        self.header = CaseHeader(self, clock=clock, at_risk_hours=at_risk_hours)
        self.viewers = ViewersLabel(self)
        self.enforcement_section = EnforcementSection(self)
        self.appellant_section = AppellantSection(self)
        self.history_section = HistorySection(self)
        self.events_section = EventLogSection(self)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.enforcement_section, self.tr("Enforcement"))
        self.tabs.addTab(self.appellant_section, self.tr("Statement"))
        self.tabs.addTab(self.history_section, self.tr("History"))
        self.tabs.addTab(self.events_section, self.tr("Events"))

        case_page = QWidget(self)
        case_layout = QVBoxLayout(case_page)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.addWidget(self.header)
        case_layout.addWidget(self.viewers)
        case_layout.addWidget(self.tabs, 1)

        # The first thing a newcomer sees here: how to start, from the keyboard.
        self.empty_label = plain_label(self.tr(
            "No case open.\n\n"
            "Ctrl+N claims the most urgent appeal you can work.\n"
            "Enter or Ctrl+O in the queue claims the selected one.\n"
            "F1 lists every shortcut."), wrap=True)
        self.empty_label.setObjectName("caseEmptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(case_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def show_case(self, case: CaseDetail) -> None:
        """Show ``case``; the SLA countdown starts ticking."""
        same_case = self._case is not None and self._case.appeal_id == case.appeal_id
        if not same_case:
            self.viewers.clear_viewers()  # the previous case's viewers are not this one's
        self._case = case
        self.header.show_case(case)
        self.enforcement_section.show_enforcement(case.enforcement)
        self.appellant_section.show_case(case)
        self.history_section.show_case(case)
        self.events_section.show_events(case.events)
        self.tabs.setTabText(
            2, self.tr("History (%1)").replace(
                "%1", str(len(case.prior_enforcements) + len(case.related_appeals))
            )
        )
        if not same_case:
            # A refresh of the same case keeps the reviewer's place; a new case starts over.
            self.tabs.setCurrentIndex(0)
        self._stack.setCurrentIndex(1)

    def update_live(self, case: CaseDetail) -> None:
        """Someone else changed the case on display: new header and event log, place kept."""
        if self._case is None or self._case.appeal_id != case.appeal_id:
            return  # another case is open by now
        self._case = case
        self.header.show_case(case)
        self.events_section.show_events(case.events)

    def clear(self) -> None:
        """Show the empty state and stop the countdown."""
        self._case = None
        self.header.clear()
        self.viewers.clear_viewers()
        self.enforcement_section.clear()
        self.appellant_section.clear()
        self.history_section.clear()
        self.events_section.clear()
        self._stack.setCurrentIndex(0)

    def case(self) -> CaseDetail | None:
        """The case on display, if any."""
        return self._case
