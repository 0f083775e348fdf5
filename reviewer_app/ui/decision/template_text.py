"""Filling response templates: placeholders and the redress paragraph (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` for each known name; unknown placeholders stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def compose_response(body: str, redress_text: str) -> str:
    """The message the appellant receives: the body, then the redress paragraph.

    An empty body gives an empty message (so "response required" still applies) rather
    than a message that is nothing but the redress paragraph.
    """
    body = body.strip()
    redress = redress_text.strip()
    if not body or not redress or redress in body:
        return body
    return f"{body}\n\n{redress}"
