"""Text that is safe to open in a spreadsheet.

A CSV or XLSX cell starting with ``=``, ``+``, ``-``, ``@`` (or their full-width forms), a
tab or a carriage return is run as a formula by Excel and LibreOffice (CSV injection:
``=HYPERLINK(...)`` and worse arrive in appellant text). Such cells get a leading
apostrophe, which spreadsheets show as text. Only text columns are neutralised; numbers and
timestamps are written as values.
"""

from __future__ import annotations

# The full-width forms are read as the same by some spreadsheets (e.g. typed with an IME).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
