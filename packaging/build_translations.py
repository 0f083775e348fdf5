"""Compile every resources/translations/*.ts to .qm with pyside6-lrelease (bootstrap, tests).

Usage: ``python packaging/build_translations.py`` from the repository root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"


def tool(name: str) -> str:
    """A PySide6 tool next to the running interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; install PySide6 into this environment")
    return found


def build(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile each ``.ts`` in ``directory`` whose ``.qm`` is missing or older; return the .qm."""
    built = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            # Compile beside and rename: parallel test workers never read a half-written file.
            part = qm.with_name(f"{qm.name}.{os.getpid()}.part")
            subprocess.run(
                [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(part)],
                check=True,
            )
            os.replace(part, qm)
        built.append(qm)
    return built


def main() -> int:
    """Build and list the compiled files."""
    for qm in build():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
