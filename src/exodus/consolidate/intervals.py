"""The interval of true values a stated figure is compatible with, given its qualifier and how
round it is: ``exact`` N is ``[N(1-r), N(1+r)]`` where ``r`` follows how round N is (5% for one
significant digit, 1% for two, 0.5% for three, 0.1% for more); ``about`` ``[0.9N, 1.1N]``;
``nearly`` ``[0.9N, N]``; ``more_than``/``at_least`` ``[N, 1.2N]``; ``less_than``/``up_to``
``[0.8N, N]``; ``range`` and ``vague`` ``[low, high]``.  Claims merge figures whose intervals
overlap; conflicts are claims whose intervals do not.
"""

from __future__ import annotations

import math
from decimal import Decimal

ROUNDING = {1: 0.05, 2: 0.01, 3: 0.005}  # significant digits -> relative tolerance
FINE_ROUNDING = 0.001
_EPS = 1e-9


def significant_digits(value: float) -> int:
    """Significant digits of a figure as written: 100000 -> 1, 98000 -> 2, 1.5 -> 2."""
    if value == 0 or not math.isfinite(value):
        return 1
    return len(Decimal(repr(float(abs(value)))).normalize().as_tuple().digits)


def rounding_tolerance(value: float) -> float:
    """Relative tolerance of an exact figure: the rounder, the wider."""
    return ROUNDING.get(significant_digits(value), FINE_ROUNDING)


def implied_interval(
    qualifier: str, value: float, low: float | None = None, high: float | None = None
) -> tuple[float, float]:
    """The interval of true values a stated figure is compatible with (see module docstring)."""
    if qualifier == "about":
        return (0.9 * value, 1.1 * value)
    if qualifier == "nearly":
        n = high if high is not None else value
        return (0.9 * n, n)
    if qualifier in ("more_than", "at_least"):
        n = low if low is not None else value
        return (n, 1.2 * n)
    if qualifier in ("less_than", "up_to"):
        n = high if high is not None else value
        return (0.8 * n, n)
    if qualifier in ("range", "vague"):
        lo = low if low is not None else value
        return (lo, high if high is not None else max(lo, value))
    r = rounding_tolerance(value)
    return (value * (1 - r), value * (1 + r))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two closed intervals share a point (with a hair of float tolerance)."""
    tol = _EPS * max(1.0, abs(a[1]), abs(b[1]))
    return a[0] <= b[1] + tol and b[0] <= a[1] + tol
