"""The file chooser of every import: the file, and the encoding its file type names.

One list for the workstation's Work → Import and the first-run screen, so both offer the
GB18030 and UTF-8 choices (a CSV or JSON Lines file read only as the chosen encoding: a line
it cannot read is rejected, never guessed) besides automatic detection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from reviewer_app.services.import_readers import FILE_FILTER

TEXT_FILES = " (*.csv *.jsonl *.ndjson)"


def import_file_types() -> list[tuple[str, str]]:
    """(file dialog filter, encoding) pairs; "auto" detects UTF-8, UTF-8 with BOM or GB18030."""
    # The context is spelled out so that lupdate files the texts where they are looked up.
    return [
        (QCoreApplication.translate("ImportFileChooser", "Appeals or DSA statements of reasons")
         + f" ({FILE_FILTER})", "auto"),
        (QCoreApplication.translate("ImportFileChooser", "CSV or JSON Lines in GB18030")
         + TEXT_FILES, "gb18030"),
        (QCoreApplication.translate("ImportFileChooser", "CSV or JSON Lines in UTF-8")
         + TEXT_FILES, "utf-8"),
        (QCoreApplication.translate("ImportFileChooser", "All files") + " (*)", "auto"),
    ]


def choose_import_file(parent: QWidget, title: str) -> tuple[Path, str] | None:
    """Ask for a file to import; (path, encoding), or None when the person cancels."""
    types = import_file_types()
    path, chosen = QFileDialog.getOpenFileName(parent, title, "",
                                               ";;".join(f for f, _ in types))
    if not path:
        return None
    return Path(path), dict(types).get(chosen, "auto")
