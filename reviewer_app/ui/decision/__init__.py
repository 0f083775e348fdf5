"""Decision form: outcome, reason code, rationale, response to the appellant, submit."""

from reviewer_app.ui.decision.panel import DecisionPanel

__all__ = ["DecisionPanel"]
