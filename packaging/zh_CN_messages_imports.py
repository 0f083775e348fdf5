"""Simplified Chinese for import and export (issue 6)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Appeal files": "申诉文件",
    "All files": "所有文件",
}
