"""Leads edit the scorecard: criteria with weights and critical flags, saved as a new version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.qa_models import Scorecard
from reviewer_app.services.qa import QaService
from reviewer_app.ui.qa.qa_tab import QaTab
from reviewer_app.workers.runner import Runner

CODE, LABEL, WEIGHT, CRITICAL = range(4)


class ScorecardPanel(QaTab):
    """The active scorecard as an editable table; saving makes a new version."""

    def __init__(self, runner: Runner, qa: QaService, user_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("scorecardPanel")
        self._qa, self._user_id = qa, user_id
        self.name = QLineEdit()
        self.name.setObjectName("scorecardName")
        self.version_label = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("criteriaTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Criterion"), self.tr("Weight"), self.tr("Critical")])
        self.table.horizontalHeader().setSectionResizeMode(
            LABEL, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("&Add criterion"))
        self.remove_button = QPushButton(self.tr("Re&move criterion"))
        self.save_button = QPushButton(self.tr("Save as a &new version"))
        self.save_button.setObjectName("saveScorecard")
        note = QLabel(self.tr(
            "A failed critical criterion makes the whole score 0. Saving makes a new version "
            "for audits started from now on; earlier evaluations keep theirs. Keep the "
            "“outcome” criterion: accuracy is counted from it."))
        note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Name:")))
        top.addWidget(self.name, 1)
        top.addWidget(self.version_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row("", "", 10.0, False))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        """Show the active scorecard."""
        self.submit(self._qa.active_scorecard, on_done=self._show)

    def _show(self, card: Scorecard) -> None:
        self.name.setText(card.name)
        self.version_label.setText(self.tr("version {n}").format(n=card.version))
        self.table.setRowCount(0)
        for c in card.criteria:
            self.add_row(c.code, c.label, c.weight, c.critical)

    def add_row(self, code: str, label: str, weight: float, critical: bool) -> None:
        """Append an editable criterion row."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, CODE, QTableWidgetItem(code))
        self.table.setItem(row, LABEL, QTableWidgetItem(label))
        self.table.setItem(row, WEIGHT, QTableWidgetItem(f"{weight:g}"))
        flag = QTableWidgetItem()
        flag.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                      | Qt.ItemFlag.ItemIsSelectable)
        flag.setCheckState(Qt.CheckState.Checked if critical else Qt.CheckState.Unchecked)
        self.table.setItem(row, CRITICAL, flag)
        if not code:
            self.table.setCurrentCell(row, CODE)
            self.table.editItem(self.table.item(row, CODE))

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> tuple[tuple[str, str, float, bool], ...] | None:
        """The table's criteria, or None (with a message) if a weight is not a number."""
        out = []
        for row in range(self.table.rowCount()):
            text = [(self.table.item(row, col) or QTableWidgetItem()).text().strip()
                    for col in (CODE, LABEL, WEIGHT)]
            try:
                weight = float(text[2].replace(",", "."))
            except ValueError:
                self.message.emit(self.tr("Row {n}: the weight must be a number.").format(
                    n=row + 1), "error")
                return None
            critical = self.table.item(row, CRITICAL).checkState() == Qt.CheckState.Checked
            out.append((text[0], text[1], weight, critical))
        return tuple(out)

    def save(self) -> None:
        """Store the table as the new active version."""
        rows = self.rows()
        if rows is None:
            return
        self.submit(self._qa.save_scorecard, self._user_id, self.name.text(), rows,
                    write=True, on_done=self._on_saved)

    def _on_saved(self, card: Scorecard) -> None:
        self._show(card)
        self.message.emit(self.tr("Scorecard version {n} saved; new audits use it.").format(
            n=card.version), "info")
