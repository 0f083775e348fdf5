"""Progress reports from a worker thread, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewer_app.domain.errors import ReviewerError


class ProgressRelay(QObject):
    """Create on the GUI thread; pass ``report`` to long work running on the runner.

    ``report`` may be called from any thread: the signal crosses to the relay's thread
    through a queued connection because the emitter is not the receiver's thread. Setting
    ``cancelled`` lets the work stop at its next report (it raises ``Cancelled``).
    """

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancelled = False

    def report(self, done: int, total: int) -> None:
        """Called by the work with how far it is."""
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(done, total)


class Cancelled(ReviewerError):  # noqa: N818 - reads as "the work was cancelled"
    """Raised inside the work when the user cancelled it (a known outcome, not a bug)."""
