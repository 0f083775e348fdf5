"""The team dashboard's reviewer tab: per-person throughput, AHT, QA accuracy with its
interval, overturn and escalation rates over a chosen range; alerts on sudden jumps;
drill-down to a person's own charts; CSV and XLSX export.

Everything is keyboard-driven: Tab reaches the range, the sort box and the table; arrows move
in the table and Enter opens the person's dashboard (double-click does too).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.reviewer_stats import ReviewerTable
from reviewer_app.ui.dashboards.personal_dashboard import PersonalDashboard
from reviewer_app.ui.dashboards.reviewers_model import (
    USER_ID_ROLE,
    Column,
    ReviewerTableModel,
)
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.ui.widgets.table_export import snapshot, write_csv, write_xlsx
from reviewer_app.workers.ops import Services
from reviewer_app.workers.runner import Runner

RANGES = (7, 30, 90, 365)


class ReviewersTab(QWidget):
    """The reviewer table; ``reload`` reads it again for the chosen range."""

    def __init__(self, runner: Runner, services: Services,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewersTab")
        self._runner, self._services = runner, services
        self._generation = 0
        self.dashboards: dict[int, PersonalDashboard] = {}

        self.range = QComboBox()
        self.range.setObjectName("reviewersRange")
        names = {7: self.tr("Last 7 days"), 30: self.tr("Last 30 days"),
                 90: self.tr("Last 90 days"), 365: self.tr("Last 365 days")}
        for days in RANGES:
            self.range.addItem(names[days], days)
        self.range.setCurrentIndex(RANGES.index(30))
        range_label = QLabel(self.tr("&Range:"))
        range_label.setBuddy(self.range)

        self.model = ReviewerTableModel(self)
        self.sort_column = QComboBox()
        self.sort_column.setObjectName("reviewersSortColumn")
        for column in Column:
            self.sort_column.addItem(self.model.header_text(column), int(column))
        self.sort_column.setCurrentIndex(Column.NAME)
        sort_label = QLabel(self.tr("&Sort by:"))
        sort_label.setBuddy(self.sort_column)
        self.sort_descending = QCheckBox(self.tr("&Descending"))
        self.sort_descending.setObjectName("reviewersSortDescending")
        self.export_csv_button = QPushButton(self.tr("Export &CSV…"))
        self.export_xlsx_button = QPushButton(self.tr("Export &XLSX…"))
        self.status = QLabel()
        self.status.setObjectName("reviewersStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.alerts_label = QLabel(self.tr("Alerts"))
        self.alerts_label.setObjectName("reviewersAlertsLabel")
        self.alerts = QListWidget()
        self.alerts.setObjectName("reviewersAlerts")
        self.alerts_label.setBuddy(self.alerts)

        self.table = QTableView()
        self.table.setObjectName("reviewersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # No stretched last column: its figure would sit far from its title on a wide window.
        header.setStretchLastSection(False)
        self._size_columns()

        bar = QHBoxLayout()
        for widget in (range_label, self.range, sort_label, self.sort_column,
                       self.sort_descending):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_csv_button)
        bar.addWidget(self.export_xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.alerts_label)
        layout.addWidget(self.alerts)
        layout.addWidget(self.table, 1)
        self._show_alerts(False)
        self.setTabOrder(self.range, self.sort_column)
        self.setTabOrder(self.sort_column, self.sort_descending)
        self.setTabOrder(self.sort_descending, self.table)

        self.range.currentIndexChanged.connect(self.reload)
        self.sort_column.currentIndexChanged.connect(self._on_sort_box_changed)
        self.sort_descending.toggled.connect(self._on_sort_box_changed)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.table.activated.connect(self._on_table_activated)
        self.alerts.itemActivated.connect(self._on_alerts_item_activated)
        self.export_csv_button.clicked.connect(partial(self._on_export_clicked, "csv"))
        self.export_xlsx_button.clicked.connect(partial(self._on_export_clicked, "xlsx"))

    def _size_columns(self) -> None:
        """Widths from the header texts and the widest figure, not from every cell (which
        would measure thousands of cells on each load)."""
        header = self.table.horizontalHeader()
        titles, cells = header.fontMetrics(), self.table.fontMetrics()
        figure = cells.horizontalAdvance("100.0%") + 16
        for column in Column:
            title = titles.horizontalAdvance(self.model.header_text(column)) + 28
            if column is Column.NAME:
                width = max(title, 180)
            elif column is Column.ALERT:
                width = max(title, cells.horizontalAdvance(self.model.alert_labels()) + 40)
            else:
                width = max(title, figure)
            header.resizeSection(column, width)

    # --- loading -------------------------------------------------------------------------
    @property
    def days(self) -> int:
        """The chosen range in days."""
        return int(self.range.currentData())

    def reload(self) -> None:
        """Read the table again for the chosen range (off the GUI thread)."""
        service = self._services.team_reviewers
        if service is None:
            self.status.setText(self.tr("Reviewer figures are not available here."))
            return
        self._generation += 1
        self.status.setText(self.tr("Loading…"))
        self._runner.submit(service.table, self.days,
                            on_done=while_alive(self, partial(self._on_loaded,
                                                              self._generation)),
                            on_error=while_alive(self, self._on_error))

    def _on_loaded(self, generation: int, table: ReviewerTable) -> None:
        if generation != self._generation:
            return  # the range changed meanwhile; a newer read is on its way
        self.show_table(table)

    def show_table(self, table: ReviewerTable) -> None:
        """Put ``table`` into the view and the alert list, keeping the selected person."""
        current = self.current_user_id()
        self.model.set_table(table)
        self._fill_alerts(table)
        self.status.setText(self.tr(
            "{n} people · last {days} days · {alerts} with alerts").format(
            n=len(table.rows), days=table.days, alerts=len(table.alerted)))
        if current is not None:
            self.select_user(current)

    def _fill_alerts(self, table: ReviewerTable) -> None:
        self.alerts.clear()
        for row in self.model.rows:
            for alert in row.alerts:
                item = QListWidgetItem(self.model.alert_text(row, alert))
                item.setData(USER_ID_ROLE, row.user_id)
                self.alerts.addItem(item)
        self._show_alerts(bool(table.alerted))
        if self.alerts.count():  # as tall as its lines, up to four (then it scrolls)
            lines = min(self.alerts.count(), 4)
            self.alerts.setFixedHeight(self.alerts.sizeHintForRow(0) * lines
                                       + 2 * self.alerts.frameWidth() + 4)

    def _show_alerts(self, shown: bool) -> None:
        self.alerts_label.setVisible(shown)
        self.alerts.setVisible(shown)

    def _on_error(self, exc: ReviewerError) -> None:
        self.status.setText(str(exc))

    # --- selection and drill-down ----------------------------------------------------------
    def current_user_id(self) -> int | None:
        """The person on the table's current row."""
        index = self.table.currentIndex()
        return index.data(USER_ID_ROLE) if index.isValid() else None

    def select_user(self, user_id: int) -> bool:
        """Make ``user_id``'s row current and selected; False if not in the table."""
        row = self.model.row_of(user_id)
        if row is None:
            return False
        index = self.model.index(row, Column.NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _on_table_activated(self, index: QModelIndex) -> None:
        user_id = index.data(USER_ID_ROLE)
        if user_id is not None:
            self.open_dashboard(int(user_id))

    def _on_alerts_item_activated(self, item: QListWidgetItem) -> None:
        if self.select_user(int(item.data(USER_ID_ROLE))):
            self.table.setFocus()

    def open_dashboard(self, user_id: int) -> PersonalDashboard | None:
        """Open (or raise) ``user_id``'s personal dashboard as its own window, on the
        tab's range; None when dashboards are not available."""
        dashboards = self._services.dashboards
        row = self.model.row_of(user_id)
        if dashboards is None or row is None:
            return None
        window = self.dashboards.get(user_id)
        if window is None:
            window = PersonalDashboard(self._runner, dashboards, user_id, parent=self)
            window.setWindowFlag(Qt.WindowType.Window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.dashboards.pop(user_id, None))
            self.dashboards[user_id] = window
        name = self.model.rows[row].display_name
        window.setWindowTitle(self.tr("{name} — dashboard").format(name=name))
        for i in range(window.range.count()):
            if window.range.itemData(i)[0] == self.days:
                window.range.blockSignals(True)
                window.range.setCurrentIndex(i)
                window.range.blockSignals(False)
        window.show()
        window.raise_()
        window.activateWindow()
        window.reload()
        return window

    # --- sorting -------------------------------------------------------------------------
    def _on_sort_box_changed(self) -> None:
        order = (Qt.SortOrder.DescendingOrder if self.sort_descending.isChecked()
                 else Qt.SortOrder.AscendingOrder)
        self.table.sortByColumn(int(self.sort_column.currentData()), order)

    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        # A header click: show the same choice in the keyboard controls.
        for box in (self.sort_column, self.sort_descending):
            box.blockSignals(True)
        self.sort_column.setCurrentIndex(column)
        self.sort_descending.setChecked(order == Qt.SortOrder.DescendingOrder)
        for box in (self.sort_column, self.sort_descending):
            box.blockSignals(False)

    # --- export --------------------------------------------------------------------------
    def _on_export_clicked(self, kind: str) -> None:
        pattern = "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the reviewer table"), f"reviewers-{self.days}d.{kind}",
            pattern)
        if path:
            self.export_to(path, kind)

    def export_to(self, path: str, kind: str) -> None:
        """Write the table as shown (sorted) to ``path``; ``kind`` is "csv" or "xlsx".

        The cells are read here; the file is written off the GUI thread, and the status line
        says when it is done or why it failed.
        """
        table = snapshot(self.model, title=self.tr("Reviewers"))
        write = write_csv if kind == "csv" else write_xlsx
        self._runner.submit(
            write, table, path,
            on_done=while_alive(self, lambda _: self.status.setText(
                self.tr("Saved {path}").format(path=path))),
            on_error=while_alive(self, self._on_error))
