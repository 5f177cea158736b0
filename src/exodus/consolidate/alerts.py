"""Alerts in the manner of OCHA's HDX Signals: calendar periods whose flow exceeds a threshold.

For one corridor's timeline (:func:`exodus.consolidate.timeline.build_timeline`), every ISO
calendar week (``2022-W39``), month (``2022-09``) and quarter (``2022-Q3``) that the timeline
touches gets its flow: the sum of the daily estimates of its days (low and high likewise).  Where
the timeline is built from totals this equals the difference of the cumulative estimates at the
period's ends; days without a daily estimate add nothing, so the jump of a total whose start is
unknown is not attributed to any period (when those people moved is not known).  A period is
listed when its flow is strictly greater than its threshold (defaults: 5,000 a week, 25,000 a
month, 100,000 a quarter), with the claims behind its days.  Periods only partly covered by the
timeline count the days it has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from exodus.consolidate.timeline import TimelinePoint

DEFAULT_THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {"week": 5000, "month": 25000, "quarter": 100000}
)
PERIODS = ("week", "month", "quarter")


@dataclass(frozen=True)
class Alert:
    """A calendar period whose flow on a corridor exceeds its threshold."""

    period: str  # week, month or quarter
    label: str  # 2022-W39, 2022-09, 2022-Q3
    start: date
    end: date
    flow: float
    low: float
    high: float
    threshold: float
    claim_ids: tuple[str, ...]
    corridor: tuple[str | None, str | None] | None = None


def period_of(day: date, period: str) -> tuple[str, date, date]:
    """``(label, first day, last day)`` of the calendar ``period`` holding ``day``."""
    if period == "week":
        year, week, weekday = day.isocalendar()
        start = day - timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", start, start + timedelta(days=6)
    if period == "month":
        start = day.replace(day=1)
        after = (start + timedelta(days=32)).replace(day=1)
        return f"{day.year}-{day.month:02d}", start, after - timedelta(days=1)
    if period == "quarter":
        q = (day.month - 1) // 3
        start = date(day.year, 3 * q + 1, 1)
        after = date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return f"{day.year}-Q{q + 1}", start, after - timedelta(days=1)
    raise ValueError(f"unknown period {period!r}: expected one of {', '.join(PERIODS)}")


def alerts(
    timeline: Sequence[TimelinePoint],
    thresholds: Mapping[str, float] = DEFAULT_THRESHOLDS,
    corridor: tuple[str | None, str | None] | None = None,
) -> list[Alert]:
    """Weeks, months and quarters of ``timeline`` whose flow exceeds ``thresholds[period]``.

    ``thresholds`` may name any of ``week``, ``month`` and ``quarter`` (others raise ValueError);
    periods it leaves out are not checked.  ``corridor`` is copied onto each alert.  Alerts come
    sorted by start day, then week before month before quarter.
    """
    for name in thresholds:
        if name not in PERIODS:
            raise ValueError(f"unknown period {name!r}: expected one of {', '.join(PERIODS)}")
    sums: dict[tuple[str, str, date, date], list[float]] = {}
    ids: dict[tuple[str, str, date, date], set[str]] = {}
    for point in timeline:
        for period in PERIODS:
            if period not in thresholds:
                continue
            key = (period, *period_of(point.date, period))
            total = sums.setdefault(key, [0.0, 0.0, 0.0])
            if point.daily is None:
                ids.setdefault(key, set())
                continue
            total[0] += point.daily
            total[1] += point.daily if point.daily_low is None else point.daily_low
            total[2] += point.daily if point.daily_high is None else point.daily_high
            ids.setdefault(key, set()).update(point.claim_ids)
    out = []
    for key, (flow, low, high) in sums.items():
        period, label, start, end = key
        threshold = float(thresholds[period])
        if round(flow, 6) > threshold:
            out.append(
                Alert(
                    period,
                    label,
                    start,
                    end,
                    flow,
                    low,
                    high,
                    threshold,
                    tuple(sorted(ids[key])),
                    corridor,
                )
            )
    return sorted(out, key=lambda a: (a.start, PERIODS.index(a.period)))
