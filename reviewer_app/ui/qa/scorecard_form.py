"""The scorecard of one evaluation: a level per criterion, notes, error type, live total."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.qa_models import Criterion, ErrorType, Scorecard
from reviewer_app.domain.scorecard import iqs
from reviewer_app.ui.case.widgets import plain_label
from reviewer_app.ui.qa import qa_labels

LEVELS = (1.0, 0.5, 0.0)


class ScorecardForm(QWidget):
    """Edits scores for a scorecard; ``changed`` fires on every edit (the total follows)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorecardForm")
        self._criteria: tuple[Criterion, ...] = ()
        self.levels: dict[int, QComboBox] = {}
        self.notes: dict[int, QLineEdit] = {}
        self.box = QGroupBox(self.tr("Scorecard"))
        self.grid = QGridLayout(self.box)
        self.error_type = QComboBox()
        self.error_type.setObjectName("errorType")
        self.error_type.addItem(qa_labels.error_type(None), "")
        for kind in ErrorType:
            self.error_type.addItem(qa_labels.error_type(kind), kind.value)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("evaluationComment")
        self.comment.setPlaceholderText(self.tr("Feedback for the reviewer"))
        self.comment.setMaximumHeight(80)
        self.total = QLabel()
        self.total.setObjectName("scoreTotal")
        extra = QFormLayout()
        extra.addRow(self.tr("&Error type:"), self.error_type)
        extra.addRow(self.tr("&Feedback:"), self.comment)
        extra.addRow(self.tr("Score:"), self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addLayout(extra)
        self.error_type.currentIndexChanged.connect(self.changed)
        self.changed.connect(self._show_total)

    def clear(self) -> None:
        """No scorecard (between cases: nothing of the last audit may linger)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._criteria = ()
        self.levels.clear()
        self.notes.clear()
        self.box.setTitle(self.tr("Scorecard"))
        self.set_error_type(None)
        self.comment.clear()
        self._show_total()

    def set_scorecard(self, card: Scorecard, suggested_error: ErrorType | None = None) -> None:
        """Show ``card`` with every criterion met (the auditor marks what was not)."""
        self.clear()
        self._criteria = card.criteria
        self.box.setTitle(self.tr("Scorecard: {name} (version {version})").format(
            name=card.name, version=card.version))
        for row, c in enumerate(card.criteria):
            title = c.label + (self.tr(" (critical)") if c.critical else "")
            label = plain_label(f"{title} · {c.weight:g}")  # QA's own words, shown as typed
            level = QComboBox()
            level.setObjectName(f"level_{c.code}")
            for value in LEVELS:
                level.addItem(qa_labels.score_level(value), value)
            label.setBuddy(level)
            note = QLineEdit()
            note.setObjectName(f"note_{c.code}")
            note.setPlaceholderText(self.tr("Why (optional)"))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(level, row, 1)
            self.grid.addWidget(note, row, 2)
            self.levels[c.id] = level
            self.notes[c.id] = note
            level.currentIndexChanged.connect(self.changed)
        self.set_error_type(suggested_error)
        self.comment.clear()
        self._show_total()

    def set_level(self, code: str, value: float) -> None:
        """Choose a level for the criterion with ``code`` (tests and suggestions)."""
        for c in self._criteria:
            if c.code == code:
                combo = self.levels[c.id]
                combo.setCurrentIndex(combo.findData(value))

    def set_error_type(self, kind: ErrorType | None) -> None:
        """Preselect an error type."""
        self.error_type.setCurrentIndex(
            max(0, self.error_type.findData("" if kind is None else kind.value)))

    def scores(self) -> dict[int, float]:
        """criterion id → chosen level."""
        return {cid: float(combo.currentData()) for cid, combo in self.levels.items()}

    def note_texts(self) -> dict[int, str]:
        """criterion id → note (only those written)."""
        return {cid: e.text().strip() for cid, e in self.notes.items() if e.text().strip()}

    def chosen_error(self) -> ErrorType | None:
        """The error type chosen (None: no error)."""
        data = self.error_type.currentData()
        return ErrorType(data) if data else None

    def total_score(self) -> float | None:
        """The score the chosen levels give (None before a scorecard is shown)."""
        return iqs(self._criteria, self.scores()) if self._criteria else None

    def _show_total(self) -> None:
        total = self.total_score()
        self.total.setText("—" if total is None else f"{total:g} / 100")
