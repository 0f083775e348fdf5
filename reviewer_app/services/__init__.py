"""Use cases the UI and CLI call: queue, review, guidance, users, catalog, demo."""
