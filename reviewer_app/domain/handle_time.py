"""Active handle time: case open AND window focused AND user not idle (Qt-free)."""

from __future__ import annotations


class HandleTimeMeter:
    """Accumulates active seconds from monotonic timestamps fed by the UI.

    Time counts while a case is open, the window has focus and the user gave input within
    the last ``idle_seconds``. After input stops, the time up to the idle threshold still
    counts (the reviewer was reading), the rest does not. Every method takes ``now`` from a
    monotonic clock so tests can drive it with a fake one.
    """

    def __init__(self, idle_seconds: float) -> None:
        if idle_seconds <= 0:
            raise ValueError("idle_seconds must be positive")
        self._idle = float(idle_seconds)
        self._case_open = False
        self._focused = False
        self._last_input: float | None = None
        self._since: float | None = None  # start of the span not yet added to _total
        self._total = 0.0

    @property
    def case_open(self) -> bool:
        """Whether a case is being timed."""
        return self._case_open

    def start_case(self, now: float) -> None:
        """A case was opened: reset the total; opening counts as input."""
        self._case_open = True
        self._total = 0.0
        self._last_input = now
        self._since = now

    def stop_case(self, now: float) -> float:
        """The case was closed (decided or released); returns its active seconds."""
        seconds = self.active_seconds(now)
        self._case_open = False
        self._total = 0.0
        self._since = None
        return seconds

    def set_focused(self, focused: bool, now: float) -> None:
        """The workstation window gained or lost focus."""
        if focused == self._focused:
            return
        self._settle(now)
        self._focused = focused
        if focused:
            self._last_input = now  # coming back to the window is user activity

    def user_input(self, now: float) -> None:
        """A key press, click or mouse move happened in the window."""
        self._settle(now)
        self._last_input = now

    def is_active(self, now: float) -> bool:
        """Whether time is counting at ``now``."""
        return (
            self._case_open
            and self._focused
            and self._last_input is not None
            and now - self._last_input < self._idle
        )

    def active_seconds(self, now: float) -> float:
        """Active seconds so far for the open case (0 when none is open)."""
        if not self._case_open:
            return 0.0
        return self._total + self._pending(now)

    def _pending(self, now: float) -> float:
        """Active time in the span since the last settle, up to ``now``."""
        if self._since is None or not self._focused or self._last_input is None:
            return 0.0
        active_until = min(now, self._last_input + self._idle)
        return max(0.0, active_until - max(self._since, self._last_input))

    def _settle(self, now: float) -> None:
        if self._case_open:
            self._total += self._pending(now)
            self._since = now
