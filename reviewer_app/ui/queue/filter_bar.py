"""Filter boxes above the queue: market, policy, language, status, round, SLA state, search."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from reviewer_app.domain.enums import AppealStatus, SlaState
from reviewer_app.domain.models import QueueFilter
from reviewer_app.services.queue import FilterOptions
from reviewer_app.ui import labels

_ALL_OPEN = "open"
_ALL = "all"
SEARCH_DELAY_MS = 300


class QueueFilterBar(QWidget):
    """Emits ``filter_changed`` with a ``QueueFilter`` whenever a box changes."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._market = self._combo("market", self.tr("Market"))
        self._policy = self._combo("policy", self.tr("Policy"))
        self._language = self._combo("language", self.tr("Language"))
        self._status = self._combo("status", self.tr("Status"))
        self._status.clear()
        self._status.addItem(self.tr("Open (any status)"), _ALL_OPEN)
        # Item data holds plain strings: Qt hands str subclasses (StrEnum) back as str.
        for status in AppealStatus:
            self._status.addItem(labels.appeal_status(status), status.value)
        self._status.addItem(self.tr("All, decided included"), _ALL)
        self._round = self._combo("round", self.tr("Round"))
        self._round.addItem(labels.appeal_round(1), 1)
        self._round.addItem(labels.appeal_round(2), 2)
        self._sla = self._combo("sla", self.tr("SLA"))
        for state in SlaState:
            self._sla.addItem(labels.sla_state(state), state.value)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("queueSearch")
        self.search_box.setPlaceholderText(self.tr("Search appeal, seller or listing id"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(220)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._emit)
        self.search_box.textEdited.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search_box, 2)
        for combo in (self._market, self._policy, self._language, self._status, self._round,
                      self._sla):
            layout.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._emit)

    def _combo(self, name: str, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"filter_{name}")
        combo.setToolTip(any_label)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("{what}: any").format(what=any_label), None)
        return combo

    def set_options(self, options: FilterOptions) -> None:
        """Fill the market, policy and language boxes (keeps the current choice if offered)."""
        for combo, values in (
            (self._market, options.markets),
            (self._policy, options.policies),
            (self._language, options.languages),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current_filter(self) -> QueueFilter:
        """The filter the boxes describe."""
        choice = self._status.currentData()
        status = None if choice in (_ALL_OPEN, _ALL) else AppealStatus(choice)
        sla = self._sla.currentData()
        return QueueFilter(
            market=self._market.currentData(),
            policy_code=self._policy.currentData(),
            language=self._language.currentData(),
            status=status,
            round=self._round.currentData(),
            sla_state=SlaState(sla) if sla is not None else None,
            search=self.search_box.text().strip() or None,
            open_only=choice == _ALL_OPEN or (status is not None and status.is_open),
        )

    def combo(self, name: str) -> QComboBox:
        """One filter box by name (market, policy, language, status, round, sla)."""
        return {
            "market": self._market,
            "policy": self._policy,
            "language": self._language,
            "status": self._status,
            "round": self._round,
            "sla": self._sla,
        }[name]

    def _on_search_box_return_pressed(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self.filter_changed.emit(self.current_filter())
