"""Where things live and how long leases last: settings read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "reviewer-app"
ORG_NAME = "ReviewerWorkstation"


def data_dir() -> Path:
    """The user's data directory (``REVIEWER_APP_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("REVIEWER_APP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    """The embedded SQLite database in the user's data directory."""
    return f"sqlite:///{data_dir() / 'reviewer.sqlite3'}"


def demo_db_url() -> str:
    """The demo database, kept apart from the user's real one."""
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run of the app."""

    db_url: str
    lease_minutes: int = 15
    idle_seconds: int = 120
    at_risk_hours: float = 4.0
    hold_hours: float = 8.0  # how long "hold for help" and a hand-off keep the case

    @property
    def is_embedded(self) -> bool:
        """True for the local SQLite database (migrated automatically at launch)."""
        return self.db_url.startswith("sqlite")


def load_config(db_url: str | None = None) -> Config:
    """Build the config from arguments, then environment, then defaults."""
    url = db_url or os.environ.get("REVIEWER_APP_DB") or default_db_url()
    lease = int(os.environ.get("REVIEWER_APP_LEASE_MINUTES", "15"))
    idle = int(os.environ.get("REVIEWER_APP_IDLE_SECONDS", "120"))
    hold = float(os.environ.get("REVIEWER_APP_HOLD_HOURS", "8"))
    return Config(db_url=url, lease_minutes=lease, idle_seconds=idle, hold_hours=hold)
