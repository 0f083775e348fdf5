"""The original enforcement: measure, policy, facts, evidence snapshot and who decided it."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from reviewer_app.domain.models import Enforcement
from reviewer_app.ui import labels
from reviewer_app.ui.case.widgets import caption_label, fill_table, make_table, plain_label


def _evidence_value(value: object) -> str:
    # Nested evidence (lists, dicts) is shown as compact JSON so nothing is hidden.
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


class EnforcementSection(QWidget):
    """What was done to the appellant and why, as recorded at enforcement time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_label = plain_label("", self, wrap=True)
        self.policy_label = plain_label("", self, wrap=True)
        self.facts_label = plain_label("", self, wrap=True)
        self.automation_label = plain_label("", self, wrap=True)
        self.decider_label = plain_label("", self, wrap=True)
        self.enforced_at_label = plain_label("", self)
        self.strike_label = plain_label("", self)
        self.listing_label = plain_label("", self)

        details = QGroupBox(self.tr("Original enforcement"), self)
        form = QFormLayout(details)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(caption_label(self.tr("Action"), self), self.action_label)
        form.addRow(caption_label(self.tr("Policy"), self), self.policy_label)
        form.addRow(caption_label(self.tr("Facts"), self), self.facts_label)
        form.addRow(caption_label(self.tr("Automation"), self), self.automation_label)
        form.addRow(caption_label(self.tr("Decided by"), self), self.decider_label)
        form.addRow(caption_label(self.tr("Enforced at"), self), self.enforced_at_label)
        form.addRow(caption_label(self.tr("Strike"), self), self.strike_label)
        form.addRow(caption_label(self.tr("Listing"), self), self.listing_label)

        evidence_box = QGroupBox(self.tr("Evidence snapshot at enforcement time"), self)
        self.evidence_table = make_table([self.tr("Item"), self.tr("Value")], evidence_box)
        box_layout = QVBoxLayout(evidence_box)
        box_layout.addWidget(self.evidence_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(details)
        layout.addWidget(evidence_box, 1)

    def show_enforcement(self, enforcement: Enforcement) -> None:
        """Fill the section from ``enforcement``."""
        e = enforcement
        self.action_label.setText(
            self.tr("%1 — scope: %2")
            .replace("%1", labels.enforcement_action(e.action))
            .replace("%2", e.scope)
        )
        self.policy_label.setText(
            self.tr("%1 (%2), clause %3")
            .replace("%1", e.policy_name)
            .replace("%2", e.policy_code)
            .replace("%3", e.clause)
        )
        self.facts_label.setText(e.facts)
        automation = (
            f"{labels.automated_detection(e.automated_detection)} · "
            f"{labels.automated_decision(e.automated_decision)}"
        )
        if e.automation_ref:
            automation += " · " + self.tr("rule/model %1").replace("%1", e.automation_ref)
        self.automation_label.setText(automation)
        self.decider_label.setText(e.decided_by_label)
        self.enforced_at_label.setText(labels.date_time(e.enforced_at))
        self.strike_label.setText(self.tr("Yes") if e.is_strike else self.tr("No"))
        self.listing_label.setText(e.listing_id or self.tr("—"))
        fill_table(
            self.evidence_table,
            [(str(key), _evidence_value(value)) for key, value in e.evidence.items()],
        )

    def clear(self) -> None:
        """Empty the section."""
        for label in (
            self.action_label, self.policy_label, self.facts_label, self.automation_label,
            self.decider_label, self.enforced_at_label, self.strike_label, self.listing_label,
        ):
            label.clear()
        self.evidence_table.setRowCount(0)
