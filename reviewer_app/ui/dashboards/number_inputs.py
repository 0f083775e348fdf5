"""Number inputs for the calculators: bounded spin boxes and a debounce timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox

RECOMPUTE_DELAY_MS = 200  # typing "200" recomputes once, not for "2" and "20" as well
BOX_WIDTH = 150  # wide enough for "100000.00 Erlangs"; wider only stretches the empty space


def number_box(name: str, low: float, high: float, value: float, *, decimals: int = 0,
               step: float = 1.0, suffix: str = "") -> QDoubleSpinBox:
    """A spin box bounded to the values the formula accepts (so a typo cannot reach it)."""
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setDecimals(decimals)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setValue(value)
    box.setAccelerated(True)
    box.setMaximumWidth(BOX_WIDTH)
    # Out-of-range text is corrected to the nearest bound when focus leaves.
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    return box


def debounce(parent: QObject, slot: Callable[[], None]) -> QTimer:
    """A single-shot timer that calls ``slot`` once input has paused; ``start()`` it on
    every change."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(RECOMPUTE_DELAY_MS)
    timer.timeout.connect(slot)
    return timer
