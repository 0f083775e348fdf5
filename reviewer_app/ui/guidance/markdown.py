"""Markdown to safe HTML for the SOP viewer (raw HTML in the source is escaped, not run)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

# "html": False makes markdown-it escape raw HTML blocks and inline tags, and its link
# validation drops javascript:/vbscript:/data: URLs, so an SOP cannot inject markup.
_MD = MarkdownIt("commonmark", {"html": False})

STYLE_SHEET = """
h1 { font-size: x-large; margin-top: 4px; }
h2 { font-size: large; margin-top: 12px; }
h3 { font-size: medium; margin-top: 10px; }
code { font-family: monospace; }
li { margin-bottom: 2px; }
"""


# Checklist boxes ("- [ ] text") are ticked in the panel's checklist; in the text they are
# drawn as box symbols instead of literal brackets.
_BOX = re.compile(r"^(\s*[-*+]\s+)\[([ xX])\](?=\s)", re.MULTILINE)


def _box(match: re.Match[str]) -> str:
    return match.group(1) + ("☐" if match.group(2) == " " else "☑")


def render_markdown(source: str) -> str:
    """HTML for ``source`` (CommonMark, raw HTML escaped, checklist boxes as symbols)."""
    return _MD.render(_BOX.sub(_box, source))
