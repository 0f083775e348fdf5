"""Progress lines on stderr for long commands (demo data, import, reports).

On a terminal the line is rewritten in place; piped to a file, each step is its own line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def progress_printer(label: str, unit: str) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback printing ``label: done/total unit``."""
    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        end = "\r" if tty and done < total else "\n"
        print(f"{label}: {done:,}/{total:,} {unit}", end=end, file=sys.stderr, flush=True)

    return show
