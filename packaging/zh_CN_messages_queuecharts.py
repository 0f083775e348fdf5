"""Simplified Chinese for the team dashboard's queue charts and the queue's chart filter line
(strings other features already translate are not repeated here)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Queues": "队列",
    "&Refresh": "刷新(&R)",
    "Last {n} days, by day": "最近 {n} 天，按天",
    "Updating the daily figures: {done} of {total} days…": "正在更新每日数据：{done} / {total} 天…",
    "Updating the daily figures…": "正在更新每日数据…",
    "Backlog at the end of each day": "每日结束时的积压",
    "Intake and decisions per day": "每日收件量与决定数",
    "Intake": "收件量",
    "Decisions": "决定",
    "SLA compliance per day": "每日 SLA 达成率",
    "Decided within SLA ÷ decided": "SLA 内决定数 ÷ 决定数",
    "Inclusive: open past SLA added to the denominator": "含未结：已超 SLA 的未结申诉计入分母",
    "Age of the open appeals": "未结申诉的等待时长",
    "< 24 h": "< 24 小时",
    "24–48 h": "24–48 小时",
    "48–72 h": "48–72 小时",
    "72 h – 7 d": "72 小时 – 7 天",
    "> 7 d": "> 7 天",
    "Open appeals at risk and breached": "有风险与已超时的未结申诉",
    "Open now: {backlog} · at risk {at_risk} · breached {breached} · {oldest}":
        "当前未结：{backlog} · 有风险 {at_risk} · 已超时 {breached} · {oldest}",
    "nothing open": "没有未结申诉",
    "oldest {ref}, waiting {age}": "最早的 {ref}，已等待 {age}",
    "Export PNG…": "导出 PNG…",
    "Save this chart as a PNG image": "将此图表保存为 PNG 图片",
    "Export the chart": "导出图表",
    "Could not write {path}: {error}": "无法写入 {path}：{error}",
    "Open appeals per queue": "各队列的未结申诉",
    "Backlog": "积压",
    "Oldest waits": "最长等待",
    "Oldest case": "最早的申诉",
    "All queues": "全部队列",
    "Export CSV…": "导出 CSV…",
    "Export the figures": "导出数据",
    "Double-click or press Enter on a figure to list its cases in the queue":
        "双击数字或按回车键，在队列中列出对应的申诉",
    "Drop the chart's selection, keep the boxes": "取消图表的选择，保留筛选框",
    "From the charts: {what}": "来自图表：{what}",
    "queue {code}": "队列 {code}",
    "received {start} – {end}": "收到于 {start} – {end}",
    "decided {start} – {end}": "决定于 {start} – {end}",
}
BY_CONTEXT: dict[tuple[str, str], str] = {}
