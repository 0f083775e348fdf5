"""What every QA tab shares: a banner message signal and runner calls that never reach a
closed tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.ui.widgets.alive import while_alive
from reviewer_app.workers.runner import Runner


class QaTab(QWidget):
    """Base of the QA window's tabs.

    Signals:
        message(str, str): text and kind ("info", "error") for the window's banner.
    """

    message = Signal(str, str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_done: Callable[[Any], None] | None = None,
               on_finally: Callable[[], None] | None = None, write: bool = False) -> None:
        """Run ``fn`` on the runner; results and known errors come back to this tab only
        while it still exists (the window may be closed before a slow read returns)."""
        self._runner.submit(fn, *args, write=write, on_done=while_alive(self, on_done),
                            on_error=while_alive(self, self.show_error),
                            on_finally=while_alive(self, on_finally))

    def show_error(self, exc: ReviewerError) -> None:
        """A known error, in the banner (the services word them for people)."""
        self.message.emit(str(exc), "error")
