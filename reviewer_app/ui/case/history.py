"""Account history (prior enforcements, strikes, related appeals) and the case's event log."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from reviewer_app.domain.enums import AppealStatus
from reviewer_app.domain.models import CaseDetail, Event
from reviewer_app.ui import labels
from reviewer_app.ui.case.widgets import fill_table, make_table, plain_label


class HistorySection(QWidget):
    """What happened to this account before, and appeals that belong with this one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = plain_label("", self, wrap=True)

        prior_box = QGroupBox(self.tr("Prior enforcements and strikes"), self)
        self.prior_table = make_table(
            [
                self.tr("Enforced"), self.tr("Action"), self.tr("Policy"),
                self.tr("Strike"), self.tr("Decided by"),
            ],
            prior_box,
        )
        QVBoxLayout(prior_box).addWidget(self.prior_table)

        related_box = QGroupBox(self.tr("Prior and related appeals"), self)
        self.related_table = make_table(
            [
                self.tr("Appeal"), self.tr("Relation"), self.tr("Outcome"), self.tr("Status"),
                self.tr("Received"), self.tr("Policy"), self.tr("Round"),
            ],
            related_box,
        )
        QVBoxLayout(related_box).addWidget(self.related_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary_label)
        layout.addWidget(prior_box, 1)
        layout.addWidget(related_box, 1)

    def show_case(self, case: CaseDetail) -> None:
        """Fill the section from ``case``."""
        strikes = sum(1 for e in case.prior_enforcements if e.is_strike)
        self.summary_label.setText(
            self.tr("Prior enforcements: %1 · strikes: %2 · prior or related appeals: %3")
            .replace("%1", str(len(case.prior_enforcements)))
            .replace("%2", str(strikes))
            .replace("%3", str(len(case.related_appeals)))
        )
        fill_table(
            self.prior_table,
            [
                (
                    labels.date_only(e.enforced_at),
                    labels.enforcement_action(e.action),
                    f"{e.policy_code} {e.clause}",
                    self.tr("Yes") if e.is_strike else self.tr("No"),
                    e.decided_by_label,
                )
                for e in case.prior_enforcements
            ],
        )
        fill_table(
            self.related_table,
            [
                (
                    a.ref,
                    labels.relation(a.relation),
                    labels.outcome(a.outcome) if a.outcome else self.tr("—"),
                    labels.appeal_status(a.status),
                    labels.date_only(a.received_at),
                    a.policy_code,
                    str(a.round),
                )
                for a in case.related_appeals
            ],
        )

    def clear(self) -> None:
        """Empty the section."""
        self.summary_label.clear()
        self.prior_table.setRowCount(0)
        self.related_table.setRowCount(0)


class EventLogSection(QWidget):
    """The append-only event log of the appeal, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(
            [
                self.tr("Time"), self.tr("Event"), self.tr("By"),
                self.tr("Change"), self.tr("Comment"),
            ],
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)

    def show_events(self, events: tuple[Event, ...]) -> None:
        """Fill the log from ``events``."""
        fill_table(
            self.table,
            [
                (
                    labels.date_time(e.at),
                    labels.event_type(e.type),
                    e.actor or self.tr("system"),
                    self._change(e),
                    e.comment or "",
                )
                for e in sorted(events, key=lambda ev: ev.at)
            ],
        )

    def clear(self) -> None:
        """Empty the log."""
        self.table.setRowCount(0)

    def _change(self, event: Event) -> str:
        if event.before is None and event.after is None:
            return ""
        return f"{_state(event.before)} → {_state(event.after)}"


def _state(value: str | None) -> str:
    # Status transitions are stored as status codes; anything else is shown verbatim.
    if value is None:
        return "—"
    try:
        return labels.appeal_status(AppealStatus(value))
    except ValueError:
        return value
