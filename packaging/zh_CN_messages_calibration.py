"""Simplified Chinese for the QA window's calibration and golden-case tabs."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- calibration ---
    "&Calibration": "校准(&C)",
    "&Rate this case (Ctrl+Return)": "为此案件评分(&R)（Ctrl+Return）",
    "&Outcome:": "结果(&O)：",
    "Reason &code:": "原因代码(&C)：",
    "Rate blind (no gold answer, no one else's rating)": "盲评（不显示标准答案和他人评分）",
    "C&lose session": "结束会话(&L)",
    "One case a line: reference, gold outcome, optional reason code\n"
    "AP-00000586 overturn OVR-NEW-EVIDENCE":
        "每行一个案件：编号、标准答案结果、可选的原因代码\nAP-00000586 overturn OVR-NEW-EVIDENCE",
    "Create &session": "创建会话(&S)",
    "Cases:": "案件：",
    "Participants:": "参与者：",
    "New calibration session": "新建校准会话",
    "Sessions": "会话",
    "Results": "结果",
    "closed": "已结束",
    "open": "进行中",
    "{name} · {n} cases · {state}": "{name} · {n} 个案件 · {state}",
    "Nothing to rate in this session.": "此会话中没有待评分的案件。",
    "No calibration session for you right now.": "目前没有需要您参加的校准会话。",
    "Case {n} of the session": "会话中的第 {n} 个案件",
    "{ref} · {policy} · {language}\nEnforcement: {action}\nFacts: {facts}\n\n"
    "Appellant's statement:\n{statement}":
        "{ref} · {policy} · {language}\n处置措施：{action}\n依据事实：{facts}\n\n"
        "申诉人陈述：\n{statement}",
    "Rating saved.": "评分已保存。",
    "Line {n}: write the appeal reference, a final outcome (uphold, overturn, partial, "
    "reject_inadmissible) and optionally a reason code.":
        "第 {n} 行：请写申诉编号、最终结果（uphold、overturn、partial、reject_inadmissible），"
        "可选原因代码。",
    "Session created; participants find it in their Calibration tab.":
        "会话已创建；参与者可在各自的“校准”标签页中找到。",
    "Agreement with the gold answer:": "与标准答案一致：",
    "Cohen's kappa, pairs:": "Cohen's kappa（两两比较）：",
    "Fleiss' kappa: {v}": "Fleiss' kappa：{v}",
    "Krippendorff's alpha (nominal): {v}": "Krippendorff's alpha（名义）：{v}",
    "Most contested first:": "分歧最大的案件在前：",
    "  {ref}: {d:.0%} disagree · gold {gold} · {spread}":
        "  {ref}：{d:.0%} 不一致 · 标准答案 {gold} · {spread}",
    "n/a ({reason})": "无法计算（{reason}）",
    "  (%n pair(s) with no case rated by both left out)":
        "  （已略去 %n 对没有共同评分案件的组合）",
    # --- golden cases ---
    "&Golden cases": "黄金案例(&G)",
    "any reason code if empty": "留空表示任何原因代码均可",
    "Make &golden": "设为黄金案例(&G)",
    "Open &appeal:": "未结申诉(&A)：",
    "Gold &outcome:": "标准答案结果(&O)：",
    "Gold &reason code:": "标准答案原因代码(&R)：",
    "For reviewers:": "针对审核员：",
    "New golden case": "新建黄金案例",
    "A golden case stays in the queue like any other appeal and only its reviewers are "
    "offered it; nothing on their screen says it is golden. Once decided it is scored "
    "against the gold answer and published to the reviewer. Golden results are kept out "
    "of audit accuracy.":
        "黄金案例与其他申诉一样留在队列中，只分配给指定的审核员；他们的界面上不会显示这是黄金案例。"
        "决定后会与标准答案比对评分并发布给审核员。黄金案例结果不计入审核准确率。",
    "Golden cases decided": "已决定的黄金案例",
    "Gold outcome": "符合标准答案",
    "Share": "比例",
    "Score &decided golden cases now": "立即为已决定的黄金案例评分(&D)",
    "%n golden decision(s) scored and published.": "已为 %n 个黄金案例决定评分并发布。",
    "Type the reference of an open appeal.": "请输入一个未结申诉的编号。",
    "{ref} is now a golden case for {n} reviewer(s).": "{ref} 现为 {n} 位审核员的黄金案例。",
}

BY_CONTEXT: dict[tuple[str, str], str] = {}
