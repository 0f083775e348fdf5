"""The lease countdown in the status bar and case header, and the warning before it runs out."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.models import Lease
from reviewer_app.ui import labels
from reviewer_app.ui.case.header import CaseHeader
from reviewer_app.ui.review_flow import ReviewFlow
from reviewer_app.ui.widgets.banner import MessageBanner

# Two minutes is enough to notice the banner and press the key, even mid-sentence.
WARN_BEFORE = timedelta(minutes=2)
# Readable on light and dark palettes; the state is also said in words.
_WARNING_STYLE = "background: #e67e00; color: white; padding: 0 6px; font-weight: bold;"
_EXPIRED_STYLE = "background: #d32f2f; color: white; padding: 0 6px; font-weight: bold;"


class LeaseIndicator(QObject):
    """Ticks every second while a case is leased and keeps three views in step.

    The status bar label and the case header show the time left (and "held for help" with
    its note); from ``warn_before`` before expiry both turn orange and the banner says
    which key keeps the case. Renewal happens in ``ReviewFlow``; this only shows it.
    """

    def __init__(
        self,
        flow: ReviewFlow,
        status_label: QLabel,
        header: CaseHeader,
        banner: MessageBanner,
        *,
        clock: Clock = utc_now,
        warn_before: timedelta = WARN_BEFORE,
        keep_key: str = "Ctrl+Shift+K",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._flow = flow
        self._label = status_label
        self._header = header
        self._banner = banner
        self._clock = clock
        self._warn_before = warn_before
        self._keep_key = keep_key
        self._state = ""  # "", "warning" or "expired": what the views show now
        self._banner_text = ""  # our last warning, so we never clear someone else's message
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.refresh)
        flow.lease_changed.connect(self._on_flow_lease_changed)
        flow.case_opened.connect(self.refresh)  # the header was just filled from the case
        status_label.setProperty("leaseState", "")

    @property
    def state(self) -> str:
        """"warning" within the warning window, "expired" after, "" otherwise."""
        return self._state

    def refresh(self) -> None:
        """Recompute the texts from the flow's lease and the clock."""
        lease = self._flow.lease
        if lease is None:
            self._label.setText(self.tr("No case leased"))
            self._set_state("", None)
            return
        left = lease.expires_at - self._clock()
        countdown = labels.sla_countdown(lease.expires_at, self._clock())
        text = self.tr("Lease: {left}").format(left=countdown)
        if lease.held:
            text = self.tr("Held for help: {note} · {lease}").format(
                note=_short(lease.note), lease=text)
        self._label.setText(text)
        self._header.show_lease(self._header_text(lease, countdown))
        if left <= timedelta(0):
            self._set_state("expired", lease)
        elif left <= self._warn_before:
            self._set_state("warning", lease)
        else:
            self._set_state("", lease)

    def _header_text(self, lease: Lease, countdown: str) -> str:
        until = self.tr("You hold the lease until {time} ({left} left).").format(
            time=labels.clock_time(lease.expires_at), left=countdown)
        if lease.held:
            return self.tr("Held for help: {note}").format(note=lease.note or "") + " · " + until
        if lease.note:
            return until + " · " + self.tr("Note: {note}").format(note=lease.note)
        return until

    def _on_flow_lease_changed(self, lease: Lease | None) -> None:
        if lease is None:
            self._tick.stop()
        else:
            self._tick.start()
        self.refresh()

    def _set_state(self, state: str, lease: Lease | None) -> None:
        ours = bool(self._banner_text) and self._banner.text() == self._banner_text
        if state == self._state:
            if state == "warning" and ours:  # keep the seconds in the banner current
                self._show_banner(lease)
            return
        self._state = state
        style = {"warning": _WARNING_STYLE, "expired": _EXPIRED_STYLE}.get(state, "")
        self._label.setStyleSheet(style)
        self._label.setProperty("leaseState", state)
        self._header.set_lease_state(state)
        if state:
            self._show_banner(lease)
        elif ours:
            self._banner.clear_message()
            self._banner_text = ""

    def _show_banner(self, lease: Lease | None) -> None:
        if lease is None:
            return
        if self._state == "expired":
            text = self.tr(
                "Your lease on this case has run out: another reviewer may claim it. "
                "Press {key} to keep it if nobody has; otherwise nothing will be saved."
            ).format(key=self._keep_key)
        else:
            text = self.tr(
                "Your lease on this case ends in {left}. Press {key} to keep working on it."
            ).format(left=labels.sla_countdown(lease.expires_at, self._clock()),
                     key=self._keep_key)
        self._banner.show_message(text, "warning")
        self._banner_text = text


def _short(note: str | None, limit: int = 40) -> str:
    note = " ".join((note or "").split())
    return note if len(note) <= limit else note[: limit - 1] + "…"
