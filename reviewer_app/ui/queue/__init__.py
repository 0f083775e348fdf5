"""Queue table: paged model, view, filter bar and counts."""
