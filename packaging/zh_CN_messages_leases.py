"""Simplified Chinese for hold for help, hand-off, the lease warning and conflict messages."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- actions ---
    "Hold for help / resume…": "暂挂求助 / 恢复…",
    "Hand off to a colleague…": "转交给同事…",
    "Keep working (renew the lease now)": "继续处理（立即续租）",
    "Cases held by me…": "我持有的案件…",
    "Cases held by me": "我持有的案件",
    "{ref} · until {time}": "{ref} · 至 {time}",
    "You hold no cases.": "您没有持有任何案件。",
    # --- hold dialog ---
    "Hold for help": "暂挂求助",
    "The case stays with you for a longer time. What help do you need, and from whom? "
    "The note is kept in the case events.":
        "案件会在您名下保留更长时间。您需要什么帮助、向谁求助？备注会记录在案件事件中。",
    "Hold": "暂挂",
    # --- hand-off dialog ---
    "Hand off to a colleague": "转交给同事",
    "{name} ({login}, {role})": "{name}（{login}，{role}）",
    "Type a name…": "输入姓名…",
    "What is done, what is left, why them": "已完成什么、还剩什么、为何转给此人",
    "Nobody else is eligible for this case (skills, original decider, 1st round).":
        "没有其他人有资格处理此案件（技能、原始决定人、第一轮审核人）。",
    "&Colleague:": "同事(&C)：",
    "&Note:": "备注(&N)：",
    "Hand off": "转交",
    "No case is open to hold.": "没有打开的案件可以暂挂。",
    "No case is open to hand off.": "没有打开的案件可以转交。",
    # --- lease indicator ---
    "Held for help: {note} · {lease}": "暂挂求助：{note} · {lease}",
    "You hold the lease until {time} ({left} left).": "您的租约到 {time}（剩余 {left}）。",
    "Held for help: {note}": "暂挂求助：{note}",
    "Note: {note}": "备注：{note}",
    "Your lease on this case has run out: another reviewer may claim it. Press {key} to "
    "keep it if nobody has; otherwise nothing will be saved.":
        "此案件的租约已到期：其他审核员可能会领取它。若尚无人领取，请按 {key} 保留；"
        "否则将不会保存任何内容。",
    "Your lease on this case ends in {left}. Press {key} to keep working on it.":
        "此案件的租约将在 {left} 后到期。按 {key} 继续处理。",
    # --- review flow ---
    "Case handed to {name}.": "案件已转交给 {name}。",
    "Held for help: the case stays with you until {time}. Press Ctrl+Shift+H again to "
    "resume.": "已暂挂求助：案件在您名下保留到 {time}。再次按 Ctrl+Shift+H 可恢复。",
    "Resumed: the lease renews itself again while you work.":
        "已恢复：您工作时租约会再次自动续期。",
    "You already held this case. Note: {note}": "此案件已在您名下。备注：{note}",
    # --- errors: the other change ---
    "Your change was not saved; your text is still in the form.":
        "您的更改未保存；您输入的内容仍在表单中。",
    "Please write a note: it tells your colleague what the case needs and is kept in the "
    "case events.": "请填写备注：它告诉同事此案件需要什么，并记录在案件事件中。",
    "Someone": "某人",
    "{who} decided this appeal at {when}{what}.": "{who} 已于 {when} 决定此申诉{what}。",
    "{who} handed this appeal to {to} at {when}.": "{who} 已于 {when} 将此申诉转交给 {to}。",
    "{who} held this appeal for help at {when}: “{note}”.":
        "{who} 已于 {when} 暂挂此申诉求助：“{note}”。",
    "The lease ran out at {when} and the appeal went back to the queue.":
        "租约已于 {when} 到期，申诉已回到队列。",
    "{who} claimed this appeal at {when}.": "{who} 已于 {when} 领取此申诉。",
    "{who} released this appeal at {when}.": "{who} 已于 {when} 释放此申诉。",
    "{who} resumed work on this appeal at {when}.": "{who} 已于 {when} 恢复处理此申诉。",
    "{who} escalated this appeal at {when}.": "{who} 已于 {when} 升级此申诉。",
    "{who} requested information on this appeal at {when}.":
        "{who} 已于 {when} 就此申诉请求补充信息。",
    "{who} changed this appeal at {when} ({event}).": "{who} 已于 {when} 更改此申诉（{event}）。",
    "You already hold this case; choose a colleague to hand it to.":
        "此案件已在您名下；请选择要转交的同事。",
    "{name} is not an active user; choose another colleague.":
        "{name} 不是活跃用户；请选择其他同事。",
    "{name} made the original enforcement decision and may not review this appeal.":
        "{name} 作出了原始执法决定，不能审核此申诉。",
    "{name} reviewed the first round of this appeal and may not review this one.":
        "{name} 审核过此申诉的第一轮，不能审核本轮。",
    "{name} lacks a language, market or policy skill this appeal needs.":
        "{name} 缺少此申诉所需的语言、市场或政策技能。",
    "{name} cannot take this case.": "{name} 不能接手此案件。",
    "The case stays with you.": "案件仍在您名下。",
    # --- event labels ---
    "Resumed": "已恢复",
    "Handed off": "已转交",
}

# "Hold for help" is the dialog title; as an event it reads "held for help".
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("labels", "Held for help"): "已暂挂求助",
}
