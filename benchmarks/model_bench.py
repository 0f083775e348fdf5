"""Queue benchmark through the UI's QueueModel: request -> worker thread -> rows in the model.

Loaded by ``benchmarks/queue.py`` only when the model is timed. Qt runs offscreen; the time is
measured from the model call (``set_filter``, ``set_sort``, ``jump_to_last``, ``reload``) to
the model's ``page_loaded`` signal, processing events in between, as the GUI thread would.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from reviewer_app.domain.models import QueueFilter, QueueSort
from reviewer_app.services.queue import QueueService
from reviewer_app.ui.queue.model import QueueModel
from reviewer_app.workers.runner import Runner

TIMEOUT_MS = 60_000


class _Waiter:
    """Runs an action and spins an event loop until the model reports a page."""

    def __init__(self, model: QueueModel) -> None:
        self._model = model
        self._loop = QEventLoop()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._loop.quit)
        self._arrived = False
        model.page_loaded.connect(self._on_model_page_loaded)

    def _on_model_page_loaded(self, _count: int) -> None:
        self._arrived = True
        self._loop.quit()

    def run(self, action: Callable[[], None]) -> float:
        """Milliseconds from ``action()`` to the page being in the model."""
        self._arrived = False
        self._timer.start(TIMEOUT_MS)
        start = time.perf_counter()
        action()
        if not self._arrived:
            self._loop.exec()
        elapsed = (time.perf_counter() - start) * 1000
        self._timer.stop()
        if not self._arrived:
            raise TimeoutError("the queue model received no page within the timeout")
        return elapsed


def time_model(
    service: QueueService,
    operations: dict[str, tuple[QueueFilter, QueueSort, str]],
    page_size: int,
    reps: int,
) -> dict[str, float | None]:
    """Median ms per operation through the model (``None`` for calls it does not make)."""
    app = QGuiApplication.instance() or QGuiApplication([])
    runner = Runner(read_threads=2)
    model = QueueModel(runner, service, page_size=page_size)
    waiter = _Waiter(model)
    base_filter, base_sort = QueueFilter(), QueueSort()

    def to_base() -> None:
        if model.queue_sort != base_sort:
            waiter.run(lambda: model.set_sort(base_sort))
        if model.queue_filter != base_filter:
            waiter.run(lambda: model.set_filter(base_filter))

    def action_for(flt: QueueFilter, sort: QueueSort, call: str) -> Callable[[], None] | None:
        if call == "last_page":
            return model.jump_to_last
        if call != "page":
            return None  # counts are not a model operation
        if flt != base_filter:
            return lambda: model.set_filter(flt)
        if sort != base_sort:
            return lambda: model.set_sort(sort)
        return model.reload

    results: dict[str, float | None] = {}
    try:
        waiter.run(model.reload)  # first load, warms the worker threads
        for op, (flt, sort, call) in operations.items():
            action = action_for(flt, sort, call)
            if action is None:
                results[op] = None
                continue
            samples = []
            for i in range(reps + 1):
                to_base()
                ms = waiter.run(action)
                if i:  # the first run is a warm-up
                    samples.append(ms)
            results[op] = round(statistics.median(samples), 2)
            assert model.rowCount() > 0
    finally:
        runner.shutdown()
        app.processEvents()
    return results
