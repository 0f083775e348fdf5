"""The queue dock: filter bar, counts line and the paged table."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.models import Changes, QueueCounts, QueueFilter, QueueSort
from reviewer_app.services.queue import FilterOptions
from reviewer_app.ui.queue.filter_bar import QueueFilterBar
from reviewer_app.ui.queue.model import APPEAL_ID_ROLE, SORTABLE, Column, QueueModel
from reviewer_app.workers.ops import RowRefresh, Services, refresh_rows
from reviewer_app.workers.runner import Runner

_WIDTHS = {
    Column.REF: 120, Column.ROUND: 50, Column.SLA: 80, Column.POLICY: 150, Column.MARKET: 60,
    Column.LANGUAGE: 70, Column.STATUS: 90, Column.PRIORITY: 60, Column.RECEIVED: 125,
    Column.SELLER: 110, Column.LEASED_BY: 100,
}


class QueueTableView(QTableView):
    """The table; Enter on a row (a fresh press, not a key held down) asks to open it."""

    activated_appeal = Signal(int)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if event.isAutoRepeat():
                # An Enter held down from the sign-in dialog (or anywhere) repeats into the
                # queue; only a fresh press claims a case.
                return
            index = self.currentIndex()
            if index.isValid():
                self.activated_appeal.emit(int(index.data(APPEAL_ID_ROLE)))
                return
        super().keyPressEvent(event)


class QueuePanel(QWidget):
    """Queue table with its filters and counts; every query goes through the runner."""

    appeal_requested = Signal(int)
    counts_changed = Signal(object)

    def __init__(
        self,
        runner: Runner,
        services: Services,
        *,
        clock: Clock = utc_now,
        at_risk_hours: float = 4.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._services = services
        self.model = QueueModel(
            runner, services.queue, clock=clock, at_risk_hours=at_risk_hours, parent=self
        )
        self.filter_bar = QueueFilterBar(self)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("queueCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.loading_label = QLabel(self)
        self.loading_label.setObjectName("queueLoading")
        self.table = QueueTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # At least five rows stay visible when the window is small and the docks compete.
        self.table.setMinimumHeight(24 * 6 + 4)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in _WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.SLA, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)

        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.loading_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_bar)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.model.loading_changed.connect(self._on_model_loading_changed)
        self.table.activated_appeal.connect(self.appeal_requested)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self._show_counts(None)

    # -- public --------------------------------------------------------------------------

    def start(self) -> None:
        """Load filter options, the first page and the counts."""
        self._runner.submit(self._services.queue.filter_options, on_done=self._on_options)
        self.refresh()

    def refresh(self) -> None:
        """Reload the first page and the counts (F5)."""
        self.model.reload()
        self._load_counts()

    def show_filter(self, flt: QueueFilter) -> None:
        """List the appeals ``flt`` selects (e.g. from a chart click); the filter bar shows it."""
        self.filter_bar.set_filter(flt)
        self._on_filter_bar_filter_changed(self.filter_bar.current_filter())

    def jump_to_last(self) -> None:
        """Show the final page of the current query."""
        self.model.jump_to_last()
        self.table.scrollToBottom()

    def focus_search(self) -> None:
        """Put the cursor in the search box, text selected."""
        self.filter_bar.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search_box.selectAll()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh the changed appeals and the counts.

        Loaded rows are updated in place or removed; changed appeals not loaded that now
        match the filter (released or returned elsewhere) are inserted at their sorted
        position when it lies in the loaded range.
        """
        if not changes.appeal_ids:
            self._load_counts()
            return
        loaded = frozenset(a for a in changes.appeal_ids if self.model.row_of(a) is not None)
        generation, flt = self.model.generation, self.model.queue_filter

        def done(result: RowRefresh) -> None:
            if generation == self.model.generation:
                self.model.apply_rows(result.found)
                self.model.insert_rows(result.new_rows)
            self._on_counts(flt, result.counts)

        self._runner.submit(
            refresh_rows, self._services, flt, loaded, changes.appeal_ids - loaded,
            on_done=done,
        )

    def header_state(self) -> QByteArray:
        """Column widths and order, for QSettings."""
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> None:
        """Restore widths and order saved by ``header_state`` (sort stays SLA ascending)."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.restoreState(state)
        header.setSortIndicator(Column.SLA, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    # -- handlers -----------------------------------------------------------------------

    def _on_options(self, options: FilterOptions) -> None:
        self.filter_bar.set_options(options)

    def _on_filter_bar_filter_changed(self, flt: QueueFilter) -> None:
        self.model.set_filter(flt)
        self._load_counts()

    def _on_header_sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        key = SORTABLE.get(Column(section))
        header = self.table.horizontalHeader()
        if key is None:
            # Only indexed sorts are offered: put the indicator back on the current sort.
            current = self.model.queue_sort
            column = next(c for c, k in SORTABLE.items() if k == current.key)
            order_back = (
                Qt.SortOrder.DescendingOrder if current.descending
                else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(True)
            header.setSortIndicator(column, order_back)
            header.blockSignals(False)
            return
        self.model.set_sort(
            QueueSort(key=key, descending=order == Qt.SortOrder.DescendingOrder)
        )

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.appeal_requested.emit(int(index.data(APPEAL_ID_ROLE)))

    def _on_model_loading_changed(self, loading: bool) -> None:
        if loading:
            self.loading_label.setText(self.tr("Loading…"))
        elif self.model.rowCount() == 0:
            self.loading_label.setText(self.tr("No appeals match this filter."))
        else:
            self.loading_label.setText("")

    def _load_counts(self) -> None:
        flt = self.model.queue_filter
        self._runner.submit(
            self._services.queue.counts, flt,
            on_done=lambda counts: self._on_counts(flt, counts),
        )

    def _on_counts(self, flt: QueueFilter, counts: QueueCounts) -> None:
        if flt == self.model.queue_filter:  # ignore counts of a filter no longer shown
            self._show_counts(counts)

    def _show_counts(self, counts: QueueCounts | None) -> None:
        if counts is None:
            self.counts_label.setText(self.tr("Counting…"))
            return
        self.counts_label.setText(
            self.tr("{total} appeals · {breached} breached · {at_risk} at risk").format(
                total=counts.total, breached=counts.breached, at_risk=counts.at_risk
            )
        )
        self.counts_changed.emit(counts)
