"""Work-arounds for bugs in the Qt bindings, applied once when workers or ui is imported."""

from __future__ import annotations

import ctypes
import sys

import PySide6

# Qt workaround [pyside-6.12-emit-refcount]: in PySide6 6.12.0, ``SignalInstance.emit()``
# returns ``True`` without taking a reference. On Python 3.12+ True/False are immortal and
# nothing happens; on 3.11 every Python-side emit drops one reference to True, and after a
# few thousand emits the interpreter aborts with "Fatal Python error: bool_dealloc".
# Reproducer: emit any signal ~3000 times in a loop under Python 3.11.
# Giving True and False a very large reference count makes them effectively immortal, which
# is what Python 3.12 does by design. Remove once PySide6 ships the fix.
_BOOST = 1 << 40


def _needs_fix() -> bool:
    return sys.version_info < (3, 12) and PySide6.__version__.startswith("6.12.")


def apply() -> None:
    """Make True/False immortal on the affected Python/PySide6 pair (idempotent)."""
    if not _needs_fix() or getattr(sys, "_reviewer_app_bool_fix", False):
        return
    for obj in (True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
    sys._reviewer_app_bool_fix = True  # type: ignore[attr-defined]
