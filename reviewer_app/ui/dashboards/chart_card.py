"""A titled chart with its own "Export PNG…" button, and bars that say which one was clicked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ClickableBars(pg.BarGraphItem):
    """Bars that emit ``bar_clicked(index)`` when one is clicked with the left button."""

    bar_clicked = Signal(int)

    def mouseClickEvent(self, ev) -> None:  # pyqtgraph's scene event, not Qt's
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        x0, y0, x1, y1 = self._getNormalizedCoords()
        pos = ev.pos()
        found = np.flatnonzero((x0 <= pos.x()) & (pos.x() <= x1)
                               & (y0 <= pos.y()) & (pos.y() <= y1))
        if found.size:
            ev.accept()
            self.bar_clicked.emit(int(found[0]))


class ChartCard(QWidget):
    """One chart: a title, the plot, and a keyboard-reachable PNG export of just this plot.

    Signals:
        message: text for the tab's status line (e.g. a file that could not be written).
    """

    message = Signal(str)

    def __init__(self, name: str, title: str, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._file_name = file_name
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setObjectName(f"{name}Plot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(y=True, alpha=0.25)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.title = QLabel(title)
        self.title.setObjectName(f"{name}Title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.export_button = QPushButton(self.tr("Export PNG…"))
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(head)
        layout.addWidget(self.plot_widget, 1)

    def export_png(self, path: str) -> bool:
        """Save the plot as a PNG; False (and a message) if the file cannot be written."""
        ok = self.plot_widget.grab().save(path, "PNG")
        if not ok:
            self.message.emit(self.tr("Could not write {path}.").format(path=path))
        return ok

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the chart"),
                                              self._file_name, "PNG (*.png)")
        if path:
            self.export_png(path)
