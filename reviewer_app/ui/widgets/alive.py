"""Runner callbacks that reach a widget only while it still exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget


def while_alive(widget: QWidget, fn: Callable[..., None] | None) -> Callable[..., None] | None:
    """``fn`` wrapped to do nothing once ``widget`` is deleted (a window closed before a
    slow read came back); None stays None."""
    if fn is None:
        return None

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            fn(*args)

    return call
