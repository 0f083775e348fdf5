"""The reviewer's own dashboard: decisions and accuracy over time, handle times, today.

Plot items are built once and updated with ``setData`` (no clearing and re-adding), so a
refresh after every decision stays cheap.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.dashboard import Granularity, PersonalStats, histogram
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.dashboard import DAILY_GOAL, DashboardService
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.workers.runner import Runner

RANGES = ((1, Granularity.HOUR), (7, Granularity.DAY), (30, Granularity.DAY),
          (90, Granularity.WEEK), (365, Granularity.WEEK))
BLUE, GREEN, GREY = "#2d6cdf", "#2e9d57", "#9aa5b1"
GOAL_SETTING = "dashboard/daily_goal"  # each reviewer sets their own goal on this machine


class PersonalDashboard(QWidget):
    """My figures for a chosen range; ``reload`` after each decision keeps it current."""

    def __init__(self, runner: Runner, dashboards: DashboardService, user_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personalDashboard")
        self.setWindowTitle(self.tr("My dashboard"))
        self._runner, self._service, self._user_id = runner, dashboards, user_id
        self.stats: PersonalStats | None = None
        self.range = QComboBox()
        self.range.setObjectName("dashboardRange")
        names = {1: self.tr("Today, by hour"), 7: self.tr("7 days, by day"),
                 30: self.tr("30 days, by day"), 90: self.tr("90 days, by week"),
                 365: self.tr("A year, by week")}
        for days, granularity in RANGES:
            self.range.addItem(names[days], (days, granularity.value))
        self.range.setCurrentIndex(2)
        self.export_button = QPushButton(self.tr("&Export PNG…"))
        self.goal = QSpinBox()
        self.goal.setObjectName("dailyGoal")
        self.goal.setRange(1, 1000)
        self.goal.setValue(_stored_goal())
        self.goal.setSuffix(self.tr(" a day"))
        goal_label = QLabel(self.tr("Daily &goal:"))
        goal_label.setBuddy(self.goal)
        self.today = QProgressBar()
        self.today.setObjectName("todayProgress")
        self.today.setFormat(self.tr("Today: %v of %m decisions"))
        self.figures = QLabel()
        self.figures.setObjectName("dashboardFigures")
        self.figures.setTextFormat(Qt.TextFormat.PlainText)

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.charts = pg.GraphicsLayoutWidget()
        self.decisions_plot = self.charts.addPlot(title=self.tr("My decisions"))
        self.decisions_bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=BLUE)
        self.decisions_plot.addItem(self.decisions_bars)
        self.charts.nextRow()
        self.accuracy_plot = self.charts.addPlot(title=self.tr("My QA accuracy (95% band)"))
        self.accuracy_plot.setYRange(0, 1)
        # Same time axis as the decisions above: a week's accuracy sits under its bar.
        self.accuracy_plot.setXLink(self.decisions_plot)
        self.accuracy_line = self.accuracy_plot.plot([], [], pen=pg.mkPen(GREEN, width=2),
                                                     symbol="o", symbolSize=6,
                                                     symbolBrush=GREEN)
        self.band_low = pg.PlotDataItem([], [], pen=pg.mkPen(None))
        self.band_high = pg.PlotDataItem([], [], pen=pg.mkPen(None))
        self.band = pg.FillBetweenItem(self.band_low, self.band_high,
                                       brush=pg.mkBrush(46, 157, 87, 50))
        self.accuracy_plot.addItem(self.band)
        self.charts.nextRow()
        self.handle_plot = self.charts.addPlot(title=self.tr("My handle times (minutes)"))
        self.handle_bars = pg.BarGraphItem(x=[], height=[], width=1, brush=GREY)
        self.handle_plot.addItem(self.handle_bars)
        self.team_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#d9822b", width=2,
                                                                style=Qt.PenStyle.DashLine))
        self.handle_plot.addItem(self.team_line)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Range:")))
        bar.addWidget(self.range)
        bar.addWidget(goal_label)
        bar.addWidget(self.goal)
        bar.addWidget(self.today, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.figures)
        layout.addWidget(self.charts, 1)
        self.range.currentIndexChanged.connect(self.reload)
        self.goal.valueChanged.connect(self._on_goal_value_changed)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.resize(1000, 760)

    def reload(self) -> None:
        """Read my figures again (off the GUI thread)."""
        days, granularity = self.range.currentData()
        self._runner.submit(self._service.personal, self._user_id, days,
                            Granularity(granularity), self.goal.value(),
                            on_done=while_alive(self, self.show_stats),
                            on_error=while_alive(self, self._on_error))

    def show_stats(self, stats: PersonalStats) -> None:
        """Put ``stats`` into the plot items (their data, not new items)."""
        self.stats = stats
        x = np.arange(len(stats.bucket_starts), dtype=float)
        self.decisions_bars.setOpts(x=x, height=np.array(stats.decisions, dtype=float))
        ticks = [(float(i), self._tick(stats, i)) for i in range(len(x))]
        step = max(1, len(ticks) // 8)
        for plot in (self.decisions_plot, self.accuracy_plot):
            plot.getAxis("bottom").setTicks([ticks[::step]])
        known = [i for i, a in enumerate(stats.accuracy) if a is not None]
        xs = np.array(known, dtype=float)
        self.accuracy_line.setData(xs, np.array([stats.accuracy[i] for i in known]))
        self.band_low.setData(xs, np.array([stats.accuracy_low[i] for i in known]))
        self.band_high.setData(xs, np.array([stats.accuracy_high[i] for i in known]))
        edges, counts = histogram(stats.handle_minutes)
        width = edges[1] - edges[0]
        self.handle_bars.setOpts(x=np.array(edges[:-1]) + width / 2,
                                 height=np.array(counts, dtype=float), width=width * 0.9)
        team = stats.team_median_aht_seconds
        self.team_line.setVisible(team is not None)
        if team is not None:
            self.team_line.setValue(team / 60)
        self._show_today(stats.today, stats.daily_goal)
        self.figures.setText(self._figures(stats))

    def _show_today(self, today: int, goal: int) -> None:
        self.today.setMaximum(max(goal, today, 1))
        self.today.setValue(today)

    def _on_goal_value_changed(self, goal: int) -> None:
        QSettings().setValue(GOAL_SETTING, goal)
        if self.stats is not None:  # no database read: today's count is already known
            self._show_today(self.stats.today, goal)

    def _tick(self, stats: PersonalStats, i: int) -> str:
        at = stats.bucket_starts[i]
        return f"{at:%H:%M}" if stats.granularity is Granularity.HOUR else f"{at:%m-%d}"

    def _figures(self, s: PersonalStats) -> str:
        def fmt(value: float | None, pattern: str) -> str:
            return "—" if value is None else pattern.format(value)

        return self.tr(
            "{n} decisions · {per_hour} per productive hour · AHT {aht} (team median {team}) "
            "· later overturned {overturned}").format(
            n=s.total_decisions, per_hour=fmt(s.decisions_per_productive_hour, "{:.1f}"),
            aht=fmt(None if s.aht_seconds is None else s.aht_seconds / 60, "{:.1f} min"),
            team=fmt(None if s.team_median_aht_seconds is None
                     else s.team_median_aht_seconds / 60, "{:.1f} min"),
            overturned=fmt(s.overturned_share, "{:.0%}"))

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the charts"),
                                              "my-dashboard.png", "PNG (*.png)")
        if path:
            self.export_png(path)

    def export_png(self, path: str) -> bool:
        """Save the charts as a PNG; False (and a message) if the file cannot be written."""
        ok = self.charts.grab().save(path, "PNG")
        if not ok:
            self.figures.setText(self.tr("Could not write {path}.").format(path=path))
        return ok

    def _on_error(self, exc: ReviewerError) -> None:
        self.figures.setText(str(exc))


def _stored_goal() -> int:
    try:
        return max(1, int(QSettings().value(GOAL_SETTING, DAILY_GOAL)))
    except (TypeError, ValueError):  # a hand-edited settings file
        return DAILY_GOAL
