"""Corridor timelines: from claims (daily rates and cumulative totals) to a daily series.

Method (flows only; stocks are a separate series, :func:`stock_series`):

* **Input.**  Claims of the corridor with measure ``flow``, the unit asked for (``people``),
  modality ``reported`` (forecasts and evacuation orders are not movements) and a ``period_end``.
  Every estimate is a triple (estimate, low, high) taken from the claim's ``value``, ``low`` and
  ``high``.
* **Rates.**  ``per_day`` applies its value to each day of its period (``period_start`` to
  ``period_end``, or the end day alone); ``per_week`` and ``per_month`` apply value/7 and value/30
  to each of the 7 or 30 days ending ``period_end`` (or to their stated period).
* **Days.**  The series runs from the first day any claim speaks of (a total's start, a rate's
  first day, or the end day of a total whose start is unknown) to the last ``period_end``; there
  is no point after the last data point.  ``C(d)`` is the cumulative count through day ``d``;
  ``C`` is 0 the day before the first day.
* **Totals with a start are anchored at their start**: a total ``V`` over ``[S, E]`` says
  ``C(E) = C(S-1) + V``.  A total whose start is unknown says ``C(E) = V`` and contributes only on
  its end day.
* **Segments.**  The end days of totals cut the series into segments ``(P, N]``.  A day is
  *covered* when a total with a known start spans it; in a segment the covered days are a suffix
  ``[S', N]`` (every total spanning a day of the segment ends at ``N`` or later).  Uncovered days
  take the daily rates that apply to them (several: see *conflicts*); a day with neither a rate nor
  a covering total has no daily estimate and adds nothing to ``C`` (``C`` is then a floor until
  the next total).  Daily rates never override a covering total.  On covered days ``C`` goes in a
  straight line from ``C(S'-1)`` to ``C(N)``: each gets ``(C(N) - C(S'-1)) / (N - S' + 1)``, the
  same for low and high.  This is the only interpolation, and it is between two data points.
* **Anchors.**  ``C(N)`` combines the totals ending on ``N``.  A total whose start falls inside
  the covered suffix takes ``C(S-1)`` from the straight line through the other totals (one pass).
* **Conflicts widen, never average.**  Several estimates for one day (totals ending on the same day,
  rates for the same day) give: low = the lowest low, high = the highest high, estimate = the
  estimate of the best-supported claim (most reports; among ties, the lower median).  ``C`` never
  decreases: a total below what is already counted raises nothing and lowers only the low bound.
* **Bounds never fall.**  Like ``C``, the low and high bounds are carried forward: a claim that
  "at least 80,000" had crossed by one day still bounds every later day from above.
* **Traceability.**  Each point lists the claims behind it: the totals of its segment's anchor on
  covered days and anchor days, the rates on rate days; ``basis`` says which case applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from exodus.consolidate.claims import Claim

RATE_DAYS = {"per_day": 1, "per_week": 7, "per_month": 30}
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class TimelinePoint:
    """One day of a corridor: the flow that day (None when unknown) and the cumulative count.

    ``low``/``high`` bound the cumulative count; ``daily_low``/``daily_high`` bound the daily flow.
    ``basis`` is ``total`` (spread between two cumulative points), ``anchor`` (a total ends here),
    ``rate`` (a daily rate applies) or ``none`` (no information: the cumulative count carries over).
    """

    date: date
    daily: float | None
    cumulative: float
    low: float
    high: float
    claim_ids: tuple[str, ...]
    daily_low: float | None = None
    daily_high: float | None = None
    basis: str = "none"


@dataclass(frozen=True)
class StockPoint:
    """People present at a date (``period_end`` of stock claims), combined like timeline points."""

    date: date
    value: float
    low: float
    high: float
    claim_ids: tuple[str, ...]


class Est(NamedTuple):
    """An estimate with its bounds."""

    est: float
    lo: float
    hi: float

    def plus(self, other: Est) -> Est:
        """The sum, bound by bound."""
        return Est(self.est + other.est, self.lo + other.lo, self.hi + other.hi)

    def lifted(self, floor: float) -> Est:
        """The estimate raised to at least ``floor``, bounds widened to hold it."""
        est = max(self.est, floor)
        return Est(est, min(self.lo, est), max(self.hi, est))


ZERO = Est(0.0, 0.0, 0.0)


def _of(c: Claim, divisor: float = 1.0) -> Est:
    return Est(c.value / divisor, min(c.low, c.value) / divisor, max(c.high, c.value) / divisor)


def combine(items: Sequence[tuple[Est, Claim]]) -> tuple[Est, tuple[str, ...]]:
    """Estimates of one quantity from several claims: envelope widened, best-supported estimate."""
    most = max(len(c.reports) for _e, c in items)
    best = sorted(e.est for e, c in items if len(c.reports) == most)
    est = best[(len(best) - 1) // 2]
    lo = min(min(e.lo for e, _c in items), est)
    hi = max(max(e.hi for e, _c in items), est)
    return Est(est, lo, hi), tuple(sorted({c.id for _e, c in items}))


def _days(first: date, last: date) -> Iterable[date]:
    d = first
    while d <= last:
        yield d
        d += ONE_DAY


def _select(
    claims: Iterable[Claim], origin: str | None, destination: str | None, measure: str, unit: str
) -> list[Claim]:
    chosen = [
        c
        for c in claims
        if c.origin == origin
        and c.destination == destination
        and c.measure == measure
        and c.unit == unit
        and c.modality == "reported"
        and c.period_end is not None
    ]
    # a start after the end is a misread: such a total is treated as one whose start is unknown
    return [
        replace(c, period_start=None)
        if c.period_start and c.period_end and c.period_start > c.period_end
        else c
        for c in chosen
    ]


class _Builder:
    """Sweeps the segments of one corridor; ``cum`` holds C(d) for every day done so far."""

    def __init__(self, totals: list[Claim], rates: list[Claim]) -> None:
        self.totals = totals
        self.rate_days: dict[date, list[tuple[Est, Claim]]] = {}
        for c in rates:
            k = RATE_DAYS[c.rate]
            assert c.period_end is not None
            first = c.period_start or c.period_end - (k - 1) * ONE_DAY
            for d in _days(first, c.period_end):
                self.rate_days.setdefault(d, []).append((_of(c, k), c))
        self.cum: dict[date, Est] = {}
        self.points: list[TimelinePoint] = []

    def _uncovered(self, d: date, anchor: list[tuple[Est, Claim]] | None = None) -> None:
        prev = self.cum[d - ONE_DAY]
        rates = self.rate_days.get(d)
        daily, ids = combine(rates) if rates else (None, ())
        run = prev.plus(daily) if daily else prev
        basis = "rate" if daily else "none"
        if anchor:
            target, anchor_ids = combine(anchor)
            run = target.lifted(prev.est)
            ids, basis = tuple(sorted({*ids, *anchor_ids})), "anchor"
        self.cum[d] = run
        self.points.append(
            TimelinePoint(
                d,
                daily.est if daily else None,
                run.est,
                run.lo,
                run.hi,
                ids,
                daily.lo if daily else None,
                daily.hi if daily else None,
                basis,
            )
        )

    def _spread(self, start: date, end: date, target: Est) -> dict[date, Est]:
        base = self.cum[start - ONE_DAY]
        target = target.lifted(base.est)
        n = (end - start).days + 1
        return {
            d: Est(*(b + (t - b) * (i + 1) / n for b, t in zip(base, target, strict=True)))
            for i, d in enumerate(_days(start, end))
        }

    def segment(self, prev: date, end: date, ending: list[Claim]) -> None:
        """Fill the days ``(prev, end]``; ``ending`` are the totals whose period ends on ``end``."""
        starts = [
            c.period_start
            for c in self.totals
            if c.period_start is not None and c.period_start <= end <= (c.period_end or end)
        ]
        first_covered = max(prev + ONE_DAY, min(starts)) if starts else end + ONE_DAY
        startless = [(_of(c), c) for c in ending if c.period_start is None]
        for d in _days(prev + ONE_DAY, first_covered - ONE_DAY):
            self._uncovered(d, startless if d == end else None)
        if first_covered > end:
            return
        base = self.cum[first_covered - ONE_DAY]
        known = [
            (self.cum[c.period_start - ONE_DAY].plus(_of(c)), c)
            for c in ending
            if c.period_start is not None and c.period_start <= first_covered
        ]
        inner = [c for c in ending if c.period_start is not None and c.period_start > first_covered]
        # a total starting inside the covered days takes C(S-1) from the line through the others
        # (flat when there are none)
        target = combine(known + startless)[0] if known or startless else base
        if inner:
            line = self._spread(first_covered, end, target)
            extra = [
                (line[c.period_start - ONE_DAY].plus(_of(c)), c) for c in inner if c.period_start
            ]
            target = combine(known + startless + extra)[0]
        ids = tuple(sorted(c.id for c in ending))
        for d, value in self._spread(first_covered, end, target).items():
            last = self.cum[d - ONE_DAY]
            step = Est(*(max(v - p, 0.0) for v, p in zip(value, last, strict=True)))
            # a narrower envelope after a wide one can shrink a bound's step below the estimate's:
            # the daily bounds are widened to hold the daily estimate
            daily = Est(step.est, min(step.lo, step.est), max(step.hi, step.est))
            self.cum[d] = value
            self.points.append(
                TimelinePoint(
                    d,
                    daily.est,
                    value.est,
                    value.lo,
                    value.hi,
                    ids,
                    daily.lo,
                    daily.hi,
                    "anchor" if d == end else "total",
                )
            )


def build_timeline(
    claims: Iterable[Claim], origin: str | None, destination: str | None, unit: str = "people"
) -> list[TimelinePoint]:
    """The daily flow series of the corridor ``origin`` -> ``destination`` (ISO alpha-2 codes).

    An end given as None selects the claims that leave it unknown (its own corridor, not a sum
    over all).

    See the module docstring for the method.  Returns one point per day from the first to the last
    day any flow claim speaks of; an empty list when there is none.
    """
    flows = _select(claims, origin, destination, "flow", unit)
    totals = sorted((c for c in flows if c.rate == "total"), key=lambda c: c.id)
    rates = sorted((c for c in flows if c.rate in RATE_DAYS), key=lambda c: c.id)
    if not totals and not rates:
        return []
    builder = _Builder(totals, rates)
    firsts = [c.period_start or c.period_end for c in totals]
    firsts.extend(builder.rate_days)
    first = min(d for d in firsts if d is not None)
    last = max(c.period_end for c in (*totals, *rates) if c.period_end is not None)
    builder.cum[first - ONE_DAY] = ZERO
    ends: dict[date, list[Claim]] = {}
    for c in totals:
        assert c.period_end is not None
        ends.setdefault(c.period_end, []).append(c)
    prev = first - ONE_DAY
    for end in sorted(ends):
        builder.segment(prev, end, ends[end])
        prev = end
    if last > prev:
        builder.segment(prev, last, [])
    return _monotone_bounds(builder.points)


def _monotone_bounds(points: list[TimelinePoint]) -> list[TimelinePoint]:
    """A cumulative count never falls, so neither may its bounds: a claim that "at least 80,000"
    had crossed by Sept 27 still bounds the count from above-or-equal on every later day."""
    out: list[TimelinePoint] = []
    low = high = 0.0
    for p in points:
        low, high = max(low, p.low), max(high, p.high)
        low = min(low, p.cumulative)
        out.append(p if (p.low, p.high) == (low, high) else replace(p, low=low, high=high))
    return out


def stock_series(
    claims: Iterable[Claim], origin: str | None, destination: str | None, unit: str = "people"
) -> list[StockPoint]:
    """People present: one point per ``period_end`` ("as of" day) of the corridor's stock claims.

    ``origin`` may be None for stocks whose origin is not stated.  Claims on one day combine like
    timeline anchors (envelope widened, best-supported estimate); nothing is interpolated.
    """
    by_day: dict[date, list[tuple[Est, Claim]]] = {}
    for c in _select(claims, origin, destination, "stock", unit):
        assert c.period_end is not None
        by_day.setdefault(c.period_end, []).append((_of(c), c))
    out = []
    for day in sorted(by_day):
        value, ids = combine(by_day[day])
        out.append(StockPoint(day, value.est, value.lo, value.hi, ids))
    return out
