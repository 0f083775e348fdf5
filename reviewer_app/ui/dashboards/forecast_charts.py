"""The forecast tab's two charts: daily intake (history, held-out check, forecast) and the
projected backlog with its SLA breach day.

Plot items are built once and updated with ``setData``; the x axis is UTC midnight of each
day in seconds since the epoch (a ``DateAxisItem`` at UTC offset 0 labels it as dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer_app.domain.forecast import BacklogProjection, DayIntake
from reviewer_app.services.workforce import QueueForecast
from reviewer_app.ui.dashboards import forecast_labels

BLUE, ORANGE, GREY, RED, DARK = "#2d6cdf", "#d9822b", "#9aa5b1", "#c23030", "#394b59"
RECENT_DAYS = 8 * 7  # history shown: eight weeks show the weekly pattern and its drift


def day_x(day: date) -> float:
    """A day's x on the charts: its UTC midnight in epoch seconds."""
    return datetime.combine(day, time(0), tzinfo=UTC).timestamp()


def _xy(days: Sequence[DayIntake]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([day_x(d.day) for d in days], dtype=float),
            np.array([d.intake for d in days], dtype=float))


class ChartPanel(QWidget):
    """A titled pyqtgraph plot with a date axis, a note under it and a PNG export button."""

    def __init__(self, name: str, title: str, export_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._export_name = export_name
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setTitle(title)
        self.plot.showGrid(y=True, alpha=0.2)
        # Counts of appeals: never below 0, and a flat 0 shows as 0 to 1 rather than ±0.4.
        self.plot.setLimits(yMin=0, minYRange=1)
        self.plot.addLegend(offset=(10, 5))
        self.note = QLabel()
        self.note.setObjectName(f"{name}Note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        # The context is spelled out: self.tr here would look the text up under the
        # subclass's name at run time, where lupdate files it under ChartPanel.
        self.export_button = QPushButton(QCoreApplication.translate("ChartPanel", "Export PNG…"))
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(bottom)

    def _on_export_button_clicked(self) -> None:
        title = QCoreApplication.translate("ChartPanel", "Export the chart")
        path, _ = QFileDialog.getSaveFileName(self, title, self._export_name, "PNG (*.png)")
        if path:
            self.export_png(path)

    def export_png(self, path: str) -> bool:
        """Save the chart as a PNG; False (and a note) if the file cannot be written."""
        ok = self.plot_widget.grab().save(path, "PNG")
        if not ok:
            self.note.setText(QCoreApplication.translate(
                "ChartPanel", "Could not write {path}.").format(path=path))
        return ok


class IntakeChart(ChartPanel):
    """Recent daily intake, the forecast, and the held-out days (actual vs predicted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("intakeChart", self.tr("Daily intake"), "intake-forecast.png", parent)
        self.history = self.plot.plot([], [], pen=pg.mkPen(GREY, width=1.5),
                                      name=self.tr("Appeals received"))
        self.held_out_actual = self.plot.plot(
            [], [], pen=None, symbol="o", symbolSize=6, symbolBrush=DARK, symbolPen=None,
            name=self.tr("Held out: received"))
        self.held_out_predicted = self.plot.plot(
            [], [], pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine),
            name=self.tr("Held out: predicted"))
        self.forecast = self.plot.plot([], [], pen=pg.mkPen(BLUE, width=2.5),
                                       name=self.tr("Forecast"))

    def show_queue(self, queue: QueueForecast | None) -> None:
        """Plot ``queue``'s intake (None empties the chart)."""
        empty: tuple[DayIntake, ...] = ()
        check = queue.forecast.holdout if queue is not None else None
        self.history.setData(*_xy(queue.history[-RECENT_DAYS:] if queue else empty))
        self.held_out_actual.setData(*_xy(check.actual if check else empty))
        self.held_out_predicted.setData(*_xy(check.predicted if check else empty))
        self.forecast.setData(*_xy(queue.forecast.days if queue else empty))
        self.note.setText(forecast_labels.summary(queue) if queue is not None else "")


class BacklogChart(ChartPanel):
    """The projected backlog at current staffing and under the what-if, breach days marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("backlogChart", self.tr("Projected backlog"), "projected-backlog.png",
                         parent)
        self.current = self.plot.plot([], [], pen=pg.mkPen(BLUE, width=2.5), symbol="o",
                                      symbolSize=5, symbolBrush=BLUE,
                                      name=self.tr("At current staffing"))
        self.what_if = self.plot.plot([], [], pen=pg.mkPen(ORANGE, width=2,
                                                            style=Qt.PenStyle.DashLine),
                                      name=self.tr("With the what-if"))
        self.breach_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(RED, width=2),
            label=self.tr("SLA breach"), labelOpts={"position": 0.55, "color": RED})
        self.what_if_breach_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine),
            label=self.tr("What-if breach"), labelOpts={"position": 0.4, "color": ORANGE})
        for line in (self.breach_line, self.what_if_breach_line):
            self.plot.addItem(line, ignoreBounds=True)
            line.setVisible(False)

    def show_current(self, projection: BacklogProjection | None) -> None:
        """The backlog at current staffing, its breach day marked (None: no projection)."""
        self._draw(self.current, self.breach_line, projection)

    def show_what_if(self, projection: BacklogProjection | None) -> None:
        """The backlog under the what-if, its breach day marked (None: no projection)."""
        self._draw(self.what_if, self.what_if_breach_line, projection)

    @staticmethod
    def _draw(curve: pg.PlotDataItem, line: pg.InfiniteLine,
              projection: BacklogProjection | None) -> None:
        days = projection.days if projection is not None else ()
        curve.setData(np.array([day_x(d.day) for d in days], dtype=float),
                      np.array([d.backlog for d in days], dtype=float))
        breach = None
        if projection is not None:
            # Already in breach is marked today, even if the backlog then drains.
            breach = days[0].day if projection.breached_now and days else projection.breach_day
        line.setVisible(breach is not None)
        if breach is not None:
            line.setValue(day_x(breach))
