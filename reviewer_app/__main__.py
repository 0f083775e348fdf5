"""Allows ``python -m reviewer_app``."""

from reviewer_app.cli import main

raise SystemExit(main())
