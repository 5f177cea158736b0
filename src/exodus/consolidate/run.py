"""Consolidate what the store holds: near-duplicates, claims, conflicts, corridor series, alerts.

:func:`consolidate_store` is the one place consolidation meets storage: it reads the stored
documents and facts through the :class:`~exodus.store.Store` it is given and hands them to
:func:`consolidate`, which is pure (the same texts and facts give the same result anywhere).

Steps (each documented in its own module and in ``docs/consolidation.md``):

1. near-duplicate documents among the cleaned texts (:func:`~.neardup.match_duplicates`);
2. claims from the facts, the copies' facts left out (:func:`~.claims.build_claims`);
3. conflicting claims (:func:`~.conflicts.find_conflicts`);
4. per corridor (every ``(origin, destination)`` a claim names, an unknown end included as its
   own corridor): the daily flow timeline (:func:`~.timeline.build_timeline`), the stock series
   (:func:`~.timeline.stock_series`) and the alerts (:func:`~.alerts.alerts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from exodus.consolidate.alerts import DEFAULT_THRESHOLDS, alerts
from exodus.consolidate.claims import Claim, build_claims
from exodus.consolidate.conflicts import find_conflicts
from exodus.consolidate.neardup import Duplicate, match_duplicates
from exodus.consolidate.records import Consolidation, Corridor, Country, Latest
from exodus.consolidate.timeline import build_timeline, stock_series
from exodus.models import ClaimPin, StoredText

if TYPE_CHECKING:
    from exodus.store import Store

CountryLookup = Callable[[str], Country | None]


def consolidate_store(
    store: Store,
    *,
    thresholds: Mapping[str, float] | None = None,
    countries: CountryLookup | None = None,
) -> Consolidation:
    """Consolidate every document and fact in ``store``.

    ``thresholds`` overrides the alert thresholds (:data:`~.alerts.DEFAULT_THRESHOLDS`: 5,000 a
    week, 25,000 a month, 100,000 a quarter) period by period.  ``countries`` names a country
    from its alpha-2 code when no stored fact carries its country record (default: the
    gazetteer, loaded only when needed).
    """
    return consolidate(
        store.documents_for_consolidation(),
        store.facts(),
        thresholds=thresholds,
        countries=countries or gazetteer_country,
        pins=store.claim_pins(),
    )


def gazetteer_country(code: str) -> Country | None:
    """The :class:`Country` of an alpha-2 code, from the gazetteer."""
    from exodus.resources import load_gazetteer

    place = load_gazetteer().country(code)
    return Country(place.country, place.iso3, place.name) if place else None


def consolidate(
    texts: Sequence[StoredText],
    facts: Sequence[Mapping[str, Any]],
    *,
    thresholds: Mapping[str, float] | None = None,
    countries: CountryLookup | None = None,
    pins: Mapping[str, ClaimPin] | None = None,
    duplicates: Sequence[Duplicate] | None = None,
) -> Consolidation:
    """Consolidate stored documents and their facts (FACTS.md dicts); see the module docstring.

    Facts name their document by its source; when a source was stored more than once, the
    last stored text stands for it in the near-duplicate search.  ``pins`` are reviewers'
    split and merge decisions (:func:`~.claims.build_claims`).  ``duplicates`` may pass the
    near-duplicates of these same ``texts`` when they are known already (they depend on the
    texts alone), to skip that search.
    """
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    by_source = {t.source: t for t in texts}  # the last stored version of a source wins
    if duplicates is None:
        duplicates = find_copies(texts)
    urls = {t.source: t.url for t in by_source.values() if t.url}
    with_urls = [
        {**f, "url": urls[f["document"]]} if f["document"] in urls and not f.get("url") else f
        for f in facts
    ]
    claims = build_claims(with_urls, {d.key: d.original for d in duplicates}, pins)
    conflicts = find_conflicts(claims)
    known = _countries_of(facts)
    corridors = [
        _corridor(key, group, limits, known, countries)
        for key, group in _by_corridor(claims).items()
    ]
    corridors.sort(
        key=lambda c: (-c.reports, -c.claims, c.origin.label() == "?", c.label(), c.key[1] or "")
    )
    return Consolidation(
        duplicates=tuple(duplicates),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        corridors=tuple(corridors),
        thresholds=limits,
        facts=len(facts),
        counted=sum(len(c.reports) for c in claims),
    )


def find_copies(texts: Sequence[StoredText]) -> list[Duplicate]:
    """The near-duplicates among stored texts, the last stored version of each source standing
    for it (what :func:`consolidate` does first)."""
    by_source = {t.source: t for t in texts}
    return match_duplicates([(t.source, t.text, t.published) for t in by_source.values()])


def _by_corridor(claims: Iterable[Claim]) -> dict[tuple[str | None, str | None], list[Claim]]:
    groups: dict[tuple[str | None, str | None], list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.corridor, []).append(c)
    return groups


def _countries_of(facts: Iterable[Mapping[str, Any]]) -> dict[str, Country]:
    """alpha-2 -> Country from the country records stored on the facts' origins and destinations."""
    found: dict[str, Country] = {}
    for f in facts:
        for end in (f.get("origin"), f.get("destination")):
            if not isinstance(end, Mapping) or not end.get("country"):
                continue
            if end.get("kind", "country") != "country" or not end.get("iso3"):
                continue
            code = str(end["country"]).upper()
            found.setdefault(code, Country(code, str(end["iso3"]), end.get("name")))
    return found


def _country(
    code: str | None, known: Mapping[str, Country], countries: CountryLookup | None
) -> Country:
    if code is None:
        return Country(None)
    if code in known:
        return known[code]
    found = countries(code) if countries else None
    return found if found is not None else Country(code)


def _span(claim: Claim) -> tuple[date | None, date | None]:
    published = next((r.published for r in claim.reports if r.published), None)
    first = claim.period_start or claim.period_end or published
    last = claim.period_end or claim.period_start or published
    return first, last


def _corridor(
    key: tuple[str | None, str | None],
    group: Sequence[Claim],
    thresholds: Mapping[str, float],
    known: Mapping[str, Country],
    countries: CountryLookup | None,
) -> Corridor:
    origin, destination = key
    timeline = build_timeline(group, origin, destination)
    spans = [_span(c) for c in group]
    firsts = [a for a, _b in spans if a is not None]
    lasts = [b for _a, b in spans if b is not None]
    end = timeline[-1] if timeline else None
    return Corridor(
        origin=_country(origin, known, countries),
        destination=_country(destination, known, countries),
        claims=len(group),
        reports=sum(len(c.reports) for c in group),
        first=min(firsts, default=None),
        last=max(lasts, default=None),
        latest=Latest(end.date, end.cumulative, end.low, end.high, end.claim_ids) if end else None,
        timeline=tuple(timeline),
        stocks=tuple(stock_series(group, origin, destination)),
        alerts=tuple(alerts(timeline, thresholds, corridor=key)),
    )
