"""The Qt bindings must survive many signal emits (PySide6 6.12.0 on Python 3.11 did not).

PySide6 6.12.0's ``SignalInstance.emit()`` drops a reference to ``True`` on every call; on
Python 3.11 the interpreter aborts ("bool_dealloc") after a few hundred emits. pyproject.toml
excludes that release; this test catches any binding version with the same fault. It runs in
a child process because the failure is an abort that would take the test run down with it.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    fired = Signal(int)
emitter = Emitter()
seen = []
emitter.fired.connect(seen.append)
for i in range(20_000):
    emitter.fired.emit(i)
assert len(seen) == 20_000
print("ok")
"""


def test_many_emits_do_not_abort_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
