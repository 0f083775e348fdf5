"""Simplified Chinese for the local outbox, the connection indicator and the conflicts dialog."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- review flow ---
    "Saved on this computer; it will be sent when the database is back.":
        "已保存在本机；数据库恢复后将自动发送。",
    # --- connection indicator ---
    "● Online": "● 在线",
    "Reconnecting…": "正在重新连接…",
    "Offline": "离线",
    "1 decision waiting": "1 个决定待发送",
    "{n} decisions waiting": "{n} 个决定待发送",
    "1 decision not sent ({keys})": "1 个决定未能发送（{keys}）",
    "{n} decisions not sent ({keys})": "{n} 个决定未能发送（{keys}）",
    "Decisions not sent…": "未发送的决定…",
    "1 decision saved on this computer is now in the database.":
        "本机保存的 1 个决定已写入数据库。",
    "{n} decisions saved on this computer are now in the database.":
        "本机保存的 {n} 个决定已写入数据库。",
    "The database refused a decision saved on this computer. Press {keys} to resolve it.":
        "数据库拒绝了本机保存的一个决定。请按 {keys} 处理。",
    "Decisions are saved on this computer first and sent when the database answers.":
        "决定会先保存在本机，数据库可用时再发送。",
    # --- conflicts dialog ---
    "Decisions not sent": "未发送的决定",
    "The database refused these decisions when they were sent from this computer. "
    "Copy the text, discard the decision, or claim the appeal again and resubmit it.":
        "从本机发送这些决定时被数据库拒绝。您可以复制文本、放弃该决定，"
        "或重新领取申诉后再次提交。",
    "&Copy text": "复制文本(&C)",
    "&Discard": "放弃(&D)",
    "&Try again": "重试(&T)",
    "{ref} · {outcome}": "{ref} · {outcome}",
    "Your lease ran out, or another reviewer took the appeal, before the decision reached "
    "the database.": "决定到达数据库之前，您的租约已到期，或申诉已被其他审核员领取。",
    "The appeal changed in the meantime (someone else decided or claimed it).":
        "申诉在此期间已被更改（其他人已作出决定或已领取）。",
    "You may no longer decide this appeal.": "您已不能再对此申诉作出决定。",
    "The database found the decision incomplete (a reason code may have been retired). "
    "Claim the appeal and decide it again.":
        "数据库认为该决定不完整（可能某个理由代码已停用）。请重新领取申诉并再次决定。",
    "The database refused the decision: {detail}": "数据库拒绝了该决定：{detail}",
    "Appeal: {ref}": "申诉：{ref}",
    "Outcome: {outcome}": "结果：{outcome}",
    "Reason code: {code}": "理由代码：{code}",
    "Rationale": "理由",
    "What changes": "变更内容",
    "Escalation reason": "升级原因",
    "Requested documents": "所需文件",
    "Response": "回复",
    "No decisions are waiting for you.": "没有等待您处理的决定。",
    "The decision text is on the clipboard.": "决定文本已复制到剪贴板。",
    "Discarded the decision on {ref}.": "已放弃 {ref} 的决定。",
    "Claiming {ref} again and resubmitting…": "正在重新领取 {ref} 并再次提交…",
    "The decision on {ref} is now in the database.": "{ref} 的决定已写入数据库。",
}
