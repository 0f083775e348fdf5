"""Simplified Chinese for the team dashboard's Reports tab (ui/dashboards/reports_tab.py).

Keyed by context so that short words ("Cancel", "Market") never override another
feature's wording of the same English text.
"""

from __future__ import annotations

_TAB = {
    "KPIs": "关键绩效指标",
    "EU DSA transparency": "欧盟 DSA 透明度",
    "None (overall only)": "不分组（仅总体）",
    "Market": "市场",
    "Policy": "政策",
    "Queue": "队列",
    "Reviewer": "审核员",
    "Language": "语言",
    "&Run": "运行(&R)",
    "Run the report (Ctrl+Enter)": "运行报告（Ctrl+Enter）",
    "Cancel": "取消",
    "Stop the running report or save (Esc)": "停止正在运行的报告或保存（Esc）",
    "%v of %m steps": "第 %v 步，共 %m 步",
    "Choose a period and a report, then press Run.": "请选择时间段和报告，然后点击“运行”。",
    "Save as &XLSX…": "另存为 &XLSX…",
    "The business-review workbook: an Overall sheet and one sheet per cut with charts. "
    "Without a cut it holds every cut (read again from the database).":
        "业务回顾工作簿：一个“总体”工作表，以及每个分组维度一个带图表的工作表。"
        "未选择分组维度时包含所有维度（会重新从数据库读取）。",
    "Save as &JSON…": "另存为 &JSON…",
    "Export table as &CSV…": "将表格导出为 &CSV…",
    "&From:": "起始(&F)：",
    "&To:": "截止(&T)：",
    "Re&port:": "报告(&P)：",
    "C&ut:": "分组(&U)：",
    "The last day ({to}) is before the first day ({first}). Choose a To date on or after "
    "the From date.": "截止日（{to}）早于起始日（{first}）。请选择不早于起始日的截止日期。",
    "Computing the DSA figures…": "正在计算 DSA 数据…",
    "Computing the KPIs…": "正在计算关键绩效指标…",
    "Cancelling…": "正在取消…",
    "The report stopped on an unexpected error.": "报告因意外错误而停止。",
    "Cancelled. Nothing was written.": "已取消。未写入任何文件。",
    "The file could not be saved: {reason}": "无法保存文件：{reason}",
    "KPIs from {first} to {last}.": "{first} 至 {last} 的关键绩效指标。",
    "KPIs from {first} to {last}: {n} groups.": "{first} 至 {last} 的关键绩效指标：{n} 个分组。",
    "EU DSA transparency figures from {first} to {last}.":
        "{first} 至 {last} 的欧盟 DSA 透明度数据。",
    "Intake": "进件量",
    "Decisions": "决定数",
    "Backlog at end": "期末积压",
    "Median time to decision (h)": "决定用时中位数（小时）",
    "P90 time to decision (h)": "决定用时 P90（小时）",
    "P95 time to decision (h)": "决定用时 P95（小时）",
    "SLA compliance": "SLA 达成率",
    "SLA compliance incl. open": "SLA 达成率（含未结）",
    "AHT (s)": "平均处理时长（秒）",
    "Overturn rate": "推翻率",
    "Full overturn rate": "完全推翻率",
    "Partial rate": "部分推翻率",
    "Escalation rate": "升级率",
    "Info request rate": "补充信息请求率",
    "QA accuracy": "质检准确率",
    "QA accuracy CI low": "质检准确率置信区间下限",
    "QA accuracy CI high": "质检准确率置信区间上限",
    "Dispute rate": "申诉率",
    "Scope": "范围",
    "Overall": "总体",
    "Upheld": "维持",
    "Overturned": "推翻",
    "Partly overturned": "部分推翻",
    "Rejected as inadmissible": "不予受理",
    "Complaints received": "收到的投诉",
    "Reversed": "撤销的决定",
    "All markets": "所有市场",
    "Save the report as a workbook": "将报告另存为工作簿",
    "Excel workbook (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "Writing {name}…": "正在写入 {name}…",
    "Save the report as JSON": "将报告另存为 JSON",
    "JSON (*.json)": "JSON (*.json)",
    "Export the table as CSV": "将表格导出为 CSV",
    "CSV (*.csv)": "CSV (*.csv)",
    "Saved {path}": "已保存 {path}",
}

MESSAGES: dict[str, str] = {}
BY_CONTEXT: dict[tuple[str, str], str] = {
    **{("ReportsTab", source): text for source, text in _TAB.items()},
    ("TeamDashboardWindow", "Reports"): "报告",
}
