"""Thin PySide6 views over the workers runner; no database access here."""
