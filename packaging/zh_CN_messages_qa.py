"""Simplified Chinese for the QA workstation (audit queue, sampling, evaluations, accuracy)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- window and action ---
    "Quality assurance…": "质量保证…",
    "Quality assurance — {name}": "质量保证 — {name}",
    "&Audit queue": "审核队列(&A)",
    "&Sampling": "抽样(&S)",
    "&Evaluations": "评估(&E)",
    "My &evaluations": "我的评估(&E)",
    "Acc&uracy": "准确率(&U)",
    "Ctrl+Return records your blind decision, Ctrl+Shift+P publishes, F5 reloads, "
    "Ctrl+W closes.": "Ctrl+Return 记录您的盲审决定，Ctrl+Shift+P 发布，F5 刷新，Ctrl+W 关闭。",
    "Your published evaluations: tick a criterion and say why to dispute it within 48 "
    "hours. F5 reloads.":
        "您已发布的评估：在 48 小时内勾选某项标准并说明理由即可提出申诉。F5 刷新。",
    # --- audit panel ---
    "Sampled as": "抽样依据",
    "e.g. UPH-DOCS-INVALID": "例如 UPH-DOCS-INVALID",
    "&Record my decision and reveal (Ctrl+Return)": "记录我的决定并显示原决定(&R)（Ctrl+Return）",
    "&Your outcome:": "您的结果(&Y)：",
    "Your &reason code:": "您的原因代码(&R)：",
    "&Notes:": "备注(&N)：",
    "1 · Decide the case yourself (the original is hidden)": "1 · 先自行决定此案件（原决定已隐藏）",
    "&Save draft": "保存草稿(&S)",
    "&Publish (Ctrl+Shift+P)": "发布(&P)（Ctrl+Shift+P）",
    "2 · Compare and score": "2 · 对比并评分",
    "%n sampled case(s) to audit": "待审核的抽样案件：%n 件",
    "The original decision appears here after yours.": "记录您的决定后，原决定将显示在这里。",
    "Choose a sampled case on the left.": "请在左侧选择一个抽样案件。",
    "{ref} · round {round} · {policy} · {market} · {language}\nEnforcement: {action}\n"
    "Facts: {facts}\n\nAppellant's statement:\n{statement}":
        "{ref} · 第 {round} 轮 · {policy} · {market} · {language}\n处置措施：{action}\n"
        "依据事实：{facts}\n\n申诉人陈述：\n{statement}",
    "Yours: {mine} · {my_reason}\nOriginal by {who} on {when}: {theirs} · {their_reason}\n"
    "Rationale: {rationale}\nResponse: {response}":
        "您的决定：{mine} · {my_reason}\n原决定（{who}，{when}）：{theirs} · {their_reason}\n"
        "理由：{rationale}\n回复：{response}",
    "Evaluation of {ref} published: {score:g} / 100. The reviewer can dispute it for 48 "
    "hours.": "{ref} 的评估已发布：{score:g} / 100。审核员可在 48 小时内提出申诉。",
    "Draft saved: {score:g} / 100.": "草稿已保存：{score:g} / 100。",
    # --- scorecard ---
    "Scorecard": "评分卡",
    "Scorecard: {name} (version {version})": "评分卡：{name}（第 {version} 版）",
    "Feedback for the reviewer": "给审核员的反馈",
    "&Error type:": "错误类型(&E)：",
    "&Feedback:": "反馈(&F)：",
    "Score:": "得分：",
    " (critical)": "（关键项）",
    "Why (optional)": "原因（可选）",
    # --- evaluations ---
    "Score": "得分",
    "Error": "错误",
    "Published": "已发布",
    "Dispute until": "申诉截止",
    "No evaluation to show.": "没有可显示的评估。",
    "{ref} · {status} · score {score}": "{ref} · {status} · 得分 {score}",
    "\n    disputed: {reason} → {answer}": "\n    申诉：{reason} → {answer}",
    "Error type: {error}": "错误类型：{error}",
    "Feedback: {text}": "反馈：{text}",
    "Dispute outcome: {r}": "申诉结果：{r}",
    "History:": "历史记录：",
    "Dispute this evaluation (until {when})": "对此评估提出申诉（截止 {when}）",
    "Why the score is wrong": "评分有误的原因",
    "Send &dispute": "提交申诉(&D)",
    "Resolve the dispute": "处理申诉",
    "Your answer to the reviewer": "您给审核员的答复",
    "&Resolve": "处理(&R)",
    "Evaluation of {ref} is now {status}.": "{ref} 的评估现为：{status}。",
    # --- sampling ---
    "use the rate": "按比例",
    "&Create plan": "创建计划(&C)",
    "&Name:": "名称(&N)：",
    "&Kind:": "类型(&K)：",
    "Strata:": "分层：",
    "&Rate:": "比例(&R)：",
    "Or a fixed si&ze:": "或固定数量(&Z)：",
    "Minimum per reviewer a &week:": "每位审核员每周最少(&W)：",
    "New sampling plan": "新建抽样计划",
    "random; give one to repeat a draw": "随机；填写种子可重复同一次抽样",
    "&Draw sample from the selected plan": "按所选计划抽样(&D)",
    "Decisions &from:": "决定日期从(&F)：",
    "&to (inclusive):": "至（含）(&T)：",
    "S&eed:": "种子(&E)：",
    "Draw a sample": "抽取样本",
    "unknown / large": "未知 / 很大",
    "Margin of error:": "误差范围：",
    "Confidence:": "置信度：",
    "Decisions in the period:": "期间内的决定数：",
    "Audits needed:": "所需审核数：",
    "How many audits? (Cochran)": "需要审核多少件？（Cochran 公式）",
    "Plans": "计划",
    "{n} decisions": "{n} 个决定",
    "{n} per reviewer a week": "每位审核员每周 {n} 个",
    "Outcome": "结果",
    "Plan “{name}” created.": "计划“{name}”已创建。",
    "Choose a plan first.": "请先选择一个计划。",
    "The seed must be a whole number.": "种子必须是整数。",
    "Sample {id}: {picked} of {population} decisions picked (seed {seed}); they are in the "
    "audit queue.":
        "样本 {id}：从 {population} 个决定中抽取了 {picked} 个（种子 {seed}），已加入审核队列。",
    # --- accuracy ---
    "Week": "周",
    "Sample": "样本",
    "Period": "期间",
    "Stratified accuracy": "分层准确率",
    "95% interval": "95% 区间",
    "Per sample, strata weighted by their share of all decisions (Σ N_h/N · p_h), never "
    "pooled; shown once every stratum has an audit.":
        "按样本计算，各层按其在全部决定中的占比加权（Σ N_h/N · p_h），不直接合并；"
        "每一层都有审核后才显示。",
    "&Show": "显示(&S)",
    "Audited": "已审核",
    "Correct": "正确",
    "Accuracy": "准确率",
    "95% interval (Wilson)": "95% 区间（Wilson）",
    "Published audits of decisions made in the period. Cases picked by risk rules are not "
    "part of accuracy; they are audited apart.":
        "期间内所作决定的已发布审核。按风险规则抽取的案件不计入准确率，另行审核。",
    "By:": "按：",
    "from": "从",
    "to": "至",
    # --- scorecard editor ---
    "Score&card": "评分卡(&C)",
    "Code": "代码",
    "Criterion": "标准",
    "Weight": "权重",
    "Critical": "关键项",
    "&Add criterion": "添加标准(&A)",
    "Re&move criterion": "删除标准(&M)",
    "Save as a &new version": "另存为新版本(&N)",
    "A failed critical criterion makes the whole score 0. Saving makes a new version for "
    "audits started from now on; earlier evaluations keep theirs. Keep the “outcome” "
    "criterion: accuracy is counted from it.":
        "关键项不符合时总分为 0。保存会生成新版本，用于此后开始的审核；之前的评估保留原版本。"
        "请保留代码为“outcome”的标准：准确率依据它计算。",
    "Name:": "名称：",
    "version {n}": "第 {n} 版",
    "Row {n}: the weight must be a number.": "第 {n} 行：权重必须是数字。",
    "Scorecard version {n} saved; new audits use it.": "评分卡第 {n} 版已保存，新的审核将使用它。",
    # --- labels ---
    "Draft": "草稿",
    "Disputed": "已申诉",
    "Resolved": "已处理",
    "No error": "无错误",
    "Wrong uphold": "错误维持",
    "Wrong overturn": "错误撤销",
    "Wrong reason code": "原因代码错误",
    "Procedural error": "程序错误",
    "Simple random": "简单随机",
    "Stratified": "分层",
    "Risk-based": "基于风险",
    "Minimum per reviewer a week": "每位审核员每周最低数量",
    "Open": "未处理",
    "Accepted": "已接受",
    "Rejected": "已驳回",
    "Partially accepted": "部分接受",
    "Met": "符合",
    "blind decision recorded": "已记录盲审决定",
    "scored": "已评分",
    "published": "已发布",
    "disputed": "已申诉",
    "resolved": "已处理",
    "QA's own decision: {outcome} · {reason}": "质检自己的决定：{outcome} · {reason}",
    "Not met": "不符合",
    "Partly met": "部分符合",
}

BY_CONTEXT: dict[tuple[str, str], str] = {}
