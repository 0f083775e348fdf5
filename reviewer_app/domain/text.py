"""Plain-text helpers for Markdown: strip markup and cut a snippet around a match."""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)")
_INLINE = re.compile(r"(\*\*|__|\*|_|`+|~~)")
_SPACES = re.compile(r"\s+")
_TABLE_RULE = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")
_HRULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def markdown_to_plain(markdown: str) -> str:
    """Markdown as one line of plain text (headings, list marks, emphasis, links removed)."""
    lines = []
    for line in markdown.splitlines():
        if line.strip().startswith(("```", "~~~")) or _TABLE_RULE.match(line) or _HRULE.match(
            line
        ):
            continue
        line = _LINE_PREFIX.sub("", line).replace("|", " ")
        line = _LINK.sub(r"\1", line)
        lines.append(_INLINE.sub("", line))
    return _SPACES.sub(" ", " ".join(lines)).strip()


def snippet(text: str, needle: str, width: int = 60) -> str:
    """About ``width`` characters either side of the first case-insensitive match.

    Falls back to the start of the text when the needle does not occur in it.
    """
    lowered = text.lower()
    at = lowered.find(needle.lower()) if needle else -1
    if at < 0:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start = max(0, at - width)
    end = min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
