"""Simplified Chinese for the dashboards' XLSX table export and the import file chooser."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Export XLSX…": "导出 XLSX…",
    # The import file chooser's filter: appeal files or DSA statements of reasons.
    "Appeals or DSA statements of reasons": "申诉或 DSA 决定理由说明",
    "CSV or JSON Lines in GB18030": "GB18030 编码的 CSV 或 JSON Lines",
    "CSV or JSON Lines in UTF-8": "UTF-8 编码的 CSV 或 JSON Lines",
    # The case pane before a case is claimed: how to start from the keyboard.
    "No case open.\n\nCtrl+N claims the most urgent appeal you can work.\nEnter or Ctrl+O in "
    "the queue claims the selected one.\nF1 lists every shortcut.":
        "没有打开的案件。\n\nCtrl+N 领取你可以处理的最紧急的申诉。\n在队列中按 Enter 或 Ctrl+O "
        "领取所选申诉。\nF1 列出所有快捷键。",
}
