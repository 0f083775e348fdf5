"""Simplified Chinese for the XLSX export of the dashboards' own tables."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Export XLSX…": "导出 XLSX…",
}
