"""Simplified Chinese for the personal dashboard."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "My dashboard…": "我的仪表板…",
    "My dashboard": "我的仪表板",
    "Today, by hour": "今天，按小时",
    "7 days, by day": "7 天，按天",
    "30 days, by day": "30 天，按天",
    "90 days, by week": "90 天，按周",
    "A year, by week": "一年，按周",
    "&Export PNG…": "导出 PNG(&E)…",
    "Today: %v of %m decisions": "今天：%v / %m 个决定",
    "My decisions": "我的决定",
    "My QA accuracy (95% band)": "我的质检准确率（95% 区间）",
    "My handle times (minutes)": "我的处理时长（分钟）",
    "Range:": "范围：",
    "{n} decisions · {per_hour} per productive hour · AHT {aht} (team median {team}) · "
    "later overturned {overturned}":
        "{n} 个决定 · 每有效工时 {per_hour} 个 · 平均处理时长 {aht}（团队中位数 {team}）"
        " · 后被推翻 {overturned}",
    "Export the charts": "导出图表",
    "Could not write {path}.": "无法写入 {path}。",
    " a day": " 个/天",
    "Daily &goal:": "每日目标(&G)：",
}

BY_CONTEXT: dict[tuple[str, str], str] = {}
