"""Simplified Chinese for import and export (issue 6)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Appeal files": "申诉文件",
    "All files": "所有文件",
    "Import appeals…": "导入申诉…",
    "Importing {name}…": "正在导入 {name}…",
    "{name}: read {read} rows — {imported} imported, {updated} updated, {unchanged} unchanged, "
    "{rejected} rejected.":
        "{name}：读取 {read} 行 — 导入 {imported}，更新 {updated}，"
        "未变 {unchanged}，拒绝 {rejected}。",
    "The rejected rows and why: {path}": "被拒绝的行及原因：{path}",
    "The import was cancelled. Batches finished before cancelling were kept; import the file "
    "again to complete it.": "导入已取消。取消前完成的批次已保留；再次导入该文件即可完成。",
    "This file cannot be imported; nothing was written: {reason}":
        "无法导入此文件，未写入任何内容：{reason}",
}
