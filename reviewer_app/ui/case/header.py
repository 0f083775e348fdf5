"""Case header: identity, SLA due time with a live countdown, and the reviewer's lease."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import SlaState
from reviewer_app.domain.models import CaseDetail
from reviewer_app.domain.sla import sla_state
from reviewer_app.ui import labels
from reviewer_app.ui.case.widgets import caption_label, plain_label

# Colours readable on light and dark palettes; the state is also stated in words.
_SLA_COLOURS = {
    SlaState.BREACHED: "#d32f2f",
    SlaState.AT_RISK: "#e67e00",
    SlaState.OK: "",
}



class CaseHeader(QFrame):
    """The top of the case view; ticks every second while a case is shown."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        at_risk_hours: float = 4.0,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._clock = clock
        self._at_risk_hours = at_risk_hours
        self._case: CaseDetail | None = None
        self._live_lease = ""  # the lease indicator's current line for this case

        self.ref_label = plain_label("", self)
        font = QFont(self.ref_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.ref_label.setFont(font)
        self.round_label = plain_label("", self)
        self.status_label = plain_label("", self)
        self.countdown_label = plain_label("", self)
        bold = QFont(self.countdown_label.font())
        bold.setBold(True)
        self.countdown_label.setFont(bold)
        self.sla_due_label = plain_label("", self)
        self.received_label = plain_label("", self)
        self.queue_label = plain_label("", self)
        self.priority_label = plain_label("", self)
        self.market_label = plain_label("", self)
        self.language_label = plain_label("", self)
        self.lease_label = plain_label("", self)

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.ref_label, 0, 0, 1, 2)
        grid.addWidget(self.round_label, 0, 2)
        grid.addWidget(self.status_label, 0, 3)
        grid.addWidget(self.countdown_label, 0, 4, 1, 2)
        pairs: list[tuple[str, QLabel]] = [
            (self.tr("SLA due"), self.sla_due_label),
            (self.tr("Received"), self.received_label),
            (self.tr("Queue"), self.queue_label),
            (self.tr("Priority"), self.priority_label),
            (self.tr("Market"), self.market_label),
            (self.tr("Language"), self.language_label),
        ]
        for i, (caption, value) in enumerate(pairs):
            row, col = 1 + i // 3, (i % 3) * 2
            grid.addWidget(caption_label(caption, self), row, col)
            grid.addWidget(value, row, col + 1)
        grid.addWidget(self.lease_label, 3, 0, 1, 6)
        grid.setColumnStretch(5, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)

    def show_case(self, case: CaseDetail) -> None:
        """Fill the header from ``case`` and start the countdown."""
        same_case = self._case is not None and self._case.appeal_id == case.appeal_id
        self._case = case
        self.ref_label.setText(case.ref)
        self.round_label.setText(labels.appeal_round(case.round))
        self.status_label.setText(labels.appeal_status(case.status))
        self.sla_due_label.setText(labels.date_time(case.sla_due_at))
        self.received_label.setText(labels.date_time(case.received_at))
        self.queue_label.setText(case.queue_code)
        self.priority_label.setText(str(case.priority))
        self.market_label.setText(case.market)
        self.language_label.setText(case.language)
        if not same_case:
            self._live_lease = ""
        if case.lease is not None:
            # The same case shown again (a change elsewhere, or our own hold coming back
            # through the change feed) keeps the lease indicator's live line ("Held for
            # help: …") instead of falling back to the loaded lease until its next tick.
            self.lease_label.setText(self._live_lease or self.tr(
                "You hold the lease until %1.").replace(
                    "%1", labels.clock_time(case.lease.expires_at)))
        self.lease_label.setVisible(case.lease is not None)
        self._refresh_countdown()
        self._timer.start()

    def clear(self) -> None:
        """Empty the header and stop the countdown."""
        self._timer.stop()
        self._case = None
        self._live_lease = ""
        for label in self.findChildren(QLabel):
            if label.property("role") != "caption":
                label.clear()
        self.countdown_label.setStyleSheet("")
        self.countdown_label.setProperty("sla_state", None)
        self.lease_label.setVisible(False)

    def show_lease(self, text: str) -> None:
        """Replace the lease line (the lease indicator keeps it current while a case is open)."""
        if self._case is None:
            return
        self._live_lease = text
        self.lease_label.setText(text)
        self.lease_label.setVisible(bool(text))

    def set_lease_state(self, state: str) -> None:
        """Colour the lease line: "warning" (about to run out), "expired", or "" (normal)."""
        colour = {"warning": "#e67e00", "expired": "#d32f2f"}.get(state, "")
        self.lease_label.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        self.lease_label.setProperty("leaseState", state)

    def sla_state(self) -> SlaState | None:
        """The SLA state the countdown currently shows (None without a case)."""
        value = self.countdown_label.property("sla_state")
        return SlaState(value) if value else None

    def is_ticking(self) -> bool:
        """True while the live countdown runs."""
        return self._timer.isActive()

    def _on_timer_timeout(self) -> None:
        self._refresh_countdown()

    def _refresh_countdown(self) -> None:
        if self._case is None:
            return
        now = self._clock()
        due = self._case.sla_due_at
        state = sla_state(due, now, self._at_risk_hours)
        countdown = labels.sla_countdown(due, now)
        self.countdown_label.setText(f"{countdown} · {labels.sla_state(state)}")
        if self.countdown_label.property("sla_state") != state.value:
            self.countdown_label.setProperty("sla_state", state.value)
            colour = _SLA_COLOURS[state]
            self.countdown_label.setStyleSheet(f"color: {colour};" if colour else "")
