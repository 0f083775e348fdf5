"""Case view: everything a reviewer reads before deciding one appeal."""

from reviewer_app.ui.case.panel import CasePanel

__all__ = ["CasePanel"]
