"""Simplified Chinese for the team dashboard's forecast and staffing tab."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Tab and window
    "Forecast and staffing": "预测与人员配置",
    "&Queue:": "队列(&Q)：",
    "&Forecast:": "预测(&F)：",
    " days": " 天",
    "&Refresh": "刷新(&R)",
    "Forecasting…": "正在预测…",
    "There are no queues to forecast yet.": "还没有可预测的队列。",
    "Could not forecast: {error}": "无法预测：{error}",
    "Queue {queue} has no final decisions in the last {days} days, so its AHT and daily "
    "capacity are unknown and there is no projection at current staffing. Enter an AHT in "
    "the what-if to project its backlog.":
        "队列 {queue} 在最近 {days} 天内没有最终决定，因此其平均处理时长和每日处理能力未知，"
        "无法按当前人员配置进行推算。请在假设分析中输入平均处理时长以推算其积压。",
    "Current staffing: reviewers {reviewers} × {hours} h ÷ AHT {aht} min = {capacity} "
    "decisions a day; SLA {sla} h; backlog now {backlog}. SLA breach: {breach}.":
        "当前人员配置：审核员 {reviewers} 名 × {hours} 小时 ÷ 平均处理时长 {aht} 分钟 = "
        "每天 {capacity} 个决定；SLA {sla} 小时；当前积压 {backlog}。SLA 违约：{breach}。",
    # Charts
    "Export PNG…": "导出 PNG…",
    "Export the chart": "导出图表",
    "Daily intake": "每日进件量",
    "Appeals received": "收到的申诉",
    "Held out: received": "留出期：实际收到",
    "Held out: predicted": "留出期：预测",
    "Forecast": "预测",
    "Projected backlog": "积压推算",
    "At current staffing": "按当前人员配置",
    "With the what-if": "按假设分析",
    "SLA breach": "SLA 违约",
    "What-if breach": "假设分析下的违约",
    # Queue table
    "Backlog": "积压",
    "Forecast intake a day": "预测每日进件量",
    "Capacity a day": "每日处理能力",
    "Reviewers": "审核员",
    "AHT (min)": "平均处理时长（分钟）",
    "SLA (h)": "SLA（小时）",
    "SLA breach at current staffing": "按当前人员配置的 SLA 违约时间",
    "Export CSV…": "导出 CSV…",
    "All queues": "所有队列",
    "Export the queue table": "导出队列表",
    "Could not write {path}: {error}": "无法写入 {path}：{error}",
    # Back-office calculator
    "Back-office staffing (appeals)": "后台人员配置（申诉）",
    " min": " 分钟",
    " h": " 小时",
    "Share of paid time lost to leave, training and meetings, 0–0.95":
        "因休假、培训和会议损失的带薪时间比例，0–0.95",
    "Reviewers working the queue each day (for the projected backlog)":
        "每天处理该队列的审核员人数（用于积压推算）",
    "&Backlog now": "当前积压(&B)",
    "Daily &intake": "每日进件量(&I)",
    "Clear the backlog &in": "清空积压所需天数(&I)",
    "&AHT": "平均处理时长(&A)",
    "&Productive hours a day": "每天有效工时(&P)",
    "&Shrinkage": "损耗率(&S)",
    "&Reviewers working": "在岗审核员(&R)",
    "Workload a day (backlog ÷ days + intake)": "每日工作量（积压 ÷ 天数 + 进件量）",
    "Decisions a reviewer a day": "每名审核员每天的决定数",
    "Reviewers before shrinkage": "计入损耗前的审核员人数",
    "Reviewers needed": "所需审核员人数",
    "Decisions a day the reviewers working manage": "在岗审核员每天可完成的决定数",
    "Baseline": "基准",
    "What-if": "假设分析",
    # Erlang C
    "Erlang C (live queues such as escalations)": "Erlang C（升级等实时队列）",
    " Erlangs": " 爱尔兰",
    "Arrivals per second × AHT in seconds": "每秒到达量 × 平均处理时长（秒）",
    " s": " 秒",
    "Share answered within the target time, 0–1": "在目标时间内应答的比例，0–1",
    "&Traffic:": "话务量(&T)：",
    "&Agents:": "坐席数(&A)：",
    "Answer &within:": "应答时限(&W)：",
    "A&HT:": "平均处理时长(&H)：",
    "P(wait):": "等待概率 P(wait)：",
    "Service level:": "服务水平：",
    "Average speed of answer:": "平均应答速度：",
    "Occupancy:": "占用率：",
    "Target service le&vel:": "目标服务水平(&V)：",
    "Agents needed:": "所需坐席数：",
    "{s} s": "{s} 秒",
    "{n} (service level {level})": "{n}（服务水平 {level}）",
    "Overloaded: the traffic needs more agents than that; the queue grows without end.":
        "过载：该话务量需要更多坐席，队列将无限增长。",
    # Forecast words (forecast_labels)
    "Holt-Winters with weekly seasonality": "带周季节性的 Holt-Winters",
    "seasonal naive (each weekday repeats last week's)": "季节性朴素法（每个工作日重复上周同日）",
    "the mean of the days there are": "现有天数的平均值",
    "there are fewer than two full weeks of history": "历史数据不足两整周",
    "the Holt-Winters fit failed": "Holt-Winters 拟合失败",
    "Holt-Winters forecast more than twice the busiest day seen":
        "Holt-Winters 的预测超过了历史最忙一天的两倍",
    "MAE {mae} a day, MAPE {mape}": "MAE 每天 {mae}，MAPE {mape}",
    "Forecast by {method}, from {days} days of history.":
        "预测方法：{method}，基于 {days} 天的历史。",
    "Simpler than Holt-Winters because {reason}.": "未使用 Holt-Winters，因为{reason}。",
    "Too little history to hold days out and measure the error (a week is needed before "
    "them).": "历史数据太少，无法留出天数来衡量误差（留出期之前需要一周数据）。",
    "On the last {days} held-out days, refitted by {method}: {error}; seasonal naive: "
    "{baseline}.":
        "在最后 {days} 个留出日上，用{method}重新拟合：{error}；季节性朴素法：{baseline}。",
    "No appeals arrived in these days: the forecast is 0.": "这些天没有收到申诉：预测为 0。",
    "unknown: no decisions, no AHT": "未知：没有决定，无平均处理时长",
    "already in breach": "已违约",
    "not within {n} days": "{n} 天内不会",
    "today ({day})": "今天（{day}）",
    "{day} (tomorrow)": "{day}（明天）",
    "{day} (in {n} days)": "{day}（{n} 天后）",
}

BY_CONTEXT: dict[tuple[str, str], str] = {}
