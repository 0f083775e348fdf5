"""The queue table model: pages of QueueRow fetched through the runner, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import SlaState, SortKey
from reviewer_app.domain.models import QueueFilter, QueuePage, QueueRow, QueueSort
from reviewer_app.domain.sla import sla_state
from reviewer_app.services.queue import QueueService
from reviewer_app.ui import labels
from reviewer_app.ui.widgets.countdown import format_countdown
from reviewer_app.workers.runner import Runner

Index = QModelIndex | QPersistentModelIndex
APPEAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200


class Column(IntEnum):
    """Columns of the queue table, in display order."""

    REF = 0
    ROUND = 1
    SLA = 2
    POLICY = 3
    MARKET = 4
    LANGUAGE = 5
    STATUS = 6
    PRIORITY = 7
    RECEIVED = 8
    SELLER = 9
    LEASED_BY = 10


SORTABLE: dict[Column, SortKey] = {
    Column.SLA: SortKey.SLA_DUE,
    Column.PRIORITY: SortKey.PRIORITY,
    Column.RECEIVED: SortKey.RECEIVED,
}
BREACHED_COLOUR = QColor("#c62828")
AT_RISK_COLOUR = QColor("#b26a00")


class QueueModel(QAbstractTableModel):
    """Rows of the appeal queue, loaded page by page with keyset cursors.

    A generation number is bumped on every reset (filter, sort, jump to end); a page that
    arrives for an older generation is dropped, so a slow reply can never mix rows of two
    queries.
    """

    loading_changed = Signal(bool)
    page_loaded = Signal(int)

    def __init__(
        self,
        runner: Runner,
        queue: QueueService,
        *,
        clock: Clock = utc_now,
        at_risk_hours: float = 4.0,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._queue = queue
        self._clock = clock
        self._at_risk_hours = at_risk_hours
        self._page_size = page_size
        self._rows: list[QueueRow] = []
        self._filter = QueueFilter()
        self._sort = QueueSort()
        self._cursor: Any = None
        self._has_more = False
        self._from_end = False  # showing the final page ("jump to end"), not the first
        self._loading = False
        self._generation = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self._tick = QTimer(self)
        self._tick.setInterval(20_000)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._tick.start()

    # -- state ---------------------------------------------------------------------------

    @property
    def queue_filter(self) -> QueueFilter:
        """The filter of the rows shown."""
        return self._filter

    @property
    def queue_sort(self) -> QueueSort:
        """The SQL order of the rows shown."""
        return self._sort

    @property
    def generation(self) -> int:
        """Bumped on each reset; pages of older generations are dropped."""
        return self._generation

    @property
    def is_loading(self) -> bool:
        """True while a page request is in flight."""
        return self._loading

    def row_at(self, row: int) -> QueueRow:
        """The queue row shown at ``row``."""
        return self._rows[row]

    def row_of(self, appeal_id: int) -> int | None:
        """The table row of an appeal, if loaded."""
        return next((i for i, r in enumerate(self._rows) if r.appeal_id == appeal_id), None)

    def set_filter(self, flt: QueueFilter) -> None:
        """Show rows matching ``flt`` (a new SQL query from the first page)."""
        self._filter = flt
        self.reload()

    def set_sort(self, sort: QueueSort) -> None:
        """Order rows by ``sort`` (a new SQL query from the first page)."""
        self._sort = sort
        self.reload()

    def reload(self) -> None:
        """Drop every row and fetch the first page again."""
        self._reset()
        self._has_more = True
        self._from_end = False
        self._request(lambda f, s, c: self._queue.page(f, s, c, self._page_size))

    def jump_to_last(self) -> None:
        """Show the final page (reverse keyset) instead of paging through everything."""
        self._reset()
        self._has_more = False
        self._from_end = True
        self._request(lambda f, s, _c: self._queue.last_page(f, s, self._page_size), last=True)

    def apply_rows(self, found: dict[int, QueueRow | None]) -> None:
        """Update changed rows in place; remove those that no longer belong to the view."""
        for appeal_id, new in found.items():
            row = self.row_of(appeal_id)
            if row is None:
                continue
            if new is None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            else:
                self._rows[row] = new
                self.dataChanged.emit(
                    self.index(row, 0), self.index(row, self.columnCount() - 1)
                )

    def insert_rows(self, rows: Iterable[QueueRow]) -> int:
        """Insert rows that newly match the view at their sorted position; return how many.

        A row goes in only where the loaded rows say it belongs: between two loaded rows,
        above the first one when the view starts at the top of the queue, or below the last
        one when nothing follows. A row beyond the loaded range is left out; paging brings
        it. ``beginInsertRows`` keeps the selection and current row on their appeals.
        """
        inserted = 0
        for new in rows:
            if self.row_of(new.appeal_id) is not None:
                continue
            position = self._position_of(new)
            if position is None:
                continue
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, new)
            self.endInsertRows()
            inserted += 1
        return inserted

    def _position_of(self, new: QueueRow) -> int | None:
        """Where ``new`` belongs among the loaded rows, or None if outside the loaded range."""
        if self._loading and not self._rows:
            return None  # the first page is on its way and will bring it
        key = _sort_key(new, self._sort.key)
        descending = self._sort.descending
        position = next(
            (i for i, row in enumerate(self._rows)
             if (key > _sort_key(row, self._sort.key)) == descending),
            len(self._rows),
        )
        if position == len(self._rows) and self._has_more:
            return None  # below the last loaded row: the next page will carry it
        if position == 0 and self._from_end and self._rows:
            return None  # above the final page: rows before it are not loaded
        return position

    # -- paging ----------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._has_more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.canFetchMore():
            return
        self._request(lambda f, s, c: self._queue.page(f, s, c, self._page_size))

    def _reset(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self.endResetModel()
        self._set_loading(False)

    def _request(
        self, fetch: Callable[[QueueFilter, QueueSort, Any], QueuePage], *, last: bool = False
    ) -> None:
        generation = self._generation
        flt, sort, cursor = self._filter, self._sort, self._cursor
        self._set_loading(True)

        def done(page: QueuePage) -> None:
            if generation != self._generation:
                return  # the filter or sort changed while this page was on its way
            self._append(page, last=last)

        def finished() -> None:
            if generation == self._generation:
                self._set_loading(False)

        self._runner.submit(fetch, flt, sort, cursor, on_done=done, on_finally=finished)

    def _append(self, page: QueuePage, *, last: bool) -> None:
        known = {r.appeal_id for r in self._rows}
        rows = [r for r in page.rows if r.appeal_id not in known]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._has_more = not last and page.next_cursor is not None
        self.page_loaded.emit(len(rows))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole and Column(section) in SORTABLE:
            return self.tr("Click to sort (sorted by the database)")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return  # only indexed sorts are offered; the view keeps its indicator honest
        sort = QueueSort(key=key, descending=order == Qt.SortOrder.DescendingOrder)
        if sort != self._sort:
            self.set_sort(sort)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == APPEAL_ID_ROLE:
            return row.appeal_id
        if role == ROW_ROLE:
            return row
        if column is Column.SLA:
            state = sla_state(row.sla_due_at, self._clock(), self._at_risk_hours)
            if role == Qt.ItemDataRole.ForegroundRole:
                if state is SlaState.BREACHED:
                    return QBrush(BREACHED_COLOUR)
                if state is SlaState.AT_RISK:
                    return QBrush(AT_RISK_COLOUR)
            elif role == Qt.ItemDataRole.FontRole and state is SlaState.BREACHED:
                return self._bold
            elif role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("SLA due {due} ({state})").format(
                    due=labels.date_time(row.sla_due_at), state=labels.sla_state(state)
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.ROUND, Column.SLA, Column.PRIORITY
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: QueueRow, column: Column) -> str:
        if column is Column.REF:
            return row.ref
        if column is Column.ROUND:
            return str(row.round)
        if column is Column.SLA:
            return format_countdown(row.sla_due_at - self._clock())
        if column is Column.POLICY:
            return row.policy_code
        if column is Column.MARKET:
            return row.market
        if column is Column.LANGUAGE:
            return row.language
        if column is Column.STATUS:
            return labels.appeal_status(row.status)
        if column is Column.PRIORITY:
            return str(row.priority)
        if column is Column.RECEIVED:
            return labels.date_time(row.received_at)
        if column is Column.SELLER:
            return row.appellant_ref
        return row.leased_by or ""

    def _titles(self) -> dict[Column, str]:
        return {
            Column.REF: self.tr("Appeal"),
            Column.ROUND: self.tr("Round"),
            Column.SLA: self.tr("SLA"),
            Column.POLICY: self.tr("Policy"),
            Column.MARKET: self.tr("Market"),
            Column.LANGUAGE: self.tr("Language"),
            Column.STATUS: self.tr("Status"),
            Column.PRIORITY: self.tr("Priority"),
            Column.RECEIVED: self.tr("Received"),
            Column.SELLER: self.tr("Seller"),
            Column.LEASED_BY: self.tr("Leased by"),
        }

    def _on_tick_timeout(self) -> None:
        # The countdown is derived from "now": repaint that column so it stays live.
        if self._rows:
            top = self.index(0, Column.SLA)
            bottom = self.index(len(self._rows) - 1, Column.SLA)
            self.dataChanged.emit(top, bottom)


def _sort_key(row: QueueRow, key: SortKey) -> tuple[Any, int]:
    """The SQL order of a row: the sort column, ties broken by appeal id (as in the query)."""
    if key is SortKey.SLA_DUE:
        return row.sla_due_at, row.appeal_id
    if key is SortKey.PRIORITY:
        return row.priority, row.appeal_id
    return row.received_at, row.appeal_id


def with_search(flt: QueueFilter, text: str) -> QueueFilter:
    """The filter with the free-text search replaced (empty text clears it)."""
    return replace(flt, search=text.strip() or None)
