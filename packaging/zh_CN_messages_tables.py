"""Simplified Chinese for the dashboards' XLSX table export and the import file chooser."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Export XLSX…": "导出 XLSX…",
    # The import file chooser's filter: appeal files or DSA statements of reasons.
    "Appeals or DSA statements of reasons": "申诉或 DSA 决定理由说明",
}
