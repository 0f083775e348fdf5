"""Filter boxes above the queue: market, policy, language, status, round, SLA state, search,
and a line naming what a chart click added (queue, receipt or decision window)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

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

        # What a chart click asked for beyond the boxes (QueueFilter.narrowed_by_chart).
        self._chart = QueueFilter()
        self.chart_label = QLabel(self)
        self.chart_label.setObjectName("queueChartFilter")
        self.chart_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chart_clear = QToolButton(self)
        self.chart_clear.setObjectName("queueChartFilterClear")
        self.chart_clear.setText(self.tr("Show all"))
        self.chart_clear.setToolTip(self.tr("Drop the chart's selection, keep the boxes"))
        self.chart_clear.clicked.connect(self._on_chart_clear_clicked)

        boxes = QHBoxLayout()
        boxes.setSpacing(4)
        boxes.addWidget(self.search_box, 2)
        for combo in (self._market, self._policy, self._language, self._status, self._round,
                      self._sla):
            boxes.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._emit)
        chart = QHBoxLayout()
        chart.addWidget(self.chart_label, 1)
        chart.addWidget(self.chart_clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(boxes)
        layout.addLayout(chart)
        self._show_chart_part()

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
            queue_code=self._chart.queue_code, received_from=self._chart.received_from,
            received_before=self._chart.received_before, decided_in=self._chart.decided_in,
        )

    def set_filter(self, flt: QueueFilter) -> None:
        """Show ``flt`` in the boxes (and the chart line) without emitting ``filter_changed``;
        ``current_filter()`` then returns ``flt``."""
        for combo, value in ((self._market, flt.market), (self._policy, flt.policy_code),
                             (self._language, flt.language)):
            if value is not None and combo.findData(value) < 0:
                combo.addItem(value, value)
        if flt.status is not None:
            status: object = flt.status.value
        else:
            status = _ALL_OPEN if flt.open_only else _ALL
        wanted = ((self._market, flt.market), (self._policy, flt.policy_code),
                  (self._language, flt.language), (self._status, status),
                  (self._round, flt.round),
                  (self._sla, None if flt.sla_state is None else flt.sla_state.value))
        for combo, value in wanted:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self._debounce.stop()
        self.search_box.setText(flt.search or "")
        self._chart = QueueFilter(queue_code=flt.queue_code, received_from=flt.received_from,
                                  received_before=flt.received_before,
                                  decided_in=flt.decided_in)
        self._show_chart_part()

    def _show_chart_part(self) -> None:
        c = self._chart
        parts = []
        if c.queue_code:
            parts.append(self.tr("queue {code}").format(code=c.queue_code))
        if c.received_from or c.received_before:
            parts.append(self.tr("received {start} – {end}").format(
                start=_utc(c.received_from), end=_utc(c.received_before)))
        if c.decided_in:
            parts.append(self.tr("decided {start} – {end}").format(
                start=_utc(c.decided_in[0]), end=_utc(c.decided_in[1])))
        self.chart_label.setText(self.tr("From the charts: {what}").format(
            what=" · ".join(parts)))
        self.chart_label.setVisible(bool(parts))
        self.chart_clear.setVisible(bool(parts))

    def _on_chart_clear_clicked(self) -> None:
        self._chart = QueueFilter()
        self._show_chart_part()
        self._emit()

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


def _utc(at: datetime | None) -> str:
    """An instant of a chart window, in UTC like the charts' days; "…" when open-ended."""
    return "…" if at is None else at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
