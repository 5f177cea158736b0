"""Tables of claims, reports, corridors, timelines, stocks and alerts as typed columns.

Each table is a tuple of :class:`Column` (name and kind) and a function returning its records
(plain dicts keyed by column name, dates as :class:`datetime.date`).  :mod:`.frames` turns them
into pandas DataFrames and :mod:`.exports` into Parquet with the same column types; kinds are
``str``, ``date``, ``float``, ``int``, ``bool`` and ``list`` (of strings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from exodus.consolidate.records import Corridor
from exodus.serve.dataset import NO_FILTERS, Dataset, Filters
from exodus.serve.figures import COLUMNS as FIGURE_COLUMNS
from exodus.serve.figures import host_of


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, date, float, int, bool, list


def _cols(spec: str) -> tuple[Column, ...]:
    """``"name:kind name:kind ..."`` -> columns (kind ``str`` when left out)."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append(Column(name, kind or "str"))
    return tuple(out)


_FIGURE_KINDS = {
    **dict.fromkeys(("period_start", "period_end", "published"), "date"),
    **dict.fromkeys(
        ("value", "people", "low", "high", "place_lat", "place_lon", "confidence"), "float"
    ),
    **dict.fromkeys(("start", "end", "raw_start", "raw_end", "cue_start", "cue_end"), "int"),
    "published_inferred": "bool",
    "conflicts_with": "list",
}
FIGURES = tuple(Column(name, _FIGURE_KINDS.get(name, "str")) for name in FIGURE_COLUMNS)

_END = "iso3 iso2 country"
CLAIMS = _cols(
    "claim_id "
    + " ".join(f"origin_{x}" for x in _END.split())
    + " "
    + " ".join(f"destination_{x}" for x in _END.split())
    + " measure rate unit modality value:float low:float high:float implied_low:float"
    " implied_high:float period_start:date period_end:date first_published:date"
    " last_published:date original_source place reports:int documents:list outlets:list"
    " fact_ids:list copies:list conflicting:bool conflicts_with:list"
)
REPORTS = _cols(
    "claim_id fact_id document outlet published:date speaker speaker_via value:float low:float"
    " high:float qualifier period_start:date period_end:date excerpt cue start:int end:int"
    " merge_reason"
)
CORRIDORS = _cols(
    " ".join(f"origin_{x}" for x in _END.split())
    + " "
    + " ".join(f"destination_{x}" for x in _END.split())
    + " latest_date:date cumulative:float low:float high:float claims:int reports:int"
    " first:date last:date alerts:int latest_claims:list"
)
TIMELINE = _cols(
    "origin_iso2 destination_iso2 date:date daily:float daily_low:float daily_high:float"
    " cumulative:float low:float high:float basis claims:list"
)
STOCKS = _cols(
    "origin_iso2 destination_iso2 date:date value:float low:float high:float claims:list"
)
ALERTS = _cols(
    "origin_iso2 destination_iso2 period label start:date end:date flow:float low:float"
    " high:float threshold:float claims:list"
)


def _ends(data: Dataset, prefix: str, code: str | None) -> dict[str, Any]:
    c = data.country(code)
    return {f"{prefix}_iso3": c.iso3, f"{prefix}_iso2": c.country, f"{prefix}_country": c.name}


def claim_records(data: Dataset, filters: Filters | None = None) -> list[dict[str, Any]]:
    """One record per claim passing ``filters`` (columns :data:`CLAIMS`)."""
    filters = filters or NO_FILTERS
    out = []
    for claim in data.consolidation.claims:
        if not data.keeps_claim(claim, filters):
            continue
        published = sorted(r.published for r in claim.reports if r.published)
        rivals = data.consolidation.conflicts_of(claim.id)
        outlets = (r.outlet or host_of(data.urls.get(r.document)) for r in claim.reports)
        out.append(
            {
                "claim_id": claim.id,
                **_ends(data, "origin", claim.origin),
                **_ends(data, "destination", claim.destination),
                "measure": claim.measure,
                "rate": claim.rate,
                "unit": claim.unit,
                "modality": claim.modality,
                "value": claim.value,
                "low": claim.low,
                "high": claim.high,
                "implied_low": claim.implied_low,
                "implied_high": claim.implied_high,
                "period_start": claim.period_start,
                "period_end": claim.period_end,
                "first_published": published[0] if published else None,
                "last_published": published[-1] if published else None,
                "original_source": claim.original_source,
                "place": claim.place,
                "reports": len(claim.reports),
                "documents": list(claim.documents),
                "outlets": sorted({o for o in outlets if o}),
                "fact_ids": [r.fact_uid for r in claim.reports if r.fact_uid],
                "copies": list(claim.copies),
                "conflicting": bool(rivals),
                "conflicts_with": list(rivals),
            }
        )
    return out


def report_records(data: Dataset, filters: Filters | None = None) -> list[dict[str, Any]]:
    """One record per report of each claim passing ``filters``, with why it was merged."""
    filters = filters or NO_FILTERS
    out = []
    for claim in data.consolidation.claims:
        if not data.keeps_claim(claim, filters):
            continue
        for r, why in zip(claim.reports, claim.merge_reasons, strict=True):
            out.append(
                {
                    "claim_id": claim.id,
                    "fact_id": r.fact_uid,
                    "document": r.document,
                    "outlet": r.outlet or host_of(data.urls.get(r.document)),
                    "published": r.published,
                    "speaker": r.speaker,
                    "speaker_via": r.speaker_via,
                    "value": r.value,
                    "low": r.low,
                    "high": r.high,
                    "qualifier": r.qualifier,
                    "period_start": r.period_start,
                    "period_end": r.period_end,
                    "excerpt": r.sentence,
                    "cue": r.cue,
                    "start": r.start,
                    "end": r.end,
                    "merge_reason": why,
                }
            )
    return out


def corridors_of(data: Dataset, filters: Filters | None = None) -> list[Corridor]:
    """The corridors whose ends pass ``filters``, busiest first (measure and days not applied)."""
    filters = filters or NO_FILTERS
    return [c for c in data.consolidation.corridors if filters.keeps_ends(c.origin, c.destination)]


def corridor_records(data: Dataset, filters: Filters | None = None) -> list[dict[str, Any]]:
    """One record per corridor (columns :data:`CORRIDORS`), busiest first."""
    out = []
    for c in corridors_of(data, filters):
        latest = c.latest
        out.append(
            {
                **_ends(data, "origin", c.origin.country),
                **_ends(data, "destination", c.destination.country),
                "latest_date": latest.date if latest else None,
                "cumulative": latest.cumulative if latest else None,
                "low": latest.low if latest else None,
                "high": latest.high if latest else None,
                "claims": c.claims,
                "reports": c.reports,
                "first": c.first,
                "last": c.last,
                "alerts": len(c.alerts),
                "latest_claims": list(latest.claim_ids) if latest else [],
            }
        )
    return out


def _in(day: date, filters: Filters) -> bool:
    return (filters.since is None or day >= filters.since) and (
        filters.until is None or day <= filters.until
    )


def timeline_records(corridor: Corridor, filters: Filters | None = None) -> list[dict[str, Any]]:
    """The daily points of a corridor's flow timeline within the filters' window."""
    filters = filters or NO_FILTERS
    o, d = corridor.key
    return [
        {
            "origin_iso2": o,
            "destination_iso2": d,
            "date": p.date,
            "daily": p.daily,
            "daily_low": p.daily_low,
            "daily_high": p.daily_high,
            "cumulative": p.cumulative,
            "low": p.low,
            "high": p.high,
            "basis": p.basis,
            "claims": list(p.claim_ids),
        }
        for p in corridor.timeline
        if _in(p.date, filters)
    ]


def stock_records(corridor: Corridor, filters: Filters | None = None) -> list[dict[str, Any]]:
    """The stock series of a corridor (people present on a day) within the filters' window."""
    filters = filters or NO_FILTERS
    o, d = corridor.key
    return [
        {
            "origin_iso2": o,
            "destination_iso2": d,
            "date": s.date,
            "value": s.value,
            "low": s.low,
            "high": s.high,
            "claims": list(s.claim_ids),
        }
        for s in corridor.stocks
        if _in(s.date, filters)
    ]


def alert_records(data: Dataset, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every alert of the corridors passing ``filters`` whose period meets the window."""
    filters = filters or NO_FILTERS
    out = []
    for c in corridors_of(data, filters):
        for a in c.alerts:
            if (filters.since and a.end < filters.since) or (
                filters.until and a.start > filters.until
            ):
                continue
            out.append(
                {
                    "origin_iso2": c.origin.country,
                    "destination_iso2": c.destination.country,
                    "period": a.period,
                    "label": a.label,
                    "start": a.start,
                    "end": a.end,
                    "flow": a.flow,
                    "low": a.low,
                    "high": a.high,
                    "threshold": a.threshold,
                    "claims": list(a.claim_ids),
                }
            )
    out.sort(
        key=lambda r: (r["start"], r["period"], r["origin_iso2"] or "", r["destination_iso2"] or "")
    )
    return out
