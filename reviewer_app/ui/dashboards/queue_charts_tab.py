"""The team lead's queue charts: backlog, intake vs decisions, SLA compliance (both
variants), aging and SLA risk of the open appeals, and the per-queue figures.

Plot items are built once and updated with ``setData``/``setOpts``. A click on a bar or a
point emits ``cases_requested`` with the ``QueueFilter`` of the appeals behind it
(``domain.queue_charts.cases_behind``); the team window passes it to the main window.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.queue_charts import (
    RANGES,
    ChartFilter,
    Element,
    QueueCharts,
    cases_behind,
)
from reviewer_app.services.team_dashboard import ChartOptions, TeamDashboardService
from reviewer_app.ui.dashboards.chart_card import ChartCard, ClickableBars
from reviewer_app.ui.dashboards.queue_figures_table import QueueFiguresTable
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.ui.widgets.countdown import format_countdown
from reviewer_app.workers.progress import Cancelled, ProgressRelay
from reviewer_app.workers.runner import Runner

BLUE, GREEN, ORANGE, RED, GREY = "#2d6cdf", "#2e9d57", "#d9822b", "#c62828", "#9aa5b1"
DEFAULT_RANGE = 30
RELOAD_INTERVAL_MS = 60_000
FLOW_HEADROOM = 1.35  # the y axis of intake vs decisions reaches 35% above the tallest bar
LEGEND_BRUSH = (255, 255, 255, 220)  # legends sit over the data: keep it readable


class QueueChartsTab(QWidget):
    """Queue charts for the filters and range chosen at the top.

    Signals:
        cases_requested: a ``QueueFilter`` for the main window's queue.
    """

    cases_requested = Signal(object)

    def __init__(self, runner: Runner, service: TeamDashboardService,
                 forward_to: SignalInstance | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueChartsTab")
        if forward_to is not None:
            self.cases_requested.connect(forward_to)
        self._runner, self._service = runner, service
        self.charts: QueueCharts | None = None
        self._asked = 0  # the latest reload; older answers are dropped
        self._options_loaded = False
        self._refreshing = False
        self._progress = ProgressRelay(self)
        self._progress.progressed.connect(self._on_progress_progressed)
        # Others decide all the time: while the tab is shown it reads again every minute.
        self._timer = QTimer(self)
        self._timer.setInterval(RELOAD_INTERVAL_MS)
        self._timer.timeout.connect(self.reload)

        self.queue = self._combo("queue", self.tr("Queue"))
        self.market = self._combo("market", self.tr("Market"))
        self.policy = self._combo("policy", self.tr("Policy"))
        self.language = self._combo("language", self.tr("Language"))
        self.range = QComboBox()
        self.range.setObjectName("chartsRange")
        for days in RANGES:
            self.range.addItem(self.tr("Last {n} days, by day").format(n=days), days)
        self.range.setCurrentIndex(RANGES.index(DEFAULT_RANGE))
        self.range.currentIndexChanged.connect(self.reload)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("chartsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("chartsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self._build_charts()
        self.figures = QueueFiguresTable()
        self.figures.cases_requested.connect(self.cases_requested)
        self.figures.message.connect(self.status.setText)

        bar = QHBoxLayout()
        for combo in (self.queue, self.market, self.policy, self.language, self.range):
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        grid = QGridLayout()
        for i, card in enumerate((self.backlog_card, self.flow_card, self.sla_card,
                                  self.aging_card, self.risk_card)):
            grid.addWidget(card, i // 2, i % 2)
            card.message.connect(self.status.setText)
        grid.addWidget(self.figures, 2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        layout.addWidget(self.status)

    # -- construction --------------------------------------------------------------------

    def _combo(self, name: str, what: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"charts_{name}")
        combo.setToolTip(what)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("{what}: any").format(what=what), None)
        combo.currentIndexChanged.connect(self.reload)
        return combo

    def _build_charts(self) -> None:
        self.backlog_card = ChartCard("backlogChart", self.tr("Backlog at the end of each day"),
                                      "backlog.png")
        self.backlog_line = self.backlog_card.plot.plot(
            [], [], pen=pg.mkPen(BLUE, width=2), symbol="o", symbolSize=6, symbolBrush=BLUE)
        self.backlog_line.sigPointsClicked.connect(
            lambda _item, points, _ev: self._clicked(Element.BACKLOG, points))

        self.flow_card = ChartCard("flowChart", self.tr("Intake and decisions per day"),
                                   "intake-decisions.png")
        self.intake_bars = ClickableBars(x=[], height=[], width=0.4, brush=GREY,
                                         name=self.tr("Intake"))
        self.decided_bars = ClickableBars(x=[], height=[], width=0.4, brush=GREEN,
                                          name=self.tr("Decisions"))
        self.flow_card.plot.addLegend(offset=(10, 10), brush=LEGEND_BRUSH)
        for bars, element in ((self.intake_bars, Element.INTAKE),
                              (self.decided_bars, Element.DECIDED)):
            self.flow_card.plot.addItem(bars)
            bars.bar_clicked.connect(lambda i, e=element: self._emit_cases(e, i))

        self.sla_card = ChartCard("slaChart", self.tr("SLA compliance per day"),
                                  "sla-compliance.png")
        self.sla_card.plot.setYRange(0, 1.05)
        self.sla_card.plot.addLegend(offset=(10, -10), brush=LEGEND_BRUSH)
        self.sla_line = self.sla_card.plot.plot(
            [], [], pen=pg.mkPen(GREEN, width=2), symbol="o", symbolSize=6,
            symbolBrush=GREEN, name=self.tr("Decided within SLA ÷ decided"))
        self.sla_inclusive_line = self.sla_card.plot.plot(
            [], [], pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine), symbol="t",
            symbolSize=7, symbolBrush=ORANGE,
            name=self.tr("Inclusive: open past SLA added to the denominator"))
        for line in (self.sla_line, self.sla_inclusive_line):
            line.sigPointsClicked.connect(
                lambda _item, points, _ev: self._clicked(Element.DECIDED, points))

        self.aging_card = ChartCard("agingChart", self.tr("Age of the open appeals"),
                                    "aging.png")
        self.aging_bars = ClickableBars(x=[], height=[], width=0.7, brush=BLUE)
        self.aging_card.plot.addItem(self.aging_bars)
        self.aging_bars.bar_clicked.connect(lambda i: self._emit_cases(Element.AGING, i))
        self.aging_card.plot.getAxis("bottom").setTicks([[
            (0.0, self.tr("< 24 h")), (1.0, self.tr("24–48 h")), (2.0, self.tr("48–72 h")),
            (3.0, self.tr("72 h – 7 d")), (4.0, self.tr("> 7 d"))]])

        self.risk_card = ChartCard("riskChart", self.tr("Open appeals at risk and breached"),
                                   "sla-risk.png")
        self.risk_bars = ClickableBars(x=[], height=[], width=0.6, brushes=[ORANGE, RED])
        self.risk_card.plot.addItem(self.risk_bars)
        self.risk_bars.bar_clicked.connect(
            lambda i: self._emit_cases((Element.AT_RISK, Element.BREACHED)[i]))
        self.risk_card.plot.getAxis("bottom").setTicks([[
            (0.0, self.tr("At risk")), (1.0, self.tr("Breached"))]])

    # -- loading -------------------------------------------------------------------------

    def current_filter(self) -> ChartFilter:
        """The chart filter the boxes describe."""
        return ChartFilter(queue_code=self.queue.currentData(),
                           market=self.market.currentData(),
                           policy_code=self.policy.currentData(),
                           language=self.language.currentData())

    def reload(self) -> None:
        """Read the charts again, off the GUI thread.

        The read draws what the roll-up holds at once; when days were marked as changed
        since (decisions made meanwhile), the roll-up is refreshed on the write lane and
        the charts are read again.
        """
        if not self._options_loaded:
            self._options_loaded = True
            self._runner.submit(self._service.options,
                                on_done=while_alive(self, self._on_options),
                                on_error=while_alive(self, self._on_error))
        self._asked += 1
        asked = self._asked
        if self.charts is None:
            self.status.setText(self.tr("Loading…"))
        self._runner.submit(
            self._service.queue_charts, self.current_filter(), int(self.range.currentData()),
            refresh=False,
            on_done=while_alive(self, lambda charts: self._on_charts(asked, charts)),
            on_error=while_alive(self, self._on_error))

    def _refresh_rollup(self) -> None:
        # On the read pool, not the write lane: the refresh is not the user's write and
        # need not be ordered with them, and a first build of a year (a minute or two)
        # must not hold up the lead's claims and decisions queued behind it.
        self._refreshing = True
        self._runner.submit(self._service.refresh, self._report_progress,
                            on_done=while_alive(self, lambda _days: self.reload()),
                            on_error=while_alive(self, self._on_error),
                            on_finally=while_alive(self, self._on_refresh_finished))

    def _report_progress(self, done: int, total: int) -> None:
        """Called on the worker thread after each committed batch of days; a closed tab
        stops the refresh there (the days left stay marked for the next time)."""
        if not shiboken6.isValid(self._progress):
            raise Cancelled
        self._progress.report(done, total)

    def _on_refresh_finished(self) -> None:
        self._refreshing = False

    def showEvent(self, event) -> None:
        self._progress.cancelled = False
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._progress.cancelled = True
        self._timer.stop()
        super().hideEvent(event)

    def _on_options(self, options: ChartOptions) -> None:
        for combo, values in ((self.queue, options.queues),
                              (self.market, [(v, v) for v in options.markets]),
                              (self.policy, [(v, v) for v in options.policies]),
                              (self.language, [(v, v) for v in options.languages])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in values:
                combo.addItem(label if label == value else f"{label} ({value})", value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)

    def _on_progress_progressed(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Updating the daily figures: {done} of {total} days…")
                            .format(done=done, total=total))

    def _on_charts(self, asked: int, charts: QueueCharts) -> None:
        if asked != self._asked:
            return
        self.show_charts(charts)
        if charts.stale and not self._refreshing:
            self.status.setText(self.tr("Updating the daily figures…"))
            self._refresh_rollup()

    def _on_error(self, exc: ReviewerError) -> None:
        self.status.setText("" if isinstance(exc, Cancelled) else str(exc))

    # -- drawing -------------------------------------------------------------------------

    def show_charts(self, charts: QueueCharts) -> None:
        """Put ``charts`` into the plot items (their data, not new items)."""
        self.charts = charts
        s = charts.series
        x = np.arange(len(s.days), dtype=float)
        self.backlog_line.setData(x, np.array(s.backlog, dtype=float))
        self.intake_bars.setOpts(x=x - 0.2, height=np.array(s.intake, dtype=float))
        self.decided_bars.setOpts(x=x + 0.2, height=np.array(s.decided, dtype=float))
        # Room above the tallest bar for the legend, which otherwise hides the first days.
        peak = max([*s.intake, *s.decided, 1])
        self.flow_card.plot.setYRange(0, peak * FLOW_HEADROOM, padding=0)
        for line, values in ((self.sla_line, s.sla_compliance),
                             (self.sla_inclusive_line, s.sla_compliance_inclusive)):
            # Days without decisions have no rate: they are left out, not drawn as 0.
            known = [i for i, v in enumerate(values) if v is not None]
            line.setData(np.array(known, dtype=float),
                         np.array([values[i] for i in known], dtype=float))
        ticks = [(float(i), f"{d:%m-%d}") for i, d in enumerate(s.days)]
        step = max(1, len(ticks) // 8)
        for card in (self.backlog_card, self.flow_card, self.sla_card):
            card.plot.getAxis("bottom").setTicks([ticks[::step]])
        overall = charts.overall
        self.aging_bars.setOpts(x=np.arange(len(overall.aging), dtype=float),
                                height=np.array(overall.aging, dtype=float))
        self.risk_bars.setOpts(x=np.array([0.0, 1.0]),
                               height=np.array([overall.at_risk, overall.breached], dtype=float))
        self.figures.show_charts(charts)
        self.summary.setText(self._summary(charts))
        self.status.setText("")

    def _summary(self, charts: QueueCharts) -> str:
        o = charts.overall
        age = charts.oldest_age()
        oldest = (self.tr("nothing open") if age is None else
                  self.tr("oldest {ref}, waiting {age}").format(ref=o.oldest_ref,
                                                                age=format_countdown(age)))
        return self.tr("Open now: {backlog} · at risk {at_risk} · breached {breached} · "
                       "{oldest}").format(backlog=o.backlog, at_risk=o.at_risk,
                                          breached=o.breached, oldest=oldest)

    # -- clicks --------------------------------------------------------------------------

    def _clicked(self, element: Element, points: object) -> None:
        spots = list(points)  # type: ignore[call-overload]
        if spots and self.charts is not None:
            x = round(spots[0].pos().x())
            self._emit_cases(element, x)

    def _emit_cases(self, element: Element, index: int = 0) -> None:
        if self.charts is None:
            return
        if element not in (Element.AGING, Element.AT_RISK, Element.BREACHED) and not (
                0 <= index < len(self.charts.series.days)):
            return
        self.cases_requested.emit(cases_behind(self.charts, element, index))
