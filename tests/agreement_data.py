"""Known-answer data for agreement statistics, shared by the domain and command-line tests."""

from __future__ import annotations

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 raters × 12 units
# example with missing values; alpha is 0.743 (nominal) and 0.849 (interval).
RELIABILITY_RATERS = ("A", "B", "C", "D")
RELIABILITY_BY_RATER: tuple[tuple[int | None, ...], ...] = (
    (1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None),
    (1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3),
    (None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None),
    (1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None),
)
# The same as items × raters, the shape the agreement functions take.
RELIABILITY = [list(unit) for unit in zip(*RELIABILITY_BY_RATER, strict=True)]
NOMINAL_ALPHA = 0.743
INTERVAL_ALPHA = 0.849
