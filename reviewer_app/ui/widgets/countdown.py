"""Compact SLA countdown text for tables: "2h 13m", "−1h 05m", "3d 04h"."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

MINUS = "\u2212"  # a real minus sign: a hyphen looks like a dash in a tabular column


def format_countdown(remaining: timedelta) -> str:
    """Time left (negative: overdue) in at most two units."""
    total = int(remaining.total_seconds())
    sign = MINUS if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        text = QCoreApplication.translate("Countdown", "{days}d {hours}h").format(
            days=days, hours=f"{hours:02d}")
    elif hours:
        text = QCoreApplication.translate("Countdown", "{hours}h {minutes}m").format(
            hours=hours, minutes=f"{minutes:02d}")
    else:
        text = QCoreApplication.translate("Countdown", "{minutes}m").format(minutes=minutes)
    return sign + text
