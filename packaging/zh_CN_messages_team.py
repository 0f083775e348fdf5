"""Simplified Chinese for the team dashboard window."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "Team dashboard…": "团队仪表板…",
    "Team dashboard": "团队仪表板",
    "Updating the daily figures…": "正在更新每日数据…",
}
