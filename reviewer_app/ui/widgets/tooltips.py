"""Tooltips that show data as it is written.

Qt renders a tooltip as rich text whenever it merely looks like markup
(``Qt.mightBeRichText``), so a login or a name such as ``<b>x</b>`` from an imported file
would be drawn bold, and a ``<a href>`` as a link. ``plain_tooltip`` escapes the text and
marks it as rich text explicitly, so what shows is exactly the characters of the data.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows literally (line breaks kept)."""
    if not text:
        return ""  # an empty tooltip means "none"
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"
