"""What a consolidation run returns: typed records, and their JSON shapes for the CLI and the API.

:class:`Consolidation` holds the near-duplicate documents, the claims, the conflicting pairs and
one :class:`Corridor` per (origin, destination) with its timeline, stock series and alerts.
``to_dict`` methods give plain JSON types (dates as ISO strings) in the shapes documented in
``docs/consolidation.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from exodus.consolidate.alerts import PERIODS, Alert
from exodus.consolidate.claims import Claim, Report
from exodus.consolidate.neardup import Duplicate
from exodus.consolidate.timeline import StockPoint, TimelinePoint


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 2)


@dataclass(frozen=True)
class Country:
    """One end of a corridor: ISO 3166-1 alpha-2 and alpha-3 codes and the English name.

    All three are None when the end is not known (departures with no destination given).
    """

    country: str | None
    iso3: str | None = None
    name: str | None = None

    def matches(self, text: str) -> bool:
        """Whether ``text`` names this country: its alpha-2, alpha-3 or name (any case);
        ``?`` or ``-`` name the unknown end."""
        t = text.strip().casefold()
        if self.country is None:
            return t in ("?", "-", "none", "unknown")
        return t in {x.casefold() for x in (self.country, self.iso3, self.name) if x}

    def label(self) -> str:
        return self.country or "?"

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "iso3": self.iso3, "name": self.name}


@dataclass(frozen=True)
class Latest:
    """The last point of a corridor's flow timeline: cumulative estimate and its envelope."""

    date: date
    cumulative: float
    low: float
    high: float
    claim_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": _iso(self.date),
            "cumulative": _num(self.cumulative),
            "low": _num(self.low),
            "high": _num(self.high),
            "claims": list(self.claim_ids),
        }


@dataclass(frozen=True)
class Corridor:
    """Everything known about one corridor: counts, dates, the flow timeline, stocks, alerts.

    ``first`` is the earliest day any of its claims speaks of (period start, else period end,
    else the first report's publication date); ``last`` the latest such end.  ``latest`` is None
    when the corridor has no dated flow claim (stocks only, or queues).
    """

    origin: Country
    destination: Country
    claims: int
    reports: int
    first: date | None
    last: date | None
    latest: Latest | None
    timeline: tuple[TimelinePoint, ...] = ()
    stocks: tuple[StockPoint, ...] = ()
    alerts: tuple[Alert, ...] = ()

    @property
    def key(self) -> tuple[str | None, str | None]:
        """``(origin alpha-2, destination alpha-2)``, as on :class:`Claim`."""
        return (self.origin.country, self.destination.country)

    def label(self) -> str:
        return f"{self.origin.label()} → {self.destination.label()}"

    def point_on(self, day: date) -> TimelinePoint | None:
        """The timeline point of ``day``, or of the last day before it: after the last data
        point the cumulative count is held, never extended.  None before the first point."""
        found = None
        for point in self.timeline:
            if point.date > day:
                break
            found = point
        return found

    def reported_on(self, day: date) -> TimelinePoint | None:
        """The last anchor point (a day a total ends) on or before ``day``: the cumulative count
        as the latest totals state it, without the straight line drawn between two totals."""
        found = None
        for point in self.timeline:
            if point.date > day:
                break
            if point.basis == "anchor":
                found = point
        return found

    def to_dict(self) -> dict[str, Any]:
        """The summary shape of ``exodus corridors --format json`` (no series)."""
        return {
            "origin": self.origin.to_dict(),
            "destination": self.destination.to_dict(),
            "latest": self.latest.to_dict() if self.latest else None,
            "claims": self.claims,
            "reports": self.reports,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "alerts": len(self.alerts),
        }

    def timeline_dict(self) -> dict[str, Any]:
        """The shape of ``exodus timeline --format json``: summary, daily points and stocks."""
        return {
            **self.to_dict(),
            "points": [point_dict(p) for p in self.timeline],
            "stocks": [stock_dict(s) for s in self.stocks],
        }


@dataclass(frozen=True)
class Consolidation:
    """The result of :func:`exodus.consolidate.run.consolidate_store`.

    ``facts`` is how many stored facts were read, ``counted`` how many of them are reports of a
    claim (the rest came from near-duplicate documents).
    """

    duplicates: tuple[Duplicate, ...]
    claims: tuple[Claim, ...]
    conflicts: tuple[tuple[str, str], ...]
    corridors: tuple[Corridor, ...]
    thresholds: Mapping[str, float]
    facts: int = 0
    counted: int = 0

    @cached_property
    def _rivals(self) -> dict[str, tuple[str, ...]]:
        rivals: dict[str, list[str]] = {}
        for a, b in self.conflicts:
            rivals.setdefault(a, []).append(b)
            rivals.setdefault(b, []).append(a)
        return {k: tuple(sorted(v)) for k, v in rivals.items()}

    @property
    def alerts(self) -> tuple[Alert, ...]:
        """The alerts of every corridor, by start day, then week, month, quarter, then corridor."""
        every = [(a, i) for i, c in enumerate(self.corridors) for a in c.alerts]
        every.sort(key=lambda ai: (ai[0].start, PERIODS.index(ai[0].period), ai[1]))
        return tuple(a for a, _i in every)

    def conflicts_of(self, claim_id: str) -> tuple[str, ...]:
        """Ids of the claims that disagree with this one."""
        return self._rivals.get(claim_id, ())

    def corridor(self, origin: str, destination: str) -> Corridor | None:
        """The corridor whose ends match ``origin`` and ``destination`` (:meth:`Country.matches`)."""
        for c in self.corridors:
            if c.origin.matches(origin) and c.destination.matches(destination):
                return c
        return None

    def claims_for(self, origin: str | None = None, destination: str | None = None) -> list[Claim]:
        """Claims of the corridors matching the given ends (None matches any)."""
        keys = {
            c.key
            for c in self.corridors
            if (origin is None or c.origin.matches(origin))
            and (destination is None or c.destination.matches(destination))
        }
        return [c for c in self.claims if c.corridor in keys]

    def country(self, code: str | None) -> Country:
        """The :class:`Country` of an alpha-2 code as the corridors name it."""
        for c in self.corridors:
            for end in (c.origin, c.destination):
                if end.country == code:
                    return end
        return Country(code)

    def claim_dict(self, claim: Claim) -> dict[str, Any]:
        """One claim with its reports and the reason each was merged, conflicts marked."""
        rivals = self.conflicts_of(claim.id)
        return {
            "id": claim.id,
            "origin": self.country(claim.origin).to_dict(),
            "destination": self.country(claim.destination).to_dict(),
            "measure": claim.measure,
            "rate": claim.rate,
            "unit": claim.unit,
            "modality": claim.modality,
            "value": _num(claim.value),
            "low": _num(claim.low),
            "high": _num(claim.high),
            "implied_low": _num(claim.implied_low),
            "implied_high": _num(claim.implied_high),
            "period_start": _iso(claim.period_start),
            "period_end": _iso(claim.period_end),
            "original_source": claim.original_source,
            "place": claim.place,
            "conflicting": bool(rivals),
            "conflicts_with": list(rivals),
            "copies": list(claim.copies),
            "reports": [
                report_dict(r, why)
                for r, why in zip(claim.reports, claim.merge_reasons, strict=True)
            ],
        }

    def alert_dict(self, alert: Alert) -> dict[str, Any]:
        origin, destination = alert.corridor or (None, None)
        return {
            "origin": self.country(origin).to_dict(),
            "destination": self.country(destination).to_dict(),
            "period": alert.period,
            "label": alert.label,
            "start": _iso(alert.start),
            "end": _iso(alert.end),
            "flow": _num(alert.flow),
            "low": _num(alert.low),
            "high": _num(alert.high),
            "threshold": _num(alert.threshold),
            "claims": list(alert.claim_ids),
        }


def report_dict(report: Report, merge_reason: str) -> dict[str, Any]:
    """One report of a claim: who published what, when, and why it joined the claim."""
    return {
        "document": report.document,
        "outlet": report.outlet,
        "published": _iso(report.published),
        "sentence": report.sentence,
        "cue": report.cue,
        "speaker": report.speaker,
        "speaker_via": report.speaker_via,
        "value": _num(report.value),
        "low": _num(report.low),
        "high": _num(report.high),
        "qualifier": report.qualifier,
        "period_start": _iso(report.period_start),
        "period_end": _iso(report.period_end),
        "start": report.start,
        "end": report.end,
        "fact_uid": report.fact_uid,
        "merge_reason": merge_reason,
    }


def point_dict(p: TimelinePoint) -> dict[str, Any]:
    return {
        "date": _iso(p.date),
        "daily": _num(p.daily),
        "daily_low": _num(p.daily_low),
        "daily_high": _num(p.daily_high),
        "cumulative": _num(p.cumulative),
        "low": _num(p.low),
        "high": _num(p.high),
        "basis": p.basis,
        "claims": list(p.claim_ids),
    }


def stock_dict(s: StockPoint) -> dict[str, Any]:
    return {
        "date": _iso(s.date),
        "value": _num(s.value),
        "low": _num(s.low),
        "high": _num(s.high),
        "claims": list(s.claim_ids),
    }
