"""Simplified Chinese for the team dashboard's reviewer tab."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Reviewers": "审核员",
    "Alert": "警报",
    "Alerts": "警报",
    "Decisions": "决定数",
    "Per productive hour": "每有效工时",
    "AHT (min)": "平均处理时长（分钟）",
    "QA accuracy": "质检准确率",
    "95% low": "95% 下限",
    "95% high": "95% 上限",
    "Audits": "质检数",
    "Overturn rate": "推翻率",
    "Escalation rate": "升级率",
    "QA fail": "质检不合格",
    "{name}: QA-fail rate {recent} ({events} of {n} audits) in the last {days} "
    "days, against {base} ({base_events} of {base_n}) in the {weeks} weeks before":
        "{name}：最近 {days} 天质检不合格率 {recent}（{n} 次质检中 {events} 次），"
        "之前 {weeks} 周为 {base}（{base_n} 次中 {base_events} 次）",
    "{name}: overturn rate {recent} ({events} of {n} decisions) in the last "
    "{days} days, against {base} ({base_events} of {base_n}) in the {weeks} "
    "weeks before":
        "{name}：最近 {days} 天推翻率 {recent}（{n} 个决定中 {events} 个），"
        "之前 {weeks} 周为 {base}（{base_n} 个中 {base_events} 个）",
    "Decisions per hour of active handle time": "每小时有效处理时间完成的决定数",
    "{n} published audits": "{n} 次已发布的质检",
    "Last 7 days": "最近 7 天",
    "Last 30 days": "最近 30 天",
    "Last 90 days": "最近 90 天",
    "Last 365 days": "最近 365 天",
    "&Range:": "范围(&R)：",
    "&Sort by:": "排序依据(&S)：",
    "&Descending": "降序(&D)",
    "Export &CSV…": "导出 CSV(&C)…",
    "Export &XLSX…": "导出 XLSX(&X)…",
    "Reviewer figures are not available here.": "此处无法查看审核员数据。",
    "{n} people · last {days} days · {alerts} with alerts":
        "{n} 人 · 最近 {days} 天 · {alerts} 人有警报",
    "{name} — dashboard": "{name} — 仪表板",
    "Export the reviewer table": "导出审核员表",
    "Saved {path}": "已保存 {path}",
}

# "Overturn" is the outcome elsewhere (撤销处罚); here it names the alert.
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("ReviewerTableModel", "Overturn"): "推翻率上升",
    ("ReviewerTableModel", "QA fail"): "质检不合格率上升",
}
