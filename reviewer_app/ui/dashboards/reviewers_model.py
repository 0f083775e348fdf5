"""The reviewer table's model: one row per person, sorted in Python (a few hundred rows)."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from reviewer_app.domain.reviewer_stats import (
    AlertKind,
    RateAlert,
    ReviewerFigures,
    ReviewerRow,
    ReviewerTable,
)
from reviewer_app.ui.widgets.table_export import EXPORT_ROLE, NUMBER_FORMAT_ROLE
from reviewer_app.ui.widgets.tooltips import plain_tooltip

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_BACKGROUND = QColor("#fde2e1")
ALERT_FOREGROUND = QColor("#8a1c1c")
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The table's columns, in order."""

    ALERT = 0
    NAME = 1
    DECISIONS = 2
    PER_HOUR = 3
    AHT = 4
    ACCURACY = 5
    ACCURACY_LOW = 6
    ACCURACY_HIGH = 7
    AUDITED = 8
    OVERTURN = 9
    ESCALATION = 10


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


# Per numeric column: the raw value (what sorting and the export see) and its format.
_VALUES: dict[Column, tuple[Callable[[ReviewerFigures], float | int | None], str]] = {
    Column.DECISIONS: (lambda f: f.decisions, "0"),
    Column.PER_HOUR: (lambda f: f.per_productive_hour, "0.0"),
    Column.AHT: (lambda f: _minutes(f.aht_seconds), "0.0"),
    Column.ACCURACY: (lambda f: f.accuracy, "0.0%"),
    Column.ACCURACY_LOW: (lambda f: f.accuracy_low, "0.0%"),
    Column.ACCURACY_HIGH: (lambda f: f.accuracy_high, "0.0%"),
    Column.AUDITED: (lambda f: f.audited, "0"),
    Column.OVERTURN: (lambda f: f.overturn_rate, "0.0%"),
    Column.ESCALATION: (lambda f: f.escalation_rate, "0.0%"),
}


def _text(value: float | int | None, fmt: str) -> str:
    if value is None:
        return "—"
    if fmt == "0":
        return f"{value:,}"
    if fmt == "0.0%":
        return f"{value:.1%}"
    return f"{value:.1f}"


class ReviewerTableModel(QAbstractTableModel):
    """``ReviewerRow`` items as table rows; ``sort`` keeps missing values last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewerRow] = []
        self._table: ReviewerTable | None = None
        self._sort: tuple[int, Qt.SortOrder] = (Column.NAME, Qt.SortOrder.AscendingOrder)
        self._headers = {
            Column.ALERT: self.tr("Alert"), Column.NAME: self.tr("Reviewer"),
            Column.DECISIONS: self.tr("Decisions"),
            Column.PER_HOUR: self.tr("Per productive hour"),
            Column.AHT: self.tr("AHT (min)"), Column.ACCURACY: self.tr("QA accuracy"),
            Column.ACCURACY_LOW: self.tr("95% low"), Column.ACCURACY_HIGH: self.tr("95% high"),
            Column.AUDITED: self.tr("Audits"), Column.OVERTURN: self.tr("Overturn rate"),
            Column.ESCALATION: self.tr("Escalation rate"),
        }
        self._kind_labels = {AlertKind.QA_FAIL: self.tr("QA fail"),
                             AlertKind.OVERTURN: self.tr("Overturn")}
        style = QApplication.style()
        self._alert_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    # --- contents ------------------------------------------------------------------------
    @property
    def table(self) -> ReviewerTable | None:
        """What the model shows (None before the first load)."""
        return self._table

    @property
    def rows(self) -> tuple[ReviewerRow, ...]:
        """The rows in their current (sorted) order."""
        return tuple(self._rows)

    def set_table(self, table: ReviewerTable) -> None:
        """Show ``table``, sorted as the user last asked."""
        self.beginResetModel()
        self._table = table
        self._rows = self._sorted(list(table.rows), *self._sort)
        self.endResetModel()

    def row_of(self, user_id: int) -> int | None:
        """The row showing ``user_id``, if any."""
        return next((i for i, r in enumerate(self._rows) if r.user_id == user_id), None)

    def header_text(self, column: int) -> str:
        """The column's header text (also offered by the tab's keyboard sort box)."""
        return self._headers[Column(column)]

    def alert_labels(self) -> str:
        """Every alert's short label, as the Alert column shows them all at once."""
        return ", ".join(self._kind_labels.values())

    def alert_text(self, row: ReviewerRow, alert: RateAlert) -> str:
        """The reason for ``alert``, e.g. for the list above the table."""
        if self._table is None:
            return ""
        recent_days = round((self._table.end - self._table.recent_start).total_seconds()
                            / 86400)
        weeks = round((self._table.recent_start - self._table.baseline_start).days / 7)
        if alert.kind is AlertKind.QA_FAIL:
            pattern = self.tr(
                "{name}: QA-fail rate {recent} ({events} of {n} audits) in the last {days} "
                "days, against {base} ({base_events} of {base_n}) in the {weeks} weeks before")
        else:
            pattern = self.tr(
                "{name}: overturn rate {recent} ({events} of {n} decisions) in the last "
                "{days} days, against {base} ({base_events} of {base_n}) in the {weeks} "
                "weeks before")
        return pattern.format(
            name=row.display_name, recent=f"{alert.recent_rate:.0%}",
            events=alert.recent_events, n=alert.recent_n, days=recent_days,
            base=f"{alert.baseline_rate:.1%}", base_events=alert.baseline_events,
            base_n=alert.baseline_n, weeks=weeks)

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[Column(section)]
            if role == Qt.ItemDataRole.InitialSortOrderRole:
                # A first click on a figure shows the biggest first (alerts first too).
                return (Qt.SortOrder.AscendingOrder if section == Column.NAME
                        else Qt.SortOrder.DescendingOrder)
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.PER_HOUR:
                return self.tr("Decisions per hour of active handle time")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == USER_ID_ROLE:
            return row.user_id
        if column is Column.ALERT:
            return self._alert_data(row, role)
        if column is Column.NAME:
            if role in (Qt.ItemDataRole.DisplayRole, EXPORT_ROLE):
                return row.display_name
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(row.login)  # logins come from imported files too
            return None
        value_of, fmt = _VALUES[column]
        value = value_of(row.figures)
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(value, fmt)
        if role == EXPORT_ROLE:
            return value
        if role == NUMBER_FORMAT_ROLE:
            return fmt if value is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.ACCURACY:
            return self.tr("{n} published audits").format(n=row.figures.audited)
        return None

    def _alert_data(self, row: ReviewerRow, role: int) -> Any:
        if not row.alerts:
            return "" if role in (Qt.ItemDataRole.DisplayRole, EXPORT_ROLE) else None
        if role in (Qt.ItemDataRole.DisplayRole, EXPORT_ROLE):
            return ", ".join(self._kind_labels[a.kind] for a in row.alerts)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._alert_icon
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ALERT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ALERT_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(self.alert_text(row, a) for a in row.alerts))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; people without a value (no audits, say) stay at the end."""
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].user_id for i in before]
        self._rows = self._sorted(self._rows, column, order)
        where = {r.user_id: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[uid], i.column()) for uid, i in zip(ids, before,
                                                                            strict=True)])
        self.layoutChanged.emit()

    @property
    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are sorted by."""
        return self._sort

    @staticmethod
    def _sorted(rows: list[ReviewerRow], column: int, order: Qt.SortOrder
                ) -> list[ReviewerRow]:
        col = Column(column)

        def key(r: ReviewerRow) -> Any:
            if col is Column.ALERT:
                return len(r.alerts)
            if col is Column.NAME:
                return r.display_name.casefold()
            return _VALUES[col][0](r.figures)

        # Ties keep name order in both directions; missing values go last in both.
        by_name = sorted(rows, key=lambda r: (r.display_name.casefold(), r.user_id))
        present = [r for r in by_name if key(r) is not None]
        missing = [r for r in by_name if key(r) is None]
        present.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        return present + missing
