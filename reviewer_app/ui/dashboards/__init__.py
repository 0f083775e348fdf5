"""Charts: the reviewer's personal dashboard (pyqtgraph)."""
