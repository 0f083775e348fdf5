"""Python's cyclic garbage collector, run on the GUI thread only.

Qt objects must be destroyed on the thread that owns them. With automatic collection, a
cycle holding a QObject (a model with a timer, a widget with a lambda slot) can be freed on
whichever thread happens to allocate when the collector kicks in — a runner worker — and Qt
warns "Timers cannot be stopped from another thread" or crashes. The same fix as
qutebrowser's: disable automatic collection and collect from a GUI-thread timer instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

FULL_EVERY = 30  # a full collection every 30 ticks; the young generation on every tick


class GuiThreadCollector(QObject):
    """Owns the collection schedule while it lives; re-enables automatic GC on ``stop``."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._ticks = 0
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer, collect once and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def _on_timer_timeout(self) -> None:
        self._ticks += 1
        gc.collect(2 if self._ticks % FULL_EVERY == 0 else 0)
