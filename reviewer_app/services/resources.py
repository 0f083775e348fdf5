"""Finds the ``resources/`` folder (SOPs, demo phrase banks) in a checkout or an install."""

from __future__ import annotations

import os
from pathlib import Path

ENV_OVERRIDE = "REVIEWER_APP_RESOURCES"


def resources_dir() -> Path:
    """The ``resources/`` folder.

    Looked up in order: ``$REVIEWER_APP_RESOURCES``; ``<repo>/resources`` next to the package
    (source checkout and editable install); ``reviewer_app/resources`` inside the package (a
    wheel built with the resources copied in as package data).

    Raises:
        FileNotFoundError: when none of these exists (a broken installation).
    """
    here = Path(__file__).resolve()
    candidates = [here.parents[2] / "resources", here.parents[1] / "resources"]
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        candidates.insert(0, Path(override))
    for candidate in candidates:
        if (candidate / "sop").is_dir():
            return candidate
    raise FileNotFoundError(
        "resources/ not found; looked in " + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (which need not exist)."""
    return resources_dir().joinpath(*parts)
