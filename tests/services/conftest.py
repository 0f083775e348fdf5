"""Service test set-up: a clock the tests move by hand."""

from __future__ import annotations

import pytest
from factories import ManualClock


@pytest.fixture
def clock() -> ManualClock:
    """Starts at ``factories.NOW``; services built with it see the time the test sets."""
    return ManualClock()
