"""Simplified Chinese for the dashboards' XLSX table export and the import file chooser."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Export XLSX…": "导出 XLSX…",
    # The import file chooser's filter: appeal files or DSA statements of reasons.
    "Appeals or DSA statements of reasons": "申诉或 DSA 决定理由说明",
    "CSV or JSON Lines in GB18030": "GB18030 编码的 CSV 或 JSON Lines",
    "CSV or JSON Lines in UTF-8": "UTF-8 编码的 CSV 或 JSON Lines",
}
