"""Conflicts: claims about the same corridor and period that disagree.

Claims come from :func:`exodus.consolidate.claims.build_claims`; :func:`find_conflicts` pairs
those that cannot all be right (see its docstring for the rule).  Only claims whose period ends
are within the comparison slack of each other are compared, found through an index by period
end, so a large store is not compared pair by pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from exodus.consolidate.claims import Claim, _period_ok, _place_id, _slack
from exodus.consolidate.intervals import overlaps


def _periods_match(a: Claim, b: Claim, slack: int) -> bool:
    if not _period_ok(a.period_end, b.period_end, slack):
        return False
    if a.rate == "total" and a.period_start and b.period_start:
        return abs((a.period_start - b.period_start).days) <= slack
    return True


def _inside(value: float, c: Claim) -> bool:
    return overlaps((value, value), (c.implied_low, c.implied_high))


def find_conflicts(claims: Sequence[Claim]) -> list[tuple[str, str]]:
    """Pairs of claim ids that disagree.

    Two claims are compared when they share corridor, measure, unit, rate and modality, their
    places are compatible and their periods match: ``period_end`` within 2 days (or both
    unknown) and, for totals with both starts known, starts within 2 days too; the same day for
    daily rates and for stocks (a stock on another day is the next point of a series, not a
    disagreement).  They disagree when

    * their implied envelopes (``implied_low``-``implied_high``) do not overlap, or
    * they are about exactly the same period (same end, same start when both state one) and
      each one's value lies outside the other's envelope: "about 200,000" and "about 240,000"
      overlap by 10% margins but neither figure allows the other.

    Each pair is ``(smaller id, larger id)``; the list is sorted.
    """
    groups: dict[tuple[Any, ...], dict[date | None, list[Claim]]] = {}
    for c in claims:
        key = (c.origin, c.destination, c.measure, c.unit, c.rate, c.modality)
        groups.setdefault(key, {}).setdefault(c.period_end, []).append(c)
    out: set[tuple[str, str]] = set()
    for by_end in groups.values():
        # claims are compared only when their period ends are close: look up the neighbours
        for end, group in by_end.items():
            first = group[0]
            slack = 0 if first.measure == "stock" else _slack(first.rate)
            near = (
                [(end, group)]
                if end is None
                else [
                    (d, by_end[d])
                    for d in (end + timedelta(days=k) for k in range(0, slack + 1))
                    if d in by_end
                ]
            )
            for d, others in near:
                for i, a in enumerate(group):
                    for b in others[i + 1 :] if d == end else others:
                        if _disagree(a, b, slack):
                            out.add((a.id, b.id) if a.id < b.id else (b.id, a.id))
    return sorted(out)


def _disagree(a: Claim, b: Claim, slack: int) -> bool:
    if a.place and b.place and _place_id(a.place) != _place_id(b.place):
        return False
    if not _periods_match(a, b, slack):
        return False
    disjoint = not overlaps((a.implied_low, a.implied_high), (b.implied_low, b.implied_high))
    apart = _periods_match(a, b, 0) and not _inside(a.value, b) and not _inside(b.value, a)
    return disjoint or apart
