"""Markdown to safe HTML for the SOP viewer (raw HTML in the source is escaped, not run)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

# "html": False makes markdown-it escape raw HTML blocks and inline tags, and its link
# validation drops javascript:/vbscript:/data: URLs, so an SOP cannot inject markup.
# Tables are not CommonMark but the SOPs use them (e.g. evidence standards by document).
_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

STYLE_SHEET = """
h1 { font-size: x-large; margin-top: 4px; }
h2 { font-size: large; margin-top: 12px; }
h3 { font-size: medium; margin-top: 10px; }
code { font-family: monospace; }
li { margin-bottom: 2px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #b8c0cc; padding: 3px 6px; vertical-align: top; }
th { background: #eef1f5; }
"""


# Checklist boxes ("- [ ] text") are ticked in the panel's checklist; in the text they are
# drawn as box symbols instead of literal brackets.
_BOX = re.compile(r"^(\s*[-*+]\s+)\[([ xX])\](?=\s)", re.MULTILINE)


def _box(match: re.Match[str]) -> str:
    return match.group(1) + ("☐" if match.group(2) == " " else "☑")


def render_markdown(source: str) -> str:
    """HTML for ``source`` (CommonMark + tables, raw HTML escaped, checklist boxes as symbols)."""
    return _MD.render(_BOX.sub(_box, source))
