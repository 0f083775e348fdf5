"""Chinese for the second round of live updates (hand-off notice, connection start-up)."""

MESSAGES: dict[str, str] = {
    "{who} handed you {ref}: {note} — press Ctrl+N to open it":
        "{who} 将 {ref} 转交给您：{note} — 按 Ctrl+N 打开",
    "{who} handed you {ref} — press Ctrl+N to open it": "{who} 将 {ref} 转交给您 — 按 Ctrl+N 打开",
    "A colleague": "一位同事",
    "Connecting…": "正在连接…",
}
