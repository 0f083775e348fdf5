"""Writing exported files safely: all or nothing, and no text a spreadsheet would run.

Every export (XLSX workbook, JSON, CSV) is written to a temporary file beside the target
and moved over it only once complete, so a failure, Ctrl+C or a cancel in the GUI never
leaves a half-written file (nor the temporary one) behind.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.spreadsheet import neutralise


class ExportError(ReviewerError):
    """An export cannot be made: its file cannot be written (missing folder, no permission,
    disk full: then ``path`` and ``reason`` say which and why), or it was asked for in a
    form that does not exist."""

    def __init__(self, message: str, *, path: Path | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


def cannot_write(path: Path, reason: str) -> ExportError:
    """The one wording of a file that cannot be written, for every export."""
    return ExportError(f"cannot write {path}: {reason}", path=path, reason=reason)




def safe_cell(value: Any) -> Any:
    """A cell value to export: text neutralised (``domain.spreadsheet``), the rest as is."""
    return neutralise(value) if isinstance(value, str) else value


def check_target(path: Path) -> None:
    """Raise ``ExportError`` unless ``path`` can plausibly be written.

    Checked before a long report runs, so a typo in the folder costs no queries; the
    write itself still reports any failure.
    """
    folder = path.parent
    if path.is_dir():
        raise cannot_write(path, "it is a folder")
    if not folder.is_dir():
        raise cannot_write(path, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise cannot_write(path, f"no permission to write in {folder}")


def _mode_for_new_file() -> int:
    """Permissions a plain ``open(path, "w")`` would give (0666 less the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _mode_for_new_file()  # read once: changing the umask is process-wide


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary)`` and move the finished file to ``path``; return ``path``.

    The temporary file lives in the target's folder (so the final rename is atomic) and is
    removed whatever stops the write, ``KeyboardInterrupt`` and a GUI's cancel included.
    An existing ``path`` is replaced only by a complete file.

    Raises:
        ExportError: the file cannot be created, written or moved into place.
    """
    path = Path(path)
    if path.is_dir():
        raise cannot_write(path, "it is a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                    dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, str(exc.strerror or exc)) from None
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as done:
            os.fsync(done.fileno())
        os.chmod(temporary, _NEW_FILE_MODE)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise cannot_write(path, str(exc.strerror or exc)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_json(path: Path, data: Any) -> Path:
    """``data`` as UTF-8 JSON (the ``--json`` text plus a newline), written atomically."""
    text = json.dumps(data, ensure_ascii=False) + "\n"
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """A CSV table (UTF-8 with a BOM so Excel reads the encoding), written atomically.

    Text cells are neutralised (``domain.spreadsheet.neutralise``); None becomes an empty cell.
    """
    table = [list(header), *(list(r) for r in rows)]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            for row in table:
                writer.writerow("" if v is None else safe_cell(v) for v in row)

    return write_atomically(path, write)
