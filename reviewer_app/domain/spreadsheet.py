"""Text that is safe to open in a spreadsheet.

A CSV or XLSX cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run as a formula by Excel and LibreOffice (CSV injection: ``=HYPERLINK(...)`` and worse
arrive in appellant text). Such cells get a leading apostrophe, which spreadsheets show as
text. Only text columns are neutralised; numbers and timestamps are written as values.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
