"""Summary statistics shared by evaluation reports, benchmarks and load tests."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile by nearest rank (a value that occurred, never interpolated); None for no values.

    Nearest rank: the smallest value with at least ``p`` percent of the values at or below it.
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]
