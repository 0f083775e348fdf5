"""SOP Markdown helpers: the checklist items a reviewer ticks off."""

from __future__ import annotations

import re

# "- [ ] text", "* [x] text", "+ [X] text", indented or not; the box state is ignored
# because the SOP defines the items, the reviewer ticks them in the UI.
_ITEM = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+(?P<text>\S.*?)\s*$")


def parse_checklist(markdown: str) -> tuple[str, ...]:
    """The checklist items (``- [ ] text``) of an SOP, in document order.

    Args:
        markdown: the SOP body.

    Returns:
        The item texts, stripped; lines inside fenced code blocks are ignored.
    """
    items: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _ITEM.match(line)
        if match:
            items.append(match.group("text"))
    return tuple(items)
