"""SOP panel: the policy's standard operating procedure, its checklist and SOP search."""

from reviewer_app.ui.guidance.panel import GuidancePanel

__all__ = ["GuidancePanel"]
