"""Thin PySide6 views over the workers runner; no database access here."""

# Importing workers applies the Qt binding work-arounds before any widget emits a signal.
import reviewer_app.workers  # noqa: F401
